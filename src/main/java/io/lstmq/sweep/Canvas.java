package io.lstmq.sweep;

/**
 * The few drawing operations a chart needs, in pixels from the top left corner, colours as {@code #rrggbb}; drawn
 * as SVG markup ({@link SvgCanvas}) or into a PNG image ({@link PngCanvas}) from the same chart code.
 */
interface Canvas {
    /** Where a text's x lies on it. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double width, double height, String fill, String stroke);

    void line(double x1, double y1, double x2, double y2, String colour, boolean dashed);

    void polyline(double[] xs, double[] ys, String colour);

    /** A dot; {@code title} is shown on hover where the format can (SVG). */
    void dot(double x, double y, double radius, String fill, String title);

    /** A diamond centred on (x, y). */
    void diamond(double x, double y, double halfWidth, String fill);

    void text(double x, double y, Anchor anchor, int size, String text);

    /** Text turned a quarter counter-clockwise, centred on (x, y): a vertical axis title. */
    void verticalText(double x, double y, int size, String text);
}
