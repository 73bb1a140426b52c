package io.lstmq.lstm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmq.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the LSTMs of {@code ../shared/golden} into plain values: the TFLM 2x3x2x2 test model
 * ({@code tflm_lstm_test_vectors.json}) and the LiteRT legacy-quantized goldens
 * ({@code quantizer_test_models.json}).
 */
public final class GoldenModels {
    public static final String TFLM_VECTORS = "golden/tflm_lstm_test_vectors.json";
    public static final String TFLITE_VECTORS = "golden/tflite_lstm_kernel_vectors.json";
    public static final String QUANTIZER_MODELS = "golden/quantizer_test_models.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenModels() {}

    public static JsonNode read(String relative) {
        try {
            return JSON.readTree(Shared.path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tflmCase(String name) {
        for (JsonNode c : read(TFLM_VECTORS).get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no TFLM case " + name);
    }

    // ---- TFLM 2x3x2x2 model -------------------------------------------------------------------------

    /** The TFLM model's quantization as TFLM sees it (no intermediates). */
    public static LstmQuantization tflmQuantization(JsonNode testCase) {
        JsonNode m = testCase.get("model");
        LstmQuantization.Builder b = LstmQuantization.builder()
                .input(scale(m.get("input")))
                .outputState(scale(m.get("hidden_state_and_output")))
                .cellScale(f32(m.get("cell_state").get("scale")))
                .cellClip(f32(m.get("cell_clip")))
                .projClip(f32(m.get("proj_clip")))
                .bits(m.get("activation_bits").asInt(), m.get("weight_bits").asInt(), m.get("bias_bits").asInt());
        for (Gate g : Gate.values()) {
            JsonNode gate = m.get("gates").get(g.tfliteName());
            b.gate(g, new LstmQuantization.GateScales(f32(gate.get("input_weights").get("scale")),
                    f32(gate.get("recurrent_weights").get("scale")), 1.0f, 1.0f));
        }
        return b.build();
    }

    /**
     * The same model as TFLite's 8x8_16 kernel was given it: 5 intermediates, 0..3 unused (no layer norm),
     * intermediate 4 = the hidden state's scale and zero point.
     */
    public static LstmQuantization tfliteQuantizationOfTflmModel(JsonNode testCase) {
        LstmQuantization q = tflmQuantization(testCase);
        List<TensorScale> intermediates = new ArrayList<>(q.intermediates());
        intermediates.set(LstmSlot.Intermediate.HIDDEN.index(), q.outputState());
        return new LstmQuantization(q.input(), q.outputState(), q.output(), q.cellScale(), q.gates(),
                q.projectionScale(), intermediates, q.cellClip(), q.projClip(), q.activationBits(), q.weightBits(),
                q.biasBits(), q.variant());
    }

    public static LstmWeights tflmWeights(JsonNode testCase) {
        JsonNode m = testCase.get("model");
        int i = testCase.get("input_dim").asInt();
        int s = testCase.get("state_dim").asInt();
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            JsonNode gate = m.get("gates").get(g.tfliteName());
            gates.add(LstmWeights.GateWeights.of(bytes(gate.get("input_weights").get("values")),
                    bytes(gate.get("recurrent_weights").get("values")), longs(gate.get("bias").get("values"))));
        }
        return new LstmWeights(new LstmDims(i, s, s), gates, null, null);
    }

    // ---- LiteRT quantizer goldens -------------------------------------------------------------------

    /** One quantized LSTM operator of {@code quantizer_test_models.json}, decoded from its tensors. */
    public record LiteRtLstm(LstmQuantization quantization, LstmWeights weights) {}

    public static LiteRtLstm liteRtQuantized(String modelName) {
        JsonNode model = read(QUANTIZER_MODELS).get("models").get(modelName).get("quantized");
        JsonNode op = null;
        for (JsonNode candidate : model.get("operators")) {
            if (candidate.get("inputs").size() == LstmSlot.COUNT) {
                op = candidate;
            }
        }
        if (op == null) {
            throw new AssertionError(modelName + " has no 24-input operator");
        }
        JsonNode tensors = model.get("tensors");
        JsonNode inputs = op.get("inputs");
        Set<LstmSlot> present = EnumSet.noneOf(LstmSlot.class);
        for (LstmSlot slot : LstmSlot.values()) {
            if (inputs.get(slot.index()).asInt() >= 0) {
                present.add(slot);
            }
        }
        LstmVariant variant = LstmVariant.fromPresentSlots(present);
        JsonNode opts = op.get("options");
        LstmQuantization.Builder b = LstmQuantization.builder()
                .variant(variant)
                .input(scale(tensor(tensors, inputs, LstmSlot.INPUT)))
                .outputState(scale(tensor(tensors, inputs, LstmSlot.OUTPUT_STATE)))
                .output(scale(tensors.get(op.get("outputs").get(0).asInt())))
                .cellScale(scale(tensor(tensors, inputs, LstmSlot.CELL_STATE)).scale())
                .cellClip(f32(opts.get("cell_clip")))
                .projClip(f32(opts.get("proj_clip")))
                .bits(8, 8, 32);
        for (Gate g : Gate.values()) {
            b.gate(g, new LstmQuantization.GateScales(
                    scaleOr1(tensors, inputs, g.inputWeights()),
                    scaleOr1(tensors, inputs, g.recurrentWeights()),
                    g.hasPeephole() ? scaleOr1(tensors, inputs, g.peephole()) : 1.0f,
                    scaleOr1(tensors, inputs, g.layerNormCoefficients())));
        }
        if (present.contains(LstmSlot.PROJECTION_WEIGHTS)) {
            b.projectionScale(scaleOr1(tensors, inputs, LstmSlot.PROJECTION_WEIGHTS));
        }
        JsonNode intermediates = op.get("intermediates");
        for (LstmSlot.Intermediate k : LstmSlot.Intermediate.values()) {
            b.intermediate(k, scale(tensors.get(intermediates.get(k.index()).asInt())));
        }
        LstmQuantization q = b.build();

        JsonNode in = tensor(tensors, inputs, LstmSlot.INPUT);
        JsonNode inputShape = in.get("shape");
        int inputSize = inputShape.get(inputShape.size() - 1).asInt();
        JsonNode recurrent = tensor(tensors, inputs, LstmSlot.RECURRENT_TO_OUTPUT_WEIGHTS).get("shape");
        LstmDims dims = new LstmDims(inputSize, recurrent.get(0).asInt(), recurrent.get(1).asInt());
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new LstmWeights.GateWeights(
                    bytesOrNull(tensors, inputs, g.inputWeights()),
                    bytesOrNull(tensors, inputs, g.recurrentWeights()),
                    g.hasPeephole() ? shortsOrNull(tensors, inputs, g.peephole()) : null,
                    shortsOrNull(tensors, inputs, g.layerNormCoefficients()),
                    present.contains(g.bias()) ? longs(tensor(tensors, inputs, g.bias()).get("data")) : null));
        }
        byte[] projection = bytesOrNull(tensors, inputs, LstmSlot.PROJECTION_WEIGHTS);
        int[] projectionBias = present.contains(LstmSlot.PROJECTION_BIAS)
                ? ints(tensor(tensors, inputs, LstmSlot.PROJECTION_BIAS).get("data")) : null;
        return new LiteRtLstm(q, new LstmWeights(dims, gates, projection, projectionBias));
    }

    /** The float LSTM of a calibrated LiteRT golden, as {@code dims}, per-slot float data and the clips. */
    public record LiteRtFloatLstm(LstmDims dims, List<float[][]> gates, float[] projection, float[] projectionBias,
            float cellClip, float projClip) {
        /** Gate arrays in the order input weights, recurrent weights, peephole, layer norm, bias (null if absent). */
        public float[][] gate(Gate g) {
            return gates.get(g.ordinal());
        }
    }

    public static LiteRtFloatLstm liteRtFloat(String modelName) {
        JsonNode model = read(QUANTIZER_MODELS).get("models").get(modelName).get("calibrated");
        JsonNode op = model.get("operators").get(0);
        JsonNode tensors = model.get("tensors");
        JsonNode inputs = op.get("inputs");
        JsonNode inputShape = tensor(tensors, inputs, LstmSlot.INPUT).get("shape");
        JsonNode recurrent = tensor(tensors, inputs, LstmSlot.RECURRENT_TO_OUTPUT_WEIGHTS).get("shape");
        LstmDims dims = new LstmDims(inputShape.get(inputShape.size() - 1).asInt(), recurrent.get(0).asInt(),
                recurrent.get(1).asInt());
        List<float[][]> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new float[][] {floatsOrNull(tensors, inputs, g.inputWeights()),
                    floatsOrNull(tensors, inputs, g.recurrentWeights()),
                    g.hasPeephole() ? floatsOrNull(tensors, inputs, g.peephole()) : null,
                    floatsOrNull(tensors, inputs, g.layerNormCoefficients()),
                    floatsOrNull(tensors, inputs, g.bias())});
        }
        JsonNode opts = op.get("options");
        return new LiteRtFloatLstm(dims, gates, floatsOrNull(tensors, inputs, LstmSlot.PROJECTION_WEIGHTS),
                floatsOrNull(tensors, inputs, LstmSlot.PROJECTION_BIAS), f32(opts.get("cell_clip")),
                f32(opts.get("proj_clip")));
    }

    private static float[] floatsOrNull(JsonNode tensors, JsonNode inputs, LstmSlot slot) {
        int index = inputs.get(slot.index()).asInt();
        return index < 0 ? null : floats(tensors.get(index).get("data"));
    }

    private static JsonNode tensor(JsonNode tensors, JsonNode inputs, LstmSlot slot) {
        return tensors.get(inputs.get(slot.index()).asInt());
    }

    private static float scaleOr1(JsonNode tensors, JsonNode inputs, LstmSlot slot) {
        int index = inputs.get(slot.index()).asInt();
        return index < 0 ? 1.0f : scale(tensors.get(index)).scale();
    }

    private static byte[] bytesOrNull(JsonNode tensors, JsonNode inputs, LstmSlot slot) {
        int index = inputs.get(slot.index()).asInt();
        return index < 0 ? null : bytes(tensors.get(index).get("data"));
    }

    private static short[] shortsOrNull(JsonNode tensors, JsonNode inputs, LstmSlot slot) {
        int index = inputs.get(slot.index()).asInt();
        if (index < 0) {
            return null;
        }
        JsonNode data = tensors.get(index).get("data");
        short[] out = new short[data.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (short) data.get(k).asInt();
        }
        return out;
    }

    // ---- JSON values --------------------------------------------------------------------------------

    /** A TensorScale from {"scale": s, "zero_point": z} or a tensor's {"scale": [s], "zero_point": [z]}. */
    static TensorScale scale(JsonNode n) {
        JsonNode s = n.get("scale");
        JsonNode z = n.get("zero_point");
        return s.isArray() ? new TensorScale(f32(s.get(0)), z.get(0).asInt()) : new TensorScale(f32(s), z.asInt());
    }

    /** The JSON holds the float32 value's shortest repr; narrowing the double gives that float back. */
    public static float f32(JsonNode n) {
        return (float) n.asDouble();
    }

    public static byte[] bytes(JsonNode a) {
        byte[] out = new byte[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) a.get(k).asInt();
        }
        return out;
    }

    public static short[] shorts(JsonNode a) {
        short[] out = new short[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (short) a.get(k).asInt();
        }
        return out;
    }

    public static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.get(k).asInt();
        }
        return out;
    }

    public static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.get(k).asLong();
        }
        return out;
    }

    public static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) a.get(k).asDouble();
        }
        return out;
    }

    /** Shorts widened to ints, for assertArrayEquals against JSON integers. */
    public static int[] widen(short[] a) {
        int[] out = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k];
        }
        return out;
    }
}
