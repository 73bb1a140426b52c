package io.lstmq.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.cli.CommandLine;

import io.lstmq.LstmqException;

/** Positional-argument and value parsing shared by the commands, with one-line errors. */
final class Args {
    private Args() {}

    /** Exactly {@code count} positional arguments, named in the message when missing. */
    static List<String> positional(CommandLine cl, String... names) {
        List<String> args = cl.getArgList();
        if (args.size() != names.length) {
            throw new LstmqException("expected " + String.join(" ", names) + " but got "
                    + (args.isEmpty() ? "nothing" : String.join(" ", args)));
        }
        return args;
    }

    static Path existingFile(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new LstmqException(name + ": no such file");
        }
        return p;
    }

    /** An output path that is not the input, unless the user asked for that explicitly. */
    static Path output(CommandLine cl, Path input, boolean inPlaceAllowed) {
        String o = cl.getOptionValue("output");
        if (o == null) {
            throw new LstmqException("missing -o OUTPUT");
        }
        Path out = Path.of(o);
        try {
            if (Files.exists(out) && Files.isSameFile(out, input) && !inPlaceAllowed) {
                throw new LstmqException(o + ": is the input file; pass --in-place to overwrite it");
            }
        } catch (java.io.IOException e) {
            throw new LstmqException(o + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Data for model inputs from {@code --input} values: {@code FILE} for a model with one input, or
     * {@code NAME=FILE} per input. The key of an unnamed file is "".
     */
    static java.util.Map<String, io.lstmq.io.NdArray> inputs(CommandLine cl) {
        java.util.Map<String, io.lstmq.io.NdArray> in = inputs(cl.getOptionValues("input"));
        if (cl.hasOption("input-scale")) {
            float f = parseFloat(cl.getOptionValue("input-scale"), "--input-scale");
            in.replaceAll((k, v) -> v.scaled(f));
        }
        return in;
    }

    /** The {@code --input-scale} option the commands that read samples share. */
    static org.apache.commons.cli.Option inputScaleOption() {
        return org.apache.commons.cli.Option.builder().longOpt("input-scale").hasArg().argName("F")
                .desc("multiply the input data by F first (e.g. 0.00392156862745098 for uint8 images into [0, 1])")
                .build();
    }

    static java.util.Map<String, io.lstmq.io.NdArray> inputs(String[] specs) {
        return io.lstmq.io.SampleFiles.load("--input", specs == null ? List.of() : List.of(specs));
    }

    static float parseFloat(String s, String what) {
        try {
            return Float.parseFloat(s.trim());
        } catch (NumberFormatException e) {
            throw new LstmqException(what + ": '" + s + "' is not a number");
        }
    }

    static double parseDouble(String s, String what) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new LstmqException(what + ": '" + s + "' is not a number");
        }
    }

    static long parseLong(String s, String what) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new LstmqException(what + ": '" + s + "' is not an integer");
        }
    }
}
