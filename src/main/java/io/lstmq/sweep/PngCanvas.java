package io.lstmq.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** {@link Canvas} into an anti-aliased PNG image (Java2D, headless). */
final class PngCanvas implements Canvas {
    private static final BasicStroke THIN = new BasicStroke(1f);
    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f);
    private static final BasicStroke LINE = new BasicStroke(1.5f);

    private final BufferedImage image;
    private final Graphics2D g;

    PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill, String stroke) {
        Rectangle2D r = new Rectangle2D.Double(x, y, width, height);
        if (fill != null) {
            g.setColor(Color.decode(fill));
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(Color.decode(stroke));
            g.setStroke(THIN);
            g.draw(r);
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        g.setColor(Color.decode(colour));
        g.setStroke(dashed ? DASHED : THIN);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String colour) {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                p.moveTo(xs[i], ys[i]);
            } else {
                p.lineTo(xs[i], ys[i]);
            }
        }
        g.setColor(Color.decode(colour));
        g.setStroke(LINE);
        g.draw(p);
    }

    @Override
    public void dot(double x, double y, double radius, String fill, String title) {
        g.setColor(Color.decode(fill));
        g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void diamond(double x, double y, double halfWidth, String fill) {
        Path2D p = new Path2D.Double();
        p.moveTo(x, y - halfWidth);
        p.lineTo(x + halfWidth, y);
        p.lineTo(x, y + halfWidth);
        p.lineTo(x - halfWidth, y);
        p.closePath();
        g.setColor(Color.decode(fill));
        g.fill(p);
    }

    @Override
    public void text(double x, double y, Anchor anchor, int size, String text) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        double w = g.getFontMetrics().stringWidth(text);
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - w / 2;
            case END -> x - w;
        };
        g.drawString(text, (float) left, (float) y);
    }

    @Override
    public void verticalText(double x, double y, int size, String text) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        text(x, y, Anchor.MIDDLE, size, text);
        g.setTransform(saved);
    }

    /** The finished image as PNG bytes. */
    byte[] finish() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
