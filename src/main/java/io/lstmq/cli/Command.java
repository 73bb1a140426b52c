package io.lstmq.cli;

import java.io.PrintStream;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One verb of the command line. */
interface Command {
    String name();

    /** Arguments after the verb, for the usage line, e.g. {@code "MODEL [--json]"}. */
    String synopsis();

    String summary();

    Options options();

    /** Runs the command; returns the exit code (0 success, 1 a check failed). Problems throw LstmqException. */
    int run(CommandLine cl, PrintStream out, PrintStream err);
}
