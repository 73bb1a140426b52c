package io.lstmq.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.lstmq.sweep.Canvas.Anchor;

/**
 * The sweep as a chart, in SVG or PNG: LSTM parameter bytes (x) against accuracy, or top-1 agreement with the float
 * model when there are no labels (y). One line per activation width joins the weight widths, which are named along
 * the top; the float model (square, and a dashed line at its score) and the int8 model of {@code lstmq convert}
 * (diamond) are marked on their own.
 */
public final class SweepPlot {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 60;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String FLOAT_COLOUR = "#000000";
    private static final String CONVERT_COLOUR = "#c00000";

    private final SweepResult result;
    private final Canvas canvas;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double yStep;
    private int legendLines;

    private SweepPlot(SweepResult result, Canvas canvas) {
        this.result = result;
        this.canvas = canvas;
        double lo = 100;
        double hi = 0;
        for (SweepRow row : result.rows()) {
            lo = Math.min(lo, y(row));
            hi = Math.max(hi, y(row));
        }
        this.yStep = step(Math.max(hi - lo, 0.5), 6);
        this.yMax = Math.min(100, Math.ceil(hi / yStep) * yStep);
        this.yMin = Math.min(Math.floor(lo / yStep) * yStep, yMax - yStep);
        this.xMax = result.floatRow().lstmBytes() * 1.08;
    }

    public static String svg(SweepResult r) {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        new SweepPlot(r, c).draw();
        return c.finish();
    }

    public static byte[] png(SweepResult r) {
        PngCanvas c = new PngCanvas(WIDTH, HEIGHT);
        new SweepPlot(r, c).draw();
        return c.finish();
    }

    /** Accuracy (or agreement) in percent. */
    private static double y(SweepRow row) {
        Score s = row.score();
        return 100 * (s.accuracy() != null ? s.accuracy() : s.agreement());
    }

    private void draw() {
        String what = result.labelled() ? "accuracy" : "top-1 agreement with the float model";
        canvas.text(LEFT, 22, Anchor.START, 15, "LSTM parameter memory against " + what + " (" + result.samples()
                + " samples)");
        canvas.text(LEFT, 40, Anchor.START, 11, result.model());
        axes(what + " (%)");
        Map<Integer, List<SweepRow>> byActivation = new TreeMap<>();
        for (SweepRow row : result.fixedPointRows()) {
            byActivation.computeIfAbsent(row.activationBits(), a -> new ArrayList<>()).add(row);
        }
        int series = 0;
        for (Map.Entry<Integer, List<SweepRow>> e : byActivation.entrySet()) {
            String colour = COLOURS[series++ % COLOURS.length];
            List<SweepRow> rows = e.getValue();
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                xs[i] = px(rows.get(i).lstmBytes());
                ys[i] = py(y(rows.get(i)));
            }
            canvas.polyline(xs, ys, colour);
            for (int i = 0; i < rows.size(); i++) {
                SweepRow row = rows.get(i);
                canvas.dot(xs[i], ys[i], 3, colour, String.format(Locale.ROOT, "W=%d A=%d: %,d bytes, %s",
                        row.weightBits(), row.activationBits(), row.lstmBytes(), percent(y(row))));
            }
            legend(colour, "A = " + e.getKey() + " bits", false);
        }
        if (!byActivation.isEmpty()) {
            double lastLabel = Double.NEGATIVE_INFINITY;
            for (SweepRow row : byActivation.values().iterator().next()) {
                double x = px(row.lstmBytes());
                if (x - lastLabel >= 26) { // dense grids: name every other width rather than overprint
                    canvas.text(x, TOP - 6, Anchor.MIDDLE, 10, "W" + row.weightBits());
                    lastLabel = x;
                }
            }
        }
        SweepRow f = result.floatRow();
        canvas.line(LEFT, py(y(f)), WIDTH - RIGHT, py(y(f)), FLOAT_COLOUR, true);
        square(px(f.lstmBytes()), py(y(f)), FLOAT_COLOUR);
        legend(FLOAT_COLOUR, "float32: " + percent(y(f)), false);
        for (SweepRow row : result.rows()) {
            if (row.kind() == SweepRow.Kind.CONVERTED) {
                canvas.diamond(px(row.lstmBytes()), py(y(row)), 6, CONVERT_COLOUR);
                legend(CONVERT_COLOUR, "lstmq convert int8: " + percent(y(row)), true);
            }
        }
    }

    private void axes(String yTitle) {
        double x0 = LEFT;
        double x1 = WIDTH - RIGHT;
        double y0 = HEIGHT - BOTTOM;
        double xStep = step(xMax, 6);
        for (double v = 0; v <= xMax; v += xStep) {
            canvas.line(px(v), TOP, px(v), y0, "#dddddd", false);
            canvas.text(px(v), y0 + 16, Anchor.MIDDLE, 11, String.format(Locale.ROOT, "%,.0f", v));
        }
        for (int k = 0; yMin + k * yStep <= yMax + 1e-9; k++) {
            double v = yMin + k * yStep;
            canvas.line(x0, py(v), x1, py(v), "#dddddd", false);
            canvas.text(x0 - 6, py(v) + 4, Anchor.END, 11, percent(v));
        }
        canvas.rect(x0, TOP, x1 - x0, y0 - TOP, null, "#333333");
        canvas.text((x0 + x1) / 2, HEIGHT - 14, Anchor.MIDDLE, 12, "LSTM parameter bytes (gate weights and biases)");
        canvas.verticalText(16, (TOP + y0) / 2, 12, yTitle);
    }

    private void square(double x, double y, String colour) {
        canvas.rect(x - 4.5, y - 4.5, 9, 9, colour, null);
    }

    private void legend(String colour, String label, boolean diamond) {
        double x = WIDTH - RIGHT + 20;
        double y = TOP + 8 + 18 * legendLines++;
        if (diamond) {
            canvas.diamond(x, y, 6, colour);
        } else {
            square(x, y, colour);
        }
        canvas.text(x + 12, y + 4, Anchor.START, 11, label);
    }

    private double px(double bytes) {
        return LEFT + (WIDTH - LEFT - RIGHT) * bytes / xMax;
    }

    private double py(double percent) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (percent - yMin) / (yMax - yMin);
    }

    /** A round tick step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks over {@code range}. */
    private static double step(double range, int ticks) {
        double raw = range / ticks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }
}
