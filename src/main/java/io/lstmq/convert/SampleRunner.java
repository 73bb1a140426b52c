package io.lstmq.convert;

import java.util.List;

/**
 * Runs one model on one calibration sample at a time in some runtime, from a fresh (zero) LSTM state, and gives
 * every output as floats (integer outputs dequantized with their scale and zero point), so that models of any
 * kind can be compared.
 */
interface SampleRunner extends AutoCloseable {
    /** What runs the model, e.g. "TFLite" or "lstmq engine (tflm)". */
    String runtime();

    List<float[]> run(int sample);

    @Override
    void close();
}
