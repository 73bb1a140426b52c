package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.export.trace.ModelTracer;
import io.lstmq.export.trace.TraceFormat;
import io.lstmq.export.trace.TraceWriter;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.run.BatchRun;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;

/** {@code lstmq run MODEL --input X.npy [--engine java|tflite] [--numerics tflm|tflite] -o Y.npy}. */
final class RunCommand implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String synopsis() {
        return "MODEL --input X.npy|NAME=FILE ... -o Y.npy [--engine java|tflite] [--numerics tflm|tflite] [--trace DIR]";
    }

    @Override
    public String summary() {
        return "run a model on .npy samples with the Java engine or the TFLite interpreter";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("input").hasArg().argName("X.npy|NAME=FILE")
                .desc("samples: one shaped like the input, or N on a leading axis; NAME=FILE per input").build());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("Y.npy")
                .desc("outputs stacked over the samples; with several outputs, Y_<k>.npy each").build());
        o.addOption(Option.builder().longOpt("engine").hasArg().argName("ENGINE").desc("java (default) or tflite")
                .build());
        o.addOption(Option.builder().longOpt("numerics").hasArg().argName("N")
                .desc("integer LSTM arithmetic of the Java engine: tflm (default) or tflite").build());
        o.addOption(Args.inputScaleOption());
        o.addOption(Option.builder().longOpt("dequantize").desc("write integer outputs as float32").build());
        o.addOption(Option.builder().longOpt("trace").hasArg().argName("DIR")
                .desc("also write every LSTM step (gates, cell, hidden; integers and real values, CSV) per sample")
                .build());
        o.addOption(Option.builder().longOpt("keep-state")
                .desc("carry LSTM state from sample to sample instead of resetting it").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path modelPath = Args.existingFile(Args.positional(cl, "MODEL").get(0));
        if (!cl.hasOption("output")) {
            throw new LstmqException("missing -o Y.npy");
        }
        Path target = Path.of(cl.getOptionValue("output"));
        Engine engine = Engine.parse(cl.getOptionValue("engine", "java"));
        Numerics numerics = SampleRunner.parseNumerics(cl.getOptionValue("numerics", "tflm"));
        if (engine == Engine.TFLITE && cl.hasOption("numerics")) {
            throw new LstmqException("--numerics applies to the Java engine only");
        }
        if (cl.hasOption("trace") && (engine == Engine.TFLITE || cl.hasOption("keep-state"))) {
            throw new LstmqException("--trace needs the Java engine and a fresh state per sample (no --keep-state)");
        }
        ModelFile model = ModelFile.open(modelPath);
        SubGraph sg = model.model().subgraph(0);
        ModelInputs inputs = ModelInputs.bind(sg, Args.inputs(cl),
                String.join(", ", cl.getOptionValues("input")));
        List<NdArray> outputs;
        try (SampleRunner runner = SampleRunner.open(model, engine, numerics)) {
            outputs = BatchRun.run(runner, inputs, cl.hasOption("keep-state"), TerminalProgress.of(err, "run"));
        }
        List<Tensor> tensors = BatchRun.outputs(sg);
        List<Path> written = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            NdArray y = cl.hasOption("dequantize") ? ModelInputs.dequantize(outputs.get(k), tensors.get(k))
                    : outputs.get(k);
            Path p = outputs.size() == 1 ? target : numbered(target, k);
            Npy.write(p, y);
            written.add(p);
        }
        if (cl.hasOption("trace")) {
            List<Path> traces = trace(model, inputs, numerics, Path.of(cl.getOptionValue("trace")),
                    String.join(", ", cl.getOptionValues("input")));
            out.println(cl.getOptionValue("trace") + ": LSTM traces of " + inputs.sampleCount() + " sample(s), "
                    + traces.size() + " files");
        }
        for (int k = 0; k < outputs.size(); k++) {
            out.printf("%s: output '%s' %s %s (%d samples, %s engine%s)%n", written.get(k), tensors.get(k).name(),
                    outputs.get(k).dtype(), java.util.Arrays.toString(outputs.get(k).shape()), inputs.sampleCount(),
                    engine.lowerName(), engine == Engine.JAVA ? ", " + numerics.name().toLowerCase() + " numerics" : "");
        }
        return Main.OK;
    }

    /** One directory of CSV traces per sample (the directory itself for a single sample). */
    private static List<Path> trace(ModelFile model, ModelInputs inputs, Numerics numerics, Path dir, String source) {
        List<Path> files = new ArrayList<>();
        int n = inputs.sampleCount();
        for (int i = 0; i < n; i++) {
            var traces = ModelTracer.trace(model.model(), inputs.sample(i), numerics);
            files.addAll(TraceWriter.write(traces, TraceFormat.CSV, new TraceWriter.Source(model.name(), source, i),
                    n == 1 ? dir : dir.resolve("sample_" + i)));
        }
        return files;
    }

    private static Path numbered(Path p, int k) {
        String name = p.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return p.resolveSibling(stem + "_" + k + ".npy");
    }
}
