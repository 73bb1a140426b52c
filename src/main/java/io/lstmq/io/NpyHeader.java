package io.lstmq.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The header of a {@code .npy} file: magic {@code \x93NUMPY}, a version byte pair, a little-endian header length
 * (2 bytes in version 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal with exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and a newline. The data follows in
 * C order.
 */
final class NpyHeader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy pads magic + version + length + dict to a multiple of this, so the data is aligned. */
    private static final int ALIGNMENT = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private NpyHeader() {}

    /** A problem with a header; the reader adds the file name. */
    static final class BadHeader extends Exception {
        BadHeader(String message) {
            super(message);
        }
    }

    /** What the dict says. */
    record Dict(DType dtype, long[] shape) {}

    /** Bytes taken by the header length field of format version {@code major}, or throws for an unknown version. */
    static int lengthFieldSize(int major, int minor) throws BadHeader {
        if (minor == 0 && major == 1) {
            return 2;
        }
        if (minor == 0 && (major == 2 || major == 3)) {
            return 4;
        }
        throw new BadHeader("unsupported .npy format version " + major + "." + minor);
    }

    /** Parses the dict text of a version {@code major} header. */
    static Dict parseDict(byte[] text, int major) throws BadHeader {
        String s = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new DictParser(s).parse();
        if (!dict.keySet().equals(KEYS)) {
            throw new BadHeader("header keys are " + dict.keySet() + ", expected descr, fortran_order and shape");
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new BadHeader("'descr' is not a simple type string; structured arrays are not supported");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new BadHeader("'fortran_order' is not True or False");
        }
        if (fortran) {
            throw new BadHeader("Fortran-order (column-major) arrays are not supported; save a C-order array");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new BadHeader("'shape' is not a tuple of integers");
        }
        return new Dict(dtype(descr), shape);
    }

    private static DType dtype(String descr) throws BadHeader {
        String supported = "supported: <f4 <f8 |i1 |u1 <i2 <u2 <i4 <i8 |b1";
        if (descr.length() < 2) {
            throw new BadHeader("unsupported dtype '" + descr + "' (" + supported + ")");
        }
        char order = descr.charAt(0);
        String rest = "<>|=".indexOf(order) >= 0 ? descr.substring(1) : descr;
        if (rest.startsWith("O")) {
            throw new BadHeader("object arrays ('" + descr + "') are not supported");
        }
        DType t = null;
        if (rest.length() >= 2 && rest.substring(1).chars().allMatch(Character::isDigit) && rest.length() <= 3) {
            t = DType.fromNpy(rest.charAt(0), Integer.parseInt(rest.substring(1))).orElse(null);
        }
        if (t == null) {
            throw new BadHeader("unsupported dtype '" + descr + "' (" + supported + ")");
        }
        if (order == '>' && t.size() > 1) {
            throw new BadHeader("big-endian data ('" + descr + "') is not supported; save it little-endian");
        }
        return t;
    }

    /** The complete header numpy would write for an array of this type and shape (version 1.0 when it fits). */
    static byte[] format(DType dtype, long[] shape) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String tuple = dims.toString();
        String dict = "{'descr': '" + dtype.npyDescr() + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        if (padded(prefix, dict) - prefix > 0xFFFF) {
            major = 2;
            prefix += 2;
        }
        int total = padded(prefix, dict);
        int dictLength = total - prefix;
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < prefix - 8; i++) {
            out[8 + i] = (byte) (dictLength >>> (8 * i));
        }
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, out, prefix, text.length);
        for (int i = prefix + text.length; i < total - 1; i++) {
            out[i] = ' ';
        }
        out[total - 1] = '\n';
        return out;
    }

    /** Header size after padding {@code dict} plus its newline so that the data starts aligned. */
    private static int padded(int prefix, String dict) {
        int unpadded = prefix + dict.length() + 1;
        return (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /**
     * Reads the small subset of Python literal syntax numpy writes: a dict with string keys whose values are
     * strings, {@code True}/{@code False} or tuples of non-negative integers (returned as {@code long[]}).
     */
    private static final class DictParser {
        private final String s;
        private int pos;

        DictParser(String s) {
            this.s = s;
        }

        Map<String, Object> parse() throws BadHeader {
            Map<String, Object> dict = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                if (dict.put(key, value()) != null) {
                    throw new BadHeader("header repeats key '" + key + "'");
                }
                if (peek() != '}') {
                    expect(',');
                }
            }
            expect('}');
            skipSpace();
            if (pos != s.length()) {
                throw malformed("unexpected text after the dict");
            }
            return dict;
        }

        private Object value() throws BadHeader {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '[') {
                return skipList();
            }
            throw malformed("unexpected value");
        }

        /** A list appears only as the descr of a structured dtype, which is reported as unsupported later. */
        private Object skipList() throws BadHeader {
            int depth = 0;
            do {
                if (pos >= s.length()) {
                    throw malformed("unterminated list");
                }
                char c = s.charAt(pos++);
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            } while (depth > 0);
            return List.of();
        }

        private long[] tuple() throws BadHeader {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                dims.add(dimension());
                if (peek() != ')') {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long dimension() throws BadHeader {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '-') {
                throw new BadHeader("negative dimension in 'shape'");
            }
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            if (start == pos) {
                throw malformed("expected an integer in 'shape'");
            }
            try {
                return Long.parseLong(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new BadHeader("dimension " + s.substring(start, pos) + " in 'shape' does not fit in 64 bits");
            }
        }

        private String string() throws BadHeader {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string");
            }
            int end = s.indexOf(quote, ++pos);
            if (end < 0) {
                throw malformed("unterminated string");
            }
            String text = s.substring(pos, end);
            if (text.indexOf('\\') >= 0) {
                throw malformed("escape sequences are not supported");
            }
            pos = end + 1;
            return text;
        }

        private void expect(char c) throws BadHeader {
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            pos++;
        }

        /** The next non-space character (the parser stays on it), or 0 at the end. */
        private char peek() {
            skipSpace();
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private BadHeader malformed(String what) {
            return new BadHeader("malformed header dict (" + what + " at character " + pos + ")");
        }
    }
}
