package io.lstmq.sweep;

import java.nio.ByteOrder;
import java.util.EnumMap;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.model.DataType;
import io.lstmq.model.Tensor;

/**
 * The float parameters of one standard LSTM (four gates, each with input weights {@code [S][I]}, recurrent weights
 * {@code [S][O]} and a bias {@code [S]}), its sizes, layout and cell clip: what the fixed-point simulation
 * quantizes. Read from a model operator, other variants (CIFG, peephole, layer norm, projection) and other
 * activations than tanh are refused with the operator named.
 */
public final class LstmParameters {
    private final String name;
    private final LstmDims dims;
    private final Map<Gate, float[]> inputWeights;
    private final Map<Gate, float[]> recurrentWeights;
    private final Map<Gate, float[]> biases;
    private final float cellClip;
    private final boolean timeMajor;
    private final int batch;
    private final int steps;

    private LstmParameters(String name, LstmDims dims, Map<Gate, float[]> inputWeights,
            Map<Gate, float[]> recurrentWeights, Map<Gate, float[]> biases, float cellClip, boolean timeMajor,
            int batch, int steps) {
        this.name = name;
        this.dims = dims;
        this.inputWeights = new EnumMap<>(inputWeights);
        this.recurrentWeights = new EnumMap<>(recurrentWeights);
        this.biases = new EnumMap<>(biases);
        this.cellClip = cellClip;
        this.timeMajor = timeMajor;
        this.batch = batch;
        this.steps = steps;
        for (Gate g : Gate.values()) {
            check(inputWeights.get(g), (long) dims.cell() * dims.input(), g.inputWeights());
            check(recurrentWeights.get(g), (long) dims.cell() * dims.output(), g.recurrentWeights());
            check(biases.get(g), dims.cell(), g.bias());
        }
    }

    /**
     * One batch-major LSTM from its arrays, for hand-made cases.
     *
     * @param inputWeights     per gate, {@code [S][I]}
     * @param recurrentWeights per gate, {@code [S][O]}
     * @param biases           per gate, {@code [S]}
     */
    static LstmParameters of(String name, LstmDims dims, Map<Gate, float[]> inputWeights,
            Map<Gate, float[]> recurrentWeights, Map<Gate, float[]> biases, float cellClip, int batch, int steps) {
        return new LstmParameters(name, dims, inputWeights, recurrentWeights, biases, cellClip, false, batch, steps);
    }

    /** @throws LstmqException when the operator is not a float standard LSTM with tanh */
    public static LstmParameters of(LstmOperator op) {
        String name = op.describe();
        if (!op.isFloat()) {
            throw new LstmqException(name + " is not a float LSTM (input " + op.inputType().lowerName()
                    + "); sweep explores the fixed-point formats of a float model");
        }
        FusedActivation activation = FusedActivation.of(op.activation());
        if (!op.variant().equals(LstmVariant.STANDARD) || activation != FusedActivation.TANH) {
            throw new LstmqException(name + " is a " + op.variant().describe() + " LSTM with " + activation
                    + " activation; sweep simulates the standard LSTM (no CIFG, peephole, layer norm or projection) "
                    + "with tanh");
        }
        Map<Gate, float[]> w = new EnumMap<>(Gate.class);
        Map<Gate, float[]> r = new EnumMap<>(Gate.class);
        Map<Gate, float[]> b = new EnumMap<>(Gate.class);
        for (Gate g : Gate.values()) {
            w.put(g, floats(op, g.inputWeights()));
            r.put(g, floats(op, g.recurrentWeights()));
            b.put(g, floats(op, g.bias()));
        }
        boolean timeMajor = op.timeMajor();
        int[] shape = op.slot(LstmSlot.INPUT).shape();
        if (shape.length != (op.isSequence() ? 3 : 2)) {
            throw new LstmqException(name + ": input of shape " + java.util.Arrays.toString(shape) + " (rank "
                    + (op.isSequence() ? 3 : 2) + " expected)");
        }
        int steps = op.isSequence() ? shape[timeMajor ? 0 : 1] : 1;
        int batch = op.isSequence() ? shape[timeMajor ? 1 : 0] : shape[0];
        return new LstmParameters(name, op.dims(), w, r, b, op.cellClip(), timeMajor, batch, steps);
    }

    private static float[] floats(LstmOperator op, LstmSlot slot) {
        Tensor t = op.slot(slot);
        if (t == null || t.type() != DataType.FLOAT32) {
            throw new LstmqException(op.describe() + ": " + slot.tfliteName() + " is "
                    + (t == null ? "absent" : t.type().lowerName()) + "; a float tensor is needed");
        }
        java.nio.ByteBuffer b = op.model().data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / Float.BYTES];
        b.asFloatBuffer().get(out);
        return out;
    }

    private void check(float[] values, long expected, LstmSlot slot) {
        if (values == null || values.length != expected) {
            throw new LstmqException(name + ": " + slot.tfliteName() + " has "
                    + (values == null ? "no" : String.valueOf(values.length)) + " values, expected " + expected);
        }
    }

    /** How messages name the operator. */
    public String name() {
        return name;
    }

    public LstmDims dims() {
        return dims;
    }

    public float[] inputWeights(Gate g) {
        return inputWeights.get(g);
    }

    public float[] recurrentWeights(Gate g) {
        return recurrentWeights.get(g);
    }

    public float[] bias(Gate g) {
        return biases.get(g);
    }

    /** 0 for none. */
    public float cellClip() {
        return cellClip;
    }

    public boolean timeMajor() {
        return timeMajor;
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    /** Weights of the four gates: 4 × S × (I + O). */
    public long weightCount() {
        return 4L * dims.cell() * (dims.input() + dims.output());
    }

    /** Bias values of the four gates: 4 × S. */
    public long biasCount() {
        return 4L * dims.cell();
    }
}
