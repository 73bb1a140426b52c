package io.lstmq.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.lstmq.testing.Shared;

class TflmSigmoidTableTest {

    /** The table recovered from the kernel is the spec's Appendix A, entry for entry. */
    @Test
    void equalsTheSpecAppendixA() throws Exception {
        String spec = Files.readString(Shared.path("docs/integer-lstm-spec.md"));
        int start = spec.indexOf("## Appendix A.");
        int open = spec.indexOf("```", start);
        int close = spec.indexOf("```", open + 3);
        int[] expected = Arrays.stream(spec.substring(open + 3, close).trim().split("\\s+"))
                .mapToInt(Integer::parseInt).toArray();
        assertEquals(256, expected.length);
        assertArrayEquals(expected, TflmSigmoidTable.values());
    }

    @Test
    void arrayDescribesAnUnsignedFraction() {
        ExportArray a = TflmSigmoidTable.array();
        assertEquals(ElementType.UINT16, a.type());
        assertEquals("UQ0.16", a.format().qFormat());
        assertEquals(32768, a.values()[0]);
        assertEquals(65535, a.values()[255]);
    }
}
