package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.BuiltinOperator;

/** SOFTMAX cases whose integers follow by hand from TFLite Micro's reference arithmetic. */
class SoftmaxKernelTest {

    /**
     * Input scale ln 2, beta 1: a difference of one step is exactly -ln 2, whose exp is 1/2. Probabilities 2/3 and
     * 1/3 times 256 are 170.67 and 85.33, far from a rounding tie: 171 - 128 and 85 - 128.
     */
    @Test
    void int8TwoThirdsAndOneThird() {
        assertArrayEquals(new int[] {43, -43}, int8Softmax((float) Math.log(2), 1, 0));
    }

    /**
     * Four equal inputs: the sum of exp(0) in Q12.19 is 4 · 2^19 = 2^21, whose reciprocal is exactly 1 with 2 bits
     * over unit; (2^31 - 1)·(2^31 - 1) >> 31 rounded by 2^25 gives 64: 64 - 128.
     */
    @Test
    void int8EqualInputsShareEvenly() {
        assertArrayEquals(new int[] {-64, -64, -64, -64}, int8Softmax(0.1f, 7, 7, 7, 7));
    }

    /**
     * Input scale 1: the multiplier is 2^26 (shift 27) and the radius floor(31 · 2^26 / 2^27) = 15, so differences
     * of -16 and -100 contribute nothing and give -128; the maximum alone gets 256, saturated to 127.
     */
    @Test
    void int8DifferencesBeyondTheRadiusGiveTheMinimum() {
        assertArrayEquals(new int[] {127, -128, -128}, int8Softmax(1f, 100, 0, 84));
    }

    /**
     * int16 [x, x]: exp(0) from the exp table at index 511, offset 127: lut[511] = 32134 - 1 (the midpoint fix-up),
     * lut[512] = 32767, so 32133 + ((634·127 + 64) >> 7) = 32762. Sum 65524 (16 leading zeros) becomes
     * ((65524 << 15) + 2^13) >> 14 = 131048, re-centred to 32744: the 1/(1+x) table at index 511 (16400), slope -16,
     * offset 104 gives 16400 - 13 = 16387. (32762 · 16387 + 2^14) >> 15 = 16384, one half.
     */
    @Test
    void int16EqualInputsGiveOneHalf() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT16, new int[] {1, 2}, 1f / 256, 0);
        int y = g.activation("y", DataType.INT16, new int[] {1, 2}, 1f / 32768, 0);
        Interpreter in = g.op(BuiltinOperator.SOFTMAX, new int[] {x}, new int[] {y}, beta(1f))
                .interpreter(new int[] {x}, new int[] {y});
        short[] input = in.inputTensor(0).shorts();
        input[0] = 300;
        input[1] = 300;
        in.invoke();
        assertArrayEquals(new int[] {16384, 16384}, in.output(0).asIntArray());
    }

    /** TFLite Micro's float golden values for softmax(1, 2, 3, 4, 5). */
    @Test
    void floatMatchesTheExponentialDistribution() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 1, 5);
        int y = g.floatActivation("y", 1, 5);
        Interpreter in = g.op(BuiltinOperator.SOFTMAX, new int[] {x}, new int[] {y}, beta(1f))
                .interpreter(new int[] {x}, new int[] {y});
        System.arraycopy(new float[] {1, 2, 3, 4, 5}, 0, in.inputTensor(0).floats(), 0, 5);
        in.invoke();
        assertArrayEquals(new float[] {0.011656231f, 0.031684921f, 0.086128544f, 0.234121657f, 0.636408647f},
                in.outputTensor(0).floats(), 1e-6f);
    }

    @Test
    void int8OutputWithAnotherScaleIsRejected() {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, 2}, 0.1f, 0);
        int y = g.activation("y", DataType.INT8, new int[] {1, 2}, 1f / 128, 0);
        g.op(BuiltinOperator.SOFTMAX, new int[] {x}, new int[] {y}, beta(1f));
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {x}, new int[] {y}));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 0 (SOFTMAX v1): int8 output with scale 0.0078125"),
                e.getMessage());
    }

    private static int[] int8Softmax(float inputScale, int... values) {
        TestGraph g = new TestGraph();
        int x = g.activation("x", DataType.INT8, new int[] {1, values.length}, inputScale, 0);
        int y = g.activation("y", DataType.INT8, new int[] {1, values.length}, 1f / 256, -128);
        Interpreter in = g.op(BuiltinOperator.SOFTMAX, new int[] {x}, new int[] {y}, beta(1f))
                .interpreter(new int[] {x}, new int[] {y});
        byte[] input = in.inputTensor(0).bytes();
        for (int i = 0; i < values.length; i++) {
            input[i] = (byte) values[i];
        }
        in.invoke();
        return in.output(0).asIntArray();
    }

    private static FbTable beta(float beta) {
        FbTable o = TestGraph.options("SoftmaxOptions");
        o.set("beta", (double) beta);
        return o;
    }
}
