package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.LstmqException;
import io.lstmq.convert.CalibrationData;
import io.lstmq.convert.ConvertOptions;
import io.lstmq.convert.ConvertSummary;
import io.lstmq.convert.Converter;
import io.lstmq.convert.EngineCalibrator;
import io.lstmq.convert.OutputChecks;
import io.lstmq.convert.SourceReference;
import io.lstmq.inspect.Json;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.model.ModelWriter;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.QuantScheme;
import io.lstmq.schema.BuiltinOperator;

/**
 * {@code lstmq convert IN -o OUT [--calibration X.npy ...] [--activations int8|int16] [--io int8|int16|float]
 * [--calibration-method minmax] [--weights-only] [--allow-float OPS] [--json]}: makes a float, calibrated or
 * hybrid LSTM model integer (or hybrid with --weights-only), writes it, checks it and prints a summary.
 */
final class ConvertCommand implements Command {
    private final Calibrator calibrator;

    ConvertCommand() {
        this(new EngineCalibrator());
    }

    /** @param calibrator runs float models for calibration */
    ConvertCommand(Calibrator calibrator) {
        this.calibrator = calibrator;
    }

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String synopsis() {
        return "IN -o OUT [--calibration X.npy ...] [--activations int8|int16] [--io int8|int16|float] "
                + "[--calibration-method minmax] [--weights-only] [--allow-float OPS] [--json]";
    }

    @Override
    public String summary() {
        return "make a float, calibrated or hybrid LSTM model integer (TFLite / TFLite Micro), then check it";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("OUT").desc("output model").build());
        o.addOption(Option.builder().longOpt("calibration").hasArgs().argName("FILE")
                .desc("representative inputs: X.npy (samples on axis 0), or NAME=X.npy per model input; "
                        + "several files are joined").build());
        o.addOption(Option.builder().longOpt("activations").hasArg().argName("BITS")
                .desc("int8 (default: 8x8_16 LSTM, TFLite and TFLite Micro) or int16 (16x8, TFLite Micro)").build());
        o.addOption(Option.builder().longOpt("io").hasArg().argName("TYPE")
                .desc("model inputs and outputs: integer (int8, or int16 with --activations int16; the default) "
                        + "or float (QUANTIZE / DEQUANTIZE at the boundary)").build());
        o.addOption(Option.builder().longOpt("calibration-method").hasArg().argName("METHOD")
                .desc("how recorded values become ranges: minmax (default)").build());
        o.addOption(Option.builder().longOpt("weights-only")
                .desc("write the hybrid (dynamic range) model: int8 weights, float activations; needs no data "
                        + "(--calibration then only feeds the checks)").build());
        o.addOption(Option.builder().longOpt("allow-float").hasArg().argName("OPS")
                .desc("comma-separated operators without integer rules that may stay float").build());
        o.addOption(Option.builder().longOpt("check-samples").hasArg().argName("N")
                .desc("calibration samples the written model is run on (default "
                        + OutputChecks.DEFAULT_SAMPLES + ", 0 to skip)").build());
        o.addOption(Option.builder().longOpt("json").desc("machine-readable summary on stdout").build());
        return o;
    }

    /** A hybrid model runs in TFLite only: a source TFLite cannot load gives a hybrid model nothing runs. */
    private static void requireTfliteLoads(ModelFile source) {
        try (TfliteRunner r = TfliteRunner.open(source)) {
            r.inputs();
        } catch (LstmqException e) {
            throw new LstmqException("--weights-only makes a hybrid model, which only TFLite runs, but TFLite cannot"
                    + " load the source: " + e.getMessage(), e);
        }
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        List<String> positional = cl.getArgList();
        if (positional.isEmpty() && cl.hasOption("calibration")
                && Arrays.stream(cl.getOptionValues("calibration")).anyMatch(v -> v.endsWith(".tflite"))) {
            throw new LstmqException("expected IN before --calibration (it takes every file up to the next option)");
        }
        Path in = Args.existingFile(Args.positional(cl, "IN").get(0));
        Path target = Args.output(cl, in, false);
        ConvertOptions options = options(cl);
        int checkSamples = (int) Args.parseLong(cl.getOptionValue("check-samples",
                String.valueOf(OutputChecks.DEFAULT_SAMPLES)), "--check-samples");
        if (checkSamples < 0) {
            throw new LstmqException("--check-samples " + checkSamples + " must not be negative");
        }
        CalibrationData data = cl.hasOption("calibration")
                ? CalibrationData.load(List.of(cl.getOptionValues("calibration"))) : null;
        Map<String, NdArray> arrays = data == null ? null : data.arrays();
        String source = data == null ? null : data.source();

        ModelFile file = ModelFile.open(in);
        if (options.weightsOnly()) {
            requireTfliteLoads(file);
        }
        Converter.Result result;
        OutputChecks.Report checks;
        // The source model's outputs for the checks are computed while the conversion calibrates.
        try (SourceReference reference = SourceReference.start(in, checkSamples == 0 ? null : arrays, source,
                checkSamples)) {
            result = new Converter(calibrator).convert(file.model(), in.toString(), options, arrays, source,
                    progress(err, "calibrating"));
            ModelWriter.write(result.model(), target);
            checks = OutputChecks.run(reference, target, options, progress(err, "checking"));
        }
        ConvertSummary summary = new ConvertSummary(in.toString(), size(in), target.toString(), size(target),
                options, result, source, checks);
        if (cl.hasOption("json")) {
            out.println(Json.write(summary.json()));
        } else {
            summary.lines().forEach(out::println);
        }
        return checks.failed() ? Main.CHECK_FAILED : Main.OK;
    }

    private static ConvertOptions options(CommandLine cl) {
        QuantScheme scheme = QuantScheme.parse(cl.getOptionValue("activations", "int8"));
        String io = cl.getOptionValue("io", scheme.label());
        boolean floatIo;
        if (io.equals("float")) {
            floatIo = true;
        } else if (io.equals(scheme.label())) {
            floatIo = false;
        } else if (io.equals("int8") || io.equals("int16")) {
            throw new LstmqException("--io " + io + " with --activations " + scheme.label() + ": integer inputs and "
                    + "outputs have the activations' type; use --io " + scheme.label() + " or --io float");
        } else {
            throw new LstmqException("--io " + io + ": expected int8, int16 or float");
        }
        boolean weightsOnly = cl.hasOption("weights-only");
        if (weightsOnly && (cl.hasOption("activations") || cl.hasOption("io"))) {
            throw new LstmqException("--weights-only writes a hybrid model (float activations and I/O); "
                    + "--activations and --io do not apply");
        }
        return new ConvertOptions(scheme, floatIo, weightsOnly, allowFloat(cl),
                ConvertOptions.CalibrationMethod.parse(cl.getOptionValue("calibration-method", "minmax")));
    }

    private static Set<String> allowFloat(CommandLine cl) {
        Set<String> ops = new LinkedHashSet<>();
        String[] values = cl.getOptionValues("allow-float");
        for (String v : values == null ? new String[0] : values) {
            for (String op : v.split(",")) {
                String name = op.trim().toUpperCase(java.util.Locale.ROOT);
                if (!Arrays.asList(BuiltinOperator.names).contains(name)) {
                    throw new LstmqException("--allow-float " + op.trim() + ": not a TFLite builtin operator name");
                }
                ops.add(name);
            }
        }
        return ops;
    }

    /** Progress on stderr, only when a person is watching a terminal. */
    private static Calibrator.Progress progress(PrintStream err, String what) {
        return TerminalProgress.of(err, what)::done;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
