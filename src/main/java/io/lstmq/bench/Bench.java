package io.lstmq.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.engine.Numerics;
import io.lstmq.inspect.Json;
import io.lstmq.inspect.ModelReport;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.run.Engine;
import io.lstmq.testdata.IntegerLstmFactory;
import io.lstmq.testdata.IntegerLstmSpec;
import io.lstmq.testdata.LargeModelGenerator;
import io.lstmq.testdata.LstmClassifierFactory;
import io.lstmq.testdata.LstmClassifierSpec;

/**
 * The benchmark behind {@code lstmq bench}: Java engine versus TFLite interpreter throughput on int8 and float LSTM
 * models of several sizes, measured side by side in one run, and optionally the large-model times and heap.
 */
public final class Bench {
    /** Units and steps of the synthetic models. */
    static final int[][] SIZES = {{20, 28}, {128, 100}, {512, 200}};

    private final PrintStream log;
    private final double seconds;

    public Bench(PrintStream log, double seconds) {
        this.log = log;
        this.seconds = seconds;
    }

    /** Throughput rows for the synthetic models plus any given models. */
    public ArrayNode throughput(List<Path> extraModels, Path tmp) {
        ArrayNode rows = Json.array();
        for (int[] size : SIZES) {
            int units = size[0];
            int steps = size[1];
            ModelFile int8 = ModelFile.fromBytes(ModelWriter.toBytes(IntegerLstmFactory.build(
                    new IntegerLstmSpec(1, steps, units, units, false, 0f, units))), "int8 LSTM");
            rows.add(row("int8 LSTM " + units + " units x " + steps + " steps", int8));
            ModelFile f32 = ModelFile.fromBytes(ModelWriter.toBytes(LstmClassifierFactory.build(
                    new LstmClassifierSpec(steps, units, units, 1, 10, units))), "float LSTM");
            rows.add(row("float LSTM " + units + " units x " + steps + " steps", f32));
        }
        for (Path p : extraModels) {
            rows.add(row(p.getFileName().toString(), ModelFile.open(p)));
        }
        return rows;
    }

    private ObjectNode row(String name, ModelFile model) {
        log.println("measuring " + name + " ...");
        Throughput.Result java = Throughput.measure(model, Engine.JAVA, Numerics.TFLM, seconds);
        Throughput.Result tflite = Throughput.measure(model, Engine.TFLITE, Numerics.TFLM, seconds);
        return Json.object().put("model", name).put("java_us_per_sequence", java.microsPerSequence())
                .put("tflite_us_per_sequence", tflite.microsPerSequence())
                .put("java_over_tflite_throughput", java.sequencesPerSecond() / tflite.sequencesPerSecond());
    }

    /**
     * Wall time of inspect, lossless patch and convert (16 calibration sequences) on a large model, each run as its
     * own {@code java -jar} process with the heap capped at 3x the model file: a command that finishes stayed
     * under the heap target, and its time includes the JVM start, as a user sees it. The heap in use after
     * collections, at its highest, tells how close to the cap a command came.
     */
    public ObjectNode large(Path model, Path tmp) throws java.io.IOException {
        ObjectNode o = Json.object();
        long size = Files.size(model);
        o.put("model", model.toString()).put("bytes", size);
        Path jar = jar();
        if (jar == null) {
            return o.put("error", "run from the jar (java -jar target/lstmq.jar bench --large) to time the commands");
        }
        long heapMb = Math.max(64, 3 * size / (1 << 20));
        o.put("heap_limit_mb", heapMb);
        ModelFile f = ModelFile.open(model);
        int[] inputShape = f.model().subgraph(0).tensor(f.model().subgraph(0).inputs()[0]).shape();
        Path calibration = tmp.resolve("large-calibration.npy");
        io.lstmq.io.Npy.write(calibration, LargeCalibration.sequences(16, inputShape));
        Path rewrite = tmp.resolve("large-rewrite.tflite");
        Path converted = tmp.resolve("large-int8.tflite");
        o.set("inspect", timed(jar, heapMb, "inspect", model.toString()));
        o.set("patch", timed(jar, heapMb, "patch", model.toString(), "-o", rewrite.toString()));
        o.put("rewrite_identical", java.util.Arrays.equals(Files.readAllBytes(model), Files.readAllBytes(rewrite)));
        o.set("convert", timed(jar, heapMb, "convert", model.toString(), "--calibration", calibration.toString(),
                "-o", converted.toString()));
        for (Path p : new Path[] {calibration, rewrite, converted}) {
            Files.deleteIfExists(p);
        }
        return o;
    }

    private ObjectNode timed(Path jar, long heapMb, String... args) throws java.io.IOException {
        log.println("timing lstmq " + String.join(" ", args) + " ...");
        Path gcLog = Files.createTempFile("lstmq-bench-gc", ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", GcLog.option(gcLog), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted");
        }
        ObjectNode o = Json.object().put("seconds", (System.nanoTime() - t0) / 1e9).put("exit_code", code);
        GcLog.livePeakMb(gcLog).ifPresent(mb -> o.put("heap_live_peak_mb", mb));
        Files.deleteIfExists(gcLog);
        return o;
    }

    /** The jar this class was loaded from, or null when running from a class directory. */
    private static Path jar() {
        try {
            Path p = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** Writes the default large model (4 x 1024 units, 100 steps) into tmp. */
    public static Path generateLarge(Path tmp) {
        Path p = tmp.resolve("large-lstm.tflite");
        ModelWriter.write(LstmClassifierFactory.build(LargeModelGenerator.spec(1024, 4, 100)), p);
        return p;
    }

    /** A markdown table of the throughput rows, for the README. */
    public static List<String> table(ArrayNode rows) {
        List<String> out = new ArrayList<>();
        out.add("| model | Java engine µs/seq | TFLite µs/seq | Java / TFLite throughput |");
        out.add("|---|---:|---:|---:|");
        for (var r : rows) {
            out.add(String.format("| %s | %.1f | %.1f | %.2fx |", r.get("model").asText(),
                    r.get("java_us_per_sequence").asDouble(), r.get("tflite_us_per_sequence").asDouble(),
                    r.get("java_over_tflite_throughput").asDouble()));
        }
        return out;
    }
}
