package io.lstmq.export;

import java.nio.file.Path;
import java.util.List;

import io.lstmq.inspect.Json;

/** {@code export --format json}: every constant, with its layout and format, in one JSON file. */
public final class JsonExporter {
    private JsonExporter() {}

    /** Writes {@code DIR/<name>_lstm.json}; returns the file written. */
    public static List<Path> write(ModelExport e, Path dir) {
        String text = Json.write(ExportJson.document(e, "lstmq export --format json",
                (entry, stem, a) -> entry.set("values", Json.of(a.values())))) + "\n";
        return List.of(ExportFiles.write(dir.resolve(e.name() + "_lstm.json"), text));
    }
}
