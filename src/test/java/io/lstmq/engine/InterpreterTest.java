package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.DataType;
import io.lstmq.model.ModelFile;
import io.lstmq.schema.BuiltinOperator;
import io.lstmq.testing.Shared;

/** Building, feeding, resetting and reusing an interpreter; and what it refuses. */
class InterpreterTest {

    @Test
    void anOperatorWithoutKernelIsNamedWithItsIndexAndOpcode() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 1, 4);
        int y = g.floatActivation("y", 1, 4);
        int z = g.floatActivation("z", 1, 4);
        g.op(BuiltinOperator.LOGISTIC, new int[] {x}, new int[] {y}, null);
        g.op(BuiltinOperator.HARD_SWISH, new int[] {y}, new int[] {z}, null);
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {x}, new int[] {z}));
        assertEquals("subgraph 0, operator 1 (HARD_SWISH v1): the lstmq engine has no kernel for HARD_SWISH", e.getMessage());
    }

    /**
     * Only an LSTM's state slots allocate a variable tensor, once its size is checked: a variable read anywhere else
     * (a fuzzed LSTM took the cell state as its forget-gate bias) would cost the memory its shape claims, here 1 GiB.
     */
    @Test
    void aVariableTensorReadAsAnOrdinaryInputIsRefusedWithoutAllocatingIt() {
        TestGraph g = new TestGraph();
        int x = g.floatActivation("x", 1, 16);
        int state = g.floatVariable("state", 16777217, 16);
        int y = g.floatActivation("y", 1, 16);
        g.op(BuiltinOperator.ADD, new int[] {x, state}, new int[] {y}, TestGraph.options("AddOptions"));
        LstmqException e = assertThrows(LstmqException.class, () -> g.interpreter(new int[] {x}, new int[] {y}));
        assertEquals("subgraph 0, operator 0 (ADD v1): reading tensor 1 'state', a variable tensor of 268435472 "
                + "values, as input 1 (variable tensors are supported as LSTM output and cell state) is not "
                + "supported by the lstmq engine", e.getMessage());
    }

    @Test
    void aRealModelWithAnUnsupportedOperatorFailsAtConstruction() {
        ModelFile conv = ModelFile.open(Shared.path("models/roundtrip/tflm_conv0.tflite"));
        LstmqException e = assertThrows(LstmqException.class, () -> Interpreter.create(conv.model()));
        assertTrue(e.getMessage().matches("subgraph 0, operator \\d+ \\(CONV_2D v\\d+\\): the lstmq engine has no kernel for"
                + " CONV_2D"), e.getMessage());
    }

    @Test
    void anInputOfAnotherTypeIsRefused() {
        Interpreter in = mnistInt8();
        NdArray floats = NdArray.ofFloats(new long[] {1, 28, 28}, new float[784]);
        LstmqException e = assertThrows(LstmqException.class, () -> in.setInput(0, floats));
        assertEquals("tensor 0 'serving_default_fixed_input:0' is int8[1, 28, 28] and cannot take float32[1, 28, 28]"
                + " data", e.getMessage());
        assertThrows(LstmqException.class, () -> in.setInput(1, floats));
    }

    @Test
    void anInputOfAnotherSizeIsRefused() {
        Interpreter in = mnistInt8();
        NdArray small = NdArray.ofInts(DType.INT8, new long[] {28}, new int[28]);
        LstmqException e = assertThrows(LstmqException.class, () -> in.setInput(0, small));
        assertTrue(e.getMessage().contains("needs 784 bytes, the data has 28"), e.getMessage());
    }

    /** Without a reset the LSTM starts from the previous digit's state; a reset brings back the first result. */
    @Test
    void stateCarriesOverUntilReset() {
        Interpreter in = mnistInt8();
        NdArray digit = firstDigit();
        in.setInput(0, digit);
        in.invoke();
        NdArray first = in.output(0);
        in.invoke();
        NdArray carried = in.output(0);
        in.resetVariables();
        in.invoke();
        assertEquals(first, in.output(0));
        assertFalse(first.equals(carried), "the second invoke starts from the first one's final state");
    }

    /**
     * After warm-up, invoking allocates nothing: every buffer was made when the interpreter was built. Until the JIT
     * has compiled the kernels, escape analysis has not yet removed short-lived objects, and under a loaded test run
     * that can take a while; so the test looks for the best of several windows. Allocation that an invoke really
     * makes shows in every window.
     */
    @Test
    void invokeDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        for (Interpreter in : new Interpreter[] {mnistInt8(), Interpreter.create(
                ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm.tflite")).model())}) {
            long fewest = Long.MAX_VALUE;
            for (int window = 0; window < 20 && fewest >= 1024; window++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50; i++) {
                    in.resetVariables();
                    in.invoke();
                }
                fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(fewest < 1024, fewest + " bytes allocated by 50 invokes in the best of 20 windows");
        }
    }

    @Test
    void outputsHaveTheShapesPrepareComputed() {
        ModelFile file = ModelFile.open(Shared.path("models/quantizer_golden/lstm_quantized.tflite"));
        Interpreter in = Interpreter.create(file.model(), EngineOptions.defaults().withNumerics(Numerics.TFLITE));
        assertEquals(0, file.model().subgraph(0).tensor(31).shape().length, "declared as a scalar");
        assertArrayEquals(new int[] {1, 2}, in.outputTensor(0).shape());
        assertEquals(DataType.FLOAT32, in.outputTensor(0).type());
        assertEquals("tensor 31 'output24' float32[1, 2]", in.outputTensor(0).toString());
    }

    @Test
    void aMissingSubgraphIsReported() {
        ModelFile file = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm.tflite"));
        LstmqException e = assertThrows(LstmqException.class,
                () -> Interpreter.create(file.model(), EngineOptions.defaults().withSubgraph(3)));
        assertEquals("the model has 1 subgraph(s), there is no subgraph 3 to run", e.getMessage());
    }

    private static Interpreter mnistInt8() {
        return Interpreter.create(ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite")).model());
    }

    private static NdArray firstDigit() {
        NdArray images = Npy.read(Shared.path("data/mnist/images_uint8.npy"));
        int[] pixels = Arrays.stream(images.sample(0).asIntArray()).map(u -> u - 128).toArray();
        return NdArray.ofInts(DType.INT8, new long[] {1, 28, 28}, pixels);
    }
}
