package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.inspect.Json;
import io.lstmq.testing.Shared;

class SweepCommandTest {
    private static final String CLASSIFIER = Path.of("testdata", "lstm_classifier.tflite").toString();
    private static final String DATA = Path.of("testdata", "calibration.npy").toString();

    @TempDir
    Path tmp;

    /** The case: the MNIST model and digits give the table, the CSV and the plots. */
    @Test
    void mnistPrintsTheTableAndWritesCsvAndPlots() throws Exception {
        Path csv = tmp.resolve("sweep.csv");
        Path svg = tmp.resolve("sweep.svg");
        Path png = tmp.resolve("sweep.png");
        Cli r = Cli.run("sweep", Shared.path("models/mnist_lstm/trained_lstm.tflite").toString(), "--calibration",
                Shared.path("data/mnist/calib_1000_float32.npy").toString(), "--eval",
                Shared.path("data/mnist/images_uint8.npy").toString(), "--input-scale", "0.00392156862745098",
                "--labels", Shared.path("data/mnist/labels_int32.npy").toString(), "--limit", "300",
                "--weight-bits", "6,8", "--activation-bits", "8", "--csv", csv.toString(), "--plot", svg.toString(),
                "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no progress without a terminal");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).endsWith("trained_lstm.tflite: scored on 300 samples against the float model (output "
                + "'StatefulPartitionedCall:0') and the labels; ranges from 1000 calibration samples"), lines.get(0));
        assertTrue(lines.get(1).startsWith("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): I=28 S=20 O=20, "
                + "3,840 weights and 80 biases (15,680 bytes in float32)"), lines.get(1));
        assertTrue(r.out().contains("\nmodel           W   A  LSTM bytes"), r.out());
        assertTrue(r.out().contains("\nfloat32       f32 f32      15,680   100.0%"), r.out());
        assertTrue(r.out().contains("\nconvert int8    8   8       4,160    26.5%"), r.out());
        assertTrue(r.out().contains("\nfixed point     6   8       3,200    20.4%"), r.out());
        assertTrue(r.out().contains("\nfixed point     8   8       4,160    26.5%"), r.out());

        List<String> rows = Files.readAllLines(csv);
        assertEquals("kind,weight_bits,activation_bits,lstm_bytes,accuracy,agreement,max_abs_error,rmse,snr_db",
                rows.get(0));
        assertEquals(5, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("float,32,32,15680,"), rows.get(1));
        assertTrue(rows.get(1).endsWith(",1.0,0.0,0.0,inf"), "the float model agrees with itself: " + rows.get(1));
        assertTrue(rows.get(2).startsWith("converted,8,8,4160,"), rows.get(2));
        assertTrue(rows.get(3).startsWith("fixed_point,6,8,3200,"), rows.get(3));
        assertTrue(rows.get(4).startsWith("fixed_point,8,8,4160,"), rows.get(4));

        String plot = Files.readString(svg);
        assertTrue(plot.startsWith("<svg xmlns='http://www.w3.org/2000/svg'") && plot.strip().endsWith("</svg>"));
        assertTrue(plot.contains("LSTM parameter memory against accuracy (300 samples)"), plot);
        assertTrue(plot.contains("<polyline") && plot.contains("A = 8 bits") && plot.contains("lstmq convert int8: ")
                && plot.contains("float32: "), plot);
        assertTrue(plot.contains("<title>W=6 A=8: 3,200 bytes, "), plot);
        assertFalse(plot.contains("<script") || plot.contains("href"), "self-contained");
        byte[] image = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(image, 4));
    }

    @Test
    void jsonHasEveryRowWithItsFormats() throws Exception {
        Cli r = Cli.run("sweep", CLASSIFIER, "--calibration", DATA, "--eval", DATA, "--weight-bits", "4..6",
                "--activation-bits", "10,12", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(32, j.get("samples").asInt());
        JsonNode rows = j.get("rows");
        assertEquals(1 + 3 * 2, rows.size(), "the float row and 3 x 2 combinations (no convert row without 8/8)");
        assertEquals("float", rows.get(0).get("kind").asText());
        assertTrue(rows.get(0).get("snr_db").isNull());
        assertFalse(rows.get(0).has("accuracy"), "no labels");
        JsonNode last = rows.get(6);
        assertEquals("fixed_point", last.get("kind").asText());
        assertEquals(6, last.get("weight_bits").asInt());
        assertEquals(12, last.get("activation_bits").asInt());
        JsonNode formats = last.get("formats").get(0);
        assertEquals("Q0.11", formats.get("gate").asText());
        // the data lies in [0.0003, 0.9995), within 2047/2048 = 0.99951
        assertEquals("Q0.11", formats.get("input").asText());
        assertEquals(16, bits(formats.get("cell").asText()));
        JsonNode forget = formats.get("gates").get("forget");
        assertEquals(6, bits(forget.get("input_weights").asText()));
        assertEquals(6, bits(forget.get("recurrent_weights").asText()));
        assertEquals(32, bits(forget.get("bias").asText()));
        assertTrue(j.get("notes").get(0).asText().contains("W = 8 and A = 8"));
    }

    @Test
    void badWidthsAndFilesGiveOneLineAndExitTwo() {
        assertEquals("lstmq sweep: --weight-bits 16..4: the range runs backwards (write 4..16)",
                failure("--weight-bits", "16..4"));
        assertEquals("lstmq sweep: --activation-bits 8..20: 20 bits is outside 2..16",
                failure("--activation-bits", "8..20"));
        assertEquals("lstmq sweep: --weight-bits eight: expected widths like 4..16, 4,6,8 or 8",
                failure("--weight-bits", "eight"));
        assertEquals("lstmq sweep: --plot out.pdf: name the file FILE.svg or FILE.png (the format follows the "
                + "extension)", failure("--plot", "out.pdf"));
        assertEquals("lstmq sweep: --limit 0 must be at least 1", failure("--limit", "0"));
        Cli r = Cli.run("sweep", CLASSIFIER, "--calibration", DATA);
        assertEquals(2, r.code());
        assertEquals("lstmq sweep: missing --eval X.npy (samples to score each combination on)", r.errorLine());
        r = Cli.run("sweep", "--eval", DATA, "--calibration", DATA, CLASSIFIER);
        assertEquals(2, r.code());
        assertEquals("lstmq sweep: expected FLOAT_MODEL before --calibration (it takes every file up to the next "
                + "option)", r.errorLine());
        r = Cli.run("sweep", CLASSIFIER, "--calibration", DATA, "--eval", "missing.npy");
        assertEquals(2, r.code());
        assertEquals("lstmq sweep: --eval missing.npy: no such file", r.errorLine());
    }

    /** The width of a Qm.n format: m + n + 1. */
    private static int bits(String q) {
        String[] mn = q.substring(1).split("\\.");
        return Integer.parseInt(mn[0]) + Integer.parseInt(mn[1]) + 1;
    }

    private static String failure(String... extra) {
        String[] base = {"sweep", CLASSIFIER, "--calibration", DATA, "--eval", DATA};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli r = Cli.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        return r.errorLine();
    }
}
