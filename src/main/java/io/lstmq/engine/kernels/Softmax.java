package io.lstmq.engine.kernels;

import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturate16;
import static io.lstmq.quant.FixedPoint.saturatingRoundingDoublingHighMul;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * SOFTMAX over the last dimension, {@code exp(β(x - max)) / Σ exp(β(x - max))}, as TFLite Micro's reference
 * kernels compute it:
 * <ul>
 * <li>float: in float32;</li>
 * <li>int8 input (int8 output with scale 1/256 and zero point -128, or int16 output with 1/65536 and -32768):
 *     the difference to the row maximum is scaled by {@code β·s_in·2^26} into Q5.26, exponentiated with gemmlowp's
 *     fixed-point exp, summed in Q12.19, and multiplied by gemmlowp's reciprocal of the sum; differences below
 *     {@code -radius} contribute nothing and give the minimum output;</li>
 * <li>int16 input and output (scale 1/32768, zero point 0): the difference is scaled so that [-65535, 0] spans
 *     [-10, 0], exp and 1/(1+x) come from TFLite Micro's 513-entry interpolated tables.</li>
 * </ul>
 */
final class Softmax {
    /** Integer bits of the scaled input difference (Q5.26) and of the sum of exponentials (Q12.19). */
    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    private Softmax() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        if (input.rank() < 1) {
            throw op.invalid("has a scalar input");
        }
        float beta = op.options() == null ? 0f : op.options().getFloat("beta"); // TFLite zero-fills absent options
        EngineTensor output = op.allocateOutput(0, input.shape());
        int depth = input.dim(input.rank() - 1);
        int rows = depth == 0 ? 0 : input.size() / depth;
        DataType in = input.type();
        DataType out = output.type();
        if (in == DataType.FLOAT32 && out == DataType.FLOAT32) {
            return new FloatSoftmax(input.floats(), output.floats(), rows, depth, beta);
        }
        if (in == DataType.INT8 && (out == DataType.INT8 || out == DataType.INT16)) {
            return Int8Softmax.prepare(op, input, output, rows, depth, beta);
        }
        if (in == DataType.INT16 && out == DataType.INT16) {
            return Int16Softmax.prepare(op, input, output, rows, depth, beta);
        }
        throw op.unsupported(in.lowerName() + " input with " + out.lowerName() + " output");
    }

    private static final class FloatSoftmax implements Kernel {
        private final float[] in;
        private final float[] out;
        private final int rows;
        private final int depth;
        private final float beta;

        FloatSoftmax(float[] in, float[] out, int rows, int depth, float beta) {
            this.in = in;
            this.out = out;
            this.rows = rows;
            this.depth = depth;
            this.beta = beta;
        }

        @Override
        public void eval() {
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                float max = -Float.MAX_VALUE;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                float sum = 0f;
                for (int c = 0; c < depth; c++) {
                    float e = (float) Math.exp((in[base + c] - max) * beta);
                    out[base + c] = e;
                    sum += e;
                }
                for (int c = 0; c < depth; c++) {
                    out[base + c] = out[base + c] / sum;
                }
            }
        }
    }

    /**
     * int8 input. A row's differences to its maximum are integers in [-255, 0], so the exponential of every
     * possible difference is computed once at prepare.
     */
    private static final class Int8Softmax implements Kernel {
        private final byte[] in;
        private final byte[] out8;
        private final short[] out16;
        private final int rows;
        private final int depth;
        /** exp of the difference -d in Q0.31, for d = 0..255; only meaningful where {@link #counts}. */
        private final int[] exp = new int[256];
        /** The same in Q12.19, as added to the sum. */
        private final int[] expInSum = new int[256];
        private final boolean[] counts = new boolean[256];
        private final int outputBits;
        private final int outputMin;
        private final int outputMax;

        private Int8Softmax(EngineTensor input, EngineTensor output, int rows, int depth, QuantizedMultiplier m,
                int diffMin) {
            this.in = input.bytes();
            this.out8 = output.type() == DataType.INT8 ? output.bytes() : null;
            this.out16 = output.type() == DataType.INT16 ? output.shorts() : null;
            this.rows = rows;
            this.depth = depth;
            this.outputBits = output.type() == DataType.INT8 ? 8 : 16;
            this.outputMin = OutputClamp.typeMin(output.type());
            this.outputMax = OutputClamp.typeMax(output.type());
            for (int d = 0; d < 256; d++) {
                int diff = -d;
                if (diff >= diffMin) {
                    int scaled = saturatingRoundingDoublingHighMul(diff * (1 << m.shift()), m.multiplier());
                    exp[d] = Gemmlowp32.expOnNegativeValues(scaled, SCALED_DIFF_INTEGER_BITS);
                    expInSum[d] = roundingDivideByPOT(exp[d], ACCUMULATION_INTEGER_BITS);
                    counts[d] = true;
                }
            }
        }

        static Kernel prepare(OpContext op, EngineTensor input, EngineTensor output, int rows, int depth, float beta) {
            if (output.type() == DataType.INT8 && (output.zeroPoint() != -128 || output.scale() != 1f / 256)) {
                throw op.unsupported("int8 output with scale " + output.scale() + " and zero point "
                        + output.zeroPoint() + " (TFLite needs 1/256 and -128)");
            }
            if (output.type() == DataType.INT16 && (output.zeroPoint() != -32768
                    || Math.abs(output.scale() - 1f / 65536) > 0.001f / 65536)) {
                throw op.unsupported("int16 output with scale " + output.scale() + " and zero point "
                        + output.zeroPoint() + " (TFLite needs 1/65536 and -32768)");
            }
            // PreprocessSoftmaxScaling: beta · s_in · 2^26 in double, capped at 2^31 - 1, must exceed 1.
            double real = Math.min((double) beta * (double) input.scale() * (1 << (31 - SCALED_DIFF_INTEGER_BITS)),
                    (double) Integer.MAX_VALUE);
            if (!(real > 1.0)) {
                throw op.unsupported("input scale " + input.scale() + " with beta " + beta
                        + " (the scaled input multiplier " + real + " must exceed 1)");
            }
            QuantizedMultiplier m = QuantizedMultiplier.of(real);
            // CalculateInputRadius(5, shift): floor(31 · 2^26 / 2^shift).
            int radius = (int) Math.floor(1.0 * ((1 << SCALED_DIFF_INTEGER_BITS) - 1)
                    * (double) (1L << (31 - SCALED_DIFF_INTEGER_BITS)) / (double) (1L << m.shift()));
            if (output.type() == DataType.INT8 && (long) depth * (1L << 19) >= (1L << 28)) {
                throw op.unsupported("an int8 softmax over " + depth + " classes (the reference kernel's output"
                        + " exponent leaves its range above 511)");
            }
            return new Int8Softmax(input, output, rows, depth, m, -radius);
        }

        @Override
        public void eval() {
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                int max = Byte.MIN_VALUE;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                int sum = 0;
                for (int c = 0; c < depth; c++) {
                    int d = max - in[base + c];
                    if (counts[d]) {
                        sum += expInSum[d];
                    }
                }
                int scale = Gemmlowp32.reciprocal(sum);
                int exponent = Gemmlowp32.reciprocalBitsOverUnit(sum, ACCUMULATION_INTEGER_BITS) + 31 - outputBits;
                for (int c = 0; c < depth; c++) {
                    int d = max - in[base + c];
                    int v = outputMin;
                    if (counts[d]) {
                        int unsaturated = roundingDivideByPOT(saturatingRoundingDoublingHighMul(scale, exp[d]), exponent);
                        v = Math.max(Math.min(unsaturated + outputMin, outputMax), outputMin);
                    }
                    if (out8 != null) {
                        out8[base + c] = (byte) v;
                    } else {
                        out16[base + c] = (short) v;
                    }
                }
            }
        }
    }

    /** int16 input and output, with TFLite Micro's exp and 1/(1+x) tables. */
    private static final class Int16Softmax implements Kernel {
        private final short[] in;
        private final short[] out;
        private final int rows;
        private final int depth;
        private final QuantizedMultiplier m;

        private Int16Softmax(EngineTensor input, EngineTensor output, int rows, int depth, QuantizedMultiplier m) {
            this.in = input.shorts();
            this.out = output.shorts();
            this.rows = rows;
            this.depth = depth;
            this.m = m;
        }

        static Kernel prepare(OpContext op, EngineTensor input, EngineTensor output, int rows, int depth, float beta) {
            if (output.zeroPoint() != 0 || Math.abs(output.scale() - 1f / 32768) > 0.001f / 32768) {
                throw op.unsupported("int16 output with scale " + output.scale() + " and zero point "
                        + output.zeroPoint() + " (TFLite Micro needs 1/32768 and 0)");
            }
            // Scale the difference so that [-65535, 0] covers [-10, 0], the range of the exp table.
            double real = (double) input.scale() * (double) beta / (10.0 / 65535.0);
            return new Int16Softmax(input, output, rows, depth, QuantizedMultiplier.of(real));
        }

        @Override
        public void eval() {
            short[] expTable = Int16Lut.EXP;
            short[] reciprocalTable = Int16Lut.ONE_OVER_ONE_PLUS_X;
            for (int r = 0; r < rows; r++) {
                int base = r * depth;
                int max = Short.MIN_VALUE;
                for (int c = 0; c < depth; c++) {
                    max = Math.max(max, in[base + c]);
                }
                int sum = 0; // Q16.15
                for (int c = 0; c < depth; c++) {
                    int scaled = m.apply(in[base + c] - max);
                    short e = Int16Lut.lookup(saturate16(scaled + 32767), expTable);
                    out[base + c] = e; // the output row doubles as the cache of the exponentials
                    sum += e;
                }
                int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
                int shiftedSum = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
                // The table computes 1/(1+x) on a symmetric input: x = sum - 1 re-centred from [0, 65535].
                int reciprocal = Int16Lut.lookup(saturate16(shiftedSum - ((1 << 15) + (1 << 16))), reciprocalTable);
                int rightShift = 31 - headroomPlusOne;
                long round = 1L << (rightShift - 1);
                for (int c = 0; c < depth; c++) {
                    int v = (int) (((long) out[base + c] * reciprocal + round) >> rightShift);
                    out[base + c] = (short) Math.min(Math.max(v, 0), 32767);
                }
            }
        }
    }
}
