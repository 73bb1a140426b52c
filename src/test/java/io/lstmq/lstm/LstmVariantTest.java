package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LstmVariantTest {
    /** The slots of the standard LSTM: everything but peepholes, projection and layer norm. */
    private static Set<LstmSlot> standard() {
        Set<LstmSlot> s = EnumSet.allOf(LstmSlot.class);
        s.removeIf(x -> x.kind() == LstmSlot.Kind.PEEPHOLE_WEIGHTS || x.kind() == LstmSlot.Kind.LAYER_NORM
                || x == LstmSlot.PROJECTION_WEIGHTS || x == LstmSlot.PROJECTION_BIAS);
        return s;
    }

    private static Set<LstmSlot> without(Set<LstmSlot> s, LstmSlot... gone) {
        Set<LstmSlot> out = EnumSet.copyOf(s);
        for (LstmSlot g : gone) {
            out.remove(g);
        }
        return out;
    }

    private static Set<LstmSlot> with(Set<LstmSlot> s, LstmSlot... added) {
        Set<LstmSlot> out = EnumSet.copyOf(s);
        out.addAll(java.util.List.of(added));
        return out;
    }

    @Test
    void theVariantsTfliteRunsAreConsistent() {
        assertNull(LstmVariant.inconsistency(standard()));
        Set<LstmSlot> cifg = without(standard(), LstmSlot.INPUT_TO_INPUT_WEIGHTS, LstmSlot.RECURRENT_TO_INPUT_WEIGHTS,
                LstmSlot.INPUT_GATE_BIAS);
        assertNull(LstmVariant.inconsistency(cifg));
        assertNull(LstmVariant.inconsistency(with(cifg, LstmSlot.CELL_TO_FORGET_WEIGHTS,
                LstmSlot.CELL_TO_OUTPUT_WEIGHTS)));
        assertNull(LstmVariant.inconsistency(with(standard(), LstmSlot.PROJECTION_WEIGHTS)));
        assertNull(LstmVariant.inconsistency(with(standard(), LstmSlot.INPUT_LAYER_NORM_COEFFICIENTS,
                LstmSlot.FORGET_LAYER_NORM_COEFFICIENTS, LstmSlot.CELL_LAYER_NORM_COEFFICIENTS,
                LstmSlot.OUTPUT_LAYER_NORM_COEFFICIENTS)));
    }

    /** Each of these made TFLite's Prepare dereference an absent tensor (the first found by fuzzing convert). */
    @Test
    void inconsistentSlotsAreNamed() {
        assertEquals("input_to_input_weights is present but input_gate_bias is absent; the input gate's weights and "
                + "bias are all present (standard) or all absent (CIFG)",
                LstmVariant.inconsistency(without(standard(), LstmSlot.INPUT_GATE_BIAS)));
        assertEquals("input_to_input_weights is absent but recurrent_to_input_weights is present; the input gate's "
                + "weights and bias are all present (standard) or all absent (CIFG)",
                LstmVariant.inconsistency(without(standard(), LstmSlot.INPUT_TO_INPUT_WEIGHTS)));
        assertEquals("forget_gate_bias (input 13) is absent; every LSTM needs it",
                LstmVariant.inconsistency(without(standard(), LstmSlot.FORGET_GATE_BIAS)));
        assertEquals("only some cell_to_*_weights are present; the peephole weights of every computed gate are "
                + "present or none are", LstmVariant.inconsistency(with(standard(), LstmSlot.CELL_TO_FORGET_WEIGHTS)));
        assertEquals("projection_bias is present without projection_weights",
                LstmVariant.inconsistency(with(standard(), LstmSlot.PROJECTION_BIAS)));
        assertEquals("input_layer_norm_coefficients is absent in a layer-norm LSTM; every computed gate has its "
                + "coefficients", LstmVariant.inconsistency(with(standard(), LstmSlot.FORGET_LAYER_NORM_COEFFICIENTS,
                        LstmSlot.CELL_LAYER_NORM_COEFFICIENTS, LstmSlot.OUTPUT_LAYER_NORM_COEFFICIENTS)));
    }
}
