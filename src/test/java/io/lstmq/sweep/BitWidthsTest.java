package io.lstmq.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;

class BitWidthsTest {
    @Test
    void rangesListsAndSingleWidths() {
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), BitWidths.parse("4..16", "--weight-bits"));
        assertEquals(List.of(4, 6, 8), BitWidths.parse("8,4, 6,8", "--weight-bits"));
        assertEquals(List.of(8), BitWidths.parse(" 8 ", "--activation-bits"));
    }

    @Test
    void badSpecificationsNameTheOptionAndTheProblem() {
        assertEquals("--weight-bits 16..4: the range runs backwards (write 4..16)", message("16..4"));
        assertEquals("--weight-bits 1..8: 1 bits is outside 2..16", message("1..8"));
        assertEquals("--weight-bits 4,17: 17 bits is outside 2..16", message("4,17"));
        assertEquals("--weight-bits 4-8: expected widths like 4..16, 4,6,8 or 8", message("4-8"));
        assertEquals("--weight-bits 4,,8: expected widths like 4..16, 4,6,8 or 8", message("4,,8"));
        assertEquals("--weight-bits : expected widths like 4..16, 4,6,8 or 8", message(""));
    }

    private static String message(String spec) {
        return assertThrows(LstmqException.class, () -> BitWidths.parse(spec, "--weight-bits")).getMessage();
    }
}
