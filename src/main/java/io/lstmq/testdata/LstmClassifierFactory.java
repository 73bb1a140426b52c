package io.lstmq.testdata;

import java.util.SplittableRandom;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.ActivationFunctionType;
import io.lstmq.schema.BuiltinOperator;

/** Builds float LSTM classifiers with deterministic weights, laid out as TensorFlow's converter lays them out. */
public final class LstmClassifierFactory {
    private LstmClassifierFactory() {}

    public static Model build(LstmClassifierSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        ModelBuilder b = new ModelBuilder("lstmq synthetic LSTM classifier " + spec);
        int t = spec.steps();
        int s = spec.units();
        int x = b.activation("input", DataType.FLOAT32, 1, t, spec.inputs());
        b.inputs(x);
        int width = spec.inputs();
        for (int layer = 0; layer < spec.layers(); layer++) {
            x = lstm(b, random, "lstm" + (layer == 0 ? "" : "_" + layer), x, t, width, s);
            width = s;
        }
        int shape = b.constant("flatten/shape", new int[] {2}, new int[] {1, t * s});
        int flat = b.activation("flatten", DataType.FLOAT32, 1, t * s);
        b.operator(BuiltinOperator.RESHAPE, 1, new int[] {x, shape}, new int[] {flat}, null);
        // Wide enough that the classes are well apart: a near-uniform softmax would make top-1 agreement noise.
        float bound = (float) (6 / Math.sqrt(t * s));
        int w = b.constant("dense/kernel", new int[] {spec.classes(), t * s}, uniform(random,
                spec.classes() * t * s, bound));
        int bias = b.constant("dense/bias", new int[] {spec.classes()}, uniform(random, spec.classes(), 0.1f));
        int logits = b.activation("dense", DataType.FLOAT32, 1, spec.classes());
        FbTable fc = ModelBuilder.options("FullyConnectedOptions");
        fc.set("fused_activation_function", (long) ActivationFunctionType.NONE);
        b.operator(BuiltinOperator.FULLY_CONNECTED, 1, new int[] {flat, w, bias}, new int[] {logits}, fc);
        int probs = b.activation("probabilities", DataType.FLOAT32, 1, spec.classes());
        FbTable softmax = ModelBuilder.options("SoftmaxOptions");
        softmax.set("beta", 1.0);
        b.operator(BuiltinOperator.SOFTMAX, 1, new int[] {logits}, new int[] {probs}, softmax);
        b.outputs(probs);
        return b.model();
    }

    /** One UNIDIRECTIONAL_SEQUENCE_LSTM with the 24 standard inputs (no CIFG, peephole, projection, layer norm). */
    private static int lstm(ModelBuilder b, SplittableRandom random, String name, int input, int steps, int width,
                            int units) {
        float bound = (float) (1 / Math.sqrt(units));
        int[] in = new int[24];
        java.util.Arrays.fill(in, -1);
        in[0] = input;
        String[] gates = {"input", "forget", "cell", "output"};
        for (int g = 0; g < 4; g++) {
            in[1 + g] = b.constant(name + "/" + gates[g] + "/kernel", new int[] {units, width},
                    uniform(random, units * width, bound));
        }
        for (int g = 0; g < 4; g++) {
            in[5 + g] = b.constant(name + "/" + gates[g] + "/recurrent_kernel", new int[] {units, units},
                    uniform(random, units * units, bound));
        }
        for (int g = 0; g < 4; g++) {
            float[] bias = uniform(random, units, 0.1f);
            if (g == 1) {
                // Keras initialises the forget bias to one so the cell keeps its state early in training.
                for (int i = 0; i < units; i++) {
                    bias[i] += 1f;
                }
            }
            in[12 + g] = b.constant(name + "/" + gates[g] + "/bias", new int[] {units}, bias);
        }
        in[18] = b.tensor(name + "/output_state", DataType.FLOAT32, new int[] {1, units}, null, null, true);
        in[19] = b.tensor(name + "/cell_state", DataType.FLOAT32, new int[] {1, units}, null, null, true);
        int out = b.activation(name + "/output", DataType.FLOAT32, 1, steps, units);
        FbTable options = ModelBuilder.options("UnidirectionalSequenceLSTMOptions");
        options.set("fused_activation_function", (long) ActivationFunctionType.TANH);
        options.set("cell_clip", 10.0);
        options.set("time_major", 0L);
        b.operator(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, 1, in, new int[] {out}, options);
        return out;
    }

    private static float[] uniform(SplittableRandom random, int n, float bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /** Deterministic calibration or evaluation sequences, shaped [n, steps, inputs], values in [0, 1). */
    public static float[] sequences(LstmClassifierSpec spec, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * spec.steps() * spec.inputs()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble();
        }
        return v;
    }
}
