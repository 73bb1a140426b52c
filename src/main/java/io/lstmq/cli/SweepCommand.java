package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.AtomicFiles;
import io.lstmq.LstmqException;
import io.lstmq.convert.CalibrationData;
import io.lstmq.inspect.Json;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.io.SampleFiles;
import io.lstmq.sweep.BitWidths;
import io.lstmq.sweep.Sweep;
import io.lstmq.sweep.SweepPlot;
import io.lstmq.sweep.SweepReport;
import io.lstmq.sweep.SweepResult;

/**
 * {@code lstmq sweep FLOAT_MODEL --calibration C.npy --eval X.npy [--labels L.npy] [--weight-bits 4..16]
 * [--activation-bits 8..16] [--csv F] [--plot F.svg] [--json]}: the LSTM parameters' footprint against the model's
 * accuracy for each fixed-point weight and activation width.
 */
final class SweepCommand implements Command {
    static final String DEFAULT_WEIGHT_BITS = "4..16";
    static final String DEFAULT_ACTIVATION_BITS = "8..16";

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String synopsis() {
        return "FLOAT_MODEL --calibration C.npy --eval X.npy [--labels L.npy] [--weight-bits 4..16] "
                + "[--activation-bits 8..16] [--csv F.csv] [--plot F.svg|F.png] [--json]";
    }

    @Override
    public String summary() {
        return "fixed-point design space: LSTM parameter bytes against accuracy for each weight/activation width";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("calibration").hasArgs().argName("FILE")
                .desc("samples the activation ranges are measured on, taken as is (as convert takes them): X.npy, "
                        + "or NAME=X.npy per model input; several files are joined").build());
        o.addOption(Option.builder().longOpt("eval").hasArgs().argName("FILE")
                .desc("samples each combination is scored on, written like --calibration and multiplied by "
                        + "--input-scale if given").build());
        o.addOption(Args.inputScaleOption());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("L.npy")
                .desc("integer class labels, one per --eval sample, for accuracy").build());
        o.addOption(Option.builder().longOpt("weight-bits").hasArg().argName("BITS")
                .desc("weight widths: a range 4..16, a list 4,6,8 or one width (default " + DEFAULT_WEIGHT_BITS
                        + "; " + BitWidths.MIN + ".." + BitWidths.MAX + ")").build());
        o.addOption(Option.builder().longOpt("activation-bits").hasArg().argName("BITS")
                .desc("activation widths, written the same way (default " + DEFAULT_ACTIVATION_BITS + ")").build());
        o.addOption(Option.builder().longOpt("limit").hasArg().argName("N").desc("score the first N samples").build());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("combinations evaluated at once (default: the processors available)").build());
        o.addOption(Option.builder().longOpt("csv").hasArg().argName("FILE.csv").desc("write the rows as CSV").build());
        o.addOption(Option.builder().longOpt("plot").hasArg().argName("FILE.svg|FILE.png")
                .desc("write a plot of LSTM parameter bytes against accuracy, SVG or PNG by the file's extension; "
                        + "may be given twice").build());
        o.addOption(Option.builder().longOpt("json").desc("machine-readable result on stdout").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        for (String option : List.of("calibration", "eval")) {
            if (cl.getArgList().isEmpty() && cl.hasOption(option)
                    && Arrays.stream(cl.getOptionValues(option)).anyMatch(v -> v.endsWith(".tflite"))) {
                throw new LstmqException("expected FLOAT_MODEL before --" + option + " (it takes every file up to the "
                        + "next option)");
            }
        }
        Path model = Args.existingFile(Args.positional(cl, "FLOAT_MODEL").get(0));
        if (!cl.hasOption("calibration")) {
            throw new LstmqException("missing --calibration C.npy (samples to measure the activation ranges on)");
        }
        if (!cl.hasOption("eval")) {
            throw new LstmqException("missing --eval X.npy (samples to score each combination on)");
        }
        List<Integer> weightBits = BitWidths.parse(cl.getOptionValue("weight-bits", DEFAULT_WEIGHT_BITS),
                "--weight-bits");
        List<Integer> activationBits = BitWidths.parse(cl.getOptionValue("activation-bits",
                DEFAULT_ACTIVATION_BITS), "--activation-bits");
        int limit = positive(cl, "limit", 0);
        int threads = positive(cl, "threads", Runtime.getRuntime().availableProcessors());
        List<Path> plots = plots(cl);
        CalibrationData calibration = CalibrationData.load(List.of(cl.getOptionValues("calibration")));
        List<String> evalFiles = List.of(cl.getOptionValues("eval"));
        Map<String, NdArray> eval = SampleFiles.load("--eval", evalFiles);
        if (cl.hasOption("input-scale")) {
            float f = Args.parseFloat(cl.getOptionValue("input-scale"), "--input-scale");
            eval.replaceAll((k, v) -> v.scaled(f));
        }
        NdArray labels = cl.hasOption("labels") ? Npy.read(Args.existingFile(cl.getOptionValue("labels"))) : null;

        Sweep sweep = new Sweep(model, what -> TerminalProgress.of(err, what));
        SweepResult result = sweep.run(calibration, eval, "--eval " + String.join(", ", evalFiles), labels,
                new Sweep.Options(weightBits, activationBits, limit, threads));
        if (cl.hasOption("csv")) {
            AtomicFiles.write(Path.of(cl.getOptionValue("csv")), SweepReport.csv(result).getBytes(StandardCharsets.UTF_8));
        }
        for (Path plot : plots) {
            AtomicFiles.write(plot, plot.toString().endsWith(".png") ? SweepPlot.png(result)
                    : SweepPlot.svg(result).getBytes(StandardCharsets.UTF_8));
        }
        if (cl.hasOption("json")) {
            out.println(Json.write(SweepReport.json(result)));
        } else {
            SweepReport.table(result).forEach(out::println);
        }
        return Main.OK;
    }

    private static List<Path> plots(CommandLine cl) {
        String[] names = cl.getOptionValues("plot");
        List<Path> plots = new java.util.ArrayList<>();
        for (String name : names == null ? new String[0] : names) {
            if (!name.endsWith(".svg") && !name.endsWith(".png")) {
                throw new LstmqException("--plot " + name + ": name the file FILE.svg or FILE.png (the format follows "
                        + "the extension)");
            }
            plots.add(Path.of(name));
        }
        return plots;
    }

    private static int positive(CommandLine cl, String option, int otherwise) {
        if (!cl.hasOption(option)) {
            return otherwise;
        }
        long n = Args.parseLong(cl.getOptionValue(option), "--" + option);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new LstmqException("--" + option + " " + n + " must be at least 1");
        }
        return (int) n;
    }
}
