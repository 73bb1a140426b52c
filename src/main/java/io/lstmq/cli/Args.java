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

    static float parseFloat(String s, String what) {
        try {
            return Float.parseFloat(s.trim());
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
