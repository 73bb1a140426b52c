package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.cli.CliRunner;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.testing.Shared;
import io.lstmq.run.Engine;

/**
 * The acceptance runs of {@code lstmq convert} on the trained MNIST LSTM: converted with the 1,000 calibration
 * digits and scored on all 10,000 test digits (LSTM state reset per digit). The float model scores 99.16% and
 * TensorFlow's own int8 model 99.09% (README of the shared data). The whole class takes a few seconds.
 */
class MnistConversionTest {
    private static final int DIGITS = 10_000;
    /** Official int8 model (TensorFlow's converter) on these digits, in TFLite. */
    private static final int OFFICIAL_INT8_CORRECT = 9909;
    /** Float model on these digits. */
    private static final int FLOAT_CORRECT = 9916;

    @TempDir
    static Path tmp;

    private static NdArray digits;
    private static int[] labels;
    private static Path floatModel;
    private static Path calibration;
    /** The default conversion (int8), shared by the tests that need it. */
    private static Path int8;

    @BeforeAll
    static void readDigits() {
        NdArray images = Npy.read(Shared.path("data/mnist/images_uint8.npy"));
        labels = Npy.read(Shared.path("data/mnist/labels_int32.npy")).asIntArray();
        float[] x = new float[DIGITS * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = images.getFloat(i) / 255f; // the scaling of calib_1000_float32.npy
        }
        digits = NdArray.ofFloats(new long[] {DIGITS, 28, 28}, x);
        floatModel = Shared.path("models/mnist_lstm/trained_lstm.tflite");
        calibration = Shared.path("data/mnist/calib_1000_float32.npy");
    }

    private static synchronized Path int8() {
        if (int8 == null) {
            int8 = convert("int8.tflite");
        }
        return int8;
    }

    @Test
    void int8ModelRunsInTfliteAtLeastAsAccurateAsTheOfficialOne() {
        ModelFile model = ModelFile.open(int8());
        int correct = correct(new FloatOutputRun(model, inputs(model), Engine.TFLITE, Numerics.TFLM));
        assertTrue(correct >= OFFICIAL_INT8_CORRECT, correct + " of 10,000 digits right, the official int8 model "
                + "gets " + OFFICIAL_INT8_CORRECT);
        assertSameStructure(ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite")).model(),
                model.model());
    }

    @Test
    void int16ModelInTheTflmEngineStaysWithin003PointsOfFloat() {
        Path out = convert("int16.tflite", "--activations", "int16");
        ModelFile model = ModelFile.open(out);
        int correct = correct(new FloatOutputRun(model, inputs(model), Engine.JAVA, Numerics.TFLM));
        assertTrue(Math.abs(correct - FLOAT_CORRECT) <= 3, correct + " of 10,000 digits right, float gets "
                + FLOAT_CORRECT);
    }

    @Test
    void hybridModelConvertsToTheAccuracyOfTheFloatModelConversion() {
        Path hybrid = tmp.resolve("hybrid.tflite");
        assertEquals(0, CliRunner.run("convert", floatModel.toString(), "-o", hybrid.toString(), "--weights-only")
                .code());
        Path fromHybrid = tmp.resolve("from_hybrid.tflite");
        CliRunner.Result r = CliRunner.run("convert", hybrid.toString(), "-o", fromHybrid.toString(), "--calibration",
                calibration.toString(), "--check-samples", "0");
        assertEquals(0, r.code(), r.err());
        ModelFile a = ModelFile.open(fromHybrid);
        ModelFile b = ModelFile.open(int8());
        int viaHybrid = correct(new FloatOutputRun(a, inputs(a), Engine.TFLITE, Numerics.TFLM));
        int fromFloat = correct(new FloatOutputRun(b, inputs(b), Engine.TFLITE, Numerics.TFLM));
        assertTrue(Math.abs(viaHybrid - fromFloat) <= 2, "via hybrid " + viaHybrid + ", from float " + fromFloat
                + " of 10,000");
    }

    private static Path convert(String name, String... extra) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("convert", floatModel.toString(), "-o", out.toString(),
                "--calibration", calibration.toString(), "--check-samples", "0"));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.out() + r.err());
        return out;
    }

    private static ModelInputs inputs(ModelFile model) {
        return ModelInputs.bind(model.model().subgraph(0), Map.of("", digits), "mnist test digits");
    }

    private static int correct(FloatOutputRun runner) {
        try (runner) {
            int correct = 0;
            for (int s = 0; s < DIGITS; s++) {
                float[] scores = runner.run(s).get(0);
                int best = 0;
                for (int k = 1; k < scores.length; k++) {
                    if (scores[k] > scores[best]) {
                        best = k;
                    }
                }
                correct += best == labels[s] ? 1 : 0;
            }
            return correct;
        }
    }

    /**
     * Same operators in the same order, every operator's inputs, outputs and intermediates of the same types and
     * shapes, and the same model input and output parameters (both follow from the data and the kernels).
     */
    private static void assertSameStructure(Model official, Model converted) {
        SubGraph a = official.subgraph(0);
        SubGraph b = converted.subgraph(0);
        assertEquals(a.tensorCount(), b.tensorCount());
        assertEquals(a.operators().size(), b.operators().size());
        for (int i = 0; i < a.operators().size(); i++) {
            Operator x = a.operators().get(i);
            Operator y = b.operators().get(i);
            assertEquals(official.operatorCodes().get(x.opcodeIndex()).name(),
                    converted.operatorCodes().get(y.opcodeIndex()).name());
            assertSameTensors(a, x.inputs(), b, y.inputs(), "inputs of operator " + i);
            assertSameTensors(a, x.outputs(), b, y.outputs(), "outputs of operator " + i);
            assertSameTensors(a, x.intermediates(), b, y.intermediates(), "intermediates of operator " + i);
        }
        for (int[] io : List.of(new int[] {a.inputs()[0], b.inputs()[0]}, new int[] {a.outputs()[0], b.outputs()[0]})) {
            Tensor x = a.tensor(io[0]);
            Tensor y = b.tensor(io[1]);
            assertEquals(x.scale(), y.scale(), y.describe());
            assertEquals(x.zeroPoint(), y.zeroPoint(), y.describe());
        }
    }

    private static void assertSameTensors(SubGraph a, int[] x, SubGraph b, int[] y, String what) {
        assertEquals(x.length, y.length, what);
        for (int k = 0; k < x.length; k++) {
            assertEquals(x[k] < 0, y[k] < 0, what + " #" + k);
            if (x[k] >= 0) {
                Tensor s = a.tensor(x[k]);
                Tensor t = b.tensor(y[k]);
                assertEquals(s.type(), t.type(), what + " #" + k + " " + t.describe());
                assertEquals(java.util.Arrays.toString(s.shape()), java.util.Arrays.toString(t.shape()),
                        what + " #" + k + " " + t.describe());
                assertEquals(s.isVariable(), t.isVariable(), what + " #" + k + " " + t.describe());
            }
        }
    }
}
