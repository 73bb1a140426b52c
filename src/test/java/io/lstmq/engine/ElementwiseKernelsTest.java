package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.ActivationFunctionType;
import io.lstmq.schema.BuiltinOperator;

/** ADD and MUL worked by hand from TFLite Micro's integer arithmetic, and float broadcasting. */
class ElementwiseKernelsTest {

    /**
     * Both inputs scale 0.5, output scale 1: twice the larger input scale is 1, each input multiplier 0.5
     * = (2^30, 0), the output multiplier 1 / 2^20 = (2^30, -19). 3 + 4 → (1.5 + 2)·2^20 → 3.5 → 4 (ties away); the
     * negatives give -4; 1 + 0 → 0.5 → 1 and -1 + 0 → -1. With zero points 1, -1 and 5 the same pair gives 9.
     */
    @Test
    void int8AddRoundsTheSumHalfAwayFromZero() {
        assertArrayEquals(new int[] {4, -4, 1, -1}, add(DataType.INT8, 0, 0, 0, new int[] {3, -3, 1, -1},
                new int[] {4, -4, 0, 0}));
        assertArrayEquals(new int[] {9}, add(DataType.INT8, 1, -1, 5, new int[] {4}, new int[] {3}));
    }

    /** int16 takes a left shift of 15 instead of 20; the result is the same here. */
    @Test
    void int16Add() {
        assertArrayEquals(new int[] {4, -4, 1, -1}, add(DataType.INT16, 0, 0, 0, new int[] {3, -3, 1, -1},
                new int[] {4, -4, 0, 0}));
    }

    /**
     * Scales 0.5 and 0.25 with output scale 0.3: multiplier 0.125 / 0.3 = (1789569..., shift -1). With zero points
     * 1, -1 and 3: (5 - 1)(3 + 1) = 16 → SRDHM gives 13, RDBPOT(13, 1) = 7 (6.5 away from zero), plus 3 = 10;
     * 99 · 101 saturates.
     */
    @Test
    void int8Mul() {
        TestGraph g = new TestGraph();
        int a = g.activation("a", DataType.INT8, new int[] {2}, 0.5f, 1);
        int b = g.activation("b", DataType.INT8, new int[] {2}, 0.25f, -1);
        int y = g.activation("y", DataType.INT8, new int[] {2}, 0.3f, 3);
        Interpreter in = g.op(BuiltinOperator.MUL, new int[] {a, b}, new int[] {y}, activation("MulOptions"))
                .interpreter(new int[] {a, b}, new int[] {y});
        set(in.inputTensor(0), 5, 100);
        set(in.inputTensor(1), 3, 100);
        in.invoke();
        assertArrayEquals(new int[] {10, 127}, in.output(0).asIntArray());
    }

    /** Multiplier 0.5 · 0.25 / 0.125 = 1 = (2^30, shift 1): the product itself, clamped to int16. */
    @Test
    void int16Mul() {
        TestGraph g = new TestGraph();
        int a = g.activation("a", DataType.INT16, new int[] {3}, 0.5f, 0);
        int b = g.activation("b", DataType.INT16, new int[] {3}, 0.25f, 0);
        int y = g.activation("y", DataType.INT16, new int[] {3}, 0.125f, 0);
        Interpreter in = g.op(BuiltinOperator.MUL, new int[] {a, b}, new int[] {y}, activation("MulOptions"))
                .interpreter(new int[] {a, b}, new int[] {y});
        set(in.inputTensor(0), 100, -300, 1000);
        set(in.inputTensor(1), 7, 20, 1000);
        in.invoke();
        assertArrayEquals(new int[] {700, -6000, 32767}, in.output(0).asIntArray());
    }

    @Test
    void floatAddBroadcastsARowWithRelu() {
        TestGraph g = new TestGraph();
        int a = g.floatActivation("a", 2, 2);
        int b = g.floatConstant("b", new int[] {2}, 10, -20);
        int y = g.floatActivation("y", 2, 2);
        FbTable o = TestGraph.options("AddOptions");
        o.set("fused_activation_function", (long) ActivationFunctionType.RELU);
        Interpreter in = g.op(BuiltinOperator.ADD, new int[] {a, b}, new int[] {y}, o)
                .interpreter(new int[] {a}, new int[] {y});
        System.arraycopy(new float[] {1, 2, 3, 40}, 0, in.inputTensor(0).floats(), 0, 4);
        in.invoke();
        assertArrayEquals(new float[] {11, 0, 13, 20}, in.outputTensor(0).floats());
    }

    @Test
    void floatMulBroadcastsAColumn() {
        TestGraph g = new TestGraph();
        int a = g.floatActivation("a", 2, 3);
        int b = g.floatConstant("b", new int[] {2, 1}, 2, -1);
        int y = g.floatActivation("y", 2, 3);
        Interpreter in = g.op(BuiltinOperator.MUL, new int[] {a, b}, new int[] {y}, activation("MulOptions"))
                .interpreter(new int[] {a}, new int[] {y});
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, in.inputTensor(0).floats(), 0, 6);
        in.invoke();
        assertArrayEquals(new float[] {2, 4, 6, -4, -5, -6}, in.outputTensor(0).floats());
    }

    private static int[] add(DataType type, int za, int zb, int zo, int[] x, int[] y) {
        TestGraph g = new TestGraph();
        int a = g.activation("a", type, new int[] {x.length}, 0.5f, za);
        int b = g.activation("b", type, new int[] {x.length}, 0.5f, zb);
        int out = g.activation("y", type, new int[] {x.length}, 1f, zo);
        Interpreter in = g.op(BuiltinOperator.ADD, new int[] {a, b}, new int[] {out}, activation("AddOptions"))
                .interpreter(new int[] {a, b}, new int[] {out});
        set(in.inputTensor(0), x);
        set(in.inputTensor(1), y);
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static void set(EngineTensor t, int... values) {
        for (int i = 0; i < values.length; i++) {
            if (t.type() == DataType.INT8) {
                t.bytes()[i] = (byte) values[i];
            } else {
                t.shorts()[i] = (short) values[i];
            }
        }
    }

    private static FbTable activation(String table) {
        FbTable o = TestGraph.options(table);
        o.set("fused_activation_function", (long) ActivationFunctionType.NONE);
        return o;
    }
}
