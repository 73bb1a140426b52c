package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Quantization;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.ActivationFunctionType;
import io.lstmq.schema.BuiltinOperator;

/**
 * A 2x3 FULLY_CONNECTED worked by hand. Real values: x = [1, 2, -1], W = [[1, 2, -1], [0.5, 0, 1.5]],
 * b = [1, -2], so y = [7, -3]. Quantized: x = [3, 5, -1] (scale 0.5, zero point 1), W = [[4, 8, -4], [2, 0, 6]]
 * (scale 0.25), b = [8, -16] (scale 0.125). Accumulators Σ w(x - 1) + b: [8 + 32 + 8 + 8, 4 + 0 - 12 - 16] =
 * [56, -24].
 */
class FullyConnectedKernelTest {
    private static final int[] W = {4, 8, -4, 2, 0, 6};

    /** Output scale 1, zero point -2: multiplier 0.125 = (2^30, shift -2); 56 → 7, -24 → -3; plus -2. */
    @Test
    void int8WithAnExactMultiplier() {
        assertArrayEquals(new int[] {5, -5}, int8Fc(1f, -2, ActivationFunctionType.NONE, false));
    }

    /**
     * Output scale 0.75: multiplier 1/6 = (1431655765, -2). SRDHM(56, m) = round(37.33) = 37, RDBPOT(37, 2) = 9;
     * SRDHM(-24, m) = -16, RDBPOT(-16, 2) = -4.
     */
    @Test
    void int8WithARoundingMultiplier() {
        assertArrayEquals(new int[] {9, -4}, int8Fc(0.75f, 0, ActivationFunctionType.NONE, false));
    }

    /** RELU clamps at the quantized zero: zero point -2 + round(0 / 1). */
    @Test
    void int8WithFusedRelu() {
        assertArrayEquals(new int[] {5, -2}, int8Fc(1f, -2, ActivationFunctionType.RELU, false));
    }

    @Test
    void keepNumDimsKeepsTheInputRank() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 1, 3}, 0.5f, 1);
        int w = g.int8Constant("w", new int[] {2, 3}, TestGraph.quant(0.25f, 0), W);
        int b = g.int32Constant("b", new int[] {2}, 0.125f, 8, -16);
        int y = g.activation("y", DataType.INT8, new int[] {1, 1, 2}, 1f, -2);
        Interpreter in = g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.NONE, true)).interpreter(new int[] {x}, new int[] {y});
        assertArrayEquals(new int[] {1, 1, 2}, in.outputTensor(0).shape());
        assertArrayEquals(new int[] {5, -5}, run(in, 3, 5, -1));
    }

    /**
     * Per-channel weights with scales [0.25, 0.5]: row 1 is [1, 0, 3] (real [0.5, 0, 1.5]) with bias -8 (scale
     * 0.25). Row 0 as before gives 5; row 1: acc = 2 + 0 - 6 - 8 = -12, multiplier 0.5 · 0.5 / 1 = (2^30, -1):
     * -12 → -6 → -3, plus -2.
     */
    @Test
    void int8PerChannel() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 3}, 0.5f, 1);
        Quantization perChannel = Quantization.of(new float[] {0.25f, 0.5f}, new long[] {0, 0}, 0);
        int w = g.int8Constant("w", new int[] {2, 3}, perChannel, 4, 8, -4, 1, 0, 3);
        int b = g.int32Constant("b", new int[] {2}, 0.125f, 8, -8);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 1f, -2);
        Interpreter in = g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.NONE, false)).interpreter(new int[] {x}, new int[] {y});
        assertArrayEquals(new int[] {5, -5}, run(in, 3, 5, -1));
    }

    /**
     * int16 input [2, 4, -2] (scale 0.5, zero point 0; real [1, 2, -1]) with int64 bias: accumulators 56 and -24
     * again. The 64-bit MBQM reduces the multiplier (2^30, -2) to 16384 and shifts by 15 + 2: (56·16384 + 2^16)
     * >> 17 = 7 and (-24·16384 + 2^16) >> 17 = -3. A bias of 3·2^31 + 8, which only int64 holds, saturates.
     */
    @Test
    void int16WithInt64Bias() {
        assertArrayEquals(new int[] {7, -3}, int16Fc(8, -16));
        assertArrayEquals(new int[] {32767, -3}, int16Fc(3L * (1L << 31) + 8, -16));
    }

    @Test
    void floatWithBiasAndRelu6() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 2, 3);
        int w = g.floatConstant("w", new int[] {2, 3}, 1, 2, -1, 0.5f, 0, 1.5f);
        int b = g.floatConstant("b", new int[] {2}, 1, -2);
        int y = g.floatActivation("y", 2, 2);
        Interpreter in = g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.RELU6, false)).interpreter(new int[] {x}, new int[] {y});
        System.arraycopy(new float[] {1, 2, -1, 0.5f, 0.5f, 2}, 0, in.inputTensor(0).floats(), 0, 6);
        in.invoke();
        // row 0: [7, -3] clamped to [0, 6]; row 1: [0.5 + 1 - 2 + 1, 0.25 + 3 - 2] = [0.5, 1.25]
        assertArrayEquals(new float[] {6, 0, 0.5f, 1.25f}, in.outputTensor(0).floats(), 1e-6f);
    }

    @Test
    void int8InputWithInt16WeightsIsRejectedNamingTheOperator() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 3}, 0.5f, 1);
        int w = g.activation("w", DataType.INT16, new int[] {2, 3}, 0.25f, 0);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 1f, 0);
        g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, -1}, new int[] {y},
                options(ActivationFunctionType.NONE, false));
        LstmqException e = assertThrows(LstmqException.class,
                () -> g.interpreter(new int[] {x, w}, new int[] {y}));
        assertEquals("subgraph 0, operator 0 (FULLY_CONNECTED v1): int8 input with int16 weights is not supported by the lstmq"
                + " engine", e.getMessage());
    }

    /** TFLite's and TFLite Micro's Prepare refuse this bias (scale_diff / output_scale <= 0.02), so must the engine. */
    @Test
    void aBiasScaleFarFromInputTimesWeightScaleIsRejected() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 3}, 0.5f, 1);
        int w = g.int8Constant("w", new int[] {2, 3}, TestGraph.quant(0.25f, 0), W);
        int b = g.int32Constant("b", new int[] {2}, 0.14f, 8, -16);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 0.25f, 0);
        g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.NONE, false));
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {x}, new int[] {y}));
        assertEquals("subgraph 0, operator 0 (FULLY_CONNECTED v1) has bias scale 0.14 but input scale x weight scale "
                + "0.125; the runtimes refuse a difference above 2% of the output scale 0.25", e.getMessage());
        // a difference of 0.0049 is under 2% of 0.25 and accepted
        TestGraph ok = new TestGraph();
        int x2 = ok.activation("x", DataType.INT8, new int[] {1, 3}, 0.5f, 1);
        int w2 = ok.int8Constant("w", new int[] {2, 3}, TestGraph.quant(0.25f, 0), W);
        int b2 = ok.int32Constant("b", new int[] {2}, 0.1298828125f, 8, -16);
        int y2 = ok.activation("y", DataType.INT8, new int[] {1, 2}, 0.25f, 0);
        ok.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x2, w2, b2}, new int[] {y2},
                options(ActivationFunctionType.NONE, false));
        ok.interpreter(new int[] {x2}, new int[] {y2});
    }

    /**
     * The runtimes compare in double: a bias scale equal to the float product of large input and weight scales is
     * still half a float step (here 2.5) away from the exact product, which is far above 2% of a small output scale.
     * A fuzzed model that convert wrote this way could not be loaded by TFLite (kernel_util.cc:323).
     */
    @Test
    void theBiasScaleCheckUsesTheExactProductAsTheRuntimesDo() {
        float inputScale = 0.0036215102f;
        float weightScale = 2.24303698E10f;
        float floatProduct = inputScale * weightScale;
        double rounding = Math.abs((double) inputScale * weightScale - floatProduct);
        assertTrue(rounding / 0.0024528024 > 0.02, "the float product must round far enough for this test");
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 3}, inputScale, 0);
        int w = g.int8Constant("w", new int[] {2, 3}, TestGraph.quant(weightScale, 0), W);
        int b = g.int32Constant("b", new int[] {2}, floatProduct, 8, -16);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 0.0024528024f, 0);
        g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.NONE, false));
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {x}, new int[] {y}));
        assertTrue(e.getMessage().contains("the runtimes refuse a difference above 2% of the output scale"),
                e.getMessage());
    }

    private static int[] int8Fc(float outputScale, int outputZeroPoint, byte activation, boolean keepNumDims) {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 3}, 0.5f, 1);
        int w = g.int8Constant("w", new int[] {2, 3}, TestGraph.quant(0.25f, 0), W);
        int b = g.int32Constant("b", new int[] {2}, 0.125f, 8, -16);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, outputScale, outputZeroPoint);
        Interpreter in = g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(activation, keepNumDims)).interpreter(new int[] {x}, new int[] {y});
        return run(in, 3, 5, -1);
    }

    private static int[] int16Fc(long bias0, long bias1) {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT16, new int[] {1, 3}, 0.5f, 0);
        int w = g.int8Constant("w", new int[] {2, 3}, TestGraph.quant(0.25f, 0), W);
        int b = g.int64Constant("b", new int[] {2}, 0.125f, bias0, bias1);
        int y = g.activation("y", DataType.INT16, new int[] {1, 2}, 1f, 0);
        Interpreter in = g.op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y},
                options(ActivationFunctionType.NONE, false)).interpreter(new int[] {x}, new int[] {y});
        short[] input = in.inputTensor(0).shorts();
        input[0] = 2;
        input[1] = 4;
        input[2] = -2;
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static int[] run(Interpreter in, int... x) {
        byte[] input = in.inputTensor(0).bytes();
        for (int i = 0; i < x.length; i++) {
            input[i] = (byte) x[i];
        }
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static FbTable options(byte activation, boolean keepNumDims) {
        FbTable o = TestGraph.options("FullyConnectedOptions");
        o.set("fused_activation_function", (long) activation);
        o.set("keep_num_dims", keepNumDims ? 1L : 0L);
        return o;
    }
}
