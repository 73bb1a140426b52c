package io.lstmq.cli;

import java.io.PrintStream;

import io.lstmq.run.BatchRun;

/** Progress on stderr, only when a person is watching (a terminal); never mixed into stdout. */
final class TerminalProgress implements BatchRun.Progress {
    private final PrintStream err;
    private final String what;
    private long lastPrint;

    private TerminalProgress(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    static BatchRun.Progress of(PrintStream err, String what) {
        return System.console() != null ? new TerminalProgress(err, what) : BatchRun.Progress.NONE;
    }

    @Override
    public void done(int samples, int total) {
        long now = System.nanoTime();
        if (samples == total || now - lastPrint > 200_000_000L) {
            lastPrint = now;
            err.printf("\r%s: %d/%d samples (%d%%)%s", what, samples, total, 100L * samples / total,
                    samples == total ? "\n" : "");
            err.flush();
        }
    }
}
