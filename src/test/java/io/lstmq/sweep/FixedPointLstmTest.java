package io.lstmq.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;

/**
 * A one-cell LSTM worked through by hand at W = A = 8. Formats: x covers 1.0 → Q1.6, h covers 0.5 → Q0.7, the cell
 * covers 1.0 → Q1.14 (16 bits), gates Q0.7, pre-activations Q3.12.
 *
 * <p>Step 1, x = 0.75 → 48, zero state:
 * <ul>
 * <li>i: w 0.5 → 64 (Q0.7), b 0.25 → 2048 at 2^-13; 48·64 + 2048 = 5120 at 2^-13 → 2560 (0.625); σ = 0.6514 → 83</li>
 * <li>f: w -0.5 → -64, b 1.0 → 8192; -3072 + 8192 = 5120 → 2560; σ → 83</li>
 * <li>g: w 1.0 → 64 (Q1.6), b 0; 3072 at 2^-12 (0.75); tanh = 0.6351 → 81</li>
 * <li>o: w 0.25 → 64, b -0.5 → -8192 at 2^-14; 3072 - 8192 = -5120 → -1280 (-0.3125); σ = 0.4225 → 54</li>
 * <li>c = f·0 + i·g = 83·81 = 6723 at 2^-14 (Q1.14 keeps it as is)</li>
 * <li>tanh(6723·2^-14 = 0.4103) = 0.3888 → 50; h = 54·50 = 2700 at 2^-14 → 21.09 → 21 = 0.1640625</li>
 * </ul>
 * Step 2, x = -0.5 → -32, h = 21: recurrent weights 0.25, 0.5, -0.75, 1.0 (Q1.6) give pre-activations
 * 168, 5456, -2552, -1888 and gates 65, 101, -71, 50; f·c + i·g = 101·6723 - 65·71·2^7 = 88303 at 2^-21
 * → 689.9 → c = 690; tanh(0.0421) → 5; h = 50·5 = 250 at 2^-14 → 1.95 → 2 = 0.015625.
 */
class FixedPointLstmTest {
    private static LstmParameters oneCell(float cellClip) {
        Map<Gate, float[]> w = new EnumMap<>(Gate.class);
        Map<Gate, float[]> r = new EnumMap<>(Gate.class);
        Map<Gate, float[]> b = new EnumMap<>(Gate.class);
        put(w, r, b, Gate.INPUT, 0.5f, 0.25f, 0.25f);
        put(w, r, b, Gate.FORGET, -0.5f, 0.5f, 1.0f);
        put(w, r, b, Gate.CELL, 1.0f, -0.75f, 0f);
        put(w, r, b, Gate.OUTPUT, 0.25f, 1.0f, -0.5f);
        return LstmParameters.of("hand-made LSTM", new LstmDims(1, 1, 1), w, r, b, cellClip, 1, 2);
    }

    private static void put(Map<Gate, float[]> w, Map<Gate, float[]> r, Map<Gate, float[]> b, Gate g, float wv,
            float rv, float bv) {
        w.put(g, new float[] {wv});
        r.put(g, new float[] {rv});
        b.put(g, new float[] {bv});
    }

    @Test
    void twoStepsGiveTheHandComputedIntegers() {
        FixedPointLstm lstm = new FixedPointLstm(oneCell(0f), new LstmRanges(1.0, 0.5, 1.0), 8, 8);
        assertEquals("Q1.6", lstm.inputFormat().toString());
        assertEquals("Q0.7", lstm.hiddenFormat().toString());
        assertEquals("Q1.14", lstm.cellFormat().toString());
        assertEquals("Q0.7", lstm.gateFormat().toString());
        assertEquals("Q-1.8", lstm.weightFormats(Gate.OUTPUT)[0].toString());
        assertEquals("Q1.6", lstm.weightFormats(Gate.OUTPUT)[1].toString());
        float[] out = new float[2];
        lstm.run(new float[] {0.75f, -0.5f}, out);
        assertArrayEquals(new float[] {21 / 128f, 2 / 128f}, out);
        // every sequence starts from a zero state: the same input gives the same output again
        lstm.run(new float[] {0.75f, -0.5f}, out);
        assertArrayEquals(new float[] {21 / 128f, 2 / 128f}, out);
    }

    @Test
    void theCellClipIsAppliedInTheCellFormat() {
        // clip 0.25 → 4096 at 2^-14, so c = min(6723, 4096); tanh(0.25) = 0.2449 → 31; 54·31 = 1674 → 13.08 → 13
        FixedPointLstm lstm = new FixedPointLstm(oneCell(0.25f), new LstmRanges(1.0, 0.5, 1.0), 8, 8);
        float[] out = new float[2];
        lstm.run(new float[] {0.75f, -0.5f}, out);
        assertEquals(13 / 128f, out[0]);
    }
}
