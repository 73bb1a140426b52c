package io.lstmq.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;

class NdArrayTest {
    private final NdArray grid = NdArray.ofInts(DType.INT16, new long[] {3, 2, 2}, 0, 1, 2, 3, 4, 5, 6, 7, -8, 9,
            10, -32768);

    @Test
    void slicesSamplesAlongAxisZero() {
        NdArray s = grid.sample(2);
        assertArrayEquals(new long[] {2, 2}, s.shape());
        assertArrayEquals(new int[] {-8, 9, 10, -32768}, s.asIntArray());
        assertEquals(4, s.byteSize() / 2);
        assertThrows(IndexOutOfBoundsException.class, () -> grid.sample(3));
    }

    @Test
    void stacksSamplesBackIntoTheOriginal() {
        NdArray restacked = NdArray.stack(List.of(grid.sample(0), grid.sample(1), grid.sample(2)));
        assertEquals(grid, restacked);
        NdArray twice = NdArray.stack(List.of(grid.sample(1), grid.sample(1)));
        assertArrayEquals(new int[] {4, 5, 6, 7, 4, 5, 6, 7}, twice.asIntArray());
        assertThrows(IllegalArgumentException.class, () -> NdArray.stack(List.of(grid.sample(0), grid)));
    }

    @Test
    void reshapesKeepingElements() {
        NdArray r = grid.sample(1).reshape(1, 4);
        assertArrayEquals(new int[] {1, 4}, r.intShape());
        assertEquals(7, r.getInt(3));
        assertThrows(IllegalArgumentException.class, () -> grid.reshape(5, 2));
    }

    @Test
    void convertsIntegersToFloatsButNotBack() {
        assertEquals(-32768f, grid.getFloat(11));
        assertArrayEquals(new float[] {-8f, 9f, 10f, -32768f}, grid.sample(2).asFloatArray());
        NdArray f = NdArray.ofFloats(new long[] {2}, 1.5f, -0f);
        LstmqException e = assertThrows(LstmqException.class, () -> f.getInt(0));
        assertEquals("the array holds float32 values where integers are expected", e.getMessage());
        assertEquals(1.5, f.getDouble(0));
    }

    @Test
    void readsUnsignedTypesAsUnsigned() {
        NdArray u8 = NdArray.of(DType.UINT8, new long[] {2}, ByteBuffer.wrap(new byte[] {(byte) 0xff, 1}));
        assertArrayEquals(new int[] {255, 1}, u8.asIntArray());
        NdArray u16 = NdArray.of(DType.UINT16, new long[] {1}, ByteBuffer.wrap(new byte[] {(byte) 0xfe, (byte) 0xff}));
        assertEquals(65534, u16.getInt(0));
        NdArray i64 = NdArray.of(DType.INT64, new long[] {1},
                ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}));
        assertEquals(1L << 32, i64.getLong(0));
        assertThrows(LstmqException.class, () -> i64.getInt(0));
    }

    @Test
    void rejectsValuesOutsideTheDtype() {
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofInts(DType.INT8, new long[] {1}, 128));
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofInts(DType.UINT8, new long[] {1}, -1));
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofInts(DType.BOOL, new long[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofInts(DType.FLOAT32, new long[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> NdArray.ofFloats(new long[] {3}, 1f, 2f));
    }

    @Test
    void copiesItsInputAndHandsOutReadOnlyViews() {
        ByteBuffer source = ByteBuffer.wrap(new byte[] {1, 2});
        NdArray a = NdArray.of(DType.UINT8, new long[] {2}, source);
        source.put(0, (byte) 9);
        assertEquals(1, a.getInt(0));
        assertThrows(ReadOnlyBufferException.class, () -> a.data().put(0, (byte) 5));
        assertEquals(0, source.position());
    }

    @Test
    void requiresShapesWithWildcards() {
        grid.requireShape(new long[] {3, 2, 2}, "x").requireShape(new long[] {-1, 2, 2}, "x");
        LstmqException e = assertThrows(LstmqException.class,
                () -> grid.requireShape(new long[] {-1, 28, 28}, "calib.npy"));
        assertEquals("calib.npy: expected shape [-1, 28, 28] but got [3, 2, 2]", e.getMessage());
        assertThrows(LstmqException.class, () -> grid.requireShape(new long[] {3, 2}, "x"));
        LstmqException d = assertThrows(LstmqException.class, () -> grid.requireDType(DType.INT32, "labels.npy"));
        assertEquals("labels.npy: expected int32 data but got int16", d.getMessage());
    }

    @Test
    void comparesByTypeShapeAndBytes() {
        NdArray a = NdArray.ofInts(DType.INT32, new long[] {2}, 1, 2);
        assertEquals(a, NdArray.ofInts(DType.INT32, new long[] {2}, 1, 2));
        assertEquals(a.hashCode(), NdArray.ofInts(DType.INT32, new long[] {2}, 1, 2).hashCode());
        assertNotEquals(a, NdArray.ofInts(DType.INT32, new long[] {1, 2}, 1, 2));
        assertNotEquals(a, NdArray.ofInts(DType.UINT16, new long[] {4}, 1, 0, 2, 0));
        assertNotEquals(NdArray.ofFloats(new long[] {1}, 0f), NdArray.ofFloats(new long[] {1}, -0f));
        assertEquals("int32[2]", a.toString());
    }
}
