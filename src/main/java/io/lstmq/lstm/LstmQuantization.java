package io.lstmq.lstm;

import io.lstmq.LstmqException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything Prepare reads from one quantized LSTM operator: the float32 scales and zero points of its
 * tensors, the clips, the integer widths and the variant. Absent tensors have scale 1.0 (spec §3.3).
 *
 * @param input          slot 0
 * @param outputState    slot 18, the hidden state (TFLite Micro's hidden quantization)
 * @param output         op output 0 (its scale quantizes proj_clip in TFLite)
 * @param cellScale      slot 19 scale (symmetric, zero point 0)
 * @param gates          per-gate weight scales, indexed by {@link Gate#ordinal()}
 * @param projectionScale slot 16 scale
 * @param intermediates  the 5 intermediates, indexed by {@link LstmSlot.Intermediate#index()}
 * @param cellClip       the float cell_clip option (0 = none)
 * @param projClip       the float proj_clip option (0 = none)
 * @param activationBits 8 (int8 input/state/output) or 16 (TFLite Micro's 16x8)
 * @param weightBits     8
 * @param biasBits       32 with 8-bit activations, 64 with 16-bit activations
 * @param variant        which optional parts are present
 */
public record LstmQuantization(
        TensorScale input,
        TensorScale outputState,
        TensorScale output,
        float cellScale,
        List<GateScales> gates,
        float projectionScale,
        List<TensorScale> intermediates,
        float cellClip,
        float projClip,
        int activationBits,
        int weightBits,
        int biasBits,
        LstmVariant variant) {

    /** The float32 scales of one gate's weights; 1.0 where the tensor is absent. */
    public record GateScales(float inputWeights, float recurrentWeights, float peephole, float layerNorm) {
        public static final GateScales ABSENT = new GateScales(1.0f, 1.0f, 1.0f, 1.0f);
    }

    public LstmQuantization {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outputState, "outputState");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(variant, "variant");
        if (gates.size() != Gate.values().length) {
            throw new IllegalArgumentException("need scales for 4 gates, got " + gates.size());
        }
        if (intermediates.size() != LstmSlot.Intermediate.COUNT) {
            throw new IllegalArgumentException("need 5 intermediates, got " + intermediates.size());
        }
        gates = List.copyOf(gates);
        intermediates = List.copyOf(intermediates);
    }

    public GateScales gate(Gate g) {
        return gates.get(g.ordinal());
    }

    public TensorScale intermediate(LstmSlot.Intermediate k) {
        return intermediates.get(k.index());
    }

    public CellStateFormat cellStateFormat() {
        return CellStateFormat.of(cellScale);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from "everything absent" (scales 1.0, zero points 0, int8 with int32 bias, no clips). */
    public static final class Builder {
        private TensorScale input = TensorScale.ABSENT;
        private TensorScale outputState = TensorScale.ABSENT;
        private TensorScale output;
        private float cellScale = 1.0f;
        private final List<GateScales> gates = new ArrayList<>(Collections.nCopies(4, GateScales.ABSENT));
        private float projectionScale = 1.0f;
        private final List<TensorScale> intermediates =
                new ArrayList<>(Collections.nCopies(LstmSlot.Intermediate.COUNT, TensorScale.ABSENT));
        private float cellClip;
        private float projClip;
        private int activationBits = 8;
        private int weightBits = 8;
        private int biasBits = 32;
        private LstmVariant variant = LstmVariant.STANDARD;

        private Builder() {}

        public Builder input(TensorScale v) {
            input = v;
            return this;
        }

        public Builder outputState(TensorScale v) {
            outputState = v;
            return this;
        }

        /** Defaults to the output state's quantization, which is what the quantizers write. */
        public Builder output(TensorScale v) {
            output = v;
            return this;
        }

        public Builder cellScale(float v) {
            cellScale = v;
            return this;
        }

        public Builder gate(Gate g, GateScales v) {
            gates.set(g.ordinal(), v);
            return this;
        }

        public Builder projectionScale(float v) {
            projectionScale = v;
            return this;
        }

        public Builder intermediate(LstmSlot.Intermediate k, TensorScale v) {
            intermediates.set(k.index(), v);
            return this;
        }

        public Builder cellClip(float v) {
            cellClip = v;
            return this;
        }

        public Builder projClip(float v) {
            projClip = v;
            return this;
        }

        public Builder bits(int activation, int weight, int bias) {
            activationBits = activation;
            weightBits = weight;
            biasBits = bias;
            return this;
        }

        public Builder variant(LstmVariant v) {
            variant = v;
            return this;
        }

        public LstmQuantization build() {
            if (cellClip < 0 || projClip < 0) {
                throw new LstmqException("LSTM clips must be >= 0 (cell_clip " + cellClip + ", proj_clip " + projClip + ")");
            }
            return new LstmQuantization(input, outputState, output != null ? output : outputState, cellScale,
                    gates, projectionScale, intermediates, cellClip, projClip, activationBits, weightBits,
                    biasBits, variant);
        }
    }
}
