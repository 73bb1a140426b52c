package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.bench.Bench;
import io.lstmq.inspect.Json;

/** {@code lstmq bench [--model M ...] [--large [MODEL]] [--seconds S] [--json]}: not a test; prints measurements. */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String synopsis() {
        return "[--model M ...] [--large] [--large-model M] [--seconds S] [--json]";
    }

    @Override
    public String summary() {
        return "measure the Java engine against the TFLite interpreter, and large-model times and heap";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("model").hasArg().argName("M").desc("also measure this model").build());
        o.addOption(Option.builder().longOpt("large").desc("generate the 4x1024-unit model and time inspect/patch")
                .build());
        o.addOption(Option.builder().longOpt("large-model").hasArg().argName("M")
                .desc("time inspect/patch on this model instead of generating one").build());
        o.addOption(Option.builder().longOpt("seconds").hasArg().argName("S")
                .desc("measuring time per engine and model (default 2)").build());
        o.addOption(Option.builder().longOpt("json").desc("machine-readable result on stdout").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        double seconds = Args.parseDouble(cl.getOptionValue("seconds", "2"), "--seconds");
        List<Path> models = new ArrayList<>();
        for (String m : cl.getOptionValues("model") == null ? new String[0] : cl.getOptionValues("model")) {
            models.add(Args.existingFile(m));
        }
        Bench bench = new Bench(err, seconds);
        ObjectNode result = Json.object();
        result.put("machine", machine());
        try {
            Path tmp = Files.createTempDirectory("lstmq-bench");
            result.set("throughput", bench.throughput(models, tmp));
            if (cl.hasOption("large") || cl.hasOption("large-model")) {
                Path large = cl.hasOption("large-model") ? Args.existingFile(cl.getOptionValue("large-model"))
                        : Bench.generateLarge(tmp);
                result.set("large", bench.large(large, tmp));
                if (!cl.hasOption("large-model")) {
                    Files.deleteIfExists(large);
                }
            }
            Files.deleteIfExists(tmp);
        } catch (java.io.IOException e) {
            throw new LstmqException("bench: " + e.getMessage());
        }
        if (cl.hasOption("json")) {
            out.println(Json.write(result));
        } else {
            out.println("machine: " + result.get("machine").asText());
            Bench.table((com.fasterxml.jackson.databind.node.ArrayNode) result.get("throughput")).forEach(out::println);
            if (result.has("large")) {
                var l = result.get("large");
                out.printf("%nlarge model %s (%,d bytes), each command a separate java -jar process with -Xmx%dm "
                        + "(3x the file, at least 64 MB):%n", l.get("model").asText(), l.get("bytes").asLong(),
                        l.path("heap_limit_mb").asLong());
                if (l.has("error")) {
                    out.println("  " + l.get("error").asText());
                }
                for (String c : new String[] {"inspect", "patch", "convert"}) {
                    if (l.has(c)) {
                        var run = l.get(c);
                        out.printf("  %-8s %6.2f s  exit code %d%s%n", c, run.get("seconds").asDouble(),
                                run.get("exit_code").asInt(), run.has("heap_live_peak_mb")
                                        ? "  heap after GC at most " + run.get("heap_live_peak_mb").asLong() + " MB"
                                        : "  (no garbage collection needed within the cap)");
                    }
                }
                if (l.has("rewrite_identical")) {
                    out.println("  lossless rewrite byte-identical: " + l.get("rewrite_identical").asBoolean());
                }
            }
        }
        return Main.OK;
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    }
}
