package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.lstmq.model.DataType;
import io.lstmq.schema.BuiltinOperator;

/** QUANTIZE and DEQUANTIZE worked by hand. */
class QuantizeKernelsTest {

    /**
     * Scale 0.5, zero point -3: x / s = [0.5, -0.5, 1.5, 200, -2.52, 0.2]; ties go away from zero (1, -1, 2), then
     * the zero point, then the int8 clamp (197 → 127).
     */
    @Test
    void floatToInt8RoundsHalfAwayFromZero() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 6);
        int y = g.activation("y", DataType.INT8, new int[] {6}, 0.5f, -3);
        Interpreter in = g.op(BuiltinOperator.QUANTIZE, new int[] {x}, new int[] {y}, null)
                .interpreter(new int[] {x}, new int[] {y});
        System.arraycopy(new float[] {0.25f, -0.25f, 0.75f, 100f, -1.26f, 0.1f}, 0, in.inputTensor(0).floats(), 0, 6);
        in.invoke();
        assertArrayEquals(new int[] {-2, -4, -1, 127, -6, -3}, in.output(0).asIntArray());
    }

    /** Scale 2^-10: 3.00049 / 2^-10 = 3072.5 → 3073; -40 → -40960 clamps to -32768. */
    @Test
    void floatToInt16() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 3);
        int y = g.activation("y", DataType.INT16, new int[] {3}, 0x1p-10f, 0);
        Interpreter in = g.op(BuiltinOperator.QUANTIZE, new int[] {x}, new int[] {y}, null)
                .interpreter(new int[] {x}, new int[] {y});
        System.arraycopy(new float[] {3072.5f / 1024, -40f, -0.5f / 1024}, 0, in.inputTensor(0).floats(), 0, 3);
        in.invoke();
        assertArrayEquals(new int[] {3073, -32768, -1}, in.output(0).asIntArray());
    }

    /**
     * int8 → int8 from scale 0.5 to scale 1 with zero point 10: multiplier 0.5 = (2^30, shift 0), applied as
     * SRDHM(x, 2^30). SRDHM rounds 1.5 up to 2 but -1.5 up to -1 (its negative nudge is 1 - 2^30), so 3 → 12 and
     * -3 → 9; 255 · 0.5 + 10 clamps at 127.
     */
    @Test
    void int8RequantizeFollowsSrdhmRounding() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {5}, 0.5f, 0);
        int y = g.activation("y", DataType.INT8, new int[] {5}, 1f, 10);
        Interpreter in = g.op(BuiltinOperator.QUANTIZE, new int[] {x}, new int[] {y}, null)
                .interpreter(new int[] {x}, new int[] {y});
        byte[] input = in.inputTensor(0).bytes();
        int[] values = {3, -3, 4, 127, -128};
        for (int i = 0; i < values.length; i++) {
            input[i] = (byte) values[i];
        }
        in.invoke();
        assertArrayEquals(new int[] {12, 9, 12, 74, -54}, in.output(0).asIntArray());
    }

    /** s · (q - zp) with scale 0.5 and zero point -3. */
    @Test
    void int8ToFloat() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {4}, 0.5f, -3);
        int y = g.floatActivation("y", 4);
        Interpreter in = g.op(BuiltinOperator.DEQUANTIZE, new int[] {x}, new int[] {y}, null)
                .interpreter(new int[] {x}, new int[] {y});
        byte[] input = in.inputTensor(0).bytes();
        input[0] = -3;
        input[1] = 0;
        input[2] = 127;
        input[3] = -128;
        in.invoke();
        assertArrayEquals(new float[] {0f, 1.5f, 65f, -62.5f}, in.outputTensor(0).floats());
    }
}
