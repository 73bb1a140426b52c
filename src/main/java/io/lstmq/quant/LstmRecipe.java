package io.lstmq.quant;

import static io.lstmq.lstm.LstmSlot.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.quant.OpRule.Hybrid;
import io.lstmq.quant.OpRule.SharedRange;
import io.lstmq.quant.OpRule.Slot;
import io.lstmq.schema.BuiltinOperator;

/**
 * The integer LSTM recipe (spec §2.4–§2.6), identical for LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM: int8 symmetric
 * per-tensor gate and projection weights (Q4), int16 peephole and layer-norm coefficients (Q5), the cell state
 * int16 with a power-of-two scale (Q3), the output state sharing its range with output 0 (Q7), biases with
 * derived scales (Q6), and the five intermediates (§2.5). In 16x8 models the activations are int16 and the
 * biases int64; TFLite Micro, the only runtime of that scheme, runs only the standard variant.
 */
public final class LstmRecipe {
    /** Layer-norm gate biases are scaled by the coefficients' scale times 2^-10. */
    static final float LAYER_NORM_BIAS_FACTOR = (float) Math.pow(2, -10);
    /** Minimum version of an integer LSTM op code (legacy quantizer). */
    static final int INT8_VERSION = 2;
    /** UNIDIRECTIONAL_SEQUENCE_LSTM with int16 activations and int8 weights. */
    static final int INT16_VERSION = 5;
    /** Hybrid (float activations, int8 weights) versions, without asymmetric input quantization. */
    static final int HYBRID_SEQUENCE_VERSION = 2;
    static final int HYBRID_LSTM_VERSION = 3;

    private LstmRecipe() {}

    /** Which optional parts an LSTM operator with these inputs has (absent slots are -1 or missing). */
    public static LstmVariant variantOf(int[] inputs) {
        Set<LstmSlot> present = EnumSet.noneOf(LstmSlot.class);
        for (int i = 0; i < Math.min(inputs.length, LstmSlot.COUNT); i++) {
            if (inputs[i] >= 0) {
                present.add(LstmSlot.of(i));
            }
        }
        return LstmVariant.fromPresentSlots(present);
    }

    /** The rule of one LSTM or UNIDIRECTIONAL_SEQUENCE_LSTM operator with these inputs. */
    static OpRule rule(int builtin, int[] inputs) {
        LstmVariant variant = variantOf(inputs);
        List<Slot> in = new ArrayList<>();
        in.add(new Slot(INPUT.index(), TensorRule.Activation.REQUIRED));
        for (Gate g : Gate.values()) {
            in.add(new Slot(g.inputWeights().index(), TensorRule.Weights.INT8));
        }
        for (Gate g : Gate.values()) {
            in.add(new Slot(g.recurrentWeights().index(), TensorRule.Weights.INT8));
        }
        for (LstmSlot s : List.of(CELL_TO_INPUT_WEIGHTS, CELL_TO_FORGET_WEIGHTS, CELL_TO_OUTPUT_WEIGHTS)) {
            in.add(new Slot(s.index(), TensorRule.Weights.INT16));
        }
        in.add(new Slot(PROJECTION_WEIGHTS.index(), TensorRule.Weights.INT8));
        in.add(new Slot(CELL_STATE.index(), new TensorRule.PowerOfTwoState()));
        for (Gate g : Gate.values()) {
            in.add(new Slot(g.layerNormCoefficients().index(), TensorRule.Weights.INT16));
        }
        for (Gate g : Gate.values()) {
            in.add(new Slot(g.bias().index(), gateBias(g, variant)));
        }
        // Projection bias: projection weights' scale times the hidden value's (intermediate 4).
        in.add(new Slot(PROJECTION_BIAS.index(), new TensorRule.Bias(new int[] {PROJECTION_WEIGHTS.index()},
                new int[] {Intermediate.HIDDEN.index()}, new float[0])));

        List<TensorRule> intermediates = new ArrayList<>();
        for (int k = 0; k < Intermediate.HIDDEN.index(); k++) {
            // Gate pre-activations matter only with layer norm; otherwise TFLite ignores them and the standard
            // calibrator records no range, so they stay float unless a range happens to be there.
            intermediates.add(variant.layerNorm() ? new TensorRule.SymmetricInt16()
                    : TensorRule.Activation.IF_CALIBRATED);
        }
        intermediates.add(TensorRule.Activation.REQUIRED);

        boolean sequence = builtin == BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM;
        int[] hybridWeights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16};
        return new OpRule(builtin, in, List.of(), intermediates, new SharedRange(OUTPUT_STATE.index(), 0), false,
                INT8_VERSION, sequence ? INT16_VERSION : 0, List.of(),
                new Hybrid(hybridWeights, sequence ? HYBRID_SEQUENCE_VERSION : HYBRID_LSTM_VERSION));
    }

    /**
     * Without layer norm: input scale times the gate's input weights' scale (the smaller of the two possible
     * accumulator scales, as TFLite chooses). With layer norm: the coefficients' scale times 2^-10.
     */
    private static TensorRule.Bias gateBias(Gate g, LstmVariant variant) {
        if (variant.layerNorm()) {
            return new TensorRule.Bias(new int[] {g.layerNormCoefficients().index()}, new int[0],
                    new float[] {LAYER_NORM_BIAS_FACTOR});
        }
        return TensorRule.Bias.ofInputs(INPUT.index(), g.inputWeights().index());
    }
}
