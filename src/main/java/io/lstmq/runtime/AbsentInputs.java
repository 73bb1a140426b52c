package io.lstmq.runtime;

import java.util.Map;
import java.util.Set;

import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.schema.BuiltinOperator;

/**
 * Where an operator input may be absent ({@code -1}) when TFLite runs the model. Many TFLite kernels fetch their
 * inputs without a null check (RESHAPE reads the shape tensor's dimensions when it has two inputs), so an absent
 * input in a slot the kernel needs kills the JVM. The slots below are those TFLite fetches as optional; the LSTM
 * slots come from {@link LstmSlot#optional()}. The bidirectional sequence kernels, with dozens of optional slots
 * and no use in lstmq, are left to TFLite.
 */
final class AbsentInputs {
    private AbsentInputs() {}

    private static final Map<Integer, Set<Integer>> OPTIONAL_SLOTS = Map.of(
            BuiltinOperator.FULLY_CONNECTED, Set.of(2),
            BuiltinOperator.CONV_2D, Set.of(2),
            BuiltinOperator.DEPTHWISE_CONV_2D, Set.of(2),
            BuiltinOperator.CONV_3D, Set.of(2),
            BuiltinOperator.TRANSPOSE_CONV, Set.of(3),
            BuiltinOperator.CONV_3D_TRANSPOSE, Set.of(3),
            BuiltinOperator.SVDF, Set.of(3));

    private static final Set<Integer> LEFT_TO_TFLITE = Set.of(
            BuiltinOperator.BIDIRECTIONAL_SEQUENCE_LSTM, BuiltinOperator.BIDIRECTIONAL_SEQUENCE_RNN);

    /** The first absent input TFLite's kernel would dereference, as a description, or null. */
    static String firstRequired(Model model, SubGraph sg) {
        for (Operator op : sg.operators()) {
            OperatorCode code = model.operatorCodes().get(op.opcodeIndex());
            int builtin = code.builtinCode();
            if (code.isCustom() || LEFT_TO_TFLITE.contains(builtin)) {
                continue;
            }
            int[] inputs = op.inputs();
            for (int k = 0; k < inputs.length; k++) {
                if (inputs[k] < 0 && !optional(builtin, inputs.length, k)) {
                    return sg.describe() + ", operator " + op.index() + " (" + code.name() + ") has no input " + k
                            + " (-1), which TFLite's " + code.name() + " kernel requires";
                }
            }
        }
        return null;
    }

    private static boolean optional(int builtin, int inputCount, int slot) {
        if (LstmOperator.isLstm(builtin)) {
            // The 20- and 24-input layouts share slot numbers; the basic 5-input LSTM kernel has no optional input.
            return (inputCount == 20 || inputCount == LstmSlot.COUNT) && LstmSlot.of(slot).optional();
        }
        return OPTIONAL_SLOTS.getOrDefault(builtin, Set.of()).contains(slot);
    }
}
