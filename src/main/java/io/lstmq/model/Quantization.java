package io.lstmq.model;

import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;

/** A tensor's QuantizationParameters: per-tensor when one scale, per-channel along {@link #axis()} otherwise. */
public final class Quantization {
    private final FbTable table;

    Quantization(FbTable table) {
        this.table = table;
    }

    /** New parameters holding only scales and zero points, as the quantizers write them. */
    public static Quantization of(float[] scales, long[] zeroPoints, int axis) {
        FbTable t = new FbTable(Views.def("QuantizationParameters"));
        t.set("scale", FbScalarVector.ofFloats(scales));
        t.set("zero_point", FbScalarVector.ofLongs(zeroPoints));
        if (axis != 0) {
            t.set("quantized_dimension", (long) axis);
        }
        return new Quantization(t);
    }

    public FbTable table() {
        return table;
    }

    public float[] scales() {
        return floats("scale");
    }

    public long[] zeroPoints() {
        FbScalarVector v = table.getVector("zero_point");
        return v == null ? new long[0] : v.toLongArray();
    }

    public float[] min() {
        return floats("min");
    }

    public float[] max() {
        return floats("max");
    }

    public void setMinMax(float[] min, float[] max) {
        table.set("min", min == null ? null : FbScalarVector.ofFloats(min));
        table.set("max", max == null ? null : FbScalarVector.ofFloats(max));
    }

    public int axis() {
        return table.getInt("quantized_dimension");
    }

    public boolean hasScale() {
        return scales().length > 0;
    }

    public boolean isPerChannel() {
        return scales().length > 1;
    }

    /** The single scale of a per-tensor quantization. */
    public float scale() {
        float[] s = scales();
        if (s.length != 1) {
            throw new IllegalStateException("not per-tensor: " + s.length + " scales");
        }
        return s[0];
    }

    /** The single zero point of a per-tensor quantization (0 when none is stored). */
    public long zeroPoint() {
        long[] z = zeroPoints();
        return z.length == 0 ? 0 : z[0];
    }

    /** Custom quantization details (a union) are present. */
    public boolean hasDetails() {
        return table.has("details");
    }

    private float[] floats(String field) {
        FbScalarVector v = table.getVector(field);
        return v == null ? new float[0] : v.toFloatArray();
    }
}
