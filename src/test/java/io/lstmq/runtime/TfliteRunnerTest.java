package io.lstmq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.testing.Shared;

class TfliteRunnerTest {
    /** TFLM's hello-world model approximates sin on [0, 2 pi]. */
    @Test
    void helloWorldModelComputesSine() {
        try (TfliteRunner r = TestModels.open("roundtrip/tflm_hello_world_float.tflite")) {
            assertEquals(List.of(new TensorInfo(0, "serving_default_dense_input:0", DType.FLOAT32, new int[] {1, 1},
                    0f, 0)), r.inputs());
            assertEquals(9, r.outputs().get(0).index());
            for (float x : new float[] {0f, 0.5f, 1f, 1.57f, 2f, 3f, 4f, 4.71f, 5f, 6f, 6.28f}) {
                NdArray y = r.run(List.of(NdArray.ofFloats(new long[] {1, 1}, x))).get(0);
                assertEquals(Math.sin(x), y.getFloat(0), 0.06, "sin(" + x + ")");
            }
        }
    }

    @Test
    void opensAVerifiedModelFile() {
        ModelFile verified = ModelFile.open(Shared.path("models/roundtrip/tflm_hello_world_float.tflite"));
        try (TfliteRunner r = TfliteRunner.open(verified)) {
            assertEquals(verified.name(), r.name());
            NdArray y = r.run(List.of(NdArray.ofFloats(new long[] {1, 1}, 1.57f))).get(0);
            assertEquals(1.0, y.getFloat(0), 0.06);
        }
    }

    @Test
    void takesRawBytesOfTheRightSize() {
        try (TfliteRunner r = TestModels.open("roundtrip/tflm_hello_world_float.tflite")) {
            ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1.57f);
            float y = r.runBytes(List.of(raw)).get(0).getFloat(0);
            assertEquals(1.0, y, 0.06);
            assertEquals(0, raw.position());
            LstmqException e = assertThrows(LstmqException.class, () -> r.runBytes(List.of(ByteBuffer.allocate(8))));
            assertEquals(TestModels.path("roundtrip/tflm_hello_world_float.tflite") + ": input 0 'serving_default_dense_input:0' float32[1, 1] takes"
                    + " 4 bytes, got 8", e.getMessage());
        }
    }

    @Test
    void rejectsInputsOfTheWrongTypeOrCount() {
        try (TfliteRunner r = TestModels.open("mnist_lstm/trained_lstm_int8.tflite")) {
            NdArray floats = NdArray.ofFloats(new long[] {1, 28, 28}, new float[784]);
            LstmqException type = assertThrows(LstmqException.class, () -> r.run(List.of(floats)));
            assertEquals(TestModels.path("mnist_lstm/trained_lstm_int8.tflite") + ": input 0 'serving_default_fixed_input:0' int8[1, 28, 28] scale"
                    + " 0.003921569 zero point -128 cannot take float32[1, 28, 28] data", type.getMessage());
            LstmqException count = assertThrows(LstmqException.class, () -> r.run(List.of()));
            assertEquals(TestModels.path("mnist_lstm/trained_lstm_int8.tflite") + ": the model takes 1 input(s), got 0", count.getMessage());
            NdArray small = NdArray.ofInts(DType.INT8, new long[] {28, 27}, new int[28 * 27]);
            LstmqException size = assertThrows(LstmqException.class, () -> r.run(List.of(small)));
            assertTrue(size.getMessage().endsWith("takes 784 bytes, got 756"), size.getMessage());
            // A sample without the batch dimension has the right size and is accepted.
            assertEquals(1, r.run(List.of(NdArray.ofInts(DType.INT8, new long[] {28, 28}, new int[784]))).size());
        }
    }

    /** TFLite refuses this LSTM at build time (a tensor's byte size overflows). */
    @Test
    void reportsABuildFailure() {
        Path model = TestModels.path("quantizer_golden/lstm_calibrated2.tflite");
        LstmqException e = assertThrows(LstmqException.class, () -> TestModels.open(model));
        assertEquals(TestModels.path("quantizer_golden/lstm_calibrated2.tflite") + ": TFLite could not build an interpreter (error); TFLite's own report is"
                + " on standard error", e.getMessage());
    }

    /** A custom operator that the builtin resolver does not know fails at allocation. */
    @Test
    void reportsAnAllocationFailure() {
        Path model = TestModels.path("roundtrip/litert_sparse_tensor.tflite");
        LstmqException e = assertThrows(LstmqException.class, () -> TestModels.open(model));
        assertEquals(TestModels.path("roundtrip/litert_sparse_tensor.tflite") + ": TFLite could not allocate tensors (unresolved operators);"
                + " TFLite's own report is on standard error", e.getMessage());
    }

    /** TRANSPOSE_CONV takes its output shape as an input; all zeros is not a valid shape. */
    @Test
    void reportsAnInvokeFailure() {
        try (TfliteRunner r = TestModels.open("roundtrip/tflm_transpose_conv0.tflite")) {
            List<NdArray> zeros = r.inputs().stream()
                    .map(t -> NdArray.of(t.dtype(), t.longShape(), ByteBuffer.allocate((int) t.byteSize())))
                    .toList();
            LstmqException e = assertThrows(LstmqException.class, () -> r.run(zeros));
            assertEquals(TestModels.path("roundtrip/tflm_transpose_conv0.tflite") + ": TFLite could not run the model (error); TFLite's own report"
                    + " is on standard error", e.getMessage());
        }
    }

    @Test
    void refusesTensorTypesItCannotExchange() {
        Path model = TestModels.path("roundtrip/litert_string_input_model_with_signature.tflite");
        LstmqException e = assertThrows(LstmqException.class, () -> TestModels.open(model));
        assertEquals(TestModels.path("roundtrip/litert_string_input_model_with_signature.tflite") + ": input 0 'serving_default_a:0' has TFLite type"
                + " STRING, which lstmq cannot exchange with the interpreter", e.getMessage());
    }

    @Test
    void cannotRunAfterClose() {
        TfliteRunner r = TestModels.open("roundtrip/tflm_hello_world_float.tflite");
        r.close();
        r.close();
        assertThrows(IllegalStateException.class,
                () -> r.run(List.of(NdArray.ofFloats(new long[] {1, 1}, 0f))));
        assertThrows(IllegalStateException.class, r::resetVariableTensors);
    }
}
