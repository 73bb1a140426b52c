package io.lstmq.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.ToIntFunction;

import com.google.flatbuffers.FlatBufferBuilder;

import io.lstmq.schema.Buffer;
import io.lstmq.schema.Model;
import io.lstmq.schema.QuantizationParameters;
import io.lstmq.schema.SubGraph;
import io.lstmq.schema.Tensor;
import io.lstmq.schema.TensorType;

/**
 * Crafted model files for the damage tests: well-formed flatbuffers with hostile content, written with the
 * flatc-generated builders (which, unlike the project's writer, let one offset be stored many times), and raw
 * byte layouts for what no builder would write.
 */
final class HostileModels {
    private HostileModels() {}

    /** How the one subgraph's tensors are made: given the builder, returns the offset of each tensor table. */
    interface Tensors {
        int[] build(FlatBufferBuilder b);
    }

    /** A model of one subgraph holding the given tensors and buffers; tensor 0 is its input and output. */
    static byte[] model(Tensors tensors, Buffers buffers) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int[] bufferTables = buffers.build(b);
        int tensorVector = SubGraph.createTensorsVector(b, tensors.build(b));
        int in = SubGraph.createInputsVector(b, new int[] {0});
        int out = SubGraph.createOutputsVector(b, new int[] {0});
        SubGraph.startSubGraph(b);
        SubGraph.addTensors(b, tensorVector);
        SubGraph.addInputs(b, in);
        SubGraph.addOutputs(b, out);
        int subgraphs = Model.createSubgraphsVector(b, new int[] {SubGraph.endSubGraph(b)});
        int bufferVector = Model.createBuffersVector(b, bufferTables);
        Model.startModel(b);
        Model.addVersion(b, 3);
        Model.addSubgraphs(b, subgraphs);
        Model.addBuffers(b, bufferVector);
        Model.finishModelBuffer(b, Model.endModel(b));
        return b.sizedByteArray();
    }

    /** A model whose only tensor, 'x', is its input and output and has no data or quantization. */
    static byte[] singleTensor(byte type, int[] shape, Buffers buffers) {
        return model(b -> new int[] {tensor(b, "x", type, shape, 0, 0)}, buffers);
    }

    /** A model of buffers only: no operator codes, no subgraphs. */
    static byte[] withoutSubgraphs(Buffers buffers) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int vector = Model.createBuffersVector(b, buffers.build(b));
        Model.startModel(b);
        Model.addVersion(b, 3);
        Model.addBuffers(b, vector);
        Model.finishModelBuffer(b, Model.endModel(b));
        return b.sizedByteArray();
    }

    /** How the buffers are made: given the builder, returns the offset of each buffer table. */
    interface Buffers {
        int[] build(FlatBufferBuilder b);

        /** Just the empty buffer 0 that every converter writes. */
        Buffers EMPTY = b -> new int[] {emptyBuffer(b)};
    }

    static int emptyBuffer(FlatBufferBuilder b) {
        Buffer.startBuffer(b);
        return Buffer.endBuffer(b);
    }

    /** A buffer whose bytes are claimed to lie after the flatbuffer, at {@code offset}, {@code size} long. */
    static int externalBuffer(FlatBufferBuilder b, long offset, long size) {
        Buffer.startBuffer(b);
        Buffer.addOffset(b, offset);
        Buffer.addSize(b, size);
        return Buffer.endBuffer(b);
    }

    /** A tensor table; {@code quantization} 0 means none. */
    static int tensor(FlatBufferBuilder b, String name, byte type, int[] shape, int buffer, int quantization) {
        int n = b.createString(name);
        int s = Tensor.createShapeVector(b, shape);
        Tensor.startTensor(b);
        Tensor.addName(b, n);
        Tensor.addShape(b, s);
        Tensor.addType(b, type);
        Tensor.addBuffer(b, buffer);
        if (quantization != 0) {
            Tensor.addQuantization(b, quantization);
        }
        return Tensor.endTensor(b);
    }

    static int quantization(FlatBufferBuilder b, float[] scales, long[] zeroPoints) {
        int s = QuantizationParameters.createScaleVector(b, scales);
        int z = QuantizationParameters.createZeroPointVector(b, zeroPoints);
        QuantizationParameters.startQuantizationParameters(b);
        QuantizationParameters.addScale(b, s);
        QuantizationParameters.addZeroPoint(b, z);
        return QuantizationParameters.endQuantizationParameters(b);
    }

    /** One float tensor [1, 4] that is the subgraph's input and output, with the given buffers. */
    static byte[] oneTensor(Buffers buffers, int bufferIndex) {
        return model(b -> new int[] {tensor(b, "x", TensorType.FLOAT32, new int[] {1, 4}, bufferIndex, 0)}, buffers);
    }

    /** One tensor table, made once and stored {@code count} times in the subgraph's tensor vector. */
    static Tensors shared(int count, ToIntFunction<FlatBufferBuilder> table) {
        return b -> {
            int[] offsets = new int[count];
            Arrays.fill(offsets, table.applyAsInt(b));
            return offsets;
        };
    }

    /** A little-endian byte image with writes at explicit positions, for layouts no builder writes. */
    static final class Raw {
        private final ByteBuffer bytes;

        Raw(int size) {
            bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The root offset and the TFLite file identifier, as every model starts. */
        static Raw model(int size, int rootTable) {
            Raw r = new Raw(size).u32(0, rootTable);
            r.bytes.put(4, (byte) 'T').put(5, (byte) 'F').put(6, (byte) 'L').put(7, (byte) '3');
            return r;
        }

        Raw u32(int at, int value) {
            bytes.putInt(at, value);
            return this;
        }

        Raw u16(int at, int value) {
            bytes.putShort(at, (short) value);
            return this;
        }

        byte[] bytes() {
            return bytes.array().clone();
        }
    }
}
