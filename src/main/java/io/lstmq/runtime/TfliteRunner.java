package io.lstmq.runtime;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;

import io.lstmq.LstmqException;
import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;

/**
 * One model in the real TFLite interpreter (through JavaCPP): the reference lstmq checks its own engine and its
 * converted models against.
 *
 * <p>The interpreter runs the builtin kernels only, without default delegates (XNNPACK would change float
 * results), on one thread. TFLite does not check a model's structure, so only models verified by lstmq, and
 * meeting the {@link NativePreconditions}, may get here. LSTM state lives in variable tensors that persist across {@link #run} calls: call
 * {@link #resetVariableTensors()} before each independent sample. Not thread-safe; close it to free native
 * memory.
 */
public final class TfliteRunner implements AutoCloseable {
    /** TFLite's default error reporter prints the details; JavaCPP offers no way to capture them. */
    private static final String SEE_STDERR = "; TFLite's own report is on standard error";

    private final String name;
    // Native objects. The interpreter refers to the op resolver's kernels and to the model, and the model reads
    // the bytes in place, so all of them live as long as the interpreter and are freed after it.
    private BytePointer modelBytes;
    private FlatBufferModel model;
    private BuiltinOpResolverWithoutDefaultDelegates resolver;
    private Interpreter interpreter;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;

    /** Builds an interpreter for a model that passed lstmq's verification and meets the native preconditions. */
    public static TfliteRunner open(ModelFile verified) {
        NativePreconditions.check(verified.model(), verified.name());
        try {
            return new TfliteRunner(verified.verifiedBytes(), verified.name());
        } catch (LinkageError e) {
            throw new LstmqException(verified.name() + ": the TFLite runtime cannot be loaded on this platform ("
                    + e + ")", e);
        }
    }

    private TfliteRunner(ByteBuffer verifiedModel, String name) {
        this.name = name;
        try {
            modelBytes = new BytePointer(verifiedModel.remaining());
            modelBytes.asBuffer().put(verifiedModel.duplicate());
            model = FlatBufferModel.BuildFromBuffer(modelBytes, modelBytes.capacity());
            if (model == null || model.isNull()) {
                throw new LstmqException(name + ": TFLite could not load the model" + SEE_STDERR);
            }
            resolver = new BuiltinOpResolverWithoutDefaultDelegates();
            interpreter = new Interpreter((Pointer) null);
            try (InterpreterBuilder builder = new InterpreterBuilder(model, resolver)) {
                check(builder.SetNumThreads(1), "set the number of threads");
                check(builder.apply(interpreter), "build an interpreter");
            }
            check(interpreter.AllocateTensors(), "allocate tensors");
            inputs = describe(interpreter.inputs(), "input");
            outputs = describe(interpreter.outputs(), "output");
        } catch (RuntimeException | LinkageError e) {
            close();
            throw e;
        }
    }

    private void check(int status, String action) {
        if (status != kTfLiteOk) {
            throw new LstmqException(name + ": TFLite could not " + action + " (" + TfliteTypes.statusName(status)
                    + ")" + SEE_STDERR);
        }
    }

    private List<TensorInfo> describe(IntPointer indices, String role) {
        List<TensorInfo> infos = new ArrayList<>();
        long n = indices == null ? 0 : indices.capacity();
        for (int k = 0; k < n; k++) {
            int index = indices.get(k);
            TfLiteTensor t = interpreter.tensor(index);
            BytePointer tensorName = t.name();
            String label = tensorName == null ? "" : tensorName.getString();
            int type = t.type();
            DType dtype = TfliteTypes.toDType(type).orElse(null);
            if (dtype == null) {
                throw new LstmqException(name + ": " + role + " " + k + " '" + label + "' has TFLite type "
                        + TfliteTypes.typeName(type) + ", which lstmq cannot exchange with the interpreter");
            }
            infos.add(new TensorInfo(index, label, dtype, dims(t), t.params().scale(), t.params().zero_point()));
        }
        return List.copyOf(infos);
    }

    private static int[] dims(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] shape = new int[d == null ? 0 : d.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = d.data(i);
        }
        return shape;
    }

    /** The model's name as given for messages. */
    public String name() {
        return name;
    }

    /** The interpreter's input tensors, in the order {@link #run} takes them. */
    public List<TensorInfo> inputs() {
        return inputs;
    }

    /** The interpreter's output tensors, in the order {@link #run} returns them. */
    public List<TensorInfo> outputs() {
        return outputs;
    }

    /**
     * Runs the model once on one array per input, each of the input tensor's dtype and byte size (the shape may
     * differ, e.g. {@code [28, 28]} for {@code [1, 28, 28]}). Returns one array per output in the output tensor's
     * dtype and shape. Variable tensors (LSTM state) carry over from the previous call.
     */
    public List<NdArray> run(List<NdArray> inputValues) {
        requireInputCount(inputValues.size());
        List<ByteBuffer> raw = new ArrayList<>(inputValues.size());
        for (int i = 0; i < inputValues.size(); i++) {
            NdArray value = inputValues.get(i);
            TensorInfo info = inputs.get(i);
            if (value.dtype() != info.dtype()) {
                throw new LstmqException(name + ": input " + i + " " + info + " cannot take " + value + " data");
            }
            raw.add(value.data());
        }
        return runBytes(raw);
    }

    /** As {@link #run(List)}, for inputs given as little-endian bytes, each exactly the input tensor's byte size. */
    public List<NdArray> runBytes(List<ByteBuffer> inputBytes) {
        ensureOpen();
        requireInputCount(inputBytes.size());
        for (int i = 0; i < inputBytes.size(); i++) {
            long expected = interpreter.tensor(inputs.get(i).index()).bytes();
            if (inputBytes.get(i).remaining() != expected) {
                throw new LstmqException(name + ": input " + i + " " + inputs.get(i) + " takes " + expected
                        + " bytes, got " + inputBytes.get(i).remaining());
            }
        }
        for (int i = 0; i < inputBytes.size(); i++) {
            tensorMemory(interpreter.tensor(inputs.get(i).index()), "input " + i + " " + inputs.get(i))
                    .put(inputBytes.get(i).duplicate());
        }
        check(interpreter.Invoke(), "run the model");
        List<NdArray> results = new ArrayList<>(outputs.size());
        for (int k = 0; k < outputs.size(); k++) {
            TensorInfo info = outputs.get(k);
            TfLiteTensor t = interpreter.tensor(info.index());
            long[] shape = Arrays.stream(dims(t)).asLongStream().toArray();
            results.add(NdArray.of(info.dtype(), shape, tensorMemory(t, "output " + k + " " + info)));
        }
        return results;
    }

    private void requireInputCount(int given) {
        if (given != inputs.size()) {
            throw new LstmqException(name + ": the model takes " + inputs.size() + " input(s), got " + given);
        }
    }

    /**
     * The tensor's data as a direct buffer over native memory (valid until the next allocation). TFLite leaves
     * some tensors without memory, for example a graph output that no operator writes.
     */
    private ByteBuffer tensorMemory(TfLiteTensor t, String role) {
        long bytes = t.bytes();
        if (bytes == 0) {
            return ByteBuffer.allocate(0);
        }
        BytePointer memory = t.data().raw();
        if (memory == null || memory.isNull()) {
            throw new LstmqException(name + ": TFLite gave " + role + " no memory (" + bytes + " bytes expected)");
        }
        return memory.capacity(bytes).asBuffer();
    }

    /** Clears the variable tensors (LSTM state) to their initial values, so the next run starts a new sequence. */
    public void resetVariableTensors() {
        ensureOpen();
        check(interpreter.ResetVariableTensors(), "reset variable tensors");
    }

    private void ensureOpen() {
        if (interpreter == null) {
            throw new IllegalStateException("the TFLite runner for " + name + " is closed");
        }
    }

    /** Frees the interpreter and everything it uses; later calls other than close fail. */
    @Override
    public void close() {
        interpreter = release(interpreter);
        resolver = release(resolver);
        model = release(model);
        modelBytes = release(modelBytes);
    }

    private static <P extends Pointer> P release(P p) {
        if (p != null) {
            p.close();
        }
        return null;
    }
}
