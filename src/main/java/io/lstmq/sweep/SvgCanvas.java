package io.lstmq.sweep;

import java.util.Locale;

/** {@link Canvas} as a standalone SVG document: no scripts, no external resources. */
final class SvgCanvas implements Canvas {
    private final StringBuilder svg = new StringBuilder();

    SvgCanvas(int width, int height) {
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
                + "viewBox='0 0 %d %d' font-family='sans-serif'>\n", width, height, width, height));
        svg.append("<rect width='100%' height='100%' fill='white'/>\n");
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill, String stroke) {
        svg.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'%s/>\n", x,
                y, width, height, fill == null ? "none" : fill, stroke == null ? "" : " stroke='" + stroke + "'"));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        svg.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s'%s/>\n", x1, y1,
                x2, y2, colour, dashed ? " stroke-dasharray='4 3'" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String colour) {
        svg.append("<polyline fill='none' stroke-width='1.5' stroke='").append(colour).append("' points='");
        for (int i = 0; i < xs.length; i++) {
            svg.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", xs[i], ys[i]));
        }
        svg.append("'/>\n");
    }

    @Override
    public void dot(double x, double y, double radius, String fill, String title) {
        svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='%.1f' fill='%s'><title>%s</title>"
                + "</circle>\n", x, y, radius, fill, escape(title)));
    }

    @Override
    public void diamond(double x, double y, double halfWidth, String fill) {
        double h = halfWidth;
        svg.append(String.format(Locale.ROOT, "<path d='M %.1f %.1f L %.1f %.1f L %.1f %.1f L %.1f %.1f Z' "
                + "fill='%s'/>\n", x, y - h, x + h, y, x, y + h, x - h, y, fill));
    }

    @Override
    public void text(double x, double y, Anchor anchor, int size, String text) {
        svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='%d' text-anchor='%s'>%s</text>\n",
                x, y, size, anchor.name().toLowerCase(Locale.ROOT), escape(text)));
    }

    @Override
    public void verticalText(double x, double y, int size, String text) {
        svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='%d' text-anchor='middle' "
                + "transform='rotate(-90 %.1f %.1f)'>%s</text>\n", x, y, size, x, y, escape(text)));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }

    /** The finished document. */
    String finish() {
        return svg + "</svg>\n";
    }
}
