package io.lstmq.engine;

/**
 * Whose integer LSTM arithmetic the engine reproduces. The two runtimes give different integers for the same
 * quantized LSTM (activation functions, rescaling, hidden scale; spec §4.8), so the choice is made once per
 * interpreter. Kernels other than the LSTM follow the TFLite Micro reference kernels in both modes.
 */
public enum Numerics {
    /** TFLite Micro's reference kernel (the default): the deployment target. */
    TFLM,
    /** TFLite's 8x8_16 kernel: what the TFLite interpreter computes on the host. */
    TFLITE
}
