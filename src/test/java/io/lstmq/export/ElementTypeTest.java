package io.lstmq.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;

class ElementTypeTest {

    @Test
    void hexWordsAreTwosComplementOfTheWidth() {
        assertEquals("ff", ElementType.INT8.hex(-1));
        assertEquals("80", ElementType.INT8.hex(-128));
        assertEquals("7f", ElementType.INT8.hex(127));
        assertEquals("00", ElementType.INT8.hex(0));
        assertEquals("fffe", ElementType.INT16.hex(-2));
        assertEquals("8000", ElementType.INT16.hex(-32768));
        assertEquals("ffff", ElementType.UINT16.hex(65535));
        assertEquals("80000000", ElementType.INT32.hex(Integer.MIN_VALUE));
        assertEquals("0001e240", ElementType.INT32.hex(123456));
        assertEquals("ffffffffffffffff", ElementType.INT64.hex(-1));
        assertEquals("fffffffffffcd0d6", ElementType.INT64.hex(-208682));
    }

    @Test
    void hexWordsReadBackSignExtended() {
        for (ElementType t : ElementType.values()) {
            for (long v : new long[] {t.min(), t.min() + 1, -1, 0, 1, t.max() - 1, t.max()}) {
                if (t.fits(v)) {
                    assertEquals(v, t.parseHex(t.hex(v)), t + " " + v);
                }
            }
        }
        assertEquals(-128, ElementType.INT8.parseHex("80"));
        assertEquals(65535, ElementType.UINT16.parseHex("ffff"));
    }

    @Test
    void cLiteralsKeepTheirTypeAtTheLimits() {
        assertEquals("(-2147483647 - 1)", ElementType.INT32.cLiteral(Integer.MIN_VALUE));
        assertEquals("INT64_C(-5)", ElementType.INT64.cLiteral(-5));
        assertEquals("(-INT64_C(9223372036854775807) - 1)", ElementType.INT64.cLiteral(Long.MIN_VALUE));
        assertEquals("-128", ElementType.INT8.cLiteral(-128));
    }

    @Test
    void valuesOutsideTheTypeAreRefused() {
        assertFalse(ElementType.INT8.fits(128));
        assertThrows(LstmqException.class, () -> new ExportArray("x", ElementType.INT8, new int[] {1}, "[x]",
                ValueFormat.fixed(7, ElementType.INT8), "test", new long[] {200}));
    }

    @Test
    void fixedPointNames() {
        assertEquals("Q3.12", ValueFormat.fixed(12, ElementType.INT16).qFormat());
        assertEquals("Q0.15", ValueFormat.fixed(15, ElementType.INT16).qFormat());
        assertEquals("Q3.12", ValueFormat.affine(0x1p-12f, 0, ElementType.INT16).qFormat());
        assertNull(ValueFormat.affine(0x1p-12f, -21, ElementType.INT16).qFormat(), "a zero point is no Q format");
        assertNull(ValueFormat.affine(0.0078f, 0, ElementType.INT8).qFormat());
        assertNull(ValueFormat.affine(0x1p-20f, 0, ElementType.INT8).qFormat(), "more fraction bits than the type");
        assertEquals(-0.5, ValueFormat.affine(0.25f, 2, ElementType.INT8).toReal(0));
    }
}
