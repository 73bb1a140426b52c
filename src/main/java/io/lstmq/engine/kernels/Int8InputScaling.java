package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.quant.FixedPoint;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * How TFLite Micro's int8 LOGISTIC and TANH bring {@code x - zp} into gemmlowp's Q4.27: the multiplier is the
 * frexp mantissa of {@code s_in · 2^27} rounded to Q0.31 (without QuantizeMultiplier's carry fix-up), and inputs
 * at or beyond the radius {@code floor(15 · 2^27 / 2^shift)} saturate the output.
 */
record Int8InputScaling(int zeroPoint, QuantizedMultiplier multiplier, int radius) {
    static final int INPUT_INTEGER_BITS = 4;

    static Int8InputScaling of(EngineTensor input) {
        double real = (double) input.scale() * (double) (1 << (31 - INPUT_INTEGER_BITS));
        int exponent = Math.getExponent(real) + 1;
        double fraction = Math.scalb(real, -exponent);
        int q = (int) FixedPoint.roundHalfAwayFromZero(fraction * (1L << 31));
        int radius = (int) Math.floor(1.0 * ((1 << INPUT_INTEGER_BITS) - 1)
                * (double) (1L << (31 - INPUT_INTEGER_BITS)) / Math.scalb(1.0, exponent));
        return new Int8InputScaling(input.zeroPoint(), new QuantizedMultiplier(q, exponent), radius);
    }
}
