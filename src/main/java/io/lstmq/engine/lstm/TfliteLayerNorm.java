package io.lstmq.engine.lstm;

import static io.lstmq.quant.FixedPoint.saturate16;

import io.lstmq.quant.InverseSqrt;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * TFLite's integer layer normalization of one gate ({@code ApplyLayerNorm}, spec §4.6), one batch row at a
 * time: mean and variance in 64 bits at 2^10 resolution, an integer 1/sqrt, the coefficients, the gate bias
 * (scale {@code s_ln · 2^-10}), and the rescale back to Q3.12.
 */
final class TfliteLayerNorm {
    /** The variance is accumulated with 2^20 in place of 1/n, exact only for power-of-two n. */
    private static final int TWO_POW_20 = 1 << 20;

    private final short[] coefficients;
    private final int[] bias;
    private final QuantizedMultiplier outputScale;
    private final int varianceGuard;

    /**
     * @param layerNormScale layer_norm_X_scale; applied with 12 more bits of left shift, as the kernel does
     */
    TfliteLayerNorm(short[] coefficients, int[] bias, QuantizedMultiplier layerNormScale, int varianceGuard) {
        this.coefficients = coefficients;
        this.bias = bias;
        this.outputScale = new QuantizedMultiplier(layerNormScale.multiplier(), layerNormScale.shift() + 12);
        this.varianceGuard = varianceGuard;
    }

    /** Normalizes {@code g[off .. off+n)} in place. */
    void apply(short[] g, int off, int n) {
        long sum = 0;
        long sumOfSquares = 0;
        for (int j = 0; j < n; j++) {
            int v = g[off + j];
            sum += v;
            sumOfSquares += v * v;
        }
        int mean = (int) (sum * 1024 / n);
        int reciprocalN = TWO_POW_20 / n;
        long variance = sumOfSquares * reciprocalN - (long) mean * mean;
        int scaledVariance = (int) (variance / TWO_POW_20);
        if (scaledVariance < 1) {
            scaledVariance = varianceGuard;
        }
        QuantizedMultiplier inverseStdDev = InverseSqrt.of(scaledVariance);
        for (int j = 0; j < n; j++) {
            int centered = 1024 * g[off + j] - mean;
            int normalized = inverseStdDev.apply(centered);
            int scaled = normalized * coefficients[j] + bias[j];
            int rounded = (scaled > 0 ? scaled + 512 : scaled - 512) / 1024;
            g[off + j] = (short) saturate16(outputScale.apply(rounded));
        }
    }
}
