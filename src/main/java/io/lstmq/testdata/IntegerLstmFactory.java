package io.lstmq.testdata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.Quantization;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.ActivationFunctionType;
import io.lstmq.schema.BuiltinOperator;

/**
 * Builds random int8 LSTM models the way the quantizer lays them out: int8 weights with per-tensor scales, int32
 * biases at scale s_in * s_w, an int16 power-of-two cell state, and five intermediates of which the hidden one
 * (index 4) carries the output state's quantization, as TFLite requires.
 */
public final class IntegerLstmFactory {
    private IntegerLstmFactory() {}

    public static Model build(IntegerLstmSpec spec) {
        SplittableRandom r = new SplittableRandom(spec.seed());
        int b = spec.batch();
        int t = spec.steps();
        int s = spec.units();
        ModelBuilder mb = new ModelBuilder("lstmq random int8 LSTM " + spec);
        float inScale = (float) (1.0 / 128 * (0.5 + r.nextDouble()));
        long inZp = r.nextInt(-20, 21);
        float hScale = (float) (1.0 / 128 * (0.5 + r.nextDouble()));
        long hZp = r.nextInt(-10, 11);
        int[] inShape = spec.timeMajor() ? new int[] {t, b, spec.inputs()} : new int[] {b, t, spec.inputs()};
        int[] outShape = spec.timeMajor() ? new int[] {t, b, s} : new int[] {b, t, s};
        int[] slots = new int[24];
        Arrays.fill(slots, -1);
        slots[0] = mb.tensor("input", DataType.INT8, inShape, null, q(inScale, inZp), false);
        float[] wScales = new float[4];
        for (int g = 0; g < 4; g++) {
            wScales[g] = (float) (0.5 / Math.sqrt(s) / 127 * (0.5 + r.nextDouble()));
            slots[1 + g] = weights(mb, r, "w" + g, s, spec.inputs(), wScales[g]);
            slots[5 + g] = weights(mb, r, "r" + g, s, s, (float) (0.5 / Math.sqrt(s) / 127 * (0.5 + r.nextDouble())));
        }
        for (int g = 0; g < 4; g++) {
            float biasScale = inScale * wScales[g];
            ByteBuffer bias = ByteBuffer.allocate(4 * s).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < s; i++) {
                double real = (g == 1 ? 1.0 : 0.0) + 0.2 * (r.nextDouble() - 0.5);
                bias.putInt((int) Math.round(real / biasScale));
            }
            bias.flip();
            slots[12 + g] = mb.tensor("b" + g, DataType.INT32, new int[] {s}, bias, q(biasScale, 0), false);
        }
        slots[18] = mb.tensor("output_state", DataType.INT8, new int[] {b, s}, null, q(hScale, hZp), true);
        float cellScale = Math.scalb(1f, r.nextBoolean() ? -11 : -12);
        slots[19] = mb.tensor("cell_state", DataType.INT16, new int[] {b, s}, null, q(cellScale, 0), true);
        int out = mb.tensor("output", DataType.INT8, outShape, null, q(hScale, hZp), false);
        int[] intermediates = new int[5];
        for (int k = 0; k < 4; k++) {
            intermediates[k] = mb.tensor("intermediate_0_" + k, DataType.FLOAT32, new int[] {0}, null, null, false);
        }
        intermediates[4] = mb.tensor("intermediate_0_4", DataType.INT8, new int[] {0}, null, q(hScale, hZp), false);
        FbTable options = ModelBuilder.options("UnidirectionalSequenceLSTMOptions");
        options.set("fused_activation_function", (long) ActivationFunctionType.TANH);
        options.set("cell_clip", (double) spec.cellClip());
        options.set("time_major", spec.timeMajor() ? 1L : 0L);
        mb.operator(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, 2, slots, new int[] {out}, options)
                .setIntermediates(intermediates);
        mb.inputs(slots[0]);
        mb.outputs(out);
        return mb.model();
    }

    private static Quantization q(float scale, long zp) {
        return Quantization.of(new float[] {scale}, new long[] {zp}, 0);
    }

    private static int weights(ModelBuilder mb, SplittableRandom r, String name, int rows, int cols, float scale) {
        ByteBuffer w = ByteBuffer.allocate(rows * cols);
        for (int i = 0; i < rows * cols; i++) {
            w.put((byte) r.nextInt(-127, 128));
        }
        w.flip();
        return mb.tensor(name, DataType.INT8, new int[] {rows, cols}, w, q(scale, 0), false);
    }
}
