package io.lstmq.lstm;

import io.lstmq.LstmqException;
import io.lstmq.quant.FixedPoint;

/**
 * What the runtimes make of the float32 cell-state scale (slot 19, int16 symmetric).
 *
 * <p>Both runtimes take the power {@code P} from the float log2 of TFLite's {@code CheckedLog2}
 * ({@code f32(logf(s) · f32(1/logf(2)))}, rounded half away from zero). TFLite rejects the model in Prepare
 * unless that log2 is within 1e-3 of an integer, and its tanh(c) exists only for {@code 15 + P} in 0..6.
 * TFLite Micro checks neither: a scale that is not a power of two is silently computed as if it were
 * {@code 2^P}.
 *
 * @param scale            the float32 scale
 * @param power            P, {@code round(log2(scale))} as the runtimes compute it
 * @param exactPowerOfTwo  whether the scale is exactly {@code 2^P}
 * @param log2NearInteger  whether TFLite's CheckedLog2 accepts it (|log2 - P| < 1e-3)
 */
public record CellStateFormat(float scale, int power, boolean exactPowerOfTwo, boolean log2NearInteger) {

    /** TFLite's tanh(c) takes 15 + P integer bits and is implemented for 0..6 only. */
    public static final int MAX_TFLITE_INTEGER_BITS = 6;

    private static final float ONE_OVER_LOG_TWO = 1.0f / (float) Math.log(2.0);

    /** @throws LstmqException when the scale is not a positive finite number */
    public static CellStateFormat of(float scale) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new LstmqException("cell state (slot 19) scale " + scale + " must be a positive finite number");
        }
        boolean exact = Math.scalb(1.0f, Math.getExponent(scale)) == scale;
        float log2 = (float) Math.log(scale) * ONE_OVER_LOG_TWO;
        float rounded = (float) FixedPoint.roundHalfAwayFromZero(log2);
        boolean near = Math.abs(log2 - rounded) < 1e-3;
        // Appendix B: for an exact power of two the exponent bits are the answer, whatever logf's last ulp.
        int power = exact ? Math.getExponent(scale) : (int) rounded;
        return new CellStateFormat(scale, power, exact, near);
    }

    /** The integer bits of TFLite's tanh(c): {@code 15 + P}. */
    public int tanhIntegerBits() {
        return 15 + power;
    }

    /** TFLite runs the model: Prepare's CheckedLog2 passes and tanh(c) is implemented for 15 + P. */
    public boolean tfliteAccepts() {
        return log2NearInteger && tanhIntegerBits() >= 0 && tanhIntegerBits() <= MAX_TFLITE_INTEGER_BITS;
    }

    /** TFLite Micro computes with 2^P whatever the scale; it is right only when the scale is exactly that. */
    public boolean tflmExact() {
        return exactPowerOfTwo;
    }

    /** One or two sentences for reports. */
    public String explanation() {
        String head = "cell state scale " + scale + " = ";
        if (exactPowerOfTwo) {
            head += "2^" + power + " (int16 with " + tanhIntegerBits() + " integer bits)";
        } else {
            head += "2^" + log2(scale) + ", not a power of two";
        }
        StringBuilder s = new StringBuilder(head).append(". ");
        if (!log2NearInteger) {
            s.append("TFLite rejects it in Prepare (CheckedLog2 needs log2 within 1e-3 of an integer); ");
        } else if (!tfliteAccepts()) {
            s.append("TFLite accepts it in Prepare but its tanh(c) is implemented only for 15 + log2(scale) in 0..6 "
                    + "(scale 2^-15..2^-9), so its output is undefined; ");
        } else if (!exactPowerOfTwo) {
            s.append("TFLite accepts it as 2^").append(power).append(" (log2 within 1e-3); ");
        } else {
            s.append("TFLite accepts it; ");
        }
        if (exactPowerOfTwo) {
            s.append("TFLite Micro accepts it.");
        } else {
            s.append("TFLite Micro silently computes as if it were 2^").append(power)
                    .append(", so every cell value is read ").append((float) (Math.scalb(1.0, power) / scale))
                    .append(" times its real size.");
        }
        return s.toString();
    }

    private static double log2(float x) {
        return Math.log(x) / Math.log(2.0);
    }
}
