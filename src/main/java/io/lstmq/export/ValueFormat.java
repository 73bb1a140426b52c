package io.lstmq.export;

/**
 * How the integers of an array stand for real numbers: {@code real = scale · (q - zeroPoint)}, and, when the scale
 * is a power of two, the fixed-point name of the format (e.g. {@code Q3.12}: sign, 3 integer and 12 fractional
 * bits of an int16; {@code UQ0.16} for an unsigned 16-bit fraction).
 *
 * @param scale     the real value of one step: a float32 scale of the model, or a float32 product of two as the
 *                  runtimes compute it
 * @param zeroPoint the integer that stands for 0.0
 * @param qFormat   the fixed-point name, or null when the scale is not a power of two or has a zero point
 */
public record ValueFormat(float scale, long zeroPoint, String qFormat) {

    /** An affine (scale, zero point) format, named as fixed point when it is one for a {@code bits}-wide type. */
    public static ValueFormat affine(float scale, long zeroPoint, ElementType type) {
        return new ValueFormat(scale, zeroPoint, zeroPoint == 0 ? qName(scale, type) : null);
    }

    /** The fixed-point format with {@code fractionalBits} fractional bits in a {@code type}. */
    public static ValueFormat fixed(int fractionalBits, ElementType type) {
        float scale = Math.scalb(1.0f, -fractionalBits);
        return new ValueFormat(scale, 0, qName(scale, type));
    }

    /** The real number {@code q} stands for. */
    public double toReal(long q) {
        return (double) scale * (q - zeroPoint);
    }

    private static String qName(float scale, ElementType type) {
        if (!(scale > 0) || Math.scalb(1.0f, Math.getExponent(scale)) != scale) {
            return null;
        }
        int fractional = -Math.getExponent(scale);
        int integer = type.bits() - (type.signed() ? 1 : 0) - fractional;
        if (fractional < 0 || integer < 0) {
            return null;
        }
        return (type.signed() ? "Q" : "UQ") + integer + "." + fractional;
    }
}
