package io.lstmq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.testing.Shared;

/** Damaged files end in one ModelException that says where; nothing else may escape. */
class DamagedModelTest {
    private static byte[] bytes(String model) throws IOException {
        return Files.readAllBytes(Shared.path("models/" + model));
    }

    /** Reads the bytes; returns null when they verify, the exception when they are rejected. */
    private static LstmqException outcome(byte[] b) {
        try {
            ModelFile.fromBytes(ByteBuffer.wrap(b), "damaged.tflite");
            return null;
        } catch (LstmqException e) {
            assertTrue(e.getMessage().startsWith("damaged.tflite: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError("escaped as " + e, e);
        }
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] whole = bytes("mnist_lstm/trained_lstm_int8.tflite");
        for (int len = 0; len < whole.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(whole, len);
            if (outcome(cut) == null) {
                fail("truncated to " + len + " of " + whole.length + " bytes was accepted");
            }
        }
    }

    @Test
    void flippedBytesNeverEscapeAsOtherExceptions() throws IOException {
        for (String model : new String[] {"mnist_lstm/trained_lstm_int8.tflite", "roundtrip/litert_sparse_tensor.tflite",
                "roundtrip/litert_multi_signatures.tflite", "roundtrip/litert_with_metadata.tflite"}) {
            byte[] whole = bytes(model);
            Random random = new Random(42);
            for (int i = 0; i < whole.length; i++) {
                byte[] damaged = whole.clone();
                damaged[i] ^= (byte) (1 << random.nextInt(8));
                outcome(damaged);
                damaged[i] = (byte) (random.nextBoolean() ? 0xFF : 0x7F);
                outcome(damaged);
            }
        }
    }

    @Test
    void wrongIdentifier() throws IOException {
        byte[] b = bytes("mnist_lstm/trained_lstm.tflite");
        b[4] = 'X';
        LstmqException e = outcome(b);
        assertEquals("damaged.tflite: file identifier: expected \"TFL3\" but found \"XFL3\": not a Model file",
                e.getMessage());
    }

    @Test
    void notAFlatbufferAtAll() {
        LstmqException e = outcome("hello, this is not a model".getBytes());
        assertTrue(e.getMessage().contains("file identifier"), e.getMessage());
        assertTrue(outcome(new byte[3]).getMessage().contains("too short"));
    }

    @Test
    void outOfRangeOperatorInput() throws IOException {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        Operator fc = f.model().subgraph(0).operators().get(2);
        fc.setInputs(new int[] {24, 999, 2});
        LstmqException e = outcome(array(ModelWriter.toBytes(f.model())));
        assertEquals("damaged.tflite: subgraph 0 'main', operator 2 (FULLY_CONNECTED): input 1 refers to tensor 999"
                + " but the subgraph has 27 tensors", e.getMessage());
    }

    @Test
    void negativeIndicesAndBadReferences() throws IOException {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        f.model().subgraph(0).setOutputs(new int[] {-5});
        assertTrue(outcome(array(ModelWriter.toBytes(f.model()))).getMessage()
                .contains("subgraph 0 'main': output 0 refers to tensor -5"));

        f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        f.model().subgraph(0).tensor(3).setBufferIndex(77);
        assertTrue(outcome(array(ModelWriter.toBytes(f.model()))).getMessage()
                .contains("tensor 3 'model/sequential/output/MatMul': buffer index 77 but the model has 25 buffers"));

        f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        f.model().subgraph(0).operators().get(0).table().set("opcode_index", 9L);
        assertTrue(outcome(array(ModelWriter.toBytes(f.model()))).getMessage()
                .contains("operator 0: opcode index 9 but the model has 4 operator codes"));
    }

    @Test
    void bufferSizeMustMatchShape() throws IOException {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        f.model().subgraph(0).tensor(3).setShape(new int[] {10, 561});
        LstmqException e = outcome(array(ModelWriter.toBytes(f.model())));
        assertTrue(e.getMessage().endsWith("tensor 3 'model/sequential/output/MatMul': buffer 6 holds 5600 bytes"
                + " but shape [10, 561] of int8 needs 5610") || e.getMessage().contains("holds 5600 bytes"),
                e.getMessage());
    }

    @Test
    void shapeProductOverflow() throws IOException {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        f.model().subgraph(0).tensor(3).setShape(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE});
        assertTrue(outcome(array(ModelWriter.toBytes(f.model()))).getMessage().contains("overflows"));
    }

    @Test
    void perChannelScalesMustMatchTheAxis() throws IOException {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        Tensor w = f.model().subgraph(0).tensor(3);
        w.quantization().table().set("scale", FbScalarVector.ofFloats(1f, 2f, 3f));
        w.quantization().table().set("zero_point", FbScalarVector.ofLongs(0, 0, 0));
        assertTrue(outcome(array(ModelWriter.toBytes(f.model()))).getMessage()
                .contains("3 per-channel scales but dimension 0 has 10"));
    }

    @Test
    void hugeClaimedVectorLengthIsRejectedWithoutAllocating() throws IOException {
        byte[] b = bytes("mnist_lstm/trained_lstm_int8.tflite");
        // Overwrite every plausible 4-byte length field in turn with a huge value; none may allocate or escape.
        for (int at = 8; at + 4 <= b.length; at += 4) {
            byte[] d = b.clone();
            ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at, 0x7FFFFFF0);
            outcome(d);
        }
    }

    @Test
    void missingFileIsAClearError() {
        LstmqException e = assertThrows(LstmqException.class, () -> ModelFile.open(Path.of("/nonexistent/x.tflite")));
        assertEquals("/nonexistent/x.tflite: no such file", e.getMessage());
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
