package io.lstmq.quant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Quantization;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;

/**
 * Reads and writes what the quantizer needs on one tensor: its float data, its recorded range (the min/max of its
 * QuantizationParameters, as calibration leaves them) and its new integer data and parameters. Quantized data
 * overwrites the tensor's own buffer, as TFLite's quantizer does.
 */
final class TensorData {
    private final Model model;
    private final String file;

    TensorData(Model model, String file) {
        this.model = model;
        this.file = file;
    }

    /** True when the tensor has constant data (a non-empty buffer). */
    boolean isConstant(Tensor t) {
        int b = t.bufferIndex();
        return b > 0 && b < model.bufferCount() && model.buffer(b).size() > 0;
    }

    /** True when the tensor already has a scale and zero point (quantized earlier in the run, or before it). */
    static boolean isQuantized(Tensor t) {
        Quantization q = t.quantization();
        return q != null && q.scales().length > 0 && q.zeroPoints().length > 0;
    }

    /** The recorded {min, max}, or null when the tensor has none. */
    static float[] range(Tensor t) {
        Quantization q = t.quantization();
        if (q == null || q.min().length == 0 || q.max().length == 0) {
            return null;
        }
        return new float[] {q.min()[0], q.max()[0]};
    }

    /**
     * Records a range on the tensor: min/max of its QuantizationParameters, created with nothing else when absent
     * (the way TFLite's calibrator leaves a float tensor).
     */
    static void setRange(Tensor t, float min, float max) {
        FbTable q = t.table().getTable("quantization");
        if (q == null) {
            q = new FbTable(Schema.tflite().table("QuantizationParameters"));
            t.table().set("quantization", q);
        }
        q.set("min", FbScalarVector.ofFloats(min));
        q.set("max", FbScalarVector.ofFloats(max));
    }

    /** The tensor's float32 data. */
    float[] floats(SubGraph sg, Tensor t) {
        if (t.type() != DataType.FLOAT32) {
            throw new LstmqException(where(sg, t) + ": expected float32 data to quantize, found "
                    + (t.type() == null ? "type " + t.typeCode() : t.type().lowerName()));
        }
        ByteBuffer b = model.data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long n = t.elementCount();
        if (n < 0 || b.remaining() != n * 4) {
            throw new LstmqException(where(sg, t) + ": buffer holds " + b.remaining() + " bytes, shape needs "
                    + (n * 4));
        }
        float[] out = new float[(int) n];
        b.asFloatBuffer().get(out);
        return out;
    }

    /** Replaces the tensor's data and element type. */
    void write(Tensor t, DataType type, ByteBuffer littleEndian) {
        model.buffer(t.bufferIndex()).setData(littleEndian);
        t.setType(type);
    }

    /** Gives every tensor after the first that shares a buffer its own copy, so in-place rewrites stay local. */
    void unshareBuffer(Tensor t, Map<Integer, Integer> firstUser) {
        Integer owner = firstUser.putIfAbsent(t.bufferIndex(), t.index());
        if (owner != null && owner != t.index()) {
            ByteBuffer copy = ByteBuffer.allocate((int) model.buffer(t.bufferIndex()).size());
            copy.put(model.data(t).duplicate()).flip();
            t.setBufferIndex(model.addBuffer(copy));
        }
    }

    /** Sets per-tensor parameters; the range is kept next to them when given (as the legacy quantizer does). */
    static void setParams(Tensor t, DataType type, float scale, long zeroPoint, float[] range) {
        Quantization q = Quantization.of(new float[] {scale}, new long[] {zeroPoint}, 0);
        if (range != null) {
            q.setMinMax(new float[] {range[0]}, new float[] {range[1]});
        }
        t.setQuantization(q);
        t.setType(type);
    }

    static ByteBuffer bytes(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer shorts(short[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(v);
        return b;
    }

    static ByteBuffer ints(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b;
    }

    static ByteBuffer longs(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return b;
    }

    String where(SubGraph sg, Tensor t) {
        return file + ": " + sg.describe() + ", " + t.describe();
    }
}
