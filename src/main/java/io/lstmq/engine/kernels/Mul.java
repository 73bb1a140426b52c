package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * MUL with broadcasting. Float: {@code act(a · b)}. int8 and int16 as TFLite Micro: {@code zp_out + MBQM((a - zp_a)
 * · (b - zp_b))} with the multiplier {@code f64(s_a) · f64(s_b) / f64(s_out)}, clamped; int16 needs zero points 0.
 */
final class Mul {
    private Mul() {}

    static Kernel prepare(OpContext op) {
        EngineTensor a = op.requireInput(0, "first operand");
        EngineTensor b = op.requireInput(1, "second operand");
        Broadcast bc = Broadcast.of(op, a, b);
        EngineTensor out = op.allocateOutput(0, bc.shape());
        OutputClamp clamp = OutputClamp.of(op);
        if (a.type() != b.type() || a.type() != out.type()) {
            throw op.unsupported(a.type().lowerName() + " * " + b.type().lowerName() + " -> " + out.type().lowerName());
        }
        if (a.type() == DataType.FLOAT32) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = out.floats();
            float min = clamp.floatMin();
            float max = clamp.floatMax();
            return () -> {
                for (int i = 0; i < z.length; i++) {
                    z[i] = Math.min(Math.max(x[bc.first(i)] * y[bc.second(i)], min), max);
                }
            };
        }
        op.requireType(a, "operands", DataType.INT8, DataType.INT16);
        if (a.type() == DataType.INT16 && (a.zeroPoint() != 0 || b.zeroPoint() != 0 || out.zeroPoint() != 0)) {
            throw op.unsupported("int16 operands or output with non-zero zero points");
        }
        QuantizedMultiplier m = QuantizedMultiplier.of((double) a.scale() * (double) b.scale() / (double) out.scale());
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
                int v = zo + m.apply((x.get(bc.first(i)) - za) * (y.get(bc.second(i)) - zb));
                z.set(i, Math.min(Math.max(v, min), max));
            }
        };
    }
}
