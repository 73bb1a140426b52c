package io.lstmq.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.LstmqException;
import io.lstmq.testing.Shared;

/** The real MNIST files in ../shared; expected values were read with a separate Python struct reader. */
class NpyMnistTest {
    @Test
    void readsImages() {
        NdArray images = Npy.read(Shared.path("data/mnist/images_uint8.npy"));
        assertEquals(DType.UINT8, images.dtype());
        assertArrayEquals(new long[] {10000, 28, 28}, images.shape());
        int[] row14 = Arrays.copyOfRange(images.sample(0).asIntArray(), 14 * 28, 15 * 28);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 5, 193, 253, 253, 254, 253, 253, 200, 155, 155, 238,
                253, 229, 23, 0, 0, 0, 0, 0, 0, 0}, row14);
        assertEquals(166, images.getInt(9999L * 784 + 14 * 28 + 8));
        assertEquals(14, images.sample(9999).getInt(14 * 28 + 23));
    }

    @Test
    void readsLabels() {
        NdArray labels = Npy.read(Shared.path("data/mnist/labels_int32.npy"));
        assertEquals(DType.INT32, labels.dtype());
        assertArrayEquals(new long[] {10000}, labels.shape());
        assertArrayEquals(new int[] {5, 4, 2, 2, 5, 9, 8, 9, 5, 7, 9, 8, 7, 1, 9, 0, 0, 2, 3, 7},
                Arrays.copyOf(labels.asIntArray(), 20));
        assertEquals(3, labels.getInt(9999));
    }

    @Test
    void readsCalibrationFloatsBitExactly() {
        NdArray calib = Npy.read(Shared.path("data/mnist/calib_1000_float32.npy"));
        assertEquals(DType.FLOAT32, calib.dtype());
        assertArrayEquals(new long[] {1000, 28, 28}, calib.shape());
        assertEquals(0x3ca0a0a1, Float.floatToRawIntBits(calib.getFloat(399)));
        assertEquals(0x3f41c1c2, Float.floatToRawIntBits(calib.getFloat(400)));
        assertEquals(0x3f7efeff, Float.floatToRawIntBits(calib.getFloat(403)));
        float[] last = calib.sample(999).asFloatArray();
        assertEquals(0x3efefeff, Float.floatToRawIntBits(last[14 * 28 + 12]));
        assertEquals(1.0f, last[14 * 28 + 17]);
        assertEquals(0.0f, calib.getFloat(0));
    }

    @Test
    void rejectsTheRealFileCutShort(@TempDir Path dir) throws Exception {
        byte[] labels = Files.readAllBytes(Shared.path("data/mnist/labels_int32.npy"));
        Path cut = dir.resolve("labels_cut.npy");
        Files.write(cut, Arrays.copyOf(labels, labels.length - 1));
        LstmqException e = assertThrows(LstmqException.class, () -> Npy.read(cut));
        assertEquals(cut + ": truncated data: shape [10000] of int32 needs 40000 bytes but only 39999 follow the"
                + " header", e.getMessage());
    }

    @Test
    void writesTheRealFileBackByteForByte(@TempDir Path dir) throws Exception {
        Path original = Shared.path("data/mnist/labels_int32.npy");
        Path copy = dir.resolve("labels.npy");
        Npy.write(copy, Npy.read(original));
        assertTrue(Arrays.equals(Files.readAllBytes(original), Files.readAllBytes(copy)));
    }
}
