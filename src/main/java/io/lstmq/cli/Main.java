package io.lstmq.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

import io.lstmq.LstmqException;

/**
 * Entry point: {@code lstmq <command> [options]}. Exit codes: 0 success, 1 a requested check failed,
 * 2 bad input or usage (one line on stderr), 3 an internal error (a bug; stack trace with --debug).
 */
public final class Main {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new ConvertCommand(), new InspectCommand(), new PatchCommand(), new DiffCommand(), new RunCommand(), new ValidateCommand(), new BenchCommand(), new ExportCommand(), new TraceCommand(), new SweepCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line with the given streams; the exit code is returned, never thrown. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? BAD_INPUT : OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("lstmq: unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet()));
            return BAD_INPUT;
        }
        Options options = command.options();
        options.addOption(Option.builder().longOpt("debug").desc("show stack traces of internal errors").build());
        options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        boolean debug = Arrays.asList(rest).contains("--debug");
        try {
            CommandLine cl = new DefaultParser().parse(options, rest);
            if (cl.hasOption("help")) {
                help(command, out);
                return OK;
            }
            return command.run(cl, out, err);
        } catch (ParseException e) {
            err.println("lstmq " + command.name() + ": " + oneLine(e.getMessage()) + " (see lstmq " + command.name()
                    + " --help)");
            return BAD_INPUT;
        } catch (LstmqException e) {
            err.println("lstmq " + command.name() + ": " + oneLine(e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            err.println("lstmq " + command.name() + ": out of memory (raise -Xmx)");
            return INTERNAL_ERROR;
        } catch (RuntimeException e) {
            err.println("lstmq " + command.name() + ": internal error: " + oneLine(e.toString())
                    + (debug ? "" : " (rerun with --debug)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        }
    }

    /**
     * The message with control characters escaped: names in a model (tensors, signatures) may hold line breaks,
     * and an error must stay one line for the scripts that read it.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        StringBuilder b = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static void usage(PrintStream s) {
        s.println("usage: lstmq <command> [options]   (lstmq <command> --help for details)");
        s.println();
        for (Command c : COMMANDS.values()) {
            s.printf("  %-9s %s%n", c.name(), c.summary());
        }
    }

    private static void help(Command c, PrintStream out) {
        PrintWriter w = new PrintWriter(out);
        new HelpFormatter().printHelp(w, 100, "lstmq " + c.name() + " " + c.synopsis(), c.summary(), c.options(),
                2, 2, "", false);
        w.flush();
    }
}
