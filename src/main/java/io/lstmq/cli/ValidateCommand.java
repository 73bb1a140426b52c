package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.inspect.Json;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;
import io.lstmq.validate.HtmlReport;
import io.lstmq.validate.Thresholds;
import io.lstmq.validate.Validation;

/** {@code lstmq validate REFERENCE CANDIDATE --input X.npy [--labels L.npy] [--json] [thresholds]}. */
final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String synopsis() {
        return "REFERENCE CANDIDATE --input X.npy [--labels L.npy] [--json] [--report R.html] [--max-.../--min-...]";
    }

    @Override
    public String summary() {
        return "compare a candidate (integer) model with its reference on TFLite and the Java engine; exit 1 on a "
                + "broken threshold";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("input").hasArg().argName("X.npy|NAME=FILE").desc("samples").build());
        o.addOption(Args.inputScaleOption());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("L.npy")
                .desc("integer class labels, one per sample, for accuracy").build());
        o.addOption(Option.builder().longOpt("json").desc("machine-readable result on stdout").build());
        o.addOption(Option.builder().longOpt("report").hasArg().argName("FILE.html")
                .desc("self-contained HTML report with charts").build());
        o.addOption(Option.builder().longOpt("numerics").hasArg().argName("N")
                .desc("integer LSTM arithmetic of the Java engine: tflm (default) or tflite").build());
        o.addOption(Option.builder().longOpt("engine").hasArg().argName("E")
                .desc("run only this engine: java or tflite (default both)").build());
        o.addOption(Option.builder().longOpt("limit").hasArg().argName("N").desc("use the first N samples").build());
        for (String t : Thresholds.NAMES) {
            o.addOption(Option.builder().longOpt(t).hasArg().argName("V").desc("threshold").build());
        }
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        List<String> files = Args.positional(cl, "REFERENCE", "CANDIDATE");
        ModelFile reference = ModelFile.open(Args.existingFile(files.get(0)));
        ModelFile candidate = ModelFile.open(Args.existingFile(files.get(1)));
        var data = Args.inputs(cl);
        NdArray labels = cl.hasOption("labels") ? Npy.read(Args.existingFile(cl.getOptionValue("labels"))) : null;
        if (cl.hasOption("limit")) {
            int n = (int) Args.parseLong(cl.getOptionValue("limit"), "--limit");
            if (n < 1) {
                throw new LstmqException("--limit " + n + " must be at least 1");
            }
            data.replaceAll((k, v) -> first(v, n));
            labels = labels == null ? null : first(labels, n);
        }
        Thresholds thresholds = new Thresholds();
        for (String t : Thresholds.NAMES) {
            if (cl.hasOption(t)) {
                thresholds.set(t, Args.parseDouble(cl.getOptionValue(t), "--" + t));
            }
        }
        Numerics numerics = SampleRunner.parseNumerics(cl.getOptionValue("numerics", "tflm"));
        List<Engine> engines = cl.hasOption("engine") ? List.of(Engine.parse(cl.getOptionValue("engine")))
                : List.of(Engine.TFLITE, Engine.JAVA);
        Validation v = new Validation(reference, candidate, data, labels, numerics, TerminalProgress.of(err, "validate"));
        List<Validation.EngineResult> results = v.run(engines);
        ObjectNode summary = v.json(results, thresholds);
        if (cl.hasOption("report")) {
            HtmlReport.write(Path.of(cl.getOptionValue("report")), summary, results, v.stateCurves(500));
        }
        if (cl.hasOption("json")) {
            out.println(Json.write(summary));
        } else {
            print(summary, out);
        }
        return summary.get("passed").asBoolean() ? Main.OK : Main.CHECK_FAILED;
    }

    private static NdArray first(NdArray a, int n) {
        if (a.dim(0) <= n) {
            return a;
        }
        java.util.List<NdArray> samples = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(a.sample(i));
        }
        return NdArray.stack(samples);
    }

    private static void print(JsonNode s, PrintStream out) {
        out.println("reference " + s.get("reference").asText() + "\ncandidate " + s.get("candidate").asText());
        s.get("engines").fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (r.has("error")) {
                out.println(e.getKey() + ": cannot run: " + r.get("error").asText());
                return;
            }
            out.print(e.getKey() + (e.getKey().equals("java") ? " (" + s.get("numerics").asText() + " numerics)" : "")
                    + ": " + r.get("samples").asInt() + " samples");
            if (r.has("reference_accuracy")) {
                out.printf(", accuracy reference %.2f%% candidate %.2f%%", 100 * r.get("reference_accuracy").asDouble(),
                        100 * r.get("candidate_accuracy").asDouble());
            }
            out.println();
            for (JsonNode o : r.get("outputs")) {
                out.printf("  %s: max|err| %.4g  mean|err| %.4g  RMSE %.4g  SNR %.1f dB  cosine %.6f  argmax %.2f%%%n",
                        o.get("name").asText(), o.get("max_abs_error").asDouble(), o.get("mean_abs_error").asDouble(),
                        o.get("rmse").asDouble(), o.get("snr_db").asDouble(), o.get("cosine").asDouble(),
                        100 * o.get("argmax_agreement").asDouble());
            }
        });
        if (s.has("candidate_java_vs_tflite")) {
            JsonNode l = s.get("candidate_java_vs_tflite");
            out.printf("candidate, Java vs TFLite: %d of %d values differ, at most %d LSB%n", l.get("differing").asLong(),
                    l.get("values").asLong(), l.get("max_lsb").asLong());
        }
        for (JsonNode t : s.get("thresholds")) {
            out.printf("%s %s (%s): %s, limit %s%n", t.get("ok").asBoolean() ? "ok    " : "BROKEN", t.get("name").asText(),
                    t.get("engine").asText(), t.get("value").asText(), t.get("limit").asText());
        }
    }
}
