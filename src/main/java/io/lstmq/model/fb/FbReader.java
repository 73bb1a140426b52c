package io.lstmq.model.fb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies and decodes a flatbuffer against a {@link Schema} in one walk. Every offset, vtable, length and union
 * type is checked against the bytes before it is used, so a damaged or hostile file ends in one
 * {@link FbFormatException} naming the field path, never in an exception from deep inside or in an allocation the
 * claimed sizes ask for: vectors of scalars become slices of the input, and lists grow only as elements verify.
 */
public final class FbReader {
    /** Limits in the spirit of the C++ verifier's defaults: shared sub-tables cannot make the walk explode. */
    static final int MAX_DEPTH = 64;
    static final int MAX_OBJECTS = 1_000_000;
    /**
     * A well-formed file reaches each vector and string once, so their bytes add up to less than the file. Offsets
     * may be shared (or overlap), which is legal but lets a small file stand for any amount of data: each decoded
     * string is a copy, and every user walks every shared vector again. Beyond this many times the buffer size the
     * file is refused, which keeps reading and everything after it proportional to the file.
     */
    static final int MAX_DATA_PER_BUFFER_BYTE = 4;

    private final ByteBuffer bb;
    private final int limit;
    private int objects;
    private long dataBytes;
    private int unknownFields;
    private String firstUnknownField;

    private FbReader(ByteBuffer bytes) {
        this.bb = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = bb.limit();
    }

    /** Result of a read: the root table and what the walk saw but could not decode. */
    public record Decoded(FbTable root, int unknownFields, String firstUnknownField) {}

    /**
     * Reads a whole buffer whose root table is the schema's root type.
     * @param bytes the flatbuffer, from position 0 to its limit
     */
    public static Decoded read(ByteBuffer bytes, Schema schema) {
        FbReader r = new FbReader(bytes);
        FbTable root = r.readRoot(schema);
        return new Decoded(root, r.unknownFields, r.firstUnknownField);
    }

    private FbTable readRoot(Schema schema) {
        String rootName = schema.root().name().toLowerCase();
        if (limit < 8) {
            throw new FbFormatException(rootName, "file is " + limit + " bytes, too short for a flatbuffer");
        }
        String id = schema.fileIdentifier();
        if (id != null) {
            byte[] got = new byte[4];
            bb.get(4, got);
            if (!id.equals(new String(got, StandardCharsets.ISO_8859_1))) {
                throw new FbFormatException("file identifier", "expected \"" + id + "\" but found "
                        + printable(got) + ": not a " + schema.root().name() + " file");
            }
        }
        long rootPos = u32(0);
        return table(schema.root(), rootPos, rootName, 0);
    }

    private FbTable table(TableDef def, long pos, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new FbFormatException(where, "tables nested deeper than " + MAX_DEPTH);
        }
        if (++objects > MAX_OBJECTS) {
            throw new FbFormatException(where, "more than " + MAX_OBJECTS + " tables and vectors");
        }
        requireRange(where, "table", pos, 4, 4);
        int p = (int) pos;
        long vt = pos - bb.getInt(p);
        requireRange(where, "vtable", vt, 4, 2);
        int vtSize = u16((int) vt);
        int tableSize = u16((int) vt + 2);
        if (vtSize < 4 || (vtSize & 1) != 0) {
            throw new FbFormatException(where, "vtable size " + vtSize + " is invalid");
        }
        requireRange(where, "vtable", vt, vtSize, 2);
        if (tableSize < 4) {
            throw new FbFormatException(where, "table size " + tableSize + " is invalid");
        }
        requireRange(where, "table", pos, tableSize, 4);

        FbTable out = new FbTable(def);
        List<FieldDef> fields = def.fields();
        int unionType = 0;
        for (FieldDef f : fields) {
            int vo = f.vtableOffset() + 2 <= vtSize ? u16((int) vt + f.vtableOffset()) : 0;
            if (vo == 0) {
                if (f.type().base() == BaseType.UTYPE) {
                    unionType = 0;
                }
                continue;
            }
            String at = where + "." + f.name();
            BaseType kind = f.type().base();
            if (vo < 4 || vo + kind.inlineSize() > tableSize) {
                throw new FbFormatException(at, "field lies outside its table");
            }
            int fp = p + vo;
            requireAligned(at, fp, kind.inlineSize());
            switch (kind) {
                case UTYPE -> {
                    unionType = bb.get(fp) & 0xFF;
                    UnionDef u = f.type().union();
                    if (unionType != 0 && u.member(unionType) == null) {
                        throw new FbFormatException(at, "union type " + unionType + " is not a member of "
                                + u.name() + " (1.." + u.memberCount() + ")");
                    }
                    out.set(f, (long) unionType);
                }
                case UNION -> {
                    if (unionType == 0) {
                        throw new FbFormatException(at, "value present but its type is NONE");
                    }
                    TableDef member = f.type().union().member(unionType);
                    out.set(f, table(member, target(at, fp), at, depth + 1));
                }
                case TABLE -> out.set(f, table(f.type().table(), target(at, fp), at, depth + 1));
                case STRING -> out.set(f, string(target(at, fp), at));
                case VECTOR -> out.set(f, vector(f.type(), target(at, fp), at, depth));
                default -> out.set(f, scalar(kind, fp));
            }
        }
        int declared = (vtSize - 4) / 2;
        for (int slot = fields.size(); slot < declared; slot++) {
            if (u16((int) vt + 4 + 2 * slot) != 0) {
                unknownFields++;
                if (firstUnknownField == null) {
                    firstUnknownField = where + ": field slot " + slot;
                }
            }
        }
        return out;
    }

    private Object vector(FieldType type, long pos, String where, int depth) {
        if (++objects > MAX_OBJECTS) {
            throw new FbFormatException(where, "more than " + MAX_OBJECTS + " tables and vectors");
        }
        BaseType element = type.element();
        int elementSize = element.inlineSize();
        requireRange(where, "vector length", pos, 4, 4);
        long length = u32((int) pos);
        long start = pos + 4;
        if (start + length * elementSize > limit) {
            throw new FbFormatException(where, "vector of " + length + " elements runs past the end of the "
                    + limit + "-byte buffer");
        }
        reach(where, length * elementSize);
        if (element.isScalar()) {
            requireAligned(where, start, elementSize);
            return new FbScalarVector(element, bb.slice((int) start, (int) (length * elementSize)));
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int ep = (int) (start + 4L * i);
            String at = where + "[" + i + "]";
            long t = target(at, ep);
            list.add(element == BaseType.STRING ? string(t, at) : table(type.table(), t, at, depth + 1));
        }
        return list;
    }

    private FbString string(long pos, String where) {
        requireRange(where, "string length", pos, 4, 4);
        long length = u32((int) pos);
        long start = pos + 4;
        if (start + length + 1 > limit) {
            throw new FbFormatException(where, "string of " + length + " bytes runs past the end of the buffer");
        }
        if (bb.get((int) (start + length)) != 0) {
            throw new FbFormatException(where, "string is not zero-terminated");
        }
        reach(where, length);
        byte[] b = new byte[(int) length];
        bb.get((int) start, b);
        return new FbString(b);
    }

    /** Counts the bytes of a vector or string each time an offset leads to it. */
    private void reach(String where, long bytes) {
        dataBytes += bytes;
        if (dataBytes > (long) MAX_DATA_PER_BUFFER_BYTE * limit) {
            throw new FbFormatException(where, "vectors and strings reached through shared or overlapping offsets add"
                    + " up to more than " + MAX_DATA_PER_BUFFER_BYTE + " times the " + limit + "-byte buffer");
        }
    }

    private Object scalar(BaseType kind, int fp) {
        return switch (kind) {
            case BOOL, UBYTE -> (long) (bb.get(fp) & 0xFF);
            case BYTE -> (long) bb.get(fp);
            case SHORT -> (long) bb.getShort(fp);
            case USHORT -> (long) (bb.getShort(fp) & 0xFFFF);
            case INT -> (long) bb.getInt(fp);
            case UINT -> bb.getInt(fp) & 0xFFFFFFFFL;
            case LONG, ULONG -> bb.getLong(fp);
            case FLOAT -> FloatBits.widen(bb.getInt(fp));
            case DOUBLE -> bb.getDouble(fp);
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /** Follows the unsigned offset stored at {@code fp}; the target is checked by the caller's range check. */
    private long target(String where, int fp) {
        long t = fp + u32(fp);
        if (t >= limit) {
            throw new FbFormatException(where, "offset points to " + t + ", past the end of the " + limit
                    + "-byte buffer");
        }
        return t;
    }

    private void requireRange(String where, String what, long pos, long size, int alignment) {
        if (pos < 0 || pos + size > limit) {
            throw new FbFormatException(where, what + " at " + pos + " lies outside the " + limit + "-byte buffer");
        }
        requireAligned(where, pos, alignment);
    }

    private static void requireAligned(String where, long pos, int alignment) {
        if (alignment > 1 && pos % alignment != 0) {
            throw new FbFormatException(where, "misaligned data at " + pos);
        }
    }

    private long u32(int at) {
        if (at < 0 || at + 4 > limit) {
            throw new FbFormatException("buffer", "offset at " + at + " lies outside the buffer");
        }
        return bb.getInt(at) & 0xFFFFFFFFL;
    }

    private int u16(int at) {
        return bb.getShort(at) & 0xFFFF;
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder("\"");
        for (byte x : b) {
            s.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xFF));
        }
        return s.append('"').toString();
    }
}
