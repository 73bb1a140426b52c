package io.lstmq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc} file for the heap in use right after a collection, at its highest: the live
 * data a command held at its peak (give or take what the collection could not yet free), unlike the heap in use
 * before a collection, which is mostly garbage the JVM let pile up.
 */
final class GcLog {
    /** "24M->3M(256M)": heap in use before and after the pause, and the heap's size. */
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private GcLog() {}

    /** The JVM option that writes the log this class reads. */
    static String option(Path log) {
        return "-Xlog:gc:file=" + log;
    }

    /** The highest heap in use after a collection, in MiB; empty when no collection ran. */
    static OptionalLong livePeakMb(Path log) throws IOException {
        OptionalLong peak = OptionalLong.empty();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                long after = Long.parseLong(m.group(2));
                peak = OptionalLong.of(Math.max(after, peak.orElse(0)));
            }
        }
        return peak;
    }
}
