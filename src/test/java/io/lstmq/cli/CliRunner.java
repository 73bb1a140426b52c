package io.lstmq.cli;

/** Lets tests outside the cli package run the command line in-process. */
public final class CliRunner {
    private CliRunner() {}

    public record Result(int code, String out, String err) {}

    public static Result run(String... args) {
        Cli c = Cli.run(args);
        return new Result(c.code(), c.out(), c.err());
    }
}
