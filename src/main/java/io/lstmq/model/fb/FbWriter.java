package io.lstmq.model.fb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.flatbuffers.FlatBufferBuilder;

/**
 * Encodes a tree of {@link FbTable}s. Every field present in the tree is written, even when it equals the schema
 * default, and every absent field stays absent: decoding the result gives the same tree.
 */
public final class FbWriter {
    /** Chooses the alignment of a vector's first element; flatbuffers needs at least the element size. */
    public interface VectorAlignment {
        int of(TableDef table, FieldDef field);
    }

    private final FlatBufferBuilder b;
    private final VectorAlignment alignment;

    private FbWriter(int capacity, VectorAlignment alignment) {
        this.b = new FlatBufferBuilder(Math.max(1024, capacity));
        this.alignment = alignment;
    }

    /**
     * Encodes the tree.
     * @param capacityHint expected output size; a good hint avoids the builder's grow-and-copy steps
     * @return the finished buffer, from its position to its limit
     */
    public static ByteBuffer write(FbTable root, String fileIdentifier, int capacityHint, VectorAlignment alignment) {
        FbWriter w = new FbWriter(capacityHint, alignment);
        int rootOffset = w.table(root);
        if (fileIdentifier != null) {
            w.b.finish(rootOffset, fileIdentifier);
        } else {
            w.b.finish(rootOffset);
        }
        return w.b.dataBuffer();
    }

    private int table(FbTable t) {
        TableDef def = t.def();
        List<FieldDef> fields = def.fields();
        int[] offsets = new int[fields.size()];
        for (FieldDef f : fields) {
            Object v = t.get(f);
            if (v != null) {
                offsets[f.id()] = switch (f.type().base()) {
                    case TABLE, UNION -> table((FbTable) v);
                    case STRING -> string((FbString) v);
                    case VECTOR -> vector(def, f, v);
                    default -> 0;
                };
            }
        }
        List<FieldDef> present = new ArrayList<>();
        for (FieldDef f : fields) {
            if (t.get(f) != null) {
                present.add(f);
            }
        }
        // Largest first packs the table without padding, as flatc's own builders do.
        present.sort(Comparator.comparingInt((FieldDef f) -> f.type().base().inlineSize()).reversed());
        b.startTable(fields.size());
        for (FieldDef f : present) {
            BaseType kind = f.type().base();
            Object v = t.get(f);
            switch (kind) {
                case TABLE, UNION, STRING, VECTOR -> b.addOffset(offsets[f.id()]);
                case BOOL, BYTE, UBYTE, UTYPE -> b.addByte((byte) (long) (Long) v);
                case SHORT, USHORT -> b.addShort((short) (long) (Long) v);
                case INT, UINT -> b.addInt((int) (long) (Long) v);
                case LONG, ULONG -> b.addLong((Long) v);
                case FLOAT -> b.addInt(FloatBits.narrow((Double) v));
                case DOUBLE -> b.addDouble((Double) v);
                default -> throw new IllegalStateException(kind.name());
            }
            b.slot(f.id());
        }
        return b.endTable();
    }

    private int string(FbString s) {
        return b.createString(ByteBuffer.wrap(s.rawBytes()));
    }

    private int vector(TableDef def, FieldDef f, Object v) {
        BaseType element = f.type().element();
        if (element.isScalar()) {
            FbScalarVector sv = (FbScalarVector) v;
            int size = element.inlineSize();
            int align = Math.max(size, alignment.of(def, f));
            ByteBuffer dst = b.createUnintializedVector(size, sv.size(), align);
            dst.put(sv.bytes());
            return b.endVector();
        }
        List<?> list = (List<?>) v;
        int[] items = new int[list.size()];
        for (int i = 0; i < items.length; i++) {
            Object e = list.get(i);
            items[i] = element == BaseType.STRING ? string((FbString) e) : table((FbTable) e);
        }
        b.startVector(4, items.length, 4);
        for (int i = items.length - 1; i >= 0; i--) {
            b.addOffset(items[i]);
        }
        return b.endVector();
    }
}
