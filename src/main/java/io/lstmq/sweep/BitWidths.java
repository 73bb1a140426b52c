package io.lstmq.sweep;

import java.util.List;
import java.util.TreeSet;

import io.lstmq.LstmqException;

/** The widths one axis of the sweep visits, written {@code 4..16} (every width in between), {@code 4,6,8} or {@code 8}. */
public final class BitWidths {
    /** The narrowest width a signed fixed-point format can have. */
    public static final int MIN = 2;
    /** The widest: the simulation keeps cell state and gate pre-activations at 16 bits. */
    public static final int MAX = 16;

    private BitWidths() {}

    /**
     * @param option names the option in messages, e.g. {@code --weight-bits}
     * @return the widths, ascending, each once
     * @throws LstmqException for anything else, or a width outside {@link #MIN}..{@link #MAX}
     */
    public static List<Integer> parse(String spec, String option) {
        String s = spec.trim();
        TreeSet<Integer> out = new TreeSet<>();
        int dots = s.indexOf("..");
        if (dots >= 0) {
            int lo = width(s.substring(0, dots), spec, option);
            int hi = width(s.substring(dots + 2), spec, option);
            if (lo > hi) {
                throw new LstmqException(option + " " + spec + ": the range runs backwards (write " + hi + ".." + lo
                        + ")");
            }
            for (int w = lo; w <= hi; w++) {
                out.add(w);
            }
        } else {
            for (String part : s.split(",", -1)) {
                out.add(width(part, spec, option));
            }
        }
        return List.copyOf(out);
    }

    private static int width(String text, String spec, String option) {
        int w;
        try {
            w = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new LstmqException(option + " " + spec + ": expected widths like 4..16, 4,6,8 or 8");
        }
        if (w < MIN || w > MAX) {
            throw new LstmqException(option + " " + spec + ": " + w + " bits is outside " + MIN + ".." + MAX);
        }
        return w;
    }
}
