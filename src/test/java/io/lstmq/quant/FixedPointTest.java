package io.lstmq.quant;

import static io.lstmq.quant.FixedPoint.roundHalfAwayFromZero;
import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturatingRoundingDoublingHighMul;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixedPointTest {

    @Test
    void roundHalfAwayFromZeroBehavesLikeCRound() {
        assertEquals(1, roundHalfAwayFromZero(0.5));
        assertEquals(-1, roundHalfAwayFromZero(-0.5));
        assertEquals(3, roundHalfAwayFromZero(2.5));   // Math.rint would give 2
        assertEquals(-3, roundHalfAwayFromZero(-2.5)); // Math.round would give -2
        assertEquals(2, roundHalfAwayFromZero(2.4999999));
        assertEquals(0, roundHalfAwayFromZero(-0.0));
        // The largest double below 0.5: floor(x + 0.5) would wrongly give 1, std::round gives 0.
        assertEquals(0, roundHalfAwayFromZero(0.49999999999999994));
        assertEquals(4503599627370497L, roundHalfAwayFromZero(4503599627370497.0));
        assertEquals(1L << 31, roundHalfAwayFromZero(2147483647.5));
    }

    @Test
    void srdhmRoundsPositiveTiesUpAndNegativeTiesTowardZero() {
        int half = 1 << 30; // 0.5 in Q0.31, so the result is x/2 rounded
        assertEquals(1, saturatingRoundingDoublingHighMul(1, half));    //  0.5 -> 1
        assertEquals(2, saturatingRoundingDoublingHighMul(3, half));    //  1.5 -> 2
        assertEquals(0, saturatingRoundingDoublingHighMul(-1, half));   // -0.5 -> 0
        assertEquals(-1, saturatingRoundingDoublingHighMul(-3, half));  // -1.5 -> -1
        assertEquals(-2, saturatingRoundingDoublingHighMul(-5, half));  // -2.5 -> -2
        assertEquals(536870912, saturatingRoundingDoublingHighMul(half, half));
        assertEquals(-1073741824, saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, half));
        assertEquals(-Integer.MAX_VALUE, saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void srdhmSaturatesTheOnlyOverflowingProduct() {
        assertEquals(Integer.MAX_VALUE, saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
    }

    @Test
    void rdbpotRoundsTiesAwayFromZero() {
        assertEquals(3, roundingDivideByPOT(5, 1));    //  2.5
        assertEquals(-3, roundingDivideByPOT(-5, 1));  // -2.5
        assertEquals(-2, roundingDivideByPOT(-4, 1));
        assertEquals(-2, roundingDivideByPOT(-6, 2));  // -1.5
        assertEquals(-2, roundingDivideByPOT(-7, 2));  // -1.75
        assertEquals(-1, roundingDivideByPOT(-5, 2));  // -1.25
        assertEquals(1, roundingDivideByPOT(5, 2));    //  1.25
        assertEquals(2, roundingDivideByPOT(6, 2));    //  1.5
        assertEquals(-123, roundingDivideByPOT(-123, 0));
    }

    @Test
    void rdbpotHandlesTheFullShiftOf31() {
        assertEquals(-1, roundingDivideByPOT(Integer.MIN_VALUE, 31));   // -1
        assertEquals(1, roundingDivideByPOT(Integer.MAX_VALUE, 31));    //  0.99999...
        assertEquals(1, roundingDivideByPOT(1 << 30, 31));              //  0.5
        assertEquals(-1, roundingDivideByPOT(-(1 << 30), 31));          // -0.5
        assertEquals(0, roundingDivideByPOT((1 << 30) - 1, 31));
        assertEquals(0, roundingDivideByPOT(-(1 << 30) + 1, 31));
    }

    @Test
    void saturationClampsToEachRange() {
        assertEquals(127, FixedPoint.saturate8(128));
        assertEquals(-128, FixedPoint.saturate8(-129));
        assertEquals(-5, FixedPoint.saturate8(-5));
        assertEquals(32767, FixedPoint.saturate16(40000));
        assertEquals(-32768, FixedPoint.saturate16(-40000));
        assertEquals(1234, FixedPoint.saturate16(1234));
        assertEquals(-10, FixedPoint.saturate(-11, -10, 10));
        assertEquals(10, FixedPoint.saturate(11, -10, 10));
        assertEquals(Integer.MAX_VALUE, FixedPoint.saturate(1L << 40, Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(-32768, FixedPoint.saturate(-(1L << 40), -32768, 32767));
        assertEquals(77, FixedPoint.saturate(77L, -128, 127));
    }
}
