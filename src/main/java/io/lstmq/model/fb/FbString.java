package io.lstmq.model.fb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A flatbuffer string kept as its exact bytes, so a rewrite never alters a name that is not valid UTF-8. */
public final class FbString {
    private final byte[] bytes;

    public FbString(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static FbString of(String s) {
        return new FbString(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FbString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
