package io.lstmq.sweep;

import java.util.List;

import io.lstmq.engine.Interpreter;

/**
 * The whole model at one W/A combination: the LSTM chain in fixed point, then the float rest of the graph (the
 * {@link LstmChain#tail}) on the LSTMs' dequantized output. Not thread-safe: one per worker.
 */
final class SimulatedModel {
    private final List<FixedPointLstm> lstms;
    private final float[][] lstmOutputs;
    private final Interpreter tail;

    /**
     * @param lstms         the chain, in order
     * @param outputLengths values each LSTM writes per sample
     * @param tail          the float rest, whose input receives the last LSTM's output
     */
    SimulatedModel(List<FixedPointLstm> lstms, int[] outputLengths, Interpreter tail) {
        this.lstms = lstms;
        this.tail = tail;
        this.lstmOutputs = new float[lstms.size()][];
        for (int k = 0; k < lstms.size() - 1; k++) {
            lstmOutputs[k] = new float[outputLengths[k]];
        }
        lstmOutputs[lstms.size() - 1] = tail.inputTensor(0).floats();
    }

    /** The model's first output for one sample (a copy), every LSTM starting from a zero state. */
    float[] run(float[] input) {
        float[] in = input;
        for (int k = 0; k < lstms.size(); k++) {
            lstms.get(k).run(in, lstmOutputs[k]);
            in = lstmOutputs[k];
        }
        tail.resetVariables();
        tail.invoke();
        return tail.outputTensor(0).floats().clone();
    }
}
