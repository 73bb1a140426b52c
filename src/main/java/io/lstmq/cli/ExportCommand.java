package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.LstmqException;
import io.lstmq.export.CExporter;
import io.lstmq.export.JsonExporter;
import io.lstmq.export.MemExporter;
import io.lstmq.export.ModelExport;
import io.lstmq.model.ModelFile;

/** {@code lstmq export MODEL --format c|mem|json -o DIR [--name NAME]}; prints the files written, one per line. */
final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String synopsis() {
        return "MODEL -o DIR [--format c|mem|json] [--name NAME]";
    }

    @Override
    public String summary() {
        return "write a model and its LSTM constants for firmware (C), RTL test benches (mem) or tools (JSON)";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("DIR").desc("output directory").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
                .desc("c (default): NAME_model.c/.h, a 16-byte-aligned array of the model, and NAME_lstm.h with "
                        + "every LSTM's constants; mem: one $readmemh file per array and manifest.json; json: "
                        + "NAME_lstm.json").build());
        o.addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                .desc("C identifier prefix and file-name stem (default: from the model's file name)").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path model = Args.existingFile(Args.positional(cl, "MODEL").get(0));
        Path dir = outputDirectory(cl);
        String format = cl.getOptionValue("format", "c");
        if (!List.of("c", "mem", "json").contains(format)) {
            throw new LstmqException("--format " + format + ": expected c, mem or json");
        }
        ModelFile file = ModelFile.open(model);
        ModelExport export = file.about(() -> ModelExport.of(model, file, cl.getOptionValue("name")));
        List<Path> written = switch (format) {
            case "c" -> CExporter.write(export, dir);
            case "mem" -> MemExporter.write(export, dir);
            default -> JsonExporter.write(export, dir);
        };
        written.forEach(out::println);
        return Main.OK;
    }

    /** The {@code -o DIR} of the commands that write several files: created when absent, refused when a file. */
    static Path outputDirectory(CommandLine cl) {
        String o = cl.getOptionValue("output");
        if (o == null) {
            throw new LstmqException("missing -o DIR");
        }
        Path dir = Path.of(o);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LstmqException(o + ": not a directory");
        }
        return dir;
    }
}
