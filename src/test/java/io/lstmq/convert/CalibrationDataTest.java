package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;

class CalibrationDataTest {
    @TempDir
    Path tmp;

    @Test
    void filesForOneInputAreJoinedAlongTheSampleAxis() {
        Path a = write("a.npy", NdArray.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6));
        Path b = write("b.npy", NdArray.ofFloats(new long[] {1, 3}, 7, 8, 9));
        CalibrationData d = CalibrationData.load(List.of(a.toString(), b.toString()));
        NdArray joined = d.arrays().get("");
        assertArrayEquals(new long[] {3, 3}, joined.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, joined.asFloatArray());
        assertEquals(a + ", " + b, d.source());
    }

    @Test
    void namedFilesKeepTheirInputName() {
        Path a = write("a.npy", NdArray.ofFloats(new long[] {1, 2}, 1, 2));
        CalibrationData d = CalibrationData.load(List.of("tokens:0=" + a));
        assertEquals(List.of("tokens:0"), List.copyOf(d.arrays().keySet()));
    }

    @Test
    void samplesOfDifferentShapesCannotBeJoined() {
        Path a = write("a.npy", NdArray.ofFloats(new long[] {1, 2}, 1, 2));
        Path b = write("b.npy", NdArray.ofFloats(new long[] {1, 3}, 1, 2, 3));
        LstmqException e = assertThrows(LstmqException.class,
                () -> CalibrationData.load(List.of(a.toString(), b.toString())));
        assertTrue(e.getMessage().startsWith("--calibration: cannot join"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        LstmqException e = assertThrows(LstmqException.class,
                () -> CalibrationData.load(List.of("x=" + tmp.resolve("none.npy"))));
        assertTrue(e.getMessage().contains("no such file " + tmp.resolve("none.npy")), e.getMessage());
    }

    private Path write(String name, NdArray a) {
        Path p = tmp.resolve(name);
        Npy.write(p, a);
        return p;
    }
}
