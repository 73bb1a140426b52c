package io.lstmq.engine.lstm;

import static io.lstmq.lstm.GoldenModels.floats;
import static io.lstmq.lstm.GoldenModels.tflmCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The float kernel on TFLM's 2x3x2x2 model (spec §8 float parameters) against the JSON's float reference. */
class FloatLstmTest {
    private static final float TOLERANCE = 1e-5f;
    /** The §8 model's cell_clip. */
    private static final float SPEC_CELL_CLIP = 6f;

    /** Spec §8: weights row-major [state][input], recurrent weights equal to the input weights. */
    static FloatLstmWeights specModel() {
        float[] forget = {-10, -10, -20, -20};
        float[] input = {10, 10, 20, 20};
        float[] ones = {1, 1, 1, 1};
        return new FloatLstmWeights(new LstmDims(2, 2, 2), List.of(
                FloatLstmWeights.GateWeights.of(input, input, new float[] {-1, -2}),
                FloatLstmWeights.GateWeights.of(forget, forget, new float[] {1, 2}),
                FloatLstmWeights.GateWeights.of(ones, ones, new float[] {0, 0}),
                FloatLstmWeights.GateWeights.of(ones, ones, new float[] {0, 0})), null, null);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesTheFloatReference(boolean timeMajor) {
        JsonNode c = tflmCase("eval_2x3x2x2_int8");
        int batch = c.get("batch").asInt();
        int steps = c.get("time_steps").asInt();
        float[] input = floats(c.get("float_input"));
        float[] expectedOutput = floats(c.get("float_reference_output"));
        if (timeMajor) {
            input = toTimeMajor(input, batch, steps, 2);
            expectedOutput = toTimeMajor(expectedOutput, batch, steps, 2);
        }
        float[] output = new float[batch * steps * 2];
        float[] hidden = new float[batch * 2];
        float[] cell = new float[batch * 2];
        HiddenLog log = new HiddenLog();
        new FloatLstm(specModel(), FusedActivation.TANH, SPEC_CELL_CLIP, 0f)
                .run(input, output, hidden, cell, batch, steps, timeMajor, log);
        assertArrayEquals(expectedOutput, output, TOLERANCE, "output");
        assertArrayEquals(floats(c.get("float_reference_hidden")), hidden, TOLERANCE, "final hidden");
        assertArrayEquals(floats(c.get("float_reference_cell")), cell, TOLERANCE, "final cell");
        // Without projection the hidden value m (intermediate 4) is the output itself.
        assertArrayEquals(expectedOutput, log.hiddenValues(), TOLERANCE, "recorded m");
        assertEquals(batch * steps * 4, log.gates, "one pre-activation per gate, step and row");
    }

    /**
     * One cell worked out from the §6 equations: CIFG (i = 1 - f), peephole on f (previous c) and o (updated
     * c), cell clip 0.55, projection 3·m + 0.1 clipped to 0.8. All matrix weights are 0 except the cell-gate
     * bias 1, so pre_f = c_prev = 0.5 and pre_o = the clipped c.
     */
    @Test
    void cifgPeepholeProjectionAndClips() {
        float[] zero = {0f};
        FloatLstmWeights w = new FloatLstmWeights(new LstmDims(1, 1, 1), List.of(
                new FloatLstmWeights.GateWeights(null, null, null, null, null),
                new FloatLstmWeights.GateWeights(zero, zero, new float[] {1f}, null, zero),
                FloatLstmWeights.GateWeights.of(zero, zero, new float[] {1f}),
                new FloatLstmWeights.GateWeights(zero, zero, new float[] {1f}, null, zero)),
                new float[] {3f}, new float[] {0.1f});
        double f = sigmoid(0.5);
        double c = Math.min(0.55, f * 0.5 + (1 - f) * Math.tanh(1));
        double m = sigmoid(c) * Math.tanh(c);
        float[] hidden = {0f};
        float[] cell = {0.5f};
        float[] output = new float[1];
        List<String> pre = new ArrayList<>();
        FloatLstmRecorder recorder = new FloatLstmRecorder() {
            @Override
            public void gatePreActivation(int step, int batchRow, Gate gate, float[] values, int offset, int length) {
                pre.add(gate + "=" + values[offset]);
            }

            @Override
            public void hidden(int step, int batchRow, float[] values, int offset, int length) {
                pre.add("m=" + values[offset]);
            }
        };
        new FloatLstm(w, FusedActivation.TANH, 0.55f, 0.8f).run(new float[] {0.7f}, output, hidden, cell, 1, 1,
                false, recorder);
        assertEquals(0.55, cell[0], 1e-7, "clipped cell");
        assertEquals(List.of("FORGET=0.5", "CELL=0.0", "OUTPUT=0.55"), pre.subList(0, 3));
        assertEquals(m, Float.parseFloat(pre.get(3).substring(2)), 1e-6, "m = o * tanh(c)");
        assertEquals(0.8f, output[0], "3m + 0.1 = " + (3 * m + 0.1) + " is clipped to proj_clip");
        assertEquals(output[0], hidden[0]);
    }

    /**
     * Rows are independent and a product does not depend on how rows are grouped: one run over 3 x 60 rows (two
     * blocks of input products), batch-major or time-major, equals 60 runs of one step, bit for bit.
     */
    @Test
    void layoutsBlocksAndSingleStepsAgree() {
        Random rnd = new Random(9);
        int batch = 3;
        int steps = 60;
        LstmDims dims = new LstmDims(5, 7, 4);
        List<FloatLstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new FloatLstmWeights.GateWeights(random(rnd, 7 * 5), random(rnd, 7 * 4),
                    g.hasPeephole() ? random(rnd, 7) : null, null, random(rnd, 7)));
        }
        FloatLstm lstm = new FloatLstm(new FloatLstmWeights(dims, gates, random(rnd, 4 * 7), random(rnd, 4)),
                FusedActivation.TANH, 3f, 0f);
        float[] batchMajor = random(rnd, batch * steps * 5);
        float[] timeMajor = toTimeMajor(batchMajor, batch, steps, 5);

        float[] outB = new float[batch * steps * 4];
        float[] hB = new float[batch * 4];
        float[] cB = new float[batch * 7];
        lstm.run(batchMajor, outB, hB, cB, batch, steps, false, null);
        float[] outT = new float[batch * steps * 4];
        float[] hT = new float[batch * 4];
        float[] cT = new float[batch * 7];
        lstm.run(timeMajor, outT, hT, cT, batch, steps, true, null);
        float[] outS = new float[batch * steps * 4];
        float[] hS = new float[batch * 4];
        float[] cS = new float[batch * 7];
        for (int t = 0; t < steps; t++) {
            float[] y = new float[batch * 4];
            lstm.run(Arrays.copyOfRange(timeMajor, t * batch * 5, (t + 1) * batch * 5), y, hS, cS, batch, 1, true,
                    null);
            System.arraycopy(y, 0, outS, t * batch * 4, y.length);
        }
        assertArrayEquals(toTimeMajor(outB, batch, steps, 4), outT, "batch-major vs time-major");
        assertArrayEquals(outT, outS, "whole sequence vs step by step");
        assertArrayEquals(hT, hB);
        assertArrayEquals(hT, hS);
        assertArrayEquals(cT, cB);
        assertArrayEquals(cT, cS);
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() - 0.5f;
        }
        return v;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static final class HiddenLog implements FloatLstmRecorder {
        final List<Float> hidden = new ArrayList<>();
        int gates;

        @Override
        public void gatePreActivation(int step, int batchRow, Gate gate, float[] values, int offset, int length) {
            gates++;
        }

        @Override
        public void hidden(int step, int batchRow, float[] m, int offset, int length) {
            for (int k = 0; k < length; k++) {
                hidden.add(m[offset + k]);
            }
        }

        float[] hiddenValues() {
            float[] out = new float[hidden.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = hidden.get(k);
            }
            return out;
        }
    }

    private static float[] toTimeMajor(float[] batchMajor, int batch, int steps, int features) {
        float[] out = new float[batchMajor.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(batchMajor, (b * steps + t) * features, out, (t * batch + b) * features, features);
            }
        }
        return out;
    }
}
