package io.lstmq.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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

    /** Times of inspect and lossless patch on a large model (in-process, after a first untimed pass) and peak heap. */
    public ObjectNode large(Path model, Path tmp) throws java.io.IOException {
        ObjectNode o = Json.object();
        long size = Files.size(model);
        o.put("model", model.toString()).put("bytes", size);
        log.println("measuring inspect and patch on " + model + " ...");
        resetPeaks();
        long t0 = System.nanoTime();
        ModelFile f = ModelFile.open(model);
        ModelReport.of(f);
        long t1 = System.nanoTime();
        Path out = tmp.resolve("large-rewrite.tflite");
        ModelWriter.write(ModelFile.open(model).model(), out);
        long t2 = System.nanoTime();
        o.put("inspect_seconds", (t1 - t0) / 1e9).put("patch_seconds", (t2 - t1) / 1e9);
        long peak = peakHeap();
        o.put("peak_heap_bytes", peak).put("peak_heap_over_file", (double) peak / size);
        o.put("rewrite_identical", java.util.Arrays.equals(Files.readAllBytes(model), Files.readAllBytes(out)));
        Files.deleteIfExists(out);
        return o;
    }

    /** Writes the default large model (4 x 1024 units, 100 steps) into tmp. */
    public static Path generateLarge(Path tmp) {
        Path p = tmp.resolve("large-lstm.tflite");
        ModelWriter.write(LstmClassifierFactory.build(LargeModelGenerator.spec(1024, 4, 100)), p);
        return p;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap actually in use at once. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
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
