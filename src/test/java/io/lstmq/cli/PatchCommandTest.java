package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.model.ModelFile;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbDiff;
import io.lstmq.testing.Shared;

class PatchCommandTest {
    @TempDir
    Path tmp;

    private String int8() {
        return Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString();
    }

    private String out() {
        return tmp.resolve("out.tflite").toString();
    }

    @Test
    void noEditsGivesTheSameModel() {
        Cli r = Cli.run("patch", int8(), "-o", out());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0 edits"));
        assertEquals(List.of(), FbDiff.compare(ModelFile.open(Path.of(int8())).model().tree(),
                ModelFile.open(Path.of(out())).model().tree()));
    }

    @Test
    void setsPerTensorQuantizationKeepingTheRest() {
        Cli r = Cli.run("patch", int8(), "-o", out(), "--set-quant", "model/sequential/output/MatMul=0.5:0");
        assertEquals(0, r.code(), r.err());
        ModelFile before = ModelFile.open(Path.of(int8()));
        ModelFile after = ModelFile.open(Path.of(out()));
        Tensor t = after.model().subgraph(0).tensor(3);
        assertArrayEquals(new float[] {0.5f}, t.quantization().scales());
        List<String> diff = FbDiff.compare(before.model().tree(), after.model().tree());
        assertEquals(List.of("model.subgraphs[0].tensors[3].quantization.scale: vector contents differ"), diff);
    }

    @Test
    void setsPerChannelQuantizationByIndex() {
        String scales = String.join(",", java.util.Collections.nCopies(10, "0.25"));
        String zps = String.join(",", java.util.Collections.nCopies(10, "0"));
        Cli r = Cli.run("patch", int8(), "-o", out(), "--set-quant", "#3=" + scales + ":" + zps + "@0");
        assertEquals(0, r.code(), r.err());
        Tensor t = ModelFile.open(Path.of(out())).model().subgraph(0).tensor(3);
        assertEquals(10, t.quantization().scales().length);
        assertTrue(t.quantization().isPerChannel());
    }

    @Test
    void renamesTensorSetsVersionDescriptionAndMetadata() {
        Cli r = Cli.run("patch", int8(), "-o", out(), "--rename", "arith.constant=gate_weights", "--op-version",
                "FULLY_CONNECTED=5", "--description", "patched", "--keep-metadata", "min_runtime_version");
        assertEquals(0, r.code(), r.err());
        ModelFile after = ModelFile.open(Path.of(out()));
        assertEquals("gate_weights", after.model().subgraph(0).tensor(8).name());
        assertEquals(5, after.model().operatorCodes().get(2).version());
        assertEquals("patched", after.model().description());
        assertEquals(1, after.model().metadata().size());
        assertEquals(0, Cli.run("patch", int8(), "-o", out(), "--drop-metadata").code());
        assertTrue(ModelFile.open(Path.of(out())).model().metadata().isEmpty());
    }

    @Test
    void refusesEditsThatWouldMakeTheModelInvalid() {
        assertRefused("damaged zero point", "tensor 3 'model/sequential/output/MatMul': zero point 300 outside int8 range [-128, 127]",
                "--set-quant", "model/sequential/output/MatMul=0.5:300");
        assertRefused("negative scale", "scale -1.0 must be positive and finite", "--set-quant", "#3=-1:0");
        assertRefused("per-channel count", "2 per-channel scales do not match axis 0 of shape [10, 560]",
                "--set-quant", "#3=1,2:0,0");
        assertRefused("unknown tensor", "no tensor named 'nope'", "--set-quant", "nope=1:0");
        assertRefused("duplicate name", "a tensor named 'arith.constant1' exists already", "--rename",
                "arith.constant=arith.constant1");
        assertRefused("version", "version 0 must be at least 1", "--op-version", "SOFTMAX=0");
        assertRefused("unknown op", "no operator 'CONV_2D'", "--op-version", "CONV_2D=2");
        assertRefused("metadata", "no entry named 'x'", "--keep-metadata", "x");
        assertRefused("syntax", "--set-quant x: expected NAME=SCALE:ZP", "--set-quant", "x");
    }

    private void assertRefused(String what, String expected, String... edit) {
        String[] args = new String[3 + edit.length];
        args[0] = "patch";
        args[1] = int8();
        args[2] = "-o" + out();
        System.arraycopy(edit, 0, args, 3, edit.length);
        Cli r = Cli.run(args);
        assertEquals(2, r.code(), what + ": " + r.err());
        assertTrue(r.errorLine().contains(expected), what + ": " + r.errorLine());
        assertFalse(Files.exists(Path.of(out())), what + ": no output may be written");
    }

    @Test
    void neverOverwritesTheInputUnlessAsked() throws IOException {
        Path copy = tmp.resolve("in.tflite");
        Files.copy(Path.of(int8()), copy);
        byte[] before = Files.readAllBytes(copy);
        Cli r = Cli.run("patch", copy.toString(), "-o", copy.toString(), "--description", "x");
        assertEquals(2, r.code());
        assertTrue(r.errorLine().contains("is the input file; pass --in-place"));
        assertArrayEquals(before, Files.readAllBytes(copy));
        assertEquals(0, Cli.run("patch", copy.toString(), "-o", copy.toString(), "--in-place", "--description", "x")
                .code());
        assertEquals("x", ModelFile.open(copy).model().description());
    }

    @Test
    void damagedInputGivesOneLineAndExitCode2() throws IOException {
        byte[] b = Files.readAllBytes(Path.of(int8()));
        Path bad = tmp.resolve("bad.tflite");
        Files.write(bad, java.util.Arrays.copyOf(b, b.length / 2));
        Cli r = Cli.run("patch", bad.toString(), "-o", out());
        assertEquals(2, r.code());
        assertTrue(r.errorLine().startsWith("lstmq patch: " + bad + ": model."), r.errorLine());
        assertFalse(Files.exists(Path.of(out())));
    }
}
