package io.lstmq.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lstmq.AtomicFiles;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.FbWriter;
import io.lstmq.model.fb.Schema;

/**
 * Writes a model back. Buffer data is aligned to 16 bytes as TFLite's own writer does. Models whose buffers do
 * not fit a 2 GiB flatbuffer, or that were read with external buffers, are written the large-model way: each
 * buffer's bytes after the flatbuffer, 16-byte aligned, located by {@code offset}/{@code size}.
 */
public final class ModelWriter {
    static final int BUFFER_ALIGNMENT = 16;
    /** Room kept for tables and strings when deciding whether inline buffers still fit a flatbuffer. */
    private static final long FLATBUFFER_LIMIT = Integer.MAX_VALUE - (64L << 20);
    /** Stand-in offset of the first encoding pass; any value above 1 has the same encoded size. */
    private static final long PLACEHOLDER_OFFSET = 2;

    private static final FbWriter.VectorAlignment ALIGNMENT =
            (table, field) -> table.name().equals("Buffer") && field.name().equals("data") ? BUFFER_ALIGNMENT : 1;

    private ModelWriter() {}

    /** Writes atomically: the target is replaced only by a complete file. */
    public static void write(Model model, Path target) {
        Layout layout = layout(model);
        AtomicFiles.write(target, ch -> {
            write(ch, layout.flatbuffer.duplicate());
            long position = layout.flatbuffer.remaining();
            for (int i = 0; i < layout.external.size(); i++) {
                long at = layout.offsets.get(i);
                if (at > position) {
                    write(ch, ByteBuffer.allocate((int) (at - position)));
                }
                ByteBuffer data = layout.external.get(i);
                position = at + data.remaining();
                write(ch, data.duplicate());
            }
        });
    }

    /** The model as one buffer (in-memory use, e.g. for the TFLite runtime); only for models under 2 GiB. */
    public static ByteBuffer toBytes(Model model) {
        Layout layout = layout(model);
        if (!layout.external.isEmpty()) {
            throw new IllegalStateException("model with external buffers cannot be held in one buffer");
        }
        return layout.flatbuffer;
    }

    private static void write(java.nio.channels.FileChannel ch, ByteBuffer b) throws java.io.IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private record Layout(ByteBuffer flatbuffer, List<ByteBuffer> external, List<Long> offsets) {}

    private static Layout layout(Model model) {
        List<Buffer> buffers = model.buffers();
        long inline = 0;
        boolean anyExternal = false;
        for (Buffer b : buffers) {
            inline += b.size();
            anyExternal |= b.isExternal();
        }
        String id = Schema.tflite().fileIdentifier();
        if (!anyExternal && inline < FLATBUFFER_LIMIT) {
            int hint = (int) Math.min(Integer.MAX_VALUE - 8, inline + 16L * buffers.size() + (1 << 20));
            return new Layout(encode(model.tree(), id, hint), List.of(), List.of());
        }
        // Two passes over a copy whose buffers hold offset/size only: the offsets depend on the encoded size,
        // and the second pass has exactly the same size because every offset/size is a present 8-byte field.
        FbTable root = model.tree().copy();
        List<FbTable> tables = new ArrayList<>();
        List<ByteBuffer> data = new ArrayList<>();
        List<FbTable> copies = new ArrayList<>();
        for (Buffer b : buffers) {
            FbTable t = b.table().copy();
            copies.add(t);
            if (b.size() > 0) {
                data.add(b.data());
                tables.add(t);
                t.clear("data");
                t.set("offset", PLACEHOLDER_OFFSET);
                t.set("size", b.size());
            }
        }
        root.set("buffers", copies);
        int first = encode(root, id, 1 << 20).remaining();
        List<Long> offsets = new ArrayList<>();
        long at = align(first);
        for (int i = 0; i < tables.size(); i++) {
            offsets.add(at);
            tables.get(i).set("offset", at);
            at = align(at + data.get(i).remaining());
        }
        ByteBuffer fb = encode(root, id, first);
        if (fb.remaining() != first) {
            throw new IllegalStateException("flatbuffer size changed between passes");
        }
        return new Layout(fb, data, offsets);
    }

    private static ByteBuffer encode(FbTable root, String id, int hint) {
        return FbWriter.write(root, id, hint, ALIGNMENT).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long align(long v) {
        return (v + BUFFER_ALIGNMENT - 1) & -BUFFER_ALIGNMENT;
    }
}
