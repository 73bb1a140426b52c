package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.BuiltinOperator;

/** RESHAPE, STRIDED_SLICE and CONCATENATION move values without changing them. */
class DataMovementKernelsTest {
    private static final float[] ZERO_TO_SEVEN = {0, 1, 2, 3, 4, 5, 6, 7};

    @Test
    void reshapeInfersTheMinusOneDimensionFromTheOption() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 2, 4);
        int y = g.floatActivation("y"); // declared as [], as converters often leave it
        FbTable o = TestGraph.options("ReshapeOptions");
        o.set("new_shape", FbScalarVector.ofInts(4, -1));
        Interpreter in = g.op(BuiltinOperator.RESHAPE, new int[] {x}, new int[] {y}, o)
                .interpreter(new int[] {x}, new int[] {y});
        assertArrayEquals(new int[] {4, 2}, in.outputTensor(0).shape());
        assertArrayEquals(ZERO_TO_SEVEN, run(in));
    }

    @Test
    void reshapeTakesTheShapeInput() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 2, 4);
        int shape = g.indexConstant("shape", 1, 8);
        int y = g.floatActivation("y", 1, 8);
        Interpreter in = g.op(BuiltinOperator.RESHAPE, new int[] {x, shape}, new int[] {y}, null)
                .interpreter(new int[] {x}, new int[] {y});
        assertArrayEquals(new int[] {1, 8}, in.outputTensor(0).shape());
        assertArrayEquals(ZERO_TO_SEVEN, run(in));
    }

    /** Rows 0..1, columns 1, 3 of [[0 1 2 3], [4 5 6 7]]. */
    @Test
    void stridedSliceWithAStride() {
        Interpreter in = slice(new int[] {0, 1}, new int[] {2, 4}, new int[] {1, 2}, 0, 0, 0);
        assertArrayEquals(new int[] {2, 2}, in.outputTensor(0).shape());
        assertArrayEquals(new float[] {1, 3, 5, 7}, run(in));
    }

    /** Shrinking axis 0 at index -1 (the last row) leaves a vector; the end mask runs the columns to the end. */
    @Test
    void stridedSliceShrinksAnAxisAndHonoursMasks() {
        Interpreter in = slice(new int[] {-1, 1}, new int[] {0, 0}, new int[] {1, 1}, 0, 2, 1);
        assertArrayEquals(new int[] {3}, in.outputTensor(0).shape());
        assertArrayEquals(new float[] {5, 6, 7}, run(in));
    }

    /** A negative stride with the begin mask walks each row backwards from its end. */
    @Test
    void stridedSliceBackwards() {
        Interpreter in = slice(new int[] {0, 0}, new int[] {2, 0}, new int[] {1, -1}, 2, 0, 0);
        assertArrayEquals(new float[] {3, 2, 1, 7, 6, 5}, run(in));
    }

    @Test
    void concatenationAlongTheLastAxis() {
        TestGraph g = new TestGraph();
        int a = g.activation("a", DataType.INT8, new int[] {2, 1}, 0.5f, 3);
        int b = g.int8Constant("b", new int[] {2, 2}, TestGraph.quant(0.5f, 3), 10, 11, 12, 13);
        int y = g.activation("y", DataType.INT8, new int[] {2, 3}, 0.5f, 3);
        FbTable o = TestGraph.options("ConcatenationOptions");
        o.set("axis", -1L);
        Interpreter in = g.op(BuiltinOperator.CONCATENATION, new int[] {a, b}, new int[] {y}, o)
                .interpreter(new int[] {a}, new int[] {y});
        in.inputTensor(0).bytes()[0] = -1;
        in.inputTensor(0).bytes()[1] = -2;
        in.invoke();
        assertArrayEquals(new int[] {-1, 10, 11, -2, 12, 13}, in.output(0).asIntArray());
    }

    @Test
    void concatenationOfDifferentlyQuantizedInputsIsRejected() {
        TestGraph g = new TestGraph();
        int a = g.activation("a", DataType.INT8, new int[] {1, 1}, 0.5f, 3);
        int b = g.activation("b", DataType.INT8, new int[] {1, 1}, 0.25f, 3);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 0.5f, 3);
        FbTable o = TestGraph.options("ConcatenationOptions");
        o.set("axis", 1L);
        g.op(BuiltinOperator.CONCATENATION, new int[] {a, b}, new int[] {y}, o);
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {a, b}, new int[] {y}));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 0 (CONCATENATION v1): input tensor 1 'b' quantized"),
                e.getMessage());
    }

    private static Interpreter slice(int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrink) {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 2, 4);
        int b = g.indexConstant("begin", begin);
        int e = g.indexConstant("end", end);
        int s = g.indexConstant("strides", strides);
        int y = g.floatActivation("y");
        FbTable o = TestGraph.options("StridedSliceOptions");
        o.set("begin_mask", (long) beginMask);
        o.set("end_mask", (long) endMask);
        o.set("shrink_axis_mask", (long) shrink);
        return g.op(BuiltinOperator.STRIDED_SLICE, new int[] {x, b, e, s}, new int[] {y}, o)
                .interpreter(new int[] {x}, new int[] {y});
    }

    private static float[] run(Interpreter in) {
        System.arraycopy(ZERO_TO_SEVEN, 0, in.inputTensor(0).floats(), 0, 8);
        in.invoke();
        return in.outputTensor(0).floats().clone();
    }
}
