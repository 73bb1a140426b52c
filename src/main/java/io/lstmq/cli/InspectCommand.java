package io.lstmq.cli;

import java.io.PrintStream;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.inspect.CHeaderReport;
import io.lstmq.inspect.Json;
import io.lstmq.inspect.ModelReport;
import io.lstmq.inspect.TextReport;
import io.lstmq.model.ModelFile;

/** {@code lstmq inspect MODEL [--json] [--format text|json|c-header]}. */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String synopsis() {
        return "MODEL [--json] [--format text|json|c-header]";
    }

    @Override
    public String summary() {
        return "show a model's structure, quantization, LSTM gate scales and TFLM deployment diagnosis";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").desc("same as --format json").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("text (default), json, or c-header").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        String format = cl.hasOption("json") ? "json" : cl.getOptionValue("format", "text");
        ModelFile file = ModelFile.open(Args.existingFile(Args.positional(cl, "MODEL").get(0)));
        ObjectNode report = file.about(() -> ModelReport.of(file));
        switch (format) {
            case "json" -> out.println(Json.write(report));
            case "text" -> TextReport.print(report, out);
            case "c-header" -> CHeaderReport.print(report, out);
            default -> throw new LstmqException("--format " + format + ": expected text, json or c-header");
        }
        return Main.OK;
    }
}
