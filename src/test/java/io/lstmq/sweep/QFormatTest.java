package io.lstmq.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QFormatTest {
    @Test
    void coveringPicksTheFinestPowerOfTwoThatHoldsTheRange() {
        // 1.0 at 8 bits: 127 * 2^-7 = 0.992 falls short, 127 * 2^-6 = 1.98 holds it
        assertEquals(new QFormat(8, -6), QFormat.covering(1.0, 8));
        assertEquals(new QFormat(8, -7), QFormat.covering(0.99, 8));
        // exactly the largest value of Q0.7 stays in Q0.7
        assertEquals(new QFormat(8, -7), QFormat.covering(127.0 / 128, 8));
        // the MNIST LSTM's cell range 9.84 needs 4 integer bits in 16: Q4.11
        assertEquals(new QFormat(16, -11), QFormat.covering(9.84, 16));
        assertEquals("Q4.11", QFormat.covering(9.84, 16).toString());
        // weights of magnitude 0.3 at 4 bits: 7 * 2^-5 = 0.219 < 0.3 <= 7 * 2^-4
        assertEquals(new QFormat(4, -4), QFormat.covering(0.3, 4));
        // nothing seen: a pure fraction
        assertEquals(new QFormat(8, -7), QFormat.covering(0, 8));
    }

    @Test
    void quantizingRoundsHalfAwayFromZeroAndSaturates() {
        QFormat q = new QFormat(8, -1); // steps of 0.5, integers -128..127
        assertEquals(3, q.quantize(1.25)); // 2.5 -> 3
        assertEquals(-3, q.quantize(-1.25)); // -2.5 -> -3, where Math.round would give -2
        assertEquals(2, q.quantize(1.2));
        assertEquals(127, q.quantize(1000));
        assertEquals(-128, q.quantize(-1000));
        assertEquals(-64.0, q.dequantize(-128));
        assertEquals("Q6.1", q.toString());
    }

    @Test
    void rescalingShiftsLeftExactlyAndRightWithRounding() {
        assertEquals(40, QFormat.rescale(5, -10, -13)); // finer target: exact left shift
        assertEquals(3, QFormat.rescale(5, -13, -12)); // 2.5 -> 3
        assertEquals(-3, QFormat.rescale(-5, -13, -12)); // -2.5 -> -3
        assertEquals(1, QFormat.rescale(5, -13, -11)); // 1.25 -> 1
        assertEquals(-2, QFormat.rescale(-7, -13, -11)); // -1.75 -> -2
        assertEquals(0, QFormat.rescale(Long.MAX_VALUE, 0, 70)); // shifted out entirely
    }
}
