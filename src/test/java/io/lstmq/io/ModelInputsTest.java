package io.lstmq.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.Quantization;
import io.lstmq.model.SubGraph;

class ModelInputsTest {
    /** One int8 input [1, 2, 3] with scale 0.5 and zero point -10. */
    private static SubGraph int8Model() {
        ModelBuilder b = new ModelBuilder("t");
        int x = b.tensor("x", DataType.INT8, new int[] {1, 2, 3}, null,
                Quantization.of(new float[] {0.5f}, new long[] {-10}, 0), false);
        b.inputs(x);
        return b.model().subgraph(0);
    }

    @Test
    void floatDataIsQuantizedHalfAwayFromZeroAndClamped() {
        NdArray data = NdArray.ofFloats(new long[] {1, 2, 3}, 0.25f, -0.25f, 0.75f, -0.75f, 100f, -100f);
        ModelInputs in = ModelInputs.bind(int8Model(), Map.of("", data), "x.npy");
        assertEquals(1, in.sampleCount());
        NdArray q = in.sample(0).get(0);
        assertEquals(DType.INT8, q.dtype());
        // 0.25/0.5 = 0.5 -> 1; -0.5 -> -1; 1.5 -> 2; -1.5 -> -2; then + zp and clamp
        assertArrayEquals(new int[] {-9, -11, -8, -12, 127, -128}, q.asIntArray());
    }

    @Test
    void samplesOnALeadingAxisWithOrWithoutTheBatchDimension() {
        float[] v = new float[4 * 6];
        assertEquals(4, ModelInputs.bind(int8Model(), Map.of("", NdArray.ofFloats(new long[] {4, 1, 2, 3}, v)), "d")
                .sampleCount());
        ModelInputs in = ModelInputs.bind(int8Model(), Map.of("x", NdArray.ofFloats(new long[] {4, 2, 3}, v)), "d");
        assertEquals(4, in.sampleCount());
        assertArrayEquals(new long[] {1, 2, 3}, in.sample(3).get(0).shape());
    }

    @Test
    void integerDataIsTakenAsIs() {
        NdArray data = NdArray.ofInts(DType.INT8, new long[] {1, 2, 3}, 1, 2, 3, -4, -5, -6);
        assertArrayEquals(new int[] {1, 2, 3, -4, -5, -6},
                ModelInputs.bind(int8Model(), Map.of("", data), "d").sample(0).get(0).asIntArray());
        NdArray tooBig = NdArray.ofInts(DType.INT16, new long[] {1, 2, 3}, 1, 2, 3, 4, 5, 300);
        LstmqException e = assertThrows(LstmqException.class,
                () -> ModelInputs.bind(int8Model(), Map.of("", tooBig), "d").sample(0));
        assertTrue(e.getMessage().contains("value 300 at element 5 does not fit int8"), e.getMessage());
    }

    @Test
    void shapeMismatchNamesExpectedAndActual() {
        LstmqException e = assertThrows(LstmqException.class, () -> ModelInputs.bind(int8Model(),
                Map.of("", NdArray.ofFloats(new long[] {5, 3, 2}, new float[30])), "calib.npy"));
        assertEquals("calib.npy: input 'x' has shape [1, 2, 3] but the data has shape [5, 3, 2] (expected [1, 2, 3],"
                + " [N, 1, 2, 3] or [N, 2, 3])", e.getMessage());
        ModelBuilder b = new ModelBuilder("t");
        b.inputs(b.tensor("v", DataType.FLOAT32, new int[] {1}, null, null, false));
        SubGraph vector = b.model().subgraph(0);
        LstmqException rankOne = assertThrows(LstmqException.class, () -> ModelInputs.bind(vector,
                Map.of("", NdArray.ofFloats(new long[] {2, 2}, new float[4])), "v.npy"));
        assertEquals("v.npy: input 'v' has shape [1] but the data has shape [2, 2] (expected [1], [N, 1] or [N])",
                rankOne.getMessage());
        LstmqException unknown = assertThrows(LstmqException.class, () -> ModelInputs.bind(int8Model(),
                Map.of("y", NdArray.ofFloats(new long[] {2, 3}, new float[6])), "d"));
        assertTrue(unknown.getMessage().contains("no data for model input 'x'"), unknown.getMessage());
    }

    @Test
    void dequantize() {
        SubGraph g = int8Model();
        NdArray q = NdArray.ofInts(DType.INT8, new long[] {2}, -10, 0);
        assertArrayEquals(new float[] {0f, 5f}, ModelInputs.dequantize(q, g.tensor(0)).asFloatArray());
    }
}
