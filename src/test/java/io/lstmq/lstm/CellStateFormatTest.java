package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmq.LstmqException;
import org.junit.jupiter.api.Test;

class CellStateFormatTest {

    @Test
    void powerOfTwoInTflitesRange() {
        CellStateFormat f = CellStateFormat.of(0x1p-12f);
        assertEquals(-12, f.power());
        assertEquals(3, f.tanhIntegerBits());
        assertTrue(f.exactPowerOfTwo());
        assertTrue(f.tfliteAccepts());
        assertTrue(f.tflmExact());
        assertEquals("cell state scale 2.4414062E-4 = 2^-12 (int16 with 3 integer bits). TFLite accepts it; "
                + "TFLite Micro accepts it.", f.explanation());
    }

    /** The legacy quantizer's range ends: 2^-15 (pot 0) and 2^-5 (pot 10, beyond TFLite's tanh). */
    @Test
    void tfliteRangeEnds() {
        assertTrue(CellStateFormat.of(0x1p-15f).tfliteAccepts());
        assertTrue(CellStateFormat.of(0x1p-9f).tfliteAccepts());
        CellStateFormat tooCoarse = CellStateFormat.of(0x1p-5f);
        assertFalse(tooCoarse.tfliteAccepts());
        assertTrue(tooCoarse.log2NearInteger());
        assertEquals(10, tooCoarse.tanhIntegerBits());
        CellStateFormat tooFine = CellStateFormat.of(0x1p-16f);
        assertFalse(tooFine.tfliteAccepts());
        assertTrue(tooFine.explanation().contains("implemented only for 15 + log2(scale) in 0..6"));
    }

    /** TFLM rounds log2 silently: 3e-4 is 2^-11.70, computed as 2^-12; TFLite rejects it. */
    @Test
    void notAPowerOfTwo() {
        CellStateFormat f = CellStateFormat.of(3.0e-4f);
        assertEquals(-12, f.power());
        assertFalse(f.exactPowerOfTwo());
        assertFalse(f.log2NearInteger());
        assertFalse(f.tfliteAccepts());
        assertTrue(f.explanation().contains("TFLite rejects it in Prepare"), f.explanation());
        assertTrue(f.explanation().contains("TFLite Micro silently computes as if it were 2^-12"), f.explanation());
    }

    /** CheckedLog2's 1e-3 tolerance lets a scale a hair off a power of two through TFLite. */
    @Test
    void nearPowerOfTwoPassesCheckedLog2() {
        CellStateFormat f = CellStateFormat.of(0x1p-12f * 1.0001f);
        assertEquals(-12, f.power());
        assertFalse(f.exactPowerOfTwo());
        assertTrue(f.log2NearInteger());
        assertTrue(f.tfliteAccepts());
    }

    @Test
    void rejectsNonPositive() {
        assertThrows(LstmqException.class, () -> CellStateFormat.of(0f));
        assertThrows(LstmqException.class, () -> CellStateFormat.of(Float.NaN));
    }
}
