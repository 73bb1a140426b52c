package io.lstmq.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.lstmq.LstmqException;

class NpyTest {
    @TempDir
    Path dir;

    /** The exact bytes numpy 2.4 wrote for {@code np.save(f, np.arange(6, dtype='<f4').reshape(2, 3))}. */
    @Test
    void writesTheBytesNumpyWrites() {
        NdArray a = NdArray.ofFloats(new long[] {2, 3}, 0f, 1f, 2f, 3f, 4f, 5f);
        byte[] expectedHeader = header(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
                + " ".repeat(58) + "\n");
        byte[] written = Npy.toBytes(a);
        assertEquals(152, written.length);
        assertArrayEquals(expectedHeader, Arrays.copyOf(written, 128));
        ByteBuffer data = ByteBuffer.wrap(written, 128, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertEquals(i, data.getFloat());
        }
    }

    /** numpy's headers for a 1-d, a 0-d and an empty array (shape tuple spelling and 64-byte padding). */
    @Test
    void spellsShapeTuplesAsNumpyDoes() {
        assertHeader("{'descr': '|i1', 'fortran_order': False, 'shape': (3,), }" + " ".repeat(60) + "\n",
                NdArray.ofInts(DType.INT8, new long[] {3}, 1, -2, 3));
        assertHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (), }" + " ".repeat(62) + "\n",
                NdArray.ofInts(DType.INT64, new long[] {}, 7));
        assertHeader("{'descr': '<u2', 'fortran_order': False, 'shape': (0, 5), }" + " ".repeat(58) + "\n",
                NdArray.ofInts(DType.UINT16, new long[] {0, 5}));
    }

    private static void assertHeader(String dict, NdArray a) {
        byte[] expected = header(1, dict);
        assertArrayEquals(expected, Arrays.copyOf(Npy.toBytes(a), expected.length));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryDtypeThroughAFile(DType dtype) throws Exception {
        byte[] raw = new byte[3 * 2 * dtype.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (dtype == DType.BOOL ? i % 2 : 37 * i + 11);
        }
        NdArray a = NdArray.of(dtype, new long[] {3, 2}, ByteBuffer.wrap(raw));
        Path f = dir.resolve("a.npy");
        Npy.write(f, a);
        NdArray back = Npy.read(f);
        assertEquals(dtype, back.dtype());
        assertArrayEquals(new long[] {3, 2}, back.shape());
        byte[] backRaw = new byte[raw.length];
        back.data().get(backRaw);
        assertArrayEquals(raw, backRaw);
        assertEquals(a, back);
    }

    @Test
    void readsValuesOfEachDtype() {
        assertEquals(-2.5f, roundTrip(NdArray.ofFloats(new long[] {1}, -2.5f)).getFloat(0));
        assertEquals(-128, roundTrip(NdArray.ofInts(DType.INT8, new long[] {1}, -128)).getInt(0));
        assertEquals(255, roundTrip(NdArray.ofInts(DType.UINT8, new long[] {1}, 255)).getInt(0));
        assertEquals(-32768, roundTrip(NdArray.ofInts(DType.INT16, new long[] {1}, -32768)).getInt(0));
        assertEquals(65535, roundTrip(NdArray.ofInts(DType.UINT16, new long[] {1}, 65535)).getInt(0));
        assertEquals(Integer.MIN_VALUE, roundTrip(NdArray.ofInts(DType.INT32, new long[] {1}, Integer.MIN_VALUE))
                .getInt(0));
        assertEquals(-5L, roundTrip(NdArray.ofInts(DType.INT64, new long[] {1}, -5)).getLong(0));
        assertEquals(1, roundTrip(NdArray.ofInts(DType.BOOL, new long[] {2}, 0, 1)).getInt(1));
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0, Math.PI);
        assertEquals(Math.PI, roundTrip(NdArray.of(DType.FLOAT64, new long[] {}, d)).getDouble(0));
    }

    private static NdArray roundTrip(NdArray a) {
        return Npy.read(Npy.toBytes(a), "mem");
    }

    @Test
    void readsFormatVersionsTwoAndThree() {
        String dict = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }\n";
        for (int major : new int[] {2, 3}) {
            byte[] file = concat(header(major, dict), new byte[] {1, 0, (byte) 0xff, (byte) 0xff});
            NdArray a = Npy.read(file, "v" + major);
            assertArrayEquals(new int[] {1, -1}, a.asIntArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<u1", "|u1", "=u1", ">u1"})
    void acceptsEveryByteOrderMarkForSingleBytes(String descr) {
        NdArray a = Npy.read(file(descr, "False", "(1,)", new byte[] {(byte) 200}), "x");
        assertEquals(DType.UINT8, a.dtype());
        assertEquals(200, a.getInt(0));
    }

    @Test
    void acceptsNativeOrderMarkAsLittleEndian() {
        NdArray a = Npy.read(file("=i4", "False", "(1,)", new byte[] {1, 2, 0, 0}), "x");
        assertEquals(0x0201, a.getInt(0));
    }

    @Test
    void rejectsBadMagic() {
        byte[] f = file("<f4", "False", "(1,)", new byte[4]);
        f[1] = 'n';
        assertProblem(f, "not a .npy file");
        assertProblem("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file");
        assertProblem(new byte[0], "not a .npy file");
    }

    @Test
    void rejectsTruncatedHeader() {
        byte[] f = file("<f4", "False", "(1,)", new byte[4]);
        assertProblem(Arrays.copyOf(f, 7), "truncated header");
        assertProblem(Arrays.copyOf(f, 9), "truncated header");
        assertProblem(Arrays.copyOf(f, 40), "truncated header (it claims 118 bytes but only 30 follow)");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] f = file("<f4", "False", "(2, 3)", new byte[24]);
        assertProblem(Arrays.copyOf(f, f.length - 1),
                "truncated data: shape [2, 3] of float32 needs 24 bytes but only 23 follow the header");
    }

    @Test
    void rejectsTrailingBytes() {
        assertProblem(file("<f4", "False", "(1,)", new byte[5]), "1 unexpected bytes after the data");
    }

    @Test
    void rejectsHugeClaimedShapeWithoutAllocatingIt() {
        assertProblem(file("<f8", "False", "(1000000, 1000000, 1000)", new byte[16]),
                "needs 8000000000000000 bytes but only 16 follow the header");
    }

    @Test
    void rejectsShapesWhoseSizeOverflows() {
        assertProblem(file("<f8", "False", "(4611686018427387904, 4)", new byte[8]), "overflows 64 bits");
        assertProblem(file("<f8", "False", "(99999999999999999999,)", new byte[8]), "does not fit in 64 bits");
        assertProblem(file("<f8", "False", "(-1,)", new byte[8]), "negative dimension");
    }

    @Test
    void rejectsFortranOrder() {
        assertProblem(file("<f4", "True", "(2, 2)", new byte[16]), "Fortran-order");
    }

    @Test
    void rejectsBigEndian() {
        assertProblem(file(">f4", "False", "(1,)", new byte[4]), "big-endian data ('>f4') is not supported");
        assertProblem(file(">i2", "False", "(1,)", new byte[2]), "big-endian");
    }

    @Test
    void rejectsObjectAndOtherDtypes() {
        assertProblem(file("|O", "False", "(1,)", new byte[8]), "object arrays ('|O') are not supported");
        assertProblem(file("<c8", "False", "(1,)", new byte[8]), "unsupported dtype '<c8'");
        assertProblem(file("<U3", "False", "(1,)", new byte[12]), "unsupported dtype '<U3'");
        assertProblem(file("<f2", "False", "(1,)", new byte[2]), "unsupported dtype '<f2'");
    }

    @Test
    void rejectsMalformedHeaders() {
        assertProblem(withDict(1, "{'descr': '<f4', 'shape': (1,), }\n", new byte[4]), "header keys are");
        assertProblem(withDict(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': True}\n",
                new byte[4]), "header keys are");
        assertProblem(withDict(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,) \n", new byte[4]),
                "malformed header dict");
        assertProblem(withDict(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n",
                new byte[4]), "structured arrays are not supported");
        assertProblem(withDict(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }\n", new byte[4]),
                "malformed header dict");
        byte[] v4 = withDict(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", new byte[4]);
        v4[6] = 4;
        assertProblem(v4, "unsupported .npy format version 4.0");
    }

    @Test
    void messagesNameTheFile() throws Exception {
        Path f = dir.resolve("broken.npy");
        Files.write(f, file(">f4", "False", "(1,)", new byte[4]));
        LstmqException e = assertThrows(LstmqException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": big-endian"), e.getMessage());
        LstmqException missing = assertThrows(LstmqException.class, () -> Npy.read(dir.resolve("none.npy")));
        assertEquals(dir.resolve("none.npy") + ": no such file", missing.getMessage());
    }

    @Test
    void readingABufferLeavesItsPositionAlone() {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.position(10);
        b.put(Npy.toBytes(NdArray.ofInts(DType.INT32, new long[] {2}, 7, 8)));
        b.flip().position(10);
        assertArrayEquals(new int[] {7, 8}, Npy.read(b, "mem").asIntArray());
        assertEquals(10, b.position());
    }

    private static void assertProblem(byte[] file, String expected) {
        LstmqException e = assertThrows(LstmqException.class, () -> Npy.read(file, "t.npy"));
        assertTrue(e.getMessage().startsWith("t.npy: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    /** A version 1.0 file with the given dict values, padded as numpy pads, followed by {@code data}. */
    private static byte[] file(String descr, String fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        return withDict(1, dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n", data);
    }

    private static byte[] withDict(int major, String dict, byte[] data) {
        return concat(header(major, dict), data);
    }

    /** Magic, version {@code major}.0, the little-endian length of {@code dict}, then {@code dict}. */
    private static byte[] header(int major, String dict) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int n = dict.length();
        out.writeBytes(major == 1 ? new byte[] {(byte) n, (byte) (n >> 8)}
                : new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        out.writeBytes(dict.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
