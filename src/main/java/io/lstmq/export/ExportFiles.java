package io.lstmq.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.lstmq.AtomicFiles;

/** Text output of the exporters: written completely or not at all ({@link AtomicFiles}), UTF-8. */
public final class ExportFiles {
    /** Writes the text of one file. */
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    private ExportFiles() {}

    public static Path write(Path target, Text text) {
        AtomicFiles.write(target, ch -> {
            // Not closed: AtomicFiles forces and closes the channel itself.
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8),
                    1 << 16);
            text.writeTo(w);
            w.flush();
        });
        return target;
    }

    public static Path write(Path target, String text) {
        return write(target, w -> w.write(text));
    }

    /** One {@code $readmemh} word per line, in the array's row-major order. */
    public static Path writeMem(Path target, ExportArray array) {
        return write(target, w -> {
            for (long v : array.values()) {
                w.write(array.type().hex(v));
                w.write('\n');
            }
        });
    }
}
