package io.lstmq.engine.lstm;

import static io.lstmq.lstm.GoldenModels.ints;
import static io.lstmq.lstm.GoldenModels.shorts;
import static io.lstmq.lstm.GoldenModels.tflmCase;
import static io.lstmq.lstm.GoldenModels.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.GoldenModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TFLM 2x3x2x2 model against the integers of the real TFLite Micro kernel, int8 and int16. */
class TflmNumericsGoldenTest {

    static IntegerLstm kernel(JsonNode testCase) {
        return new IntegerLstm(TflmNumerics.of(GoldenModels.tflmQuantization(testCase),
                GoldenModels.tflmWeights(testCase), FusedActivation.TANH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eval_2x3x2x2_int8", "eval_2x3x2x2_int16"})
    void evalSequence(String name) {
        JsonNode c = tflmCase(name);
        Run run = Run.of(c, c.get("time_major").asBoolean());
        kernel(c).run(run.input, run.output, run.hidden, run.cell, run.batch, run.steps, run.timeMajor, null);
        assertArrayEquals(ints(c.get("expected_output_tflm")), widen(run.output), "output");
        assertArrayEquals(ints(c.get("expected_hidden_tflm")), widen(run.hidden), "final hidden");
        assertArrayEquals(ints(c.get("expected_cell_tflm")), widen(run.cell), "final cell");
    }

    /** The same sequence transposed to time-major gives the same integers (rows are independent). */
    @ParameterizedTest
    @ValueSource(strings = {"eval_2x3x2x2_int8", "eval_2x3x2x2_int16"})
    void evalSequenceTimeMajor(String name) {
        JsonNode c = tflmCase(name);
        Run run = Run.of(c, true);
        kernel(c).run(run.input, run.output, run.hidden, run.cell, run.batch, run.steps, true, null);
        assertArrayEquals(Run.toTimeMajor(ints(c.get("expected_output_tflm")), run.batch, run.steps,
                c.get("state_dim").asInt()), widen(run.output), "output");
        assertArrayEquals(ints(c.get("expected_cell_tflm")), widen(run.cell), "final cell");
    }

    @ParameterizedTest
    @ValueSource(strings = {"one_step_gate_check_int8", "one_step_gate_check_int16"})
    void oneStepWithGateOutputs(String name) {
        JsonNode c = tflmCase(name);
        Run run = Run.of(c, true);
        GateRecorder gates = new GateRecorder(run.batch, c.get("state_dim").asInt());
        kernel(c).run(run.input, run.output, run.hidden, run.cell, run.batch, 1, true, gates);
        JsonNode expected = c.get("expected_gate_outputs_Q0_15_tflm");
        for (Gate g : Gate.values()) {
            assertArrayEquals(ints(expected.get(g.tfliteName())), gates.outputs[g.ordinal()], g.tfliteName());
        }
        assertArrayEquals(ints(c.get("expected_hidden_tflm")), widen(run.hidden), "hidden");
        assertArrayEquals(ints(c.get("expected_cell_tflm")), widen(run.cell), "cell");
    }

    /** Arrays of one golden case. Input is converted to the requested layout. */
    static final class Run {
        short[] input;
        short[] output;
        short[] hidden;
        short[] cell;
        int batch;
        int steps;
        boolean timeMajor;

        static Run of(JsonNode c, boolean timeMajor) {
            Run r = new Run();
            r.batch = c.get("batch").asInt();
            r.steps = c.get("time_steps").asInt();
            r.timeMajor = timeMajor;
            int features = c.get("input_dim").asInt();
            short[] input = shorts(c.get("quantized_input"));
            boolean fileTimeMajor = c.get("time_major").asBoolean();
            r.input = timeMajor == fileTimeMajor ? input
                    : shortsOf(toTimeMajor(widen(input), r.batch, r.steps, features));
            r.hidden = shorts(c.get("initial_hidden"));
            r.cell = shorts(c.get("initial_cell"));
            r.output = new short[r.batch * r.steps * r.hidden.length / r.batch];
            return r;
        }

        /** {@code [B][T][F]} to {@code [T][B][F]}. */
        static int[] toTimeMajor(int[] batchMajor, int batch, int steps, int features) {
            int[] out = new int[batchMajor.length];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(batchMajor, (b * steps + t) * features, out, (t * batch + b) * features, features);
                }
            }
            return out;
        }

        private static short[] shortsOf(int[] a) {
            short[] out = new short[a.length];
            for (int k = 0; k < a.length; k++) {
                out[k] = (short) a[k];
            }
            return out;
        }
    }
}
