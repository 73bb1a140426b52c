package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.export.trace.LstmTraceResult;
import io.lstmq.export.trace.ModelTracer;
import io.lstmq.export.trace.TraceFormat;
import io.lstmq.export.trace.TraceWriter;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.run.SampleRunner;

/**
 * {@code lstmq trace MODEL --input X.npy -o DIR [--format hex|csv|npy] [--numerics tflm|tflite] [--sample N]};
 * prints the files written, one per line.
 */
final class TraceCommand implements Command {
    @Override
    public String name() {
        return "trace";
    }

    @Override
    public String synopsis() {
        return "MODEL --input X.npy -o DIR [--format hex|csv|npy] [--numerics tflm|tflite] [--sample N]";
    }

    @Override
    public String summary() {
        return "write every LSTM step's integer gates, cell and hidden state as golden vectors for RTL simulation";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("input").hasArg().argName("[NAME=]FILE")
                .desc(".npy data of a model input: one sample shaped like the input or N samples on a leading axis; "
                        + "float data for an integer input is quantized with its scale and zero point. NAME=FILE per "
                        + "input for models with several").build());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("DIR").desc("output directory").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("hex (default): lstm<k>_<signal>.hex, one $readmemh word per line; csv: lstm<k>.csv with "
                        + "real values; npy: lstm<k>_<signal>.npy. Always with trace.json describing every signal")
                .build());
        o.addOption(Option.builder().longOpt("numerics").hasArg().argName("NUMERICS")
                .desc("tflm (default): TFLite Micro's kernel; tflite: TFLite's 8x8_16 kernel").build());
        o.addOption(Args.inputScaleOption());
        o.addOption(Option.builder().longOpt("sample").hasArg().argName("N")
                .desc("which sample of the data to trace (default 0); the LSTM states start where the runtimes "
                        + "reset them").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path modelPath = Args.existingFile(Args.positional(cl, "MODEL").get(0));
        Map<String, NdArray> data = Args.inputs(cl);
        Path dir = ExportCommand.outputDirectory(cl);
        TraceFormat format = TraceFormat.parse(cl.getOptionValue("format", "hex"));
        Numerics numerics = SampleRunner.parseNumerics(cl.getOptionValue("numerics", "tflm"));
        long sample = Args.parseLong(cl.getOptionValue("sample", "0"), "--sample");
        ModelFile file = ModelFile.open(modelPath);
        Model model = file.model();
        String source = String.join(", ", cl.getOptionValues("input"));
        ModelInputs bound = ModelInputs.bind(model.subgraph(0), data, source);
        if (sample < 0 || sample >= bound.sampleCount()) {
            throw new LstmqException("--sample " + sample + ": " + source + " holds " + bound.sampleCount()
                    + " sample(s)");
        }
        List<LstmTraceResult> traces = file.about(() -> ModelTracer.trace(model, bound.sample((int) sample), numerics));
        TraceWriter.write(traces, format, new TraceWriter.Source(modelPath.toString(), source, (int) sample), dir)
                .forEach(out::println);
        return Main.OK;
    }
}
