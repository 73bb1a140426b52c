package io.lstmq.export;

import io.lstmq.engine.lstm.TflmActivations;

/**
 * TFLite Micro's {@code sigmoid_table_uint16}: 256 samples of 65536·sigmoid(k/24) that both its int16 sigmoid and
 * its int16 tanh read with linear interpolation (spec §4.3, Appendix A).
 *
 * <p>The table is taken from the engine's own {@link TflmActivations#tanh}, so the export can never disagree with the
 * arithmetic the engine and the traces use: at an input whose scaled index {@code v} is exactly {@code 256·k} the
 * interpolation term is zero and tanh returns {@code T[k] - 32768} exactly. With a scale power of -14 the kernel
 * scales its input as {@code v = (3x + 2) >> 2}, and among the four values {@code 3x + 2} may take in
 * {@code [1024k, 1024k + 3]} one is always a multiple of 3 plus 2, so every k is reachable.
 */
public final class TflmSigmoidTable {
    public static final int SIZE = 256;

    /** Scale power at which tanh's input scaling is {@code (3x + 2) >> 2}: L = 15 + P - 3 = -2. */
    private static final int PROBE_SCALE_POWER = -14;

    private TflmSigmoidTable() {}

    /** The 256 uint16 entries, T[0] = 32768 up to T[255] = 65535. */
    public static int[] values() {
        int[] table = new int[SIZE];
        for (int k = 0; k < SIZE; k++) {
            table[k] = TflmActivations.tanh(probe(k), PROBE_SCALE_POWER) + 32768;
        }
        return table;
    }

    /** An x with {@code (3x + 2) >> 2 == 256k}. */
    private static int probe(int k) {
        for (int m = 1024 * k; m < 1024 * k + 4; m++) {
            if (Math.floorMod(m - 2, 3) == 0) {
                return (m - 2) / 3;
            }
        }
        throw new AssertionError("four consecutive integers always include one of each residue mod 3");
    }

    /** The table as an export array, with how the kernels index it. */
    public static ExportArray array() {
        return new ExportArray("tflm_sigmoid_table", ElementType.UINT16, new int[] {SIZE}, "[k]",
                ValueFormat.fixed(16, ElementType.UINT16),
                "TFLite Micro's sigmoid_table_uint16, T[k] = 65536*sigmoid(k/24) (T[255] = 65535). "
                        + "sigmoid(x) of a Q3.12 x reads T at (|3x| >> 9) with 9-bit linear interpolation; "
                        + "tanh(x) = 2*sigmoid(2x) - 1 reads it at (|v| >> 8) with 8-bit interpolation, where "
                        + "v = 3x for a Q3.12 gate and the cell state is rescaled from 2^P first",
                ExportArray.widen(values()));
    }
}
