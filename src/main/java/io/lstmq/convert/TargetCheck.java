package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.model.fb.FbTable;
import io.lstmq.quant.QuantScheme;
import io.lstmq.schema.ActivationFunctionType;

/**
 * Refuses, before any work, LSTMs the scheme's runtimes cannot run (spec §5). Both integer kernels apply tanh and
 * reject diagonal recurrent weights. 16x8 models run only in TFLite Micro, whose integer LSTM is the standard
 * 24-input UNIDIRECTIONAL_SEQUENCE_LSTM. 8x8_16 models run in TFLite, which takes every other variant; whether
 * TFLite Micro also runs the result is reported after conversion ({@link io.lstmq.lstm.DeploymentDiagnosis}).
 */
final class TargetCheck {
    private TargetCheck() {}

    /** @return warnings about variants whose integer form is doubtful in TFLite */
    static List<String> check(ModelSurvey survey, QuantScheme scheme, String file) {
        List<String> warnings = new ArrayList<>();
        for (ModelSurvey.LstmOp found : survey.lstms()) {
            LstmOperator l = found.op();
            String where = file + ": " + l.describe();
            FbTable options = l.options();
            if (l.isSequence() && options != null && options.getBool("diagonal_recurrent_tensors")) {
                throw new LstmqException(where + " has diagonal recurrent weights, which only the float kernel "
                        + "runs (the integer Prepare of TFLite and TFLite Micro rejects them)");
            }
            if (l.activation() != ActivationFunctionType.TANH) {
                // The schema has no sigmoid member, so TANH is the one activation both integer kernels share.
                throw new LstmqException(where + " uses the " + FusedActivation.describe(l.activation())
                        + " activation, but the integer LSTMs of TFLite and TFLite Micro apply TANH, so the integer "
                        + "model would compute something else than the float one");
            }
            LstmVariant v = l.variant();
            if (scheme == QuantScheme.INT16) {
                if (!l.isSequence()) {
                    throw new LstmqException(where + ": with --activations int16 the model runs only in TFLite "
                            + "Micro, which has no LSTM kernel, only UNIDIRECTIONAL_SEQUENCE_LSTM; use "
                            + "--activations int8 (TFLite runs it)");
                }
                if (l.inputCount() != LstmSlot.COUNT || !v.equals(LstmVariant.STANDARD)) {
                    String what = l.inputCount() != LstmSlot.COUNT ? l.inputCount() + "-input" : v.describe();
                    throw new LstmqException(where + " is a " + what + " LSTM; with --activations int16 the model "
                            + "runs only in TFLite Micro, whose integer LSTM is the standard 24-input one (no CIFG, "
                            + "peephole, projection or layer norm); use --activations int8 (TFLite runs it)");
                }
            } else if (v.cifg() && v.layerNorm()) {
                warnings.add(l.describe() + " combines CIFG and layer norm; TFLite's Prepare may reject it (it "
                        + "wants parameters on intermediate 0, which a CIFG LSTM has no range for)");
            }
        }
        return warnings;
    }
}
