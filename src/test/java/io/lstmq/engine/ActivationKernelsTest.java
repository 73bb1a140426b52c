package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.schema.BuiltinOperator;

/**
 * LOGISTIC and TANH. int8 inputs have scale 1/16 and zero point 0: the Q4.27 multiplier is the frexp of 2^23,
 * (2^30, shift 24), so input 16 becomes exactly 1.0, and the radius is floor(15 · 2^27 / 2^24) = 120. int16 samples
 * are the spec's (§4.3) values of TFLite Micro's interpolated tables, checked there against the real kernel.
 */
class ActivationKernelsTest {
    private static final int[] INT8_INPUTS = {0, 16, -16, 8, 119, -119, 120, -120};
    private static final int[] INT16_INPUTS = {-32768, -8192, -1000, -1, 0, 1, 1000, 8192, 32767};

    /**
     * Output Q0.8 minus 128: sigmoid(1)·256 = 187.15, sigmoid(-1)·256 = 68.85, sigmoid(0.5)·256 = 159.35,
     * sigmoid(±7.4375)·256 = 255.85 (saturates) and 0.15; ±120 is at the radius.
     */
    @Test
    void int8Logistic() {
        assertArrayEquals(new int[] {0, 59, -59, 31, 127, -128, 127, -128},
                int8(BuiltinOperator.LOGISTIC, 1f / 256, -128));
    }

    /** Output Q0.7: tanh(1)·128 = 97.48, tanh(0.5)·128 = 59.15, tanh(7.4375)·128 = 127.99 (saturates). */
    @Test
    void int8Tanh() {
        assertArrayEquals(new int[] {0, 97, -97, 59, 127, -128, 127, -128}, int8(BuiltinOperator.TANH, 1f / 128, 0));
    }

    @Test
    void int16LogisticOfQ3_12() {
        assertArrayEquals(new int[] {11, 3906, 14394, 16382, 16384, 16386, 18374, 28862, 32757},
                int16(BuiltinOperator.LOGISTIC, 0x1p-12f));
    }

    @Test
    void int16TanhOfQ3_12() {
        assertArrayEquals(new int[] {-32767, -31589, -7845, -8, 0, 8, 7845, 31589, 32767},
                int16(BuiltinOperator.TANH, 0x1p-12f));
    }

    /** Q4.11 holds twice the real value of Q3.12 for the same integer: tanh(Q4.11 x) = tanh(Q3.12 2x). */
    @Test
    void int16TanhOfQ4_11ReadsTheSameTableAtDoubleTheInput() {
        int[] q4 = int16(BuiltinOperator.TANH, 0x1p-11f, -4096, -500, 4096, 16383);
        int[] q3 = int16(BuiltinOperator.TANH, 0x1p-12f, -8192, -1000, 8192, 32766);
        assertArrayEquals(q3, q4);
        assertArrayEquals(new int[] {-31589, -7845, 31589}, new int[] {q3[0], q3[1], q3[2]});
    }

    @Test
    void int16LogisticWithAnotherScaleIsRejected() {
        LstmqException e = assertThrows(LstmqException.class, () -> int16(BuiltinOperator.LOGISTIC, 0.001f, 1));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 0 (LOGISTIC v1): int16 LOGISTIC with input scale 0.001"),
                e.getMessage());
    }

    @Test
    void floatLogisticAndTanh() {
        float[] x = {-20, -1, 0, 2, 20};
        float[] sigmoid = new float[x.length];
        float[] tanh = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            sigmoid[i] = (float) (1 / (1 + Math.exp(-x[i])));
            tanh[i] = (float) Math.tanh(x[i]);
        }
        assertArrayEquals(sigmoid, float32(BuiltinOperator.LOGISTIC, x), 1e-7f);
        assertArrayEquals(tanh, float32(BuiltinOperator.TANH, x), 1e-7f);
    }

    private static int[] int8(int op, float outputScale, int outputZeroPoint) {
        TestGraph g = new TestGraph();
        int n = INT8_INPUTS.length;
        int x = g.activation("x", DataType.INT8, new int[] {n}, 1f / 16, 0);
        int y = g.activation("y", DataType.INT8, new int[] {n}, outputScale, outputZeroPoint);
        Interpreter in = g.op(op, new int[] {x}, new int[] {y}, null).interpreter(new int[] {x}, new int[] {y});
        for (int i = 0; i < n; i++) {
            in.inputTensor(0).bytes()[i] = (byte) INT8_INPUTS[i];
        }
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static int[] int16(int op, float inputScale) {
        return int16(op, inputScale, INT16_INPUTS);
    }

    private static int[] int16(int op, float inputScale, int... values) {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT16, new int[] {values.length}, inputScale, 0);
        int y = g.activation("y", DataType.INT16, new int[] {values.length}, 0x1p-15f, 0);
        Interpreter in = g.op(op, new int[] {x}, new int[] {y}, null).interpreter(new int[] {x}, new int[] {y});
        for (int i = 0; i < values.length; i++) {
            in.inputTensor(0).shorts()[i] = (short) values[i];
        }
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static float[] float32(int op, float[] values) {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", values.length);
        int y = g.floatActivation("y", values.length);
        Interpreter in = g.op(op, new int[] {x}, new int[] {y}, null).interpreter(new int[] {x}, new int[] {y});
        System.arraycopy(values, 0, in.inputTensor(0).floats(), 0, values.length);
        in.invoke();
        return in.outputTensor(0).floats().clone();
    }
}
