package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LstmSlotTest {

    @Test
    void gatesAndSlotsAgree() {
        for (Gate g : Gate.values()) {
            assertSame(g, g.inputWeights().gate());
            assertSame(LstmSlot.Kind.INPUT_WEIGHTS, g.inputWeights().kind());
            assertSame(g, g.recurrentWeights().gate());
            assertSame(LstmSlot.Kind.RECURRENT_WEIGHTS, g.recurrentWeights().kind());
            assertSame(g, g.bias().gate());
            assertSame(g, g.layerNormCoefficients().gate());
            assertSame(g, g.intermediate().gate());
            if (g.hasPeephole()) {
                assertSame(g, g.peephole().gate());
            }
        }
        for (LstmSlot s : LstmSlot.values()) {
            assertSame(s, LstmSlot.of(s.index()));
        }
        assertEquals("input_to_input_weights", LstmSlot.of(1).tfliteName());
        assertEquals("output_layer_norm_coefficients", LstmSlot.of(23).tfliteName());
    }

    /** The LiteRT golden variants: LN + projection (no peephole slots), and peephole. */
    @Test
    void variantFromPresence() {
        Set<LstmSlot> all = EnumSet.allOf(LstmSlot.class);
        Set<LstmSlot> lnProjection = EnumSet.copyOf(all);
        lnProjection.removeAll(Set.of(LstmSlot.CELL_TO_INPUT_WEIGHTS, LstmSlot.CELL_TO_FORGET_WEIGHTS,
                LstmSlot.CELL_TO_OUTPUT_WEIGHTS));
        assertEquals(new LstmVariant(false, false, true, true), LstmVariant.fromPresentSlots(lnProjection));
        assertEquals("projection + layer norm", LstmVariant.fromPresentSlots(lnProjection).describe());
        Set<LstmSlot> cifg = EnumSet.range(LstmSlot.INPUT, LstmSlot.CELL_STATE);
        cifg.removeAll(Set.of(LstmSlot.INPUT_TO_INPUT_WEIGHTS, LstmSlot.RECURRENT_TO_INPUT_WEIGHTS,
                LstmSlot.CELL_TO_INPUT_WEIGHTS, LstmSlot.INPUT_GATE_BIAS, LstmSlot.PROJECTION_WEIGHTS,
                LstmSlot.PROJECTION_BIAS));
        LstmVariant v = LstmVariant.fromPresentSlots(cifg);
        assertEquals("CIFG + peephole", v.describe());
        assertEquals(false, v.computes(Gate.INPUT));
        assertEquals(false, v.hasPeephole(Gate.CELL));
        assertEquals(true, v.hasPeephole(Gate.OUTPUT));
    }
}
