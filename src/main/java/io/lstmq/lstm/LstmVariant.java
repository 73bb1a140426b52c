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

    /**
     * Why a set of present slots is no LSTM the full kernels accept, or null when it is one. These are the
     * consistency rules of TFLite's Prepare (which dereferences a required slot without checking it is there):
     * the slots every variant needs, the input gate's weights and bias all present or all absent, the peephole
     * weights all or none, no projection bias without projection weights, and the layer-norm coefficients of every
     * computed gate once the forget gate has them.
     */
    public static String inconsistency(Set<LstmSlot> present) {
        for (LstmSlot s : LstmSlot.values()) {
            if (!s.optional() && !present.contains(s)) {
                return s.tfliteName() + " (input " + s.index() + ") is absent; every LSTM needs it";
            }
        }
        boolean cifg = !present.contains(LstmSlot.INPUT_TO_INPUT_WEIGHTS);
        for (LstmSlot s : new LstmSlot[] {LstmSlot.RECURRENT_TO_INPUT_WEIGHTS, LstmSlot.INPUT_GATE_BIAS}) {
            if (present.contains(s) == cifg) {
                return "input_to_input_weights is " + (cifg ? "absent" : "present") + " but " + s.tfliteName()
                        + " is " + (cifg ? "present" : "absent") + "; the input gate's weights and bias are all "
                        + "present (standard) or all absent (CIFG)";
            }
        }
        boolean forgetPeephole = present.contains(LstmSlot.CELL_TO_FORGET_WEIGHTS);
        boolean outputPeephole = present.contains(LstmSlot.CELL_TO_OUTPUT_WEIGHTS);
        boolean inputPeephole = present.contains(LstmSlot.CELL_TO_INPUT_WEIGHTS);
        boolean allPeepholes = (inputPeephole || cifg) && forgetPeephole && outputPeephole;
        boolean noPeepholes = !inputPeephole && !forgetPeephole && !outputPeephole;
        if (!allPeepholes && !noPeepholes) {
            return "only some cell_to_*_weights are present; the peephole weights of every computed gate are present"
                    + " or none are";
        }
        if (present.contains(LstmSlot.PROJECTION_BIAS) && !present.contains(LstmSlot.PROJECTION_WEIGHTS)) {
            return "projection_bias is present without projection_weights";
        }
        if (present.contains(LstmSlot.FORGET_LAYER_NORM_COEFFICIENTS)) {
            for (LstmSlot s : new LstmSlot[] {LstmSlot.CELL_LAYER_NORM_COEFFICIENTS,
                    LstmSlot.OUTPUT_LAYER_NORM_COEFFICIENTS, LstmSlot.INPUT_LAYER_NORM_COEFFICIENTS}) {
                boolean needed = s != LstmSlot.INPUT_LAYER_NORM_COEFFICIENTS || !cifg;
                if (present.contains(s) != needed) {
                    return s.tfliteName() + " is " + (needed ? "absent" : "present") + " in a layer-norm "
                            + (cifg ? "CIFG " : "") + "LSTM; every computed gate has its coefficients";
                }
            }
        }
        return null;
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
