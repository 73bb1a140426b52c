package io.lstmq.model.fb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the subset of the flatbuffer schema language the TFLite schema uses: namespace, enum, union, table,
 * attribute declarations, root_type, file_identifier and file_extension. Field attributes in parentheses are
 * skipped; field slots follow declaration order, and a union field takes two slots (type, then value).
 */
final class SchemaParser {
    private final List<String> tokens;
    private int pos;

    private final Map<String, TableDef> tables = new LinkedHashMap<>();
    private final Map<String, EnumDef> enums = new LinkedHashMap<>();
    private final Map<String, UnionDef> unions = new LinkedHashMap<>();
    /** Field declarations are resolved after every type name is known. */
    private final List<PendingField> pending = new ArrayList<>();
    private String rootName;
    private String fileIdentifier;

    private record PendingField(TableDef table, String name, String typeName, boolean vector, String defaultText) {}

    private SchemaParser(String text) {
        this.tokens = tokenize(text);
    }

    static Schema parse(String text) {
        return new SchemaParser(text).run();
    }

    private Schema run() {
        while (pos < tokens.size()) {
            String t = next();
            switch (t) {
                case "namespace", "include", "attribute", "file_extension" -> skipPast(";");
                case "file_identifier" -> {
                    fileIdentifier = unquote(next());
                    expect(";");
                }
                case "root_type" -> {
                    rootName = next();
                    expect(";");
                }
                case "enum" -> parseEnum();
                case "union" -> parseUnion();
                case "table" -> parseTable();
                default -> throw error("unexpected '" + t + "'");
            }
        }
        for (UnionDef u : unions.values()) {
            for (String member : u.memberNames()) {
                u.resolve(requireTable(member));
            }
        }
        for (PendingField f : pending) {
            resolve(f);
        }
        if (rootName == null) {
            throw error("no root_type");
        }
        return new Schema(tables, enums, unions, requireTable(rootName), fileIdentifier);
    }

    private void parseEnum() {
        String name = next();
        expect(":");
        BaseType underlying = BaseType.ofScalarName(next());
        if (underlying == null || !underlying.isScalar()) {
            throw error("enum " + name + " needs an integer type");
        }
        EnumDef def = new EnumDef(name, underlying);
        skipAttributes();
        expect("{");
        long value = 0;
        while (!peek().equals("}")) {
            String member = next();
            if (peek().equals("=")) {
                next();
                value = parseInteger(next());
            }
            def.add(member, value);
            value++;
            if (peek().equals(",")) {
                next();
            }
        }
        expect("}");
        enums.put(name, def);
    }

    private void parseUnion() {
        String name = next();
        skipAttributes();
        UnionDef def = new UnionDef(name);
        expect("{");
        while (!peek().equals("}")) {
            def.addMemberName(next());
            if (peek().equals(",")) {
                next();
            }
        }
        expect("}");
        unions.put(name, def);
    }

    private void parseTable() {
        String name = next();
        skipAttributes();
        TableDef def = new TableDef(name);
        expect("{");
        while (!peek().equals("}")) {
            String field = next();
            expect(":");
            boolean vector = false;
            String typeName;
            if (peek().equals("[")) {
                next();
                typeName = next();
                expect("]");
                vector = true;
            } else {
                typeName = next();
            }
            String defaultText = null;
            if (peek().equals("=")) {
                next();
                defaultText = next();
            }
            skipAttributes();
            expect(";");
            pending.add(new PendingField(def, field, typeName, vector, defaultText));
        }
        expect("}");
        tables.put(name, def);
    }

    private void resolve(PendingField f) {
        TableDef table = f.table();
        int id = table.fields().size();
        BaseType scalar = BaseType.ofScalarName(f.typeName());
        FieldType type;
        if (scalar != null) {
            type = f.vector() ? new FieldType(BaseType.VECTOR, scalar, null, null, null)
                    : FieldType.scalar(scalar, null);
        } else if (enums.containsKey(f.typeName())) {
            EnumDef e = enums.get(f.typeName());
            type = f.vector() ? new FieldType(BaseType.VECTOR, e.underlying(), e, null, null)
                    : FieldType.scalar(e.underlying(), e);
        } else if (tables.containsKey(f.typeName())) {
            TableDef t = tables.get(f.typeName());
            type = f.vector() ? new FieldType(BaseType.VECTOR, BaseType.TABLE, null, t, null)
                    : new FieldType(BaseType.TABLE, null, null, t, null);
        } else if (unions.containsKey(f.typeName())) {
            if (f.vector()) {
                throw error("vectors of unions are not supported (" + table.name() + "." + f.name() + ")");
            }
            UnionDef u = unions.get(f.typeName());
            table.add(new FieldDef(f.name() + "_type", id, new FieldType(BaseType.UTYPE, null, null, null, u), 0));
            table.add(new FieldDef(f.name(), id + 1, new FieldType(BaseType.UNION, null, null, null, u), 0));
            return;
        } else {
            throw error("unknown type " + f.typeName() + " of " + table.name() + "." + f.name());
        }
        table.add(new FieldDef(f.name(), id, type, defaultBits(type, f.defaultText())));
    }

    private long defaultBits(FieldType type, String text) {
        if (text == null || type.isVector() || !type.base().isScalar()) {
            return type.base().isFloatingPoint() && !type.isVector() ? Double.doubleToRawLongBits(0.0) : 0;
        }
        if (type.base().isFloatingPoint()) {
            return Double.doubleToRawLongBits(Double.parseDouble(text));
        }
        if (type.base() == BaseType.BOOL) {
            return text.equals("true") ? 1 : 0;
        }
        if (type.enumDef() != null && !Character.isDigit(text.charAt(0)) && text.charAt(0) != '-') {
            Long v = type.enumDef().valueOf(text);
            if (v == null) {
                throw error("unknown enum member " + text + " of " + type.enumDef().name());
            }
            return v;
        }
        return parseInteger(text);
    }

    private TableDef requireTable(String name) {
        TableDef t = tables.get(name);
        if (t == null) {
            throw error("unknown table " + name);
        }
        return t;
    }

    private static long parseInteger(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                : Long.parseLong(text);
    }

    private void skipAttributes() {
        if (peek().equals("(")) {
            skipPast(")");
        }
    }

    private void skipPast(String token) {
        while (!next().equals(token)) {
            // skip
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error("unexpected end of schema");
        }
        return tokens.get(pos++);
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private void expect(String token) {
        String t = next();
        if (!t.equals(token)) {
            throw error("expected '" + token + "' but found '" + t + "'");
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private IllegalStateException error(String message) {
        return new IllegalStateException("schema.fbs: " + message + " (token " + pos + ")");
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if ("{}()[]:;,=".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "{}()[]:;,=\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
