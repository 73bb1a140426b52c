package io.lstmq.engine.lstm;

/**
 * TFLite Micro's int16 sigmoid and tanh (spec §4.3): a 256-entry sigmoid table sampled every 1/24, read with
 * linear interpolation; tanh reuses it through tanh(x) = 2·sigmoid(2x) - 1. Outputs are Q0.15.
 * Both are a handful of integer operations on a 1 KiB table, cheap enough to call per element.
 */
public final class TflmActivations {
    /**
     * TFLM's {@code sigmoid_table_uint16} (spec Appendix A): samples of 65536·sigmoid(k/24) for k = 0..255,
     * from 32768 up to 65535. It is data of the format, copied as is: no simple rounding rule reproduces it.
     */
    private static final int[] SIGMOID_TABLE = {
            32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513,
            38180, 38841, 39498, 40149, 40794, 41432, 42064, 42688,
            43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369,
            47911, 48443, 48964, 49475, 49975, 50464, 50942, 51409,
            51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755,
            55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433,
            57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519,
            59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110,
            61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302,
            62428, 62549, 62666, 62778, 62886, 62990, 63090, 63186,
            63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835,
            63903, 63968, 64030, 64090, 64148, 64204, 64257, 64308,
            64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
            64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900,
            64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
            65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208,
            65221, 65234, 65246, 65258, 65269, 65280, 65291, 65301,
            65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367,
            65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415,
            65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449,
            65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474,
            65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491,
            65493, 65495, 65497, 65498, 65500, 65501, 65503, 65504,
            65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513,
            65514, 65515, 65516, 65517, 65517, 65518, 65519, 65520,
            65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
            65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528,
            65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530,
            65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532,
            65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
            65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534,
            65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535
    };

    /** Raw int16 gate pre-activations are Q3.12: scale 2^-12. */
    public static final int GATE_SCALE_POWER = -12;

    private TflmActivations() {}

    /**
     * Sigmoid of a Q3.12 input, as the LSTM kernel calls it (input multiplier 0, shift 0, so the input is
     * scaled by 3 and read with 9 interpolation bits).
     *
     * @param q3_12 raw int16 value, scale 2^-12
     * @return Q0.15 in [0, 32767]
     */
    public static int sigmoid(int q3_12) {
        int v = 3 * q3_12;
        int a = Math.abs(v);
        int k = a >> 9;
        int r = k >= 255 ? 32767 << 10
                : (SIGMOID_TABLE[k] << 9) + (a & 511) * (SIGMOID_TABLE[k + 1] - SIGMOID_TABLE[k]);
        r = v >= 0 ? r + 512 : (1 << 25) - r + 511;
        return r >>> 10;
    }

    /**
     * Tanh of a raw int16 whose scale is 2^scalePower: -12 for the cell gate (Q3.12), log2 of the cell scale
     * for tanh(c). The input is brought to the table's resolution by a multiplier of 3·2^L or a rounding
     * right shift, with L = 15 + scalePower - 3 (meaningful for scalePower below 18).
     *
     * @return Q0.15 in [-32767, 32767]
     */
    public static int tanh(int x, int scalePower) {
        int leftShift = scalePower + 12;
        int v = leftShift < 0
                ? (x * 3 + (1 << (-leftShift - 1))) >> -leftShift
                : x * (3 << leftShift);
        int a = Math.abs(v);
        int k = a >> 8;
        int r = k >= 255 ? 65535 << 8
                : (SIGMOID_TABLE[k] << 8) + (a & 255) * (SIGMOID_TABLE[k + 1] - SIGMOID_TABLE[k]);
        r = v >= 0 ? r - (1 << 23) + 128 : -r + (1 << 23) + 127;
        return (short) (r >> 8);
    }
}
