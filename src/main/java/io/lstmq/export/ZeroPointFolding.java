package io.lstmq.export;

/**
 * The zero-point terms of TFLite Micro's fully connected layers moved into the bias. TFLM computes, per output row
 * s, {@code Σ_i (x[i] - z)·W[s][i] + b[s]}, which equals {@code (b[s] - z·Σ_i W[s][i]) + Σ_i x[i]·W[s][i]}: a
 * hardware datapath can multiply the raw activations and start its accumulator from the folded bias. The sums wrap
 * the way the kernel's accumulator does: 32 bits with int8 activations, 64 bits with int16 ones.
 */
final class ZeroPointFolding {
    private ZeroPointFolding() {}

    /**
     * {@code bias[s] - zeroPoint · Σ_i weights[s][i]} for each row.
     *
     * @param weights   row-major {@code [rows][cols]}
     * @param bias      {@code [rows]}, or null for a layer without bias (the recurrent FC)
     * @param wrap32    whether the accumulator is int32 (wrap-around) rather than int64
     */
    static long[] fold(byte[] weights, int rows, int cols, long[] bias, int zeroPoint, boolean wrap32) {
        long[] out = new long[rows];
        for (int r = 0; r < rows; r++) {
            long rowSum = 0;
            for (int c = 0; c < cols; c++) {
                rowSum += weights[r * cols + c];
            }
            long b = bias == null ? 0 : bias[r];
            out[r] = wrap32 ? (int) b - zeroPoint * (int) rowSum : b - (long) zeroPoint * rowSum;
        }
        return out;
    }
}
