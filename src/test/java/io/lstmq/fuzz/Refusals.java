package io.lstmq.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lstmq.cli.CliRunner;
import io.lstmq.cli.Main;

/**
 * Runs {@code lstmq} in-process on a crafted model file and checks how it ends: the exit code, one line on
 * standard error, and how much the command allocated, which may grow with the bytes of the file but not with the
 * sizes and counts it claims.
 */
final class Refusals {
    private static final long FIXED_ALLOWANCE = 32L << 20;
    private static final long PER_FILE_BYTE = 100;

    private Refusals() {}

    /** Writes {@code model} to {@code file} and runs {@code lstmq <command> file <more>}. */
    static CliRunner.Result run(Path file, byte[] model, String command, String... more) {
        try {
            Files.write(file, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] args = new String[2 + more.length];
        args[0] = command;
        args[1] = file.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        CliRunner.Result[] result = new CliRunner.Result[1];
        long allocated;
        try {
            allocated = AllocationBudget.allocatedBy(() -> result[0] = CliRunner.run(args));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        long allowed = FIXED_ALLOWANCE + PER_FILE_BYTE * model.length;
        assertTrue(allocated <= allowed, "lstmq " + command + " allocated " + allocated + " bytes for a "
                + model.length + "-byte file");
        return result[0];
    }

    /** Asserts that {@code lstmq inspect} refuses the model with exit code 2 and this one line. */
    static void assertInspectRefuses(Path file, byte[] model, String problem) {
        assertRefuses(run(file, model, "inspect"), "lstmq inspect: " + file + ": " + problem);
    }

    static void assertRefuses(CliRunner.Result r, String line) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertFalse(r.err().strip().contains("\n"), "one line: " + r.err());
        assertEquals(line, r.err().strip());
    }
}
