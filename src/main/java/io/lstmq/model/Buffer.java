package io.lstmq.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.lstmq.model.fb.BaseType;
import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;

/**
 * A model buffer. Its bytes live inline in the flatbuffer ({@code data}) or, in models over 2 GiB, after it
 * ({@code offset}/{@code size}, resolved against the file). Either way they are slices, never copies.
 */
public final class Buffer {
    private final FbTable table;
    private final ExternalData external;

    Buffer(FbTable table, ExternalData external) {
        this.table = table;
        this.external = external;
    }

    public FbTable table() {
        return table;
    }

    /** True when the bytes are stored after the flatbuffer (offset and size set; both are unsigned on the wire). */
    public boolean isExternal() {
        return Long.compareUnsigned(table.getLong("offset"), 1) > 0;
    }

    /** The number of data bytes, 0 when the buffer is empty or absent. */
    public long size() {
        if (isExternal()) {
            return table.getLong("size");
        }
        FbScalarVector v = table.getVector("data");
        return v == null ? 0 : v.size();
    }

    /** The data as a little-endian read-only slice; empty when there is none. */
    public ByteBuffer data() {
        if (isExternal()) {
            return external.slice(table.getLong("offset"), table.getLong("size"));
        }
        FbScalarVector v = table.getVector("data");
        return v == null ? ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN) : v.bytes();
    }

    /** Whether the {@code data} field is present at all (absent and empty differ to TFLite). */
    public boolean hasDataField() {
        return table.has("data");
    }

    /** Replaces the contents with inline bytes. */
    public void setData(ByteBuffer bytes) {
        table.set("data", FbScalarVector.ofBytes(BaseType.UBYTE, bytes));
        table.clear("offset");
        table.clear("size");
    }

    /** Where external buffer bytes come from: the model file itself. */
    interface ExternalData {
        ByteBuffer slice(long offset, long size);

        ExternalData NONE = (offset, size) -> {
            throw new IllegalStateException("buffer refers to data outside the flatbuffer, but none is attached");
        };
    }
}
