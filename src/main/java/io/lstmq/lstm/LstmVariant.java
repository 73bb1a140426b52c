package io.lstmq.lstm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which optional parts an LSTM has. Decided only by which slots are present (spec §1.1): CIFG when the
 * input-gate weights (slot 1) are absent, peephole when any cell-to-gate weights (9..11) are present,
 * projection when slot 16 is present, layer norm when the forget-gate coefficients (21) are present.
 */
public record LstmVariant(boolean cifg, boolean peephole, boolean projection, boolean layerNorm) {

    public static final LstmVariant STANDARD = new LstmVariant(false, false, false, false);

    public static LstmVariant fromPresentSlots(Set<LstmSlot> present) {
        return new LstmVariant(
                !present.contains(LstmSlot.INPUT_TO_INPUT_WEIGHTS),
                present.contains(LstmSlot.CELL_TO_INPUT_WEIGHTS)
                        || present.contains(LstmSlot.CELL_TO_FORGET_WEIGHTS)
                        || present.contains(LstmSlot.CELL_TO_OUTPUT_WEIGHTS),
                present.contains(LstmSlot.PROJECTION_WEIGHTS),
                present.contains(LstmSlot.FORGET_LAYER_NORM_COEFFICIENTS));
    }

    /** Whether gate {@code g} is computed at all (CIFG derives the input gate from the forget gate). */
    public boolean computes(Gate g) {
        return g != Gate.INPUT || !cifg;
    }

    /** Whether gate {@code g} has a peephole term in this variant. */
    public boolean hasPeephole(Gate g) {
        return peephole && g.hasPeephole() && computes(g);
    }

    /** Whether gate {@code g} is layer-normalized in this variant. */
    public boolean hasLayerNorm(Gate g) {
        return layerNorm && computes(g);
    }

    /** "standard", or the parts joined with " + ", e.g. "CIFG + peephole". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (cifg) {
            parts.add("CIFG");
        }
        if (peephole) {
            parts.add("peephole");
        }
        if (projection) {
            parts.add("projection");
        }
        if (layerNorm) {
            parts.add("layer norm");
        }
        return parts.isEmpty() ? "standard" : String.join(" + ", parts);
    }
}
