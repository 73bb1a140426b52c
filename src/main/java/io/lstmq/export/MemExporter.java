package io.lstmq.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.inspect.Json;

/**
 * {@code export --format mem}: one {@code $readmemh} file per array for Verilog and VHDL test benches, and a
 * {@code manifest.json} giving each file's array, element width, signedness, shape, layout and value format, plus
 * every multiplier and scalar.
 */
public final class MemExporter {
    public static final String MANIFEST = "manifest.json";
    public static final String MEM_FORMAT = "one word per line: the value in two's complement, width/4 lower-case "
            + "hex digits, in row-major order; no address markers or comments ($readmemh-compatible)";

    private MemExporter() {}

    /** Writes {@code DIR/<stem>.mem} for every array and {@code DIR/manifest.json}; returns the files written. */
    public static List<Path> write(ModelExport e, Path dir) {
        List<Path> written = new ArrayList<>();
        ObjectNode manifest = ExportJson.document(e, "lstmq export --format mem", (entry, stem, a) -> {
            written.add(ExportFiles.writeMem(dir.resolve(stem + ".mem"), a));
            entry.put("file", stem + ".mem");
            entry.put("words", a.values().length);
        });
        manifest.put("mem_format", MEM_FORMAT);
        written.add(ExportFiles.write(dir.resolve(MANIFEST), Json.write(manifest) + "\n"));
        return written;
    }
}
