package io.lstmq.validate;

import java.util.Locale;

/** Small inline SVG charts for the self-contained HTML report (no scripts, no network). */
final class Svg {
    private static final int W = 520;
    private static final int H = 180;
    private static final int PAD = 30;

    private Svg() {}

    /** A bar chart of counts over [lo, hi]; heights on a log scale so the tails stay visible beside the peak. */
    static String histogram(int[] counts, double lo, double hi, String xLabel) {
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        StringBuilder s = open();
        double bw = (W - 2.0 * PAD) / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double h = (H - 2.0 * PAD) * Math.log1p(counts[i]) / Math.log1p(max);
            s.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#4a7bd0'/>",
                    PAD + i * bw, H - PAD - h, Math.max(1, bw - 1), h));
        }
        axes(s, String.format(Locale.ROOT, "%.3g", lo), String.format(Locale.ROOT, "%.3g", hi),
                xLabel + " (count, log scale)", max);
        return s.append("</svg>").toString();
    }

    /** One or more polylines of y over x = 0..n-1, sharing the scale. */
    static String lines(double[][] series, String[] names, String xLabel) {
        double max = 1e-12;
        int n = 0;
        for (double[] ys : series) {
            n = Math.max(n, ys.length);
            for (double y : ys) {
                max = Math.max(max, y);
            }
        }
        StringBuilder s = open();
        String[] colours = {"#d0504a", "#4a7bd0", "#3a9a4a", "#a050c0"};
        for (int k = 0; k < series.length; k++) {
            s.append("<polyline fill='none' stroke='").append(colours[k % colours.length]).append("' points='");
            for (int i = 0; i < series[k].length; i++) {
                double x = PAD + (W - 2.0 * PAD) * i / Math.max(1, n - 1);
                double y = H - PAD - (H - 2.0 * PAD) * series[k][i] / max;
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append("'/>");
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' fill='%s'>%s</text>",
                    W - 150, 14 + 13 * k, colours[k % colours.length], names[k]));
        }
        axes(s, "0", String.valueOf(n - 1), xLabel, max);
        return s.append("</svg>").toString();
    }

    private static StringBuilder open() {
        return new StringBuilder(String.format("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "viewBox='0 0 %d %d' font-family='sans-serif'>", W, H, W, H));
    }

    private static void axes(StringBuilder s, String lo, String hi, String xLabel, double yMax) {
        s.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", PAD, H - PAD, W - PAD,
                H - PAD));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>%s</text>", PAD, H - 12, lo));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%s</text>", W - PAD,
                H - 12, hi));
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' text-anchor='middle'>%s</text>", W / 2,
                H - 2, escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<text x='2' y='%d' font-size='11'>%.3g</text>", PAD - 8, yMax));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
