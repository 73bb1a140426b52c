package io.lstmq.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.model.fb.FbFormatException;
import io.lstmq.model.fb.FbReader;
import io.lstmq.model.fb.Schema;

/**
 * A model read from a file or from bytes, already verified: the flatbuffer structure against the schema and the
 * model's own rules ({@link ModelVerifier}). The file is memory-mapped, so weight buffers are never copied.
 */
public final class ModelFile {
    private final String name;
    private final ByteBuffer bytes;
    private final long fileSize;
    private final Model model;
    private final List<String> warnings;

    private ModelFile(String name, ByteBuffer bytes, long fileSize, Model model, List<String> warnings) {
        this.name = name;
        this.bytes = bytes;
        this.fileSize = fileSize;
        this.model = model;
        this.warnings = warnings;
    }

    public static ModelFile open(Path path) {
        String name = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            // A flatbuffer addresses at most 2 GiB; larger models keep their buffers after it (offset/size).
            long mapped = Math.min(size, Integer.MAX_VALUE);
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, mapped).order(ByteOrder.LITTLE_ENDIAN);
            Buffer.ExternalData external = size <= Integer.MAX_VALUE
                    ? (offset, len) -> sliceOf(map, offset, len)
                    : (offset, len) -> mapRegion(path, offset, len);
            return decode(name, map, size, external);
        } catch (NoSuchFileException e) {
            throw new LstmqException(name + ": no such file");
        } catch (IOException e) {
            throw new LstmqException(name + ": cannot read: " + (e.getMessage() != null ? e.getMessage() : e));
        }
    }

    /** Verifies bytes held in memory; external buffers resolve against the same bytes. */
    public static ModelFile fromBytes(ByteBuffer bytes, String name) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        return decode(name, b, b.remaining(), (offset, len) -> sliceOf(b, offset, len));
    }

    private static ModelFile decode(String name, ByteBuffer bytes, long fileSize, Buffer.ExternalData external) {
        FbReader.Decoded decoded;
        try {
            decoded = FbReader.read(bytes, Schema.tflite());
        } catch (FbFormatException e) {
            throw new ModelException(name, e.location(), e.problem());
        }
        Model model = new Model(decoded.root(), external);
        List<String> warnings = new ArrayList<>();
        if (decoded.unknownFields() > 0) {
            warnings.add(decoded.unknownFields() + " field(s) unknown to this schema (first: "
                    + decoded.firstUnknownField() + "); a rewrite drops them");
        }
        warnings.addAll(new ModelVerifier(name, model, fileSize).verify());
        return new ModelFile(name, bytes, fileSize, model, warnings);
    }

    private static ByteBuffer sliceOf(ByteBuffer b, long offset, long len) {
        return b.slice((int) offset, (int) len).order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer mapRegion(Path path, long offset, long len) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, len).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new LstmqException(path + ": cannot read buffer data at " + offset + ": " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    /**
     * Runs work on this model, so that a problem it finds in the model names the file: the model classes name the
     * subgraph, operator and tensor, but not the file they came from.
     */
    public <T> T about(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (LstmqException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name + ":")) {
                throw e;
            }
            throw new LstmqException(name + ": " + e.getMessage(), e);
        }
    }

    public Model model() {
        return model;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Non-fatal findings of verification. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The verified bytes as read, for handing to the TFLite runtime. Only models whose every field is known to
     * this schema qualify; others must be rewritten first, so nothing unchecked reaches native code.
     */
    public ByteBuffer verifiedBytes() {
        if (!warnings.isEmpty() && warnings.get(0).contains("unknown to this schema")) {
            return ModelWriter.toBytes(model);
        }
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
