package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * ADD with broadcasting. Float: {@code act(a + b)}. int8 and int16 as TFLite Micro's general quantized add: both
 * inputs lose their zero point, are shifted left by 20 (int8) or 15 (int16) bits, scaled by
 * {@code s_x / (2·max(s_a, s_b))} (QuantizeMultiplierSmallerThanOneExp, in double), summed, scaled by
 * {@code 2·max(s_a, s_b) / (2^shift · s_out)}, offset by the output zero point and clamped.
 */
final class Add {
    private Add() {}

    static Kernel prepare(OpContext op) {
        EngineTensor a = op.requireInput(0, "first operand");
        EngineTensor b = op.requireInput(1, "second operand");
        Broadcast bc = Broadcast.of(op, a, b);
        EngineTensor out = op.allocateOutput(0, bc.shape());
        OutputClamp clamp = OutputClamp.of(op);
        if (a.type() != b.type() || a.type() != out.type()) {
            throw op.unsupported(a.type().lowerName() + " + " + b.type().lowerName() + " -> " + out.type().lowerName());
        }
        if (a.type() == DataType.FLOAT32) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = out.floats();
            float min = clamp.floatMin();
            float max = clamp.floatMax();
            return () -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = Math.min(Math.max(x[bc.first(i)] + y[bc.second(i)], min), max);
                }
            };
        }
        op.requireType(a, "operands", DataType.INT8, DataType.INT16);
        int leftShift = a.type() == DataType.INT16 ? 15 : 20;
        double twiceMaxInputScale = 2 * (double) Math.max(a.scale(), b.scale());
        QuantizedMultiplier ma = smallerThanOne(op, a.scale() / twiceMaxInputScale);
        QuantizedMultiplier mb = smallerThanOne(op, b.scale() / twiceMaxInputScale);
        QuantizedMultiplier mo = smallerThanOne(op, twiceMaxInputScale / ((1 << leftShift) * (double) out.scale()));
        int za = a.zeroPoint();
        int zb = b.zeroPoint();
        int zo = out.zeroPoint();
        int min = clamp.quantizedMin(out);
        int max = clamp.quantizedMax(out);
        IntSource x = IntSource.of(a);
        IntSource y = IntSource.of(b);
        IntSink z = IntSink.of(out);
        int n = bc.size();
        return () -> {
            for (int i = 0; i < n; i++) {
                int sa = ma.apply((x.get(bc.first(i)) - za) * (1 << leftShift));
                int sb = mb.apply((y.get(bc.second(i)) - zb) * (1 << leftShift));
                int v = mo.apply(sa + sb) + zo;
                z.set(i, Math.min(Math.max(v, min), max));
            }
        };
    }

    /** QuantizeMultiplierSmallerThanOneExp: the real multiplier must lie in (0, 1). */
    private static QuantizedMultiplier smallerThanOne(OpContext op, double real) {
        if (!(real > 0 && real < 1)) {
            throw op.unsupported("quantization whose rescaling factor " + real + " is not in (0, 1)");
        }
        return QuantizedMultiplier.of(real);
    }
}
