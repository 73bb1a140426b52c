package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lstmq.schema.BuiltinOperator;

/** The rule table against operator_property and the spec (§2.4, §2.8, §2.10). */
class OpRulesTest {
    private static final int[] STANDARD_LSTM = {0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, 12, 13, 14, 15, -1, -1, 18, 19,
        -1, -1, -1, -1};
    private static final int[] LAYER_NORM_PROJECTION_LSTM = {0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23};

    @Test
    void theIssuesOperatorsAllHaveRules() {
        for (String op : List.of("FULLY_CONNECTED", "SOFTMAX", "RESHAPE", "LOGISTIC", "TANH", "STRIDED_SLICE",
                "CONCATENATION", "ADD", "MUL", "LSTM", "UNIDIRECTIONAL_SEQUENCE_LSTM")) {
            assertTrue(OpRules.supportedOperators().contains(op), op);
        }
        assertNull(OpRules.lookup(BuiltinOperator.EXP, new int[] {0}));
    }

    @Test
    void fixedOutputRangesPerActivationWidth() {
        TensorRule.Fixed softmax = (TensorRule.Fixed) OpRules.lookup(BuiltinOperator.SOFTMAX, new int[] {0})
                .outputRule(0);
        assertEquals(0.00390625f, softmax.scale(QuantScheme.INT8));
        assertEquals(-128, softmax.zeroPoint(QuantScheme.INT8));
        assertEquals(1f / 32768, softmax.scale(QuantScheme.INT16));
        assertEquals(0, softmax.zeroPoint(QuantScheme.INT16));
        assertEquals(softmax, OpRules.lookup(BuiltinOperator.LOGISTIC, new int[] {0}).outputRule(0));
        TensorRule.Fixed tanh = (TensorRule.Fixed) OpRules.lookup(BuiltinOperator.TANH, new int[] {0}).outputRule(0);
        assertEquals(0.0078125f, tanh.scale(QuantScheme.INT8));
        assertEquals(0, tanh.zeroPoint(QuantScheme.INT8));
    }

    @Test
    void dataMovementKeepsTheInputParameters() {
        assertEquals(new TensorRule.SameAsInput(0), OpRules.lookup(BuiltinOperator.RESHAPE, new int[] {0, 1})
                .outputRule(0));
        assertEquals(new TensorRule.SameAsInput(0), OpRules.lookup(BuiltinOperator.STRIDED_SLICE,
                new int[] {0, 1, 2, 3}).outputRule(0));
        // SPLIT's data is input 1 (input 0 is the axis); every output shares it.
        OpRule split = OpRules.lookup(BuiltinOperator.SPLIT, new int[] {0, 1});
        assertNull(split.inputRule(0));
        assertEquals(new TensorRule.SameAsInput(1), split.outputRule(3));
        assertTrue(OpRules.lookup(BuiltinOperator.CONCATENATION, new int[] {0, 1}).requantizeInputs());
        assertNull(OpRules.lookup(BuiltinOperator.RESHAPE, new int[] {0, 1}).inputRule(1), "the shape stays int32");
    }

    @Test
    void fullyConnectedBiasScaleIsInputTimesWeights() {
        OpRule fc = OpRules.lookup(BuiltinOperator.FULLY_CONNECTED, new int[] {0, 1, 2});
        assertEquals(TensorRule.Weights.INT8, fc.inputRule(1));
        assertEquals(TensorRule.Bias.ofInputs(0, 1), fc.inputRule(2));
        assertEquals(4, fc.version(QuantScheme.INT8));
        assertArrayEquals(new int[] {1}, fc.hybrid().weightInputs());
        assertEquals(3, fc.hybrid().version());
    }

    @Test
    void lstmWithoutLayerNormScalesGateBiasesByInputAndInputWeights() {
        OpRule lstm = OpRules.lookup(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, STANDARD_LSTM);
        assertEquals(TensorRule.Bias.ofInputs(0, 1), lstm.inputRule(12));
        assertEquals(TensorRule.Bias.ofInputs(0, 4), lstm.inputRule(15));
        assertEquals(new TensorRule.PowerOfTwoState(), lstm.inputRule(19));
        assertEquals(new OpRule.SharedRange(18, 0), lstm.sharedRange());
        assertNull(lstm.inputRule(18), "the output state is quantized with output 0 (Q7)");
        assertEquals(TensorRule.Activation.IF_CALIBRATED, lstm.intermediates().get(0));
        assertEquals(TensorRule.Activation.REQUIRED, lstm.intermediates().get(4));
        assertEquals(2, lstm.version(QuantScheme.INT8));
        assertEquals(5, lstm.version(QuantScheme.INT16));
    }

    @Test
    void lstmWithLayerNormScalesGateBiasesByCoefficientsTimesTwoToMinusTen() {
        OpRule lstm = OpRules.lookup(BuiltinOperator.LSTM, LAYER_NORM_PROJECTION_LSTM);
        assertEquals(new TensorRule.Bias(new int[] {21}, new int[0], new float[] {0.0009765625f}),
                lstm.inputRule(13));
        assertEquals(new TensorRule.Bias(new int[] {16}, new int[] {4}, new float[0]), lstm.inputRule(17));
        assertEquals(TensorRule.Weights.INT16, lstm.inputRule(20));
        assertEquals(new TensorRule.SymmetricInt16(), lstm.intermediates().get(2));
        assertFalse(lstm.supports(QuantScheme.INT16), "TFLite Micro has no LSTM (single step) kernel");
    }

    @Test
    void processingOrderPutsWeightsBeforeTheCellAndBiasesLast() {
        // Spec §2.6: 0, 1..8, [9,10,11], [16], 19, [20..23], 12..15, [17].
        OpRule lstm = OpRules.lookup(BuiltinOperator.LSTM, LAYER_NORM_PROJECTION_LSTM);
        int[] order = lstm.inputs().stream().mapToInt(OpRule.Slot::index).toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 19, 20, 21, 22, 23, 12, 13, 14, 15, 17},
                order);
    }
}
