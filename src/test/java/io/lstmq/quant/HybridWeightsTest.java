package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/** Rewriting weights changes what the weight readers see and nothing that any other reader sees. */
class HybridWeightsTest {
    private static final Path CLASSIFIER = Path.of("testdata", "lstm_classifier.tflite");

    private static Model classifier() {
        return ModelFile.open(CLASSIFIER).model();
    }

    private static float[] floats(Model model, Tensor t) {
        ByteBuffer b = model.data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    @Test
    void aWeightSharingItsBufferWithAFloatConstantGetsABufferOfItsOwn() {
        Model model = classifier();
        SubGraph sg = model.subgraph(0);
        Tensor weight = sg.tensorNamed("lstm/forget/kernel");
        Tensor other = sg.tensorNamed("lstm/cell/kernel");
        other.setBufferIndex(weight.bufferIndex());
        // The cell kernel now holds the forget kernel's values; the RESHAPE reads it as a float input.
        Operator reshape = sg.operators().get(1);
        reshape.setInputs(new int[] {other.index(), reshape.inputs()[1]});
        float[] before = floats(model, other);

        HybridWeights.quantize(model, "m.tflite");

        assertEquals(DataType.INT8, weight.type());
        assertEquals(DataType.FLOAT32, other.type());
        assertNotEquals(weight.bufferIndex(), other.bufferIndex());
        assertArrayEquals(before, floats(model, other));
    }

    @Test
    void dequantizingGivesTheWeightReaderAFloatCopyWhenAnotherReaderNeedsTheInt8Tensor() {
        Model model = classifier();
        HybridWeights.quantize(model, "m.tflite");
        SubGraph sg = model.subgraph(0);
        Tensor weight = sg.tensorNamed("lstm/forget/kernel");
        Operator reshape = sg.operators().get(1);
        reshape.setInputs(new int[] {weight.index(), reshape.inputs()[1]});
        ByteBuffer int8 = model.data(weight).duplicate();

        HybridWeights.dequantize(model, "m.tflite");

        assertEquals(DataType.INT8, weight.type());
        assertEquals(int8, model.data(weight));
        assertEquals(weight.index(), reshape.inputs()[0]);
        Tensor copy = sg.tensor(sg.operators().get(0).inputs()[2]);
        assertEquals("lstm/forget/kernel_float", copy.name());
        assertEquals(DataType.FLOAT32, copy.type());
        float scale = weight.quantization().scales()[0];
        assertEquals(int8.get(5) * scale, floats(model, copy)[5]);
    }
}
