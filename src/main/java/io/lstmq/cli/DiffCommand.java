package io.lstmq.cli;

import java.io.PrintStream;
import java.util.List;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.diff.ModelDiff;
import io.lstmq.inspect.Json;
import io.lstmq.model.ModelFile;

/** {@code lstmq diff A B [--json] [--scale-rtol R] [--match position|name]}: exit code 1 when they differ. */
final class DiffCommand implements Command {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String synopsis() {
        return "A B [--json] [--scale-rtol R] [--match position|name]";
    }

    @Override
    public String summary() {
        return "compare two models' structure, tensors and buffers; exit code 1 when they differ";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").desc("machine-readable report on stdout").build());
        o.addOption(Option.builder().longOpt("scale-rtol").hasArg().argName("R")
                .desc("relative tolerance for scales (default 0: equal as float32)").build());
        o.addOption(Option.builder().longOpt("match").hasArg().argName("HOW")
                .desc("match tensors by position (default) or by name").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        List<String> files = Args.positional(cl, "A", "B");
        double rtol = Args.parseFloat(cl.getOptionValue("scale-rtol", "0"), "--scale-rtol");
        if (!(rtol >= 0)) {
            throw new LstmqException("--scale-rtol " + rtol + " must not be negative");
        }
        ModelDiff.Matching matching = switch (cl.getOptionValue("match", "position")) {
            case "position" -> ModelDiff.Matching.POSITION;
            case "name" -> ModelDiff.Matching.NAME;
            default -> throw new LstmqException("--match " + cl.getOptionValue("match") + ": expected position or name");
        };
        ModelFile a = ModelFile.open(Args.existingFile(files.get(0)));
        ModelFile b = ModelFile.open(Args.existingFile(files.get(1)));
        ObjectNode report = ModelDiff.compare(a.model(), b.model(), matching, rtol);
        if (cl.hasOption("json")) {
            out.println(Json.write(report));
        } else {
            List<String> lines = ModelDiff.describe(report);
            lines.forEach(out::println);
            out.println(lines.isEmpty() ? "no differences" : lines.size() + " difference" + (lines.size() == 1 ? "" : "s"));
        }
        return report.get("identical").asBoolean() ? Main.OK : Main.CHECK_FAILED;
    }
}
