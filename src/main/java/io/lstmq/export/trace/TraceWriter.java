package io.lstmq.export.trace;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.export.ExportArray;
import io.lstmq.export.ExportFiles;
import io.lstmq.export.ExportJson;
import io.lstmq.export.MemExporter;
import io.lstmq.inspect.Json;
import io.lstmq.io.Npy;

/**
 * Writes traces as golden vectors for an RTL simulation: per LSTM {@code lstm<k>_<signal>.hex} or {@code .npy}
 * files, or one {@code lstm<k>.csv}, and a {@code trace.json} manifest describing every signal (shape, layout, width,
 * signedness, value format) and where it is.
 */
public final class TraceWriter {
    public static final String MANIFEST = "trace.json";
    public static final String CSV_HEADER = "batch,step,signal,index,value,real";
    public static final String CSV_FORMAT = "one row per value: batch row, step (-1 for the initial states, listed as "
            + "hidden_state and cell_state), signal, element index, integer value, real value";
    public static final String NPY_FORMAT = "a numpy array of the signal's integer type and shape";
    public static final String LAYOUT = "every signal is [batch][step][...] (initial states [batch][...]) whatever "
            + "the operator's layout; within a step the kernel computes forget, input and cell gates from the previous "
            + "states, then the cell, the output gate and the hidden state";
    public static final String INITIAL_STATE = "as both runtimes reset a variable tensor: an int8 state to its zero "
            + "point, any other state to 0";

    /** What the manifest says about where the input came from. */
    public record Source(String model, String input, int sample) {}

    private TraceWriter() {}

    /** Writes the traces into {@code dir}; returns the files written, the manifest last. */
    public static List<Path> write(List<LstmTraceResult> traces, TraceFormat format, Source source, Path dir) {
        List<Path> written = new ArrayList<>();
        ObjectNode manifest = Json.object();
        manifest.put("generator", "lstmq trace");
        manifest.put("model", source.model());
        manifest.put("input", source.input());
        manifest.put("sample", source.sample());
        manifest.put("numerics", traces.get(0).numerics().name().toLowerCase(Locale.ROOT));
        manifest.put("format", format.lowerName());
        ObjectNode conventions = manifest.putObject("conventions");
        conventions.put("value", ExportJson.VALUE_CONVENTION);
        conventions.put("layout", LAYOUT);
        conventions.put("initial_state", INITIAL_STATE);
        conventions.put("file", switch (format) {
            case HEX -> MemExporter.MEM_FORMAT;
            case CSV -> CSV_FORMAT;
            case NPY -> NPY_FORMAT;
        });
        if (format == TraceFormat.CSV) {
            conventions.put("columns", CSV_HEADER);
        }
        ArrayNode lstms = manifest.putArray("lstm");
        for (LstmTraceResult t : traces) {
            ObjectNode n = lstms.addObject();
            n.put("index", t.index());
            n.put("operator", t.operator());
            n.put("batch", t.batch());
            n.put("steps", t.steps());
            n.put("time_major", t.timeMajor());
            String stem = "lstm" + t.index();
            if (format == TraceFormat.CSV) {
                written.add(ExportFiles.write(dir.resolve(stem + ".csv"), w -> csv(t, w)));
                n.put("file", stem + ".csv");
            }
            ArrayNode signals = n.putArray("signals");
            for (ExportArray a : t.signals()) {
                ObjectNode s = ExportJson.describe(a);
                if (format != TraceFormat.CSV) {
                    String file = stem + "_" + a.name() + "." + format.lowerName();
                    Path p = dir.resolve(file);
                    if (format == TraceFormat.HEX) {
                        ExportFiles.writeMem(p, a);
                    } else {
                        Npy.write(p, a.toNdArray());
                    }
                    written.add(p);
                    s.put("file", file);
                }
                signals.add(s);
            }
        }
        written.add(ExportFiles.write(dir.resolve(MANIFEST), Json.write(manifest) + "\n"));
        return written;
    }

    /** Rows by batch row, then step (the initial states first, at step -1), then signal, then element. */
    private static void csv(LstmTraceResult t, Writer w) throws IOException {
        w.write(CSV_HEADER + "\n");
        for (int b = 0; b < t.batch(); b++) {
            rows(w, b, -1, "hidden_state", t.signal("initial_hidden_state"), b);
            rows(w, b, -1, "cell_state", t.signal("initial_cell_state"), b);
            for (int s = 0; s < t.steps(); s++) {
                for (ExportArray a : t.signals()) {
                    if (a.shape().length == 3) {
                        rows(w, b, s, a.name(), a, b * t.steps() + s);
                    }
                }
            }
        }
    }

    /** The {@code row}-th block of the array's last dimension. */
    private static void rows(Writer w, int batch, int step, String signal, ExportArray a, int row) throws IOException {
        int n = a.shape()[a.shape().length - 1];
        for (int j = 0; j < n; j++) {
            long v = a.values()[row * n + j];
            w.write(batch + "," + step + "," + signal + "," + j + "," + v + "," + (float) a.format().toReal(v) + "\n");
        }
    }
}
