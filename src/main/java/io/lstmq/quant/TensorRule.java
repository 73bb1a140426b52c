package io.lstmq.quant;

import java.util.Arrays;

/**
 * How one tensor of an operator is quantized: the data of the rule table ({@link OpRules}) and of the LSTM
 * recipe ({@link LstmRecipe}). The widths depend on the {@link QuantScheme}: an activation is int8 asymmetric in
 * 8x8_16 models and int16 symmetric in 16x8 models; weights stay int8 in both.
 */
public sealed interface TensorRule {

    /**
     * A calibrated activation: Q1 (int8 asymmetric) or int16 symmetric, from the recorded min/max. A constant
     * operand with this rule (e.g. of ADD) is quantized the same way from its data range.
     *
     * @param required false for tensors quantized only when they carry a range (LSTM intermediates 0..3 without
     *                 layer norm, which TFLite never reads)
     */
    record Activation(boolean required) implements TensorRule {
        public static final Activation REQUIRED = new Activation(true);
        public static final Activation IF_CALIBRATED = new Activation(false);
    }

    /** Q2: int16 symmetric from the recorded range, min/max dropped (LSTM layer-norm intermediates). */
    record SymmetricInt16() implements TensorRule {}

    /** Constant weights, symmetric per tensor in the narrow range: Q4 for 8 bits, Q5 for 16 bits. */
    record Weights(int bits) implements TensorRule {
        public static final Weights INT8 = new Weights(8);
        public static final Weights INT16 = new Weights(16);
    }

    /**
     * A bias whose scale is derived (Q6): the float32 product, in this order, of the scales of the listed operator
     * inputs, then of the listed intermediates, then of the constant factors. int32 in 8x8_16, int64 in 16x8.
     */
    record Bias(int[] inputs, int[] intermediates, float[] factors) implements TensorRule {
        public static Bias ofInputs(int... inputs) {
            return new Bias(inputs, new int[0], new float[0]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bias b && Arrays.equals(inputs, b.inputs) && Arrays.equals(intermediates,
                    b.intermediates) && Arrays.equals(factors, b.factors);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(inputs) * 31 * 31 + Arrays.hashCode(intermediates) * 31 + Arrays.hashCode(factors);
        }

        @Override
        public String toString() {
            return "Bias[inputs=" + Arrays.toString(inputs) + ", intermediates=" + Arrays.toString(intermediates)
                    + ", factors=" + Arrays.toString(factors) + "]";
        }
    }

    /** An output whose parameters the kernel fixes (SOFTMAX, LOGISTIC, TANH), per activation width. */
    record Fixed(float int8Scale, int int8ZeroPoint, float int16Scale, int int16ZeroPoint) implements TensorRule {
        public float scale(QuantScheme scheme) {
            return scheme == QuantScheme.INT8 ? int8Scale : int16Scale;
        }

        public int zeroPoint(QuantScheme scheme) {
            return scheme == QuantScheme.INT8 ? int8ZeroPoint : int16ZeroPoint;
        }
    }

    /** An output that takes the parameters (and recorded range) of one input: data movement ops. */
    record SameAsInput(int input) implements TensorRule {}

    /** Q3: the LSTM cell state, int16 symmetric with a power-of-two scale. */
    record PowerOfTwoState() implements TensorRule {}
}
