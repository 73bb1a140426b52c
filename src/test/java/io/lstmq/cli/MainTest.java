package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;

class MainTest {
    @TempDir
    Path tmp;

    @Test
    void controlCharactersInMessagesAreEscaped() {
        assertEquals("a\\nb\\r\\tc\\u0000d\\u007f", Main.oneLine("a\nb\r\tc\u0000d\u007f"));
        assertEquals("caf\u00e9 \u2192 ok", Main.oneLine("caf\u00e9 \u2192 ok"));
    }

    /** A tensor name with a line break must not split the one error line scripts read. */
    @Test
    void aTensorNameWithALineBreakKeepsTheErrorOnOneLine() throws Exception {
        Model model = ModelFile.open(Path.of("testdata", "lstm_classifier.tflite")).model();
        model.subgraph(0).tensorNamed("input").setName("in\nput");
        Path file = tmp.resolve("m.tflite");
        ModelWriter.write(model, file);
        Path data = tmp.resolve("x.npy");
        Files.write(data, Npy.toBytes(NdArray.ofFloats(new long[] {1}, 0f)));
        Cli r = Cli.run("run", file.toString(), "--input", data.toString(), "-o", tmp.resolve("y.npy").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals("lstmq run: " + data + ": input 'in\\nput' has shape [1, 12, 8] but the data has shape [1] "
                + "(expected [1, 12, 8], [N, 1, 12, 8] or [N, 12, 8])", r.errorLine());
    }
}
