package io.lstmq.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.cli.CliRunner;
import io.lstmq.cli.Main;
import io.lstmq.fuzz.HostileModels.Buffers;
import io.lstmq.schema.TensorType;
import io.lstmq.testing.TflmGoldenModel;

/**
 * Well-formed flatbuffers whose content is hostile: external buffers outside the file or overflowing, element
 * types lstmq does not know or cannot feed, and NaN or infinite scales. Refusals are exit code 2 with one line;
 * what can be described is described; nothing allocates what it claims or hangs.
 */
@Timeout(10)
class DamagedContentTest {
    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("crafted.tflite");
    }

    private static byte[] withExternalBuffer(long offset, long size) {
        return HostileModels.oneTensor(b -> new int[] {HostileModels.emptyBuffer(b),
                HostileModels.externalBuffer(b, offset, size)}, 1);
    }

    @Test
    void externalBufferBeyondTheFile() {
        byte[] model = withExternalBuffer(1 << 20, 16);
        Refusals.assertInspectRefuses(file(), model, "buffer 1: data at offset 1048576 with size 16 lies outside the "
                + model.length + "-byte file");
    }

    @Test
    void externalBufferEndingPastTheLargestLong() {
        byte[] model = withExternalBuffer(Long.MAX_VALUE - 7, 16);
        Refusals.assertInspectRefuses(file(), model, "buffer 1: data at offset 9223372036854775800 with size 16 lies"
                + " outside the " + model.length + "-byte file");
    }

    @Test
    void externalBufferOffsetAboveTheLargestLong() {
        // offset and size are unsigned 64-bit fields: 2^64 - 16 is an external buffer far outside the file, as
        // TFLite sees it, not a negative offset meaning "no external data".
        byte[] model = withExternalBuffer(-16, 16);
        Refusals.assertInspectRefuses(file(), model, "buffer 1: data at offset 18446744073709551600 with size 16 lies"
                + " outside the " + model.length + "-byte file");
    }

    @Test
    void externalBufferOfUnsignedMaximumSize() {
        byte[] model = withExternalBuffer(64, -1);
        Refusals.assertInspectRefuses(file(), model, "buffer 1: data at offset 64 with size 18446744073709551615 lies"
                + " outside the " + model.length + "-byte file");
    }

    @Test
    void modelWithoutSubgraphsIsDescribedButNotRun() {
        byte[] model = HostileModels.withoutSubgraphs(Buffers.EMPTY);
        assertEquals(Main.OK, Refusals.run(file(), model, "inspect").code());
        CliRunner.Result r = Refusals.run(file(), model, "run", "--input", "testdata/calibration.npy", "-o",
                tmp.resolve("y.npy").toString());
        Refusals.assertRefuses(r, "lstmq run: subgraph 0: the model has no subgraphs");
        // --weights-only asks TFLite to load the source first; TFLite itself crashed on it (a fuzz finding)
        r = Refusals.run(file(), model, "convert", "--weights-only", "-o", tmp.resolve("h.tflite").toString());
        Refusals.assertRefuses(r, "lstmq convert: --weights-only makes a hybrid model, which only TFLite runs, but "
                + "TFLite cannot load the source: " + file() + ": the model has no subgraphs (lstmq does not hand "
                + "such a model to TFLite, which would crash on it)");
    }

    @Test
    void modelWithoutBuffersRuns() {
        // TFLite converters always write the empty buffer 0, but a model may have none: its tensors then have no data.
        byte[] model = HostileModels.singleTensor(TensorType.FLOAT32, new int[] {1, 12, 8}, b -> new int[0]);
        for (String engine : new String[] {"java", "tflite"}) {
            CliRunner.Result r = Refusals.run(file(), model, "run", "--input", "testdata/calibration.npy", "-o",
                    tmp.resolve("y.npy").toString(), "--engine", engine);
            assertEquals(Main.OK, r.code(), engine + ": " + r.err());
        }
    }

    @Test
    void unknownTensorType() {
        byte[] model = HostileModels.singleTensor((byte) 99, new int[] {2}, Buffers.EMPTY);
        Refusals.assertInspectRefuses(file(), model, "subgraph 0, tensor 0 'x': unknown tensor type code 99");
    }

    @ParameterizedTest
    @ValueSource(bytes = {TensorType.STRING, TensorType.RESOURCE, TensorType.VARIANT})
    void inputOfAnUnsupportedTypeIsDescribedButNotRun(byte type) {
        // Shaped like the project's calibration data, so that only the type stands in the way of running it.
        byte[] model = HostileModels.singleTensor(type, new int[] {1, 12, 8}, Buffers.EMPTY);
        String name = TensorType.name(type).toLowerCase();
        CliRunner.Result inspect = Refusals.run(file(), model, "inspect");
        assertEquals(Main.OK, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("input   #0 x " + name + " [1,12,8]"), inspect.out());
        CliRunner.Result run = Refusals.run(file(), model, "run", "--input", "testdata/calibration.npy", "-o",
                tmp.resolve("y.npy").toString());
        Refusals.assertRefuses(run, "lstmq run: tensor 0 'x': " + name + " inputs and outputs are not supported");
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void nonFiniteScaleIsShownByInspect(float scale) {
        byte[] model = HostileModels.model(b -> new int[] {HostileModels.tensor(b, "x", TensorType.INT8,
                new int[] {1, 4}, 0, HostileModels.quantization(b, new float[] {scale}, new long[] {0}))},
                Buffers.EMPTY);
        CliRunner.Result r = Refusals.run(file(), model, "inspect");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("scale=" + scale), r.out());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteGateScaleInAnIntegerLstm(double scale) {
        ObjectNode lstm = (ObjectNode) FuzzSeeds.syntheticLstm(8, 5);
        ((ObjectNode) lstm.get("model").get("gates").get("forget").get("input_weights")).put("scale", scale);
        byte[] model = FuzzSeeds.bytes(TflmGoldenModel.build(lstm));
        CliRunner.Result r = Refusals.run(file(), model, "inspect");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("scale=" + (float) scale) && r.out().contains("is not a finite number"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0", "-1"})
    void patchRefusesScalesThatAreNotPositiveAndFinite(String scale) {
        byte[] model = HostileModels.oneTensor(Buffers.EMPTY, 0);
        CliRunner.Result r = Refusals.run(file(), model, "patch", "-o", tmp.resolve("out.tflite").toString(),
                "--set-quant", "x=" + scale + ":0");
        Refusals.assertRefuses(r, "lstmq patch: " + file() + ": subgraph 0, tensor 0 'x': scale "
                + Float.parseFloat(scale) + " must be positive and finite");
    }

    @Test
    void patchRefusesANonFinitePerChannelScale() {
        byte[] model = HostileModels.oneTensor(Buffers.EMPTY, 0);
        CliRunner.Result r = Refusals.run(file(), model, "patch", "-o", tmp.resolve("out.tflite").toString(),
                "--set-quant", "x=1,2,NaN,4:0,0,0,0@1");
        Refusals.assertRefuses(r, "lstmq patch: " + file() + ": subgraph 0, tensor 0 'x': scale NaN must be positive"
                + " and finite");
    }
}
