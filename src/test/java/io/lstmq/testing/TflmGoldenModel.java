package io.lstmq.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.Quantization;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.ActivationFunctionType;
import io.lstmq.schema.BuiltinOperator;

/**
 * Builds, as a .tflite model, the TFLM 2x3x2x2 test LSTM of ../shared/golden/tflm_lstm_test_vectors.json from the
 * quantized weights and scales recorded there, so whole-model tools can be checked against the golden integers.
 */
public final class TflmGoldenModel {
    private TflmGoldenModel() {}

    public static JsonNode cases() throws IOException {
        return new ObjectMapper().readTree(Shared.path("golden/tflm_lstm_test_vectors.json").toFile()).get("cases");
    }

    public static JsonNode golden(String name) throws IOException {
        for (JsonNode c : cases()) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    /** The model of a golden case (e.g. "eval_2x3x2x2_int8"), batch-major [B, T, I]. */
    public static Model build(JsonNode c) {
        JsonNode m = c.get("model");
        boolean int16 = m.get("activation_bits").asInt() == 16;
        DataType act = int16 ? DataType.INT16 : DataType.INT8;
        int b = c.get("batch").asInt();
        int t = c.get("time_steps").asInt();
        int in = c.get("input_dim").asInt();
        int s = c.get("state_dim").asInt();
        ModelBuilder mb = new ModelBuilder("TFLM 2x3x2x2 golden LSTM");
        int[] slots = new int[24];
        java.util.Arrays.fill(slots, -1);
        slots[0] = mb.tensor("input", act, new int[] {b, t, in}, null, q(m.get("input")), false);
        int g = 0;
        for (String gate : List.of("input", "forget", "cell", "output")) {
            JsonNode gj = m.get("gates").get(gate);
            slots[1 + g] = weights(mb, gate + "/input_weights", gj.get("input_weights"));
            slots[5 + g] = weights(mb, gate + "/recurrent_weights", gj.get("recurrent_weights"));
            slots[12 + g] = bias(mb, gate + "/bias", gj.get("bias"), int16);
            g++;
        }
        Quantization hidden = q(m.get("hidden_state_and_output"));
        slots[18] = mb.tensor("output_state", act, new int[] {b, s}, null, hidden, true);
        slots[19] = mb.tensor("cell_state", DataType.INT16, new int[] {b, s}, null, q(m.get("cell_state")), true);
        int out = mb.tensor("output", act, new int[] {b, t, s}, null, q(m.get("hidden_state_and_output")), false);
        int[] intermediates = new int[5];
        for (int k = 0; k < 4; k++) {
            intermediates[k] = mb.tensor("intermediate_0_" + k, DataType.FLOAT32, new int[] {0}, null, null, false);
        }
        intermediates[4] = mb.tensor("intermediate_0_4", DataType.INT8, new int[] {0}, null,
                q(m.get("hidden_state_and_output")), false);
        FbTable options = ModelBuilder.options("UnidirectionalSequenceLSTMOptions");
        options.set("fused_activation_function", (long) ActivationFunctionType.TANH);
        options.set("cell_clip", m.get("cell_clip").asDouble());
        options.set("proj_clip", m.get("proj_clip").asDouble());
        options.set("time_major", c.get("time_major").asBoolean() ? 1L : 0L);
        mb.operator(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, 2, slots, new int[] {out}, options)
                .setIntermediates(intermediates);
        mb.inputs(slots[0]);
        mb.outputs(out);
        return mb.model();
    }

    private static Quantization q(JsonNode n) {
        return Quantization.of(new float[] {(float) n.get("scale").asDouble()},
                new long[] {n.get("zero_point").asLong()}, 0);
    }

    private static int weights(ModelBuilder mb, String name, JsonNode w) {
        JsonNode v = w.get("values");
        ByteBuffer data = ByteBuffer.allocate(v.size());
        v.forEach(x -> data.put((byte) x.asInt()));
        data.flip();
        int[] shape = {w.get("shape").get(0).asInt(), w.get("shape").get(1).asInt()};
        return mb.tensor(name, DataType.INT8, shape, data, Quantization.of(new float[] {(float) w.get("scale").asDouble()},
                new long[] {0}, 0), false);
    }

    private static int bias(ModelBuilder mb, String name, JsonNode bj, boolean int64) {
        JsonNode v = bj.get("values");
        ByteBuffer data = ByteBuffer.allocate(v.size() * (int64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        v.forEach(x -> {
            if (int64) {
                data.putLong(x.asLong());
            } else {
                data.putInt(x.asInt());
            }
        });
        data.flip();
        return mb.tensor(name, int64 ? DataType.INT64 : DataType.INT32, new int[] {v.size()}, data,
                Quantization.of(new float[] {(float) bj.get("scale").asDouble()}, new long[] {0}, 0), false);
    }
}
