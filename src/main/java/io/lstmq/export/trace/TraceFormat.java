package io.lstmq.export.trace;

import java.util.Locale;

import io.lstmq.LstmqException;

/** How {@code lstmq trace} writes the signals. */
public enum TraceFormat {
    /** One {@code $readmemh} file per signal: one two's-complement word per line. */
    HEX,
    /** One CSV file per LSTM, one row per value, with its real value. */
    CSV,
    /** One {@code .npy} array per signal. */
    NPY;

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws LstmqException for another name */
    public static TraceFormat parse(String name) {
        for (TraceFormat f : values()) {
            if (f.lowerName().equals(name)) {
                return f;
            }
        }
        throw new LstmqException("--format " + name + ": expected hex, csv or npy");
    }
}
