package io.lstmq.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The shared reference material beside the clone ({@code ../shared}); tests skip with a reason without it. */
public final class Shared {
    private static final Path ROOT = locate();

    private Shared() {}

    private static Path locate() {
        String override = System.getenv("LSTMQ_SHARED");
        Path p = override != null ? Path.of(override) : Path.of("..", "shared");
        return p.toAbsolutePath().normalize();
    }

    public static boolean available() {
        return Files.isDirectory(ROOT.resolve("models"));
    }

    /** Returns a path inside ../shared, or skips the calling test with a clear reason when it is absent. */
    public static Path path(String relative) {
        Path p = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p),
                "skipped: reference material " + p + " is absent (../shared beside the clone)");
        return p;
    }
}
