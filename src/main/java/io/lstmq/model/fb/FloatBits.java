package io.lstmq.model.fb;

/**
 * Float fields are held as doubles in a decoded tree. Java's float-to-double casts keep every value but quiet a
 * signalling NaN (on x86, the quiet bit is set), so a rewrite through plain casts would change such a field's
 * bits. These conversions move NaN payloads by hand and keep every float bit pattern.
 */
final class FloatBits {
    private static final long DOUBLE_EXPONENT = 0x7FF0_0000_0000_0000L;
    private static final int FLOAT_EXPONENT = 0x7F80_0000;
    private static final int FLOAT_QUIET_BIT = 0x0040_0000;

    private FloatBits() {}

    /** The double holding exactly the float with these bits. */
    static double widen(int floatBits) {
        float f = Float.intBitsToFloat(floatBits);
        if (!Float.isNaN(f)) {
            return f;
        }
        long sign = (long) (floatBits >>> 31) << 63;
        long payload = (long) (floatBits & 0x007F_FFFF) << 29;
        return Double.longBitsToDouble(sign | DOUBLE_EXPONENT | payload);
    }

    /** The bits of the float a double stands for: its value, or for NaN its sign and top 23 payload bits. */
    static int narrow(double d) {
        if (!Double.isNaN(d)) {
            return Float.floatToRawIntBits((float) d);
        }
        long bits = Double.doubleToRawLongBits(d);
        int payload = (int) ((bits >>> 29) & 0x007F_FFFF);
        // A NaN whose payload lies only in the low bits would narrow to infinity; it stays a (quiet) NaN instead.
        return (int) (bits >>> 63) << 31 | FLOAT_EXPONENT | (payload == 0 ? FLOAT_QUIET_BIT : payload);
    }
}
