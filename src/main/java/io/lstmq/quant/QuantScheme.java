package io.lstmq.quant;

import io.lstmq.model.DataType;

/** The integer scheme of a converted model: activation, bias and LSTM cell-state widths. */
public enum QuantScheme {
    /** 8x8_16: int8 activations and weights, int32 biases, int16 power-of-two LSTM cell state (TFLite and TFLM). */
    INT8(DataType.INT8, DataType.INT32, "int8"),
    /** 16x8: int16 symmetric activations, int8 weights, int64 biases, int16 power-of-two cell (TFLM, spec §2.10). */
    INT16(DataType.INT16, DataType.INT64, "int16");

    private final DataType activationType;
    private final DataType biasType;
    private final String label;

    QuantScheme(DataType activationType, DataType biasType, String label) {
        this.activationType = activationType;
        this.biasType = biasType;
        this.label = label;
    }

    public DataType activationType() {
        return activationType;
    }

    public DataType biasType() {
        return biasType;
    }

    /** "int8" or "int16", as the command line spells it. */
    public String label() {
        return label;
    }

    /** The activation parameters for a calibrated range: Q1 (int8) or symmetric int16. */
    public QuantMath.AffineParams activationParams(float min, float max) {
        return this == INT8 ? QuantMath.asymmetricInt8(min, max) : QuantMath.symmetricInt16(min, max);
    }

    public int qmin() {
        return this == INT8 ? Byte.MIN_VALUE : Short.MIN_VALUE;
    }

    public int qmax() {
        return this == INT8 ? Byte.MAX_VALUE : Short.MAX_VALUE;
    }

    public static QuantScheme parse(String label) {
        for (QuantScheme s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new io.lstmq.LstmqException("--activations " + label + ": expected int8 or int16");
    }
}
