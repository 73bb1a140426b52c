package io.lstmq.lstm;

import io.lstmq.LstmqException;

/**
 * The 24 inputs of LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM (spec §1.1), with TFLite's names, whether the
 * slot may be absent ({@code -1} in {@code Operator.inputs}), what it holds and its integer width in an
 * 8x8_16 model; plus the 5 {@link Intermediate}s (§1.3). This is the one slot table of the project.
 */
public enum LstmSlot {
    INPUT(0, "input", false, Kind.ACTIVATION, null, 8),
    INPUT_TO_INPUT_WEIGHTS(1, "input_to_input_weights", true, Kind.INPUT_WEIGHTS, Gate.INPUT, 8),
    INPUT_TO_FORGET_WEIGHTS(2, "input_to_forget_weights", false, Kind.INPUT_WEIGHTS, Gate.FORGET, 8),
    INPUT_TO_CELL_WEIGHTS(3, "input_to_cell_weights", false, Kind.INPUT_WEIGHTS, Gate.CELL, 8),
    INPUT_TO_OUTPUT_WEIGHTS(4, "input_to_output_weights", false, Kind.INPUT_WEIGHTS, Gate.OUTPUT, 8),
    RECURRENT_TO_INPUT_WEIGHTS(5, "recurrent_to_input_weights", true, Kind.RECURRENT_WEIGHTS, Gate.INPUT, 8),
    RECURRENT_TO_FORGET_WEIGHTS(6, "recurrent_to_forget_weights", false, Kind.RECURRENT_WEIGHTS, Gate.FORGET, 8),
    RECURRENT_TO_CELL_WEIGHTS(7, "recurrent_to_cell_weights", false, Kind.RECURRENT_WEIGHTS, Gate.CELL, 8),
    RECURRENT_TO_OUTPUT_WEIGHTS(8, "recurrent_to_output_weights", false, Kind.RECURRENT_WEIGHTS, Gate.OUTPUT, 8),
    CELL_TO_INPUT_WEIGHTS(9, "cell_to_input_weights", true, Kind.PEEPHOLE_WEIGHTS, Gate.INPUT, 16),
    CELL_TO_FORGET_WEIGHTS(10, "cell_to_forget_weights", true, Kind.PEEPHOLE_WEIGHTS, Gate.FORGET, 16),
    CELL_TO_OUTPUT_WEIGHTS(11, "cell_to_output_weights", true, Kind.PEEPHOLE_WEIGHTS, Gate.OUTPUT, 16),
    INPUT_GATE_BIAS(12, "input_gate_bias", true, Kind.GATE_BIAS, Gate.INPUT, 32),
    FORGET_GATE_BIAS(13, "forget_gate_bias", false, Kind.GATE_BIAS, Gate.FORGET, 32),
    CELL_GATE_BIAS(14, "cell_gate_bias", false, Kind.GATE_BIAS, Gate.CELL, 32),
    OUTPUT_GATE_BIAS(15, "output_gate_bias", false, Kind.GATE_BIAS, Gate.OUTPUT, 32),
    PROJECTION_WEIGHTS(16, "projection_weights", true, Kind.PROJECTION_WEIGHTS, null, 8),
    PROJECTION_BIAS(17, "projection_bias", true, Kind.PROJECTION_BIAS, null, 32),
    OUTPUT_STATE(18, "output_state", false, Kind.STATE, null, 8),
    CELL_STATE(19, "cell_state", false, Kind.STATE, null, 16),
    INPUT_LAYER_NORM_COEFFICIENTS(20, "input_layer_norm_coefficients", true, Kind.LAYER_NORM, Gate.INPUT, 16),
    FORGET_LAYER_NORM_COEFFICIENTS(21, "forget_layer_norm_coefficients", true, Kind.LAYER_NORM, Gate.FORGET, 16),
    CELL_LAYER_NORM_COEFFICIENTS(22, "cell_layer_norm_coefficients", true, Kind.LAYER_NORM, Gate.CELL, 16),
    OUTPUT_LAYER_NORM_COEFFICIENTS(23, "output_layer_norm_coefficients", true, Kind.LAYER_NORM, Gate.OUTPUT, 16);

    /** Number of inputs of the full (non-legacy) operator. */
    public static final int COUNT = 24;

    /** What a slot holds. */
    public enum Kind {
        ACTIVATION, INPUT_WEIGHTS, RECURRENT_WEIGHTS, PEEPHOLE_WEIGHTS, GATE_BIAS, PROJECTION_WEIGHTS,
        PROJECTION_BIAS, STATE, LAYER_NORM
    }

    /**
     * The 5 entries of {@code Operator.intermediates} of the 8x8_16 integer LSTM, with their MLIR attribute
     * names. 0..3: a gate's pre-activation before layer norm (int16, read by TFLite only with layer norm);
     * 4: the hidden value {@code m = o ⊙ act(c)} before projection (int8, always read by TFLite). TFLite
     * Micro reads none of them.
     */
    public enum Intermediate {
        INPUT_GATE(0, "input_to_input_intermediate", Gate.INPUT, 16),
        FORGET_GATE(1, "input_to_forget_intermediate", Gate.FORGET, 16),
        CELL_GATE(2, "input_to_cell_intermediate", Gate.CELL, 16),
        OUTPUT_GATE(3, "input_to_output_intermediate", Gate.OUTPUT, 16),
        HIDDEN(4, "effective_hidden_scale_intermediate", null, 8);

        public static final int COUNT = 5;

        private final int index;
        private final String mlirName;
        private final Gate gate;
        private final int integerBits;

        Intermediate(int index, String mlirName, Gate gate, int integerBits) {
            this.index = index;
            this.mlirName = mlirName;
            this.gate = gate;
            this.integerBits = integerBits;
        }

        public int index() {
            return index;
        }

        public String mlirName() {
            return mlirName;
        }

        /** The gate whose pre-activation this measures, or null for {@link #HIDDEN}. */
        public Gate gate() {
            return gate;
        }

        /** Integer width in an 8x8_16 model (int16 symmetric for 0..3, int8 asymmetric for 4). */
        public int integerBits() {
            return integerBits;
        }
    }

    private final int index;
    private final String tfliteName;
    private final boolean optional;
    private final Kind kind;
    private final Gate gate;
    private final int integerBits;

    LstmSlot(int index, String tfliteName, boolean optional, Kind kind, Gate gate, int integerBits) {
        this.index = index;
        this.tfliteName = tfliteName;
        this.optional = optional;
        this.kind = kind;
        this.gate = gate;
        this.integerBits = integerBits;
    }

    /** @throws LstmqException when {@code index} is not 0..23 */
    public static LstmSlot of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new LstmqException("LSTM input slot " + index + " does not exist (slots are 0.." + (COUNT - 1) + ")");
        }
        return values()[index];
    }

    /** The position in {@code Operator.inputs}. */
    public int index() {
        return index;
    }

    public String tfliteName() {
        return tfliteName;
    }

    /** True when the slot may be {@code -1}. */
    public boolean optional() {
        return optional;
    }

    public Kind kind() {
        return kind;
    }

    /** Weights, biases and coefficients: what a trained model fixes, as opposed to the activations and states. */
    public boolean isParameter() {
        return kind != Kind.ACTIVATION && kind != Kind.STATE;
    }

    /** The gate the slot belongs to, or null for input, states and projection. */
    public Gate gate() {
        return gate;
    }

    /** Integer width of the tensor in an 8x8_16 integer model (int32 for biases). */
    public int integerBits() {
        return integerBits;
    }
}
