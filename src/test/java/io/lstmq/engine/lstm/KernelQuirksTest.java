package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.lstm.TensorScale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differences and quirks the golden vectors do not reach, on models whose scales make every FC rescale
 * exactly 1 (input and weight scales 2^-6, product 2^-12 = Q3.12), so the expected integers follow by hand.
 */
class KernelQuirksTest {
    private static final float SIXTY_FOURTH = 0x1p-6f;

    private static LstmQuantization.Builder unitScales(LstmVariant variant, float peepholeScale) {
        LstmQuantization.Builder b = LstmQuantization.builder()
                .variant(variant)
                .input(TensorScale.symmetric(SIXTY_FOURTH))
                .outputState(TensorScale.symmetric(SIXTY_FOURTH))
                .cellScale(0x1p-12f)
                .intermediate(LstmSlot.Intermediate.HIDDEN, TensorScale.symmetric(SIXTY_FOURTH));
        for (Gate g : Gate.values()) {
            b.gate(g, new LstmQuantization.GateScales(SIXTY_FOURTH, SIXTY_FOURTH, peepholeScale, 1.0f));
        }
        return b;
    }

    private static byte[] filled(int n, int v) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) v);
        return a;
    }

    /**
     * x = -100 and h = 127 with all weights 127, S = O = 3: input FC -12700, recurrent FC 3·127·127 = 48387.
     * TFLite Micro saturates each partial first: -12700 + 32767 = 20067. TFLite adds the raw recurrent
     * partial to the saturated input partial and saturates once: 35687 -> 32767 (spec §4.8 #8).
     */
    @Test
    void recurrentPartialSaturatesFirstOnlyInTflm() {
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(LstmWeights.GateWeights.of(filled(3, 127), filled(9, 127), new long[3]));
        }
        LstmWeights w = new LstmWeights(new LstmDims(1, 3, 3), gates, null, null);
        LstmQuantization q = unitScales(LstmVariant.STANDARD, 1.0f).build();

        assertEquals(List.of(20067, 20067, 20067), forgetPreActivation(TflmNumerics.of(q, w, FusedActivation.TANH)));
        assertEquals(List.of(32767, 32767, 32767), forgetPreActivation(TfliteNumerics.of(q, w)));
    }

    private static List<Integer> forgetPreActivation(LstmNumerics numerics) {
        GateRecorder trace = new GateRecorder(1, 3);
        new IntegerLstm(numerics).run(new short[] {-100}, new short[3], new short[] {127, 127, 127}, new short[3],
                1, 1, false, trace);
        return Arrays.stream(trace.preActivations[Gate.FORGET.ordinal()]).boxed().toList();
    }

    /**
     * TFLite's peephole runs over n_output elements with rows strided by n_output (spec §4.4). With S = 2,
     * O = 1, zero weights and peephole weights 1 at unit scale, the forget pre-activation is the cell value
     * where the loop reaches. Batch-major (one row per call): cell 0 of each row. Time-major with B = 2:
     * flat positions 0 and 1, i.e. both cells of row 0 and nothing for row 1.
     */
    @Test
    void peepholeLoopRunsOverNOutput() {
        short[] ones = {1, 1};
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new LstmWeights.GateWeights(new byte[2], new byte[2], g.hasPeephole() ? ones : null, null,
                    new long[2]));
        }
        LstmWeights w = new LstmWeights(new LstmDims(1, 2, 1), gates, new byte[2], null);
        // eff_cell = 2^P · s_peephole / 2^-12 = 1 with P = -12 and s_peephole = 1.
        LstmQuantization q = unitScales(new LstmVariant(false, true, true, false), 1.0f).build();

        assertArrayEquals(new int[] {1000, 0, 3000, 0}, forgetPreActivations(q, w, false));
        assertArrayEquals(new int[] {1000, 2000, 0, 0}, forgetPreActivations(q, w, true));
    }

    private static int[] forgetPreActivations(LstmQuantization q, LstmWeights w, boolean timeMajor) {
        GateRecorder trace = new GateRecorder(2, 2);
        short[] cell = {1000, 2000, 3000, 4000};
        new IntegerLstm(TfliteNumerics.of(q, w)).run(new short[2], new short[2], new short[2], cell, 2, 1,
                timeMajor, trace);
        return trace.preActivations[Gate.FORGET.ordinal()];
    }

    /** CIFG: the input gate is 1 - f in Q0.15 and has no pre-activation. */
    @Test
    void cifgDerivesTheInputGate() {
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        gates.add(new LstmWeights.GateWeights(null, null, null, null, null));
        for (int k = 1; k < 4; k++) {
            gates.add(LstmWeights.GateWeights.of(new byte[] {100, -50}, new byte[] {7, 7, 7, 7}, new long[] {5, -5}));
        }
        LstmWeights w = new LstmWeights(new LstmDims(1, 2, 2), gates, null, null);
        LstmQuantization q = unitScales(new LstmVariant(true, false, false, false), 1.0f).build();
        List<short[]> forget = new ArrayList<>();
        List<short[]> input = new ArrayList<>();
        List<Boolean> inputHasPreActivation = new ArrayList<>();
        LstmTrace trace = new LstmTrace() {
            @Override
            public void gate(int step, int row, Gate gate, short[] pre, short[] out, int offset, int length) {
                short[] values = Arrays.copyOfRange(out, offset, offset + length);
                if (gate == Gate.FORGET) {
                    forget.add(values);
                } else if (gate == Gate.INPUT) {
                    input.add(values);
                    inputHasPreActivation.add(pre != null);
                }
            }
        };
        new IntegerLstm(TfliteNumerics.of(q, w)).run(new short[] {30, -90}, new short[4], new short[2],
                new short[2], 1, 2, false, trace);
        assertEquals(List.of(false, false), inputHasPreActivation);
        for (int t = 0; t < 2; t++) {
            short[] f = forget.get(t);
            assertArrayEquals(new short[] {(short) (32767 - f[0]), (short) (32767 - f[1])}, input.get(t), "step " + t);
        }
        assertThrows(LstmqException.class, () -> TflmNumerics.of(q, w, FusedActivation.TANH));
    }

    /** TFLite's tanh(c) exists only for 15 + P in 0..6; a 2^-16 cell scale cannot be computed. */
    @Test
    void tfliteRefusesACellScaleItsTanhCannotTake() {
        List<LstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(LstmWeights.GateWeights.of(new byte[1], new byte[1], new long[1]));
        }
        LstmWeights w = new LstmWeights(new LstmDims(1, 1, 1), gates, null, null);
        LstmQuantization q = unitScales(LstmVariant.STANDARD, 1.0f).cellScale(0x1p-16f).build();
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteNumerics.of(q, w));
        assertTrue(e.getMessage().startsWith("TFLite cannot compute this LSTM: cell state scale"), e.getMessage());
        TflmNumerics.of(q, w, FusedActivation.TANH); // TFLite Micro takes any power of two
    }
}
