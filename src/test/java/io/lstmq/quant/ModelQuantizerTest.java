package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.ModelVerifier;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.BuiltinOperator;

/** The rule interpreter on small calibrated graphs; expected parameters worked out by hand from Q1. */
class ModelQuantizerTest {

    @Test
    void joinRequantizesInputsWhoseParametersDifferFromTheOutput() {
        ModelBuilder b = new ModelBuilder("concat");
        int a = ranged(b, "a", new int[] {1, 2}, 0f, 1f);
        int c = ranged(b, "c", new int[] {1, 2}, 0f, 2f);
        int out = ranged(b, "out", new int[] {1, 4}, 0f, 2f);
        FbTable axis = ModelBuilder.options("ConcatenationOptions");
        axis.set("axis", 1L);
        b.operator(BuiltinOperator.CONCATENATION, 1, new int[] {a, c}, new int[] {out}, axis);
        b.inputs(a, c);
        b.outputs(out);
        Model m = quantize(b, QuantScheme.INT8, Set.of());

        SubGraph sg = m.subgraph(0);
        assertEquals(List.of("QUANTIZE", "CONCATENATION"), opNames(m));
        Tensor requantized = sg.tensorNamed("a_requantized");
        assertEquals(2f / 255f, requantized.scale());
        assertEquals(-128, requantized.zeroPoint());
        assertEquals(1f / 255f, sg.tensor(a).scale(), "a keeps its own parameters; the QUANTIZE moves it over");
        Operator concat = sg.operators().get(1);
        assertArrayEquals(new int[] {requantized.index(), c}, concat.inputs(), "c already matches the output");
        assertEquals(2, m.operatorCodes().get(sg.operators().get(0).opcodeIndex()).version());
    }

    @Test
    void operatorWithoutRulesIsAnErrorNamingIt() {
        LstmqException e = assertThrows(LstmqException.class,
                () -> quantize(fcExpSoftmax(), QuantScheme.INT8, Set.of()));
        assertTrue(e.getMessage().contains("operator 1 (EXP) has no integer rules"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-float EXP"), e.getMessage());
    }

    @Test
    void allowedFloatOperatorIsFramedByDequantizeAndQuantize() {
        ModelBuilder b = fcExpSoftmax();
        Model m = b.model();
        Set<String> leftFloat = ModelQuantizer.quantize(m, "test", QuantScheme.INT8, Set.of("EXP"));
        ModelVerifier.verifyEdited(m, "test");

        assertEquals(Set.of("EXP"), leftFloat);
        assertEquals(List.of("FULLY_CONNECTED", "DEQUANTIZE", "EXP", "QUANTIZE", "SOFTMAX"), opNames(m));
        SubGraph sg = m.subgraph(0);
        assertEquals(DataType.FLOAT32, sg.tensorNamed("y_float").type());
        assertEquals(DataType.FLOAT32, sg.tensorNamed("z").type(), "the float op's output stays float");
        Tensor z8 = sg.tensorNamed("z_int8");
        assertEquals(DataType.INT8, z8.type());
        assertEquals(20f / 255f, z8.scale());
        assertEquals(-128, z8.zeroPoint());
        assertEquals(0.00390625f, sg.tensorNamed("out").scale());
    }

    @Test
    void floatOperatorReadingAnInputQuantizedByALaterOperatorGetsADequantize() {
        ModelBuilder b = new ModelBuilder("shared input");
        int x = ranged(b, "x", new int[] {1, 2}, -1f, 1f);
        int e = ranged(b, "e", new int[] {1, 2}, 0f, 3f);
        int r = ranged(b, "r", new int[] {1, 2}, 0f, 1f);
        b.operator(BuiltinOperator.EXP, 1, new int[] {x}, new int[] {e}, null);
        b.operator(BuiltinOperator.RELU, 1, new int[] {x}, new int[] {r}, null);
        b.inputs(x);
        b.outputs(e, r);
        Model m = quantize(b, QuantScheme.INT8, Set.of("EXP"));

        assertEquals(List.of("DEQUANTIZE", "EXP", "RELU"), opNames(m));
        SubGraph sg = m.subgraph(0);
        assertEquals(DataType.INT8, sg.tensor(x).type(), "the model input is quantized in place for RELU");
        assertArrayEquals(new int[] {sg.tensorNamed("x_float").index()}, sg.operators().get(1).inputs());
    }

    @Test
    void constantOperandOfAddIsQuantizedLikeAnActivation() {
        ModelBuilder b = new ModelBuilder("add");
        int x = ranged(b, "x", new int[] {1, 2}, -1f, 1f);
        int k = b.constant("k", new int[] {1, 2}, new float[] {0.5f, -0.25f});
        int y = ranged(b, "y", new int[] {1, 2}, -2f, 2f);
        b.operator(BuiltinOperator.ADD, 1, new int[] {x, k}, new int[] {y}, ModelBuilder.options("AddOptions"));
        b.inputs(x);
        b.outputs(y);
        Model m = quantize(b, QuantScheme.INT8, Set.of());

        Tensor kq = m.subgraph(0).tensor(k);
        // Range [-0.25, 0.5]: scale 0.75/255, zero point -128 + 85 = -43; 0.5 -> 170 - 43, -0.25 -> -85 - 43.
        assertEquals(0.75f / 255f, kq.scale());
        assertEquals(-43, kq.zeroPoint());
        assertArrayEquals(new byte[] {127, -128}, bytes(m, kq));
        assertEquals(2, m.operatorCodes().get(0).version());
    }

    @Test
    void int16SchemeMakesSymmetricActivationsInt64BiasesAndGeneralScaleAdd() {
        ModelBuilder b = new ModelBuilder("16x8");
        int x = ranged(b, "x", new int[] {1, 2}, -0.5f, 1f);
        int w = b.constant("w", new int[] {1, 2}, new float[] {0.5f, -1f});
        int bias = b.constant("bias", new int[] {1}, new float[] {0.25f});
        int y = ranged(b, "y", new int[] {1, 1}, -4f, 2f);
        int z = ranged(b, "z", new int[] {1, 1}, -8f, 4f);
        b.operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {x, w, bias}, new int[] {y},
                ModelBuilder.options("FullyConnectedOptions"));
        b.operator(BuiltinOperator.ADD, 1, new int[] {y, y}, new int[] {z}, null);
        b.inputs(x);
        b.outputs(z);
        Model m = quantize(b, QuantScheme.INT16, Set.of());

        SubGraph sg = m.subgraph(0);
        assertEquals(DataType.INT16, sg.tensor(x).type());
        assertEquals(1f / 32767f, sg.tensor(x).scale());
        assertEquals(0, sg.tensor(x).zeroPoint());
        assertEquals(4f / 32767f, sg.tensor(y).scale());
        Tensor bq = sg.tensor(bias);
        assertEquals(DataType.INT64, bq.type());
        float biasScale = (1f / 32767f) * (1f / 127f);
        assertEquals(biasScale, bq.scale());
        long expected = Math.round(0.25 / biasScale); // not a tie: any rounding gives the same integer
        assertEquals(expected, ByteBuffer.wrap(bytes(m, bq)).order(ByteOrder.LITTLE_ENDIAN).getLong());
        Operator add = sg.operators().get(1);
        assertFalse(add.builtinOptions().getBool("pot_scale_int16"), "16x8 ADD needs general scales");
        assertEquals(7, m.operatorCodes().get(sg.operators().get(0).opcodeIndex()).version());
        assertEquals(3, m.operatorCodes().get(add.opcodeIndex()).version());
    }

    @Test
    void activationWithoutRecordedRangeIsAnErrorNamingTheTensor() {
        ModelBuilder b = new ModelBuilder("no range");
        int x = b.activation("x", DataType.FLOAT32, 1, 2);
        int y = ranged(b, "y", new int[] {1, 2}, 0f, 1f);
        b.operator(BuiltinOperator.RELU, 1, new int[] {x}, new int[] {y}, null);
        b.inputs(x);
        b.outputs(y);
        LstmqException e = assertThrows(LstmqException.class, () -> quantize(b, QuantScheme.INT8, Set.of()));
        assertTrue(e.getMessage().contains("tensor 0 'x' (input 0 of operator 0 (RELU)) has no recorded min/max"),
                e.getMessage());
    }

    @Test
    void tensorQuantizedBeforeIsRefused() {
        ModelBuilder b = new ModelBuilder("already");
        int x = b.tensor("x", DataType.INT8, new int[] {1, 2}, null,
                io.lstmq.model.Quantization.of(new float[] {0.1f}, new long[] {0}, 0), false);
        int y = ranged(b, "y", new int[] {1, 2}, 0f, 1f);
        b.operator(BuiltinOperator.RELU, 1, new int[] {x}, new int[] {y}, null);
        b.inputs(x);
        b.outputs(y);
        LstmqException e = assertThrows(LstmqException.class, () -> quantize(b, QuantScheme.INT8, Set.of()));
        assertTrue(e.getMessage().contains("already has a scale and zero point"), e.getMessage());
    }

    @Test
    void reshapeOutputTakesTheInputParametersAndRange() {
        ModelBuilder b = new ModelBuilder("reshape");
        int x = ranged(b, "x", new int[] {1, 2, 2}, -1f, 3f);
        int shape = b.constant("shape", new int[] {2}, new int[] {1, 4});
        int y = ranged(b, "y", new int[] {1, 4}, -0.5f, 2f);
        b.operator(BuiltinOperator.RESHAPE, 1, new int[] {x, shape}, new int[] {y}, null);
        b.inputs(x);
        b.outputs(y);
        Model m = quantize(b, QuantScheme.INT8, Set.of());

        Tensor out = m.subgraph(0).tensor(y);
        assertEquals(4f / 255f, out.scale());
        assertEquals(m.subgraph(0).tensor(x).zeroPoint(), out.zeroPoint());
        assertArrayEquals(new float[] {-1f}, out.quantization().min());
        assertEquals(DataType.INT32, m.subgraph(0).tensor(shape).type(), "the shape is not real-valued");
    }

    /** in -> FULLY_CONNECTED -> y -> EXP -> z -> SOFTMAX -> out, every activation calibrated. */
    private static ModelBuilder fcExpSoftmax() {
        ModelBuilder b = new ModelBuilder("fc exp softmax");
        int in = ranged(b, "in", new int[] {1, 4}, -1f, 1f);
        int w = b.constant("w", new int[] {2, 4}, new float[] {0.5f, -0.5f, 0.25f, 1f, -1f, 0.75f, 0f, 0.125f});
        int bias = b.constant("bias", new int[] {2}, new float[] {0.1f, -0.2f});
        int y = ranged(b, "y", new int[] {1, 2}, -3f, 3f);
        int z = ranged(b, "z", new int[] {1, 2}, 0f, 20f);
        int out = ranged(b, "out", new int[] {1, 2}, 0f, 1f);
        b.operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {in, w, bias}, new int[] {y},
                ModelBuilder.options("FullyConnectedOptions"));
        b.operator(BuiltinOperator.EXP, 1, new int[] {y}, new int[] {z}, null);
        b.operator(BuiltinOperator.SOFTMAX, 1, new int[] {z}, new int[] {out}, ModelBuilder.options("SoftmaxOptions"));
        b.inputs(in);
        b.outputs(out);
        return b;
    }

    private static int ranged(ModelBuilder b, String name, int[] shape, float min, float max) {
        int index = b.activation(name, DataType.FLOAT32, shape);
        TensorData.setRange(b.model().subgraph(0).tensor(index), min, max);
        return index;
    }

    private static Model quantize(ModelBuilder b, QuantScheme scheme, Set<String> allowFloat) {
        Model m = b.model();
        ModelQuantizer.quantize(m, "test", scheme, allowFloat);
        ModelVerifier.verifyEdited(m, "test");
        return m;
    }

    private static List<String> opNames(Model m) {
        return m.subgraph(0).operators().stream().map(o -> m.operatorCodes().get(o.opcodeIndex()).name()).toList();
    }

    private static byte[] bytes(Model m, Tensor t) {
        ByteBuffer data = m.data(t);
        byte[] out = new byte[data.remaining()];
        data.duplicate().get(out);
        return out;
    }
}
