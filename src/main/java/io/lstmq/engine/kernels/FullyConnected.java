package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * FULLY_CONNECTED: {@code out[b][o] = act(Σ_k in[b][k] · w[o][k] + bias[o])} with weights {@code [units][depth]}.
 * The output is {@code [batch, units]}, or the input's shape with the last dimension replaced when
 * {@code keep_num_dims}. Integer forms follow TFLite Micro's reference kernels:
 * <ul>
 * <li>int8 input, int8 weights, int32 bias, per-tensor: {@code acc = Σ (w - zw)(x - zx) + bias}, then
 *     {@code zo + MBQM(acc)} clamped; the multiplier is {@code f64(f32(s_in · s_w)) / f64(s_out)};</li>
 * <li>the same per-channel (one weight scale per unit, weight zero points 0): multiplier
 *     {@code f64(s_in) · f64(s_w[o]) / f64(s_out)} per unit;</li>
 * <li>int16 input, int8 weights, int64 bias (16x8): 64-bit accumulator, the 64-bit MBQM, no zero points.</li>
 * </ul>
 */
final class FullyConnected {
    private FullyConnected() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        EngineTensor weights = op.requireInput(1, "weights");
        EngineTensor bias = op.input(2);
        FbTable options = op.options();
        if (options != null && options.getInt("weights_format") != 0) {
            throw op.unsupported("shuffled weights_format " + options.getInt("weights_format"));
        }
        if (weights.rank() != 2) {
            throw op.invalid("has weights of rank " + weights.rank() + "; [units, depth] expected");
        }
        int units = weights.dim(0);
        int depth = weights.dim(1);
        if (depth == 0 || input.size() % depth != 0) {
            throw op.invalid("has " + input.size() + " input values, not a multiple of the weights' depth " + depth);
        }
        int batch = input.size() / depth;
        if (bias != null && bias.size() != units) {
            throw op.invalid("has " + bias.size() + " bias values for " + units + " units");
        }
        boolean keepNumDims = options != null && options.getBool("keep_num_dims");
        int[] shape;
        if (keepNumDims) {
            shape = input.shape();
            shape[shape.length - 1] = units;
        } else {
            shape = new int[] {batch, units};
        }
        OutputClamp clamp = OutputClamp.of(op);
        DataType in = input.type();
        DataType w = weights.type();
        if (in == DataType.FLOAT32 && w == DataType.FLOAT32) {
            requireBias(op, bias, DataType.FLOAT32);
            return new FloatFc(input, weights, bias, op.allocateOutput(0, shape), batch, units, depth, clamp);
        }
        if (in == DataType.FLOAT32) {
            throw op.unsupported("hybrid float input with " + w.lowerName() + " weights");
        }
        if (op.outputType(0) != in) {
            throw op.unsupported(in.lowerName() + " input with " + op.outputType(0).lowerName() + " output");
        }
        if (in == DataType.INT8 && w == DataType.INT8) {
            requireBias(op, bias, DataType.INT32);
            EngineTensor out = op.allocateOutput(0, shape);
            requireBiasScale(op, input, weights, bias, out);
            return new Int8Fc(input, weights, bias, out, batch, units, depth, multipliers(op, input, weights, out),
                    weights.isPerChannel() ? 0 : weights.zeroPoint(), clamp.quantizedMin(out), clamp.quantizedMax(out));
        }
        if (in == DataType.INT16 && w == DataType.INT8) {
            requireBias(op, bias, DataType.INT64);
            if (weights.isPerChannel()) {
                throw op.unsupported("int16 input with per-channel weights");
            }
            EngineTensor out = op.allocateOutput(0, shape);
            requireBiasScale(op, input, weights, bias, out);
            if (input.zeroPoint() != 0 || out.zeroPoint() != 0 || weights.zeroPoint() != 0) {
                throw op.unsupported("int16 fully connected with non-zero zero points");
            }
            return new Int16Fc(input, weights, bias, out, batch, units, depth, multipliers(op, input, weights, out)[0],
                    clamp.quantizedMin(out), clamp.quantizedMax(out));
        }
        throw op.unsupported(in.lowerName() + " input with " + w.lowerName() + " weights");
    }

    private static void requireBias(OpContext op, EngineTensor bias, DataType type) {
        if (bias != null) {
            op.requireType(bias, "bias", type);
        }
    }

    /**
     * TFLite and TFLite Micro refuse a per-tensor bias whose scale strays from the (float) product of the input and
     * weight scales by more than 2% of the output scale (GetQuantizedConvolutionMultipler): the integers would not
     * mean what the multiplier assumes. The check takes the product in double, unlike the multiplier: with large
     * scales a float bias scale cannot equal it, and the rounding alone can exceed 2% of a small output scale.
     */
    private static void requireBiasScale(OpContext op, EngineTensor input, EngineTensor weights, EngineTensor bias,
            EngineTensor output) {
        if (bias == null || weights.isPerChannel()) {
            return;
        }
        double product = (double) input.scale() * (double) weights.scale();
        double difference = Math.abs(product - (double) bias.scale());
        if (!(difference / (double) output.scale() <= 0.02)) {
            throw op.invalid("has bias scale " + bias.scale() + " but input scale x weight scale "
                    + product + "; the runtimes refuse a difference above 2% of the output scale "
                    + output.scale());
        }
    }

    /** One multiplier per unit (per-channel weights) or a single one, computed in the runtime's precision. */
    private static QuantizedMultiplier[] multipliers(OpContext op, EngineTensor input, EngineTensor weights,
            EngineTensor output) {
        if (!weights.isPerChannel()) {
            double product = input.scale() * weights.scale(); // float product, as GetQuantizedConvolutionMultipler
            return new QuantizedMultiplier[] {QuantizedMultiplier.of(product / (double) output.scale())};
        }
        float[] scales = weights.quantization().scales();
        if (scales.length != weights.dim(0) || weights.quantization().axis() != 0) {
            throw op.unsupported("per-channel weights along axis " + weights.quantization().axis() + " with "
                    + scales.length + " scales");
        }
        QuantizedMultiplier[] m = new QuantizedMultiplier[scales.length];
        for (int o = 0; o < m.length; o++) {
            m[o] = QuantizedMultiplier.of((double) input.scale() * (double) scales[o] / (double) output.scale());
        }
        return m;
    }

    private static final class FloatFc implements Kernel {
        private final float[] in;
        private final float[] w;
        private final float[] bias;
        private final float[] out;
        private final int batch;
        private final int units;
        private final int depth;
        private final float min;
        private final float max;

        FloatFc(EngineTensor input, EngineTensor weights, EngineTensor bias, EngineTensor output, int batch,
                int units, int depth, OutputClamp clamp) {
            this.in = input.floats();
            this.w = weights.floats();
            this.bias = bias == null ? new float[units] : bias.floats();
            this.out = output.floats();
            this.batch = batch;
            this.units = units;
            this.depth = depth;
            this.min = clamp.floatMin();
            this.max = clamp.floatMax();
        }

        @Override
        public void eval() {
            for (int b = 0; b < batch; b++) {
                int x = b * depth;
                for (int o = 0; o < units; o++) {
                    int r = o * depth;
                    float acc = 0f;
                    for (int k = 0; k < depth; k++) {
                        acc += in[x + k] * w[r + k];
                    }
                    out[b * units + o] = Math.min(Math.max(acc + bias[o], min), max);
                }
            }
        }
    }

    /**
     * int8 × int8 → int8. The input zero point is folded into the bias at prepare ({@code bias - zx·Σ(w - zw)});
     * in wrap-around int32 arithmetic that gives exactly the reference's accumulator.
     */
    private static final class Int8Fc implements Kernel {
        private final byte[] in;
        private final byte[] w;
        private final int[] foldedBias;
        private final byte[] out;
        private final int batch;
        private final int units;
        private final int depth;
        private final QuantizedMultiplier[] multiplier;
        private final int weightZeroPoint;
        private final int outputZeroPoint;
        private final int min;
        private final int max;

        Int8Fc(EngineTensor input, EngineTensor weights, EngineTensor bias, EngineTensor output, int batch,
                int units, int depth, QuantizedMultiplier[] m, int weightZeroPoint, int min, int max) {
            this.in = input.bytes();
            this.w = weights.bytes();
            this.out = output.bytes();
            this.batch = batch;
            this.units = units;
            this.depth = depth;
            this.weightZeroPoint = weightZeroPoint;
            this.outputZeroPoint = output.zeroPoint();
            this.min = min;
            this.max = max;
            this.multiplier = new QuantizedMultiplier[units];
            for (int o = 0; o < units; o++) {
                multiplier[o] = m[m.length == 1 ? 0 : o];
            }
            this.foldedBias = new int[units];
            int inputZeroPoint = input.zeroPoint();
            for (int o = 0; o < units; o++) {
                int sum = 0;
                for (int k = 0; k < depth; k++) {
                    sum += w[o * depth + k] - weightZeroPoint;
                }
                foldedBias[o] = (bias == null ? 0 : bias.ints()[o]) - inputZeroPoint * sum;
            }
        }

        @Override
        public void eval() {
            for (int b = 0; b < batch; b++) {
                int x = b * depth;
                for (int o = 0; o < units; o++) {
                    int r = o * depth;
                    int acc = foldedBias[o];
                    for (int k = 0; k < depth; k++) {
                        acc += (w[r + k] - weightZeroPoint) * in[x + k];
                    }
                    int v = outputZeroPoint + multiplier[o].apply(acc);
                    out[b * units + o] = (byte) Math.min(Math.max(v, min), max);
                }
            }
        }
    }

    /** int16 × int8 → int16 with an int64 accumulator and bias (TFLite Micro 16x8). */
    private static final class Int16Fc implements Kernel {
        private final short[] in;
        private final byte[] w;
        private final long[] bias;
        private final short[] out;
        private final int batch;
        private final int units;
        private final int depth;
        private final QuantizedMultiplier m;
        private final int min;
        private final int max;

        Int16Fc(EngineTensor input, EngineTensor weights, EngineTensor bias, EngineTensor output, int batch,
                int units, int depth, QuantizedMultiplier m, int min, int max) {
            this.in = input.shorts();
            this.w = weights.bytes();
            this.bias = bias == null ? new long[units] : bias.longs();
            this.out = output.shorts();
            this.batch = batch;
            this.units = units;
            this.depth = depth;
            this.m = m;
            this.min = min;
            this.max = max;
        }

        @Override
        public void eval() {
            for (int b = 0; b < batch; b++) {
                int x = b * depth;
                for (int o = 0; o < units; o++) {
                    int r = o * depth;
                    long acc = bias[o];
                    for (int k = 0; k < depth; k++) {
                        acc += w[r + k] * in[x + k];
                    }
                    out[b * units + o] = (short) Math.min(Math.max(m.apply(acc), min), max);
                }
            }
        }
    }
}
