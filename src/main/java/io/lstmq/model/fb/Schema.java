package io.lstmq.model.fb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A parsed flatbuffer schema: tables, enums, unions, the root table and the file identifier. */
public final class Schema {
    private static volatile Schema tflite;

    private final Map<String, TableDef> tables;
    private final Map<String, EnumDef> enums;
    private final Map<String, UnionDef> unions;
    private final TableDef root;
    private final String fileIdentifier;

    Schema(Map<String, TableDef> tables, Map<String, EnumDef> enums, Map<String, UnionDef> unions,
           TableDef root, String fileIdentifier) {
        this.tables = tables;
        this.enums = enums;
        this.unions = unions;
        this.root = root;
        this.fileIdentifier = fileIdentifier;
    }

    /** The TFLite schema shipped in the jar (the project's schema/schema.fbs). */
    public static Schema tflite() {
        Schema s = tflite;
        if (s == null) {
            synchronized (Schema.class) {
                s = tflite;
                if (s == null) {
                    try (InputStream in = Schema.class.getResourceAsStream("schema.fbs")) {
                        if (in == null) {
                            throw new IllegalStateException("schema.fbs is missing from the class path");
                        }
                        s = SchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    tflite = s;
                }
            }
        }
        return s;
    }

    public TableDef table(String name) {
        TableDef t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("schema has no table " + name);
        }
        return t;
    }

    public EnumDef enumDef(String name) {
        EnumDef e = enums.get(name);
        if (e == null) {
            throw new IllegalArgumentException("schema has no enum " + name);
        }
        return e;
    }

    public UnionDef union(String name) {
        UnionDef u = unions.get(name);
        if (u == null) {
            throw new IllegalArgumentException("schema has no union " + name);
        }
        return u;
    }

    public TableDef root() {
        return root;
    }

    /** The four-character file identifier, or null when the schema declares none. */
    public String fileIdentifier() {
        return fileIdentifier;
    }
}
