package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.inspect.Json;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbDiff;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.BuiltinOperator;
import io.lstmq.testing.Shared;

class ConvertCommandTest {
    private static final Path CLASSIFIER = Path.of("testdata", "lstm_classifier.tflite");
    private static final Path CLASSIFIER_DATA = Path.of("testdata", "calibration.npy");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lstm_calibrated:lstm_quantized", "lstm_calibrated2:lstm_quantized2",
        "unidirectional_sequence_lstm_calibrated:unidirectional_sequence_lstm_quantized"})
    void calibratedGoldenConvertsToItsQuantizedPartner(String pair) {
        String[] names = pair.split(":");
        Path out = tmp.resolve(names[1] + ".tflite");
        Cli r = Cli.run("convert", golden(names[0]).toString(), "-o", out.toString(), "--io", "float");
        assertEquals(0, r.code(), r.err());
        Model produced = ModelFile.open(out).model();
        Model expected = ModelFile.open(golden(names[1])).model();
        // The older goldens predate OperatorCode.builtin_code; the builtin of each code is compared instead.
        assertEquals(List.of(), FbDiff.compare(produced.tree(), expected.tree(), "model",
                (table, field) -> !(table.name().equals("OperatorCode") && field.name().equals("builtin_code")), 50));
        assertEquals(codes(expected), codes(produced));
        assertTrue(r.out().contains("check: written model verified"), r.out());
    }

    @Test
    void floatModelWithCalibrationBecomesIntegerAndIsChecked() {
        Path out = tmp.resolve("classifier_int8.tflite");
        Cli r = Cli.run("convert", CLASSIFIER.toString(), "-o", out.toString(), "--calibration",
                CLASSIFIER_DATA.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no progress without a terminal");
        assertTrue(r.out().contains("calibration: 32 samples"), r.out());
        assertTrue(r.out().contains("check: TFLite runs it"), r.out());
        assertTrue(r.out().contains("check: lstmq engine (tflm numerics) runs it"), r.out());
        assertTrue(r.out().contains("check: TFLite Micro can run it as an integer model"), r.out());
        Model m = ModelFile.open(out).model();
        assertEquals(DataType.INT8, m.subgraph(0).tensor(m.subgraph(0).inputs()[0]).type());
        assertEquals(List.of("UNIDIRECTIONAL_SEQUENCE_LSTM v2", "RESHAPE v1", "FULLY_CONNECTED v4", "SOFTMAX v2"),
                codes(m));
        Operator lstm = m.subgraph(0).operators().get(0);
        assertEquals(5, lstm.intermediates().length);
        assertEquals("intermediate_0_4", m.subgraph(0).tensor(lstm.intermediates()[4]).name());
    }

    @Test
    void jsonSummaryForCi() {
        Path out = tmp.resolve("classifier_int16.tflite");
        Cli r = Cli.run("convert", CLASSIFIER.toString(), "-o", out.toString(), "--calibration",
                CLASSIFIER_DATA.toString(), "--activations", "int16", "--io", "float", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = read(r.out());
        assertEquals("float", j.at("/input/kind").asText());
        assertEquals("float", j.at("/output/io").asText());
        assertEquals(Files.exists(out) ? size(out) : -1, j.at("/output/bytes").asLong());
        assertEquals(32, j.at("/calibration/samples").asInt());
        assertEquals("int16", j.at("/lstms/0/cellState/type").asText());
        assertEquals("int16", j.at("/lstms/0/outputState/type").asText());
        assertEquals(0, j.at("/lstms/0/outputState/zeroPoint").asInt());
        assertTrue(j.at("/checks/verified").asBoolean());
        assertTrue(j.at("/checks/passed").asBoolean());
        assertEquals("lstmq engine (tflm numerics)", j.at("/checks/runs/0/runtime").asText());
        assertTrue(j.at("/checks/notes/0").asText().contains("TFLite has no LSTM kernel with int16 activations"));
    }

    @Test
    void weightsOnlyWritesAHybridModelThatConvertsLikeTheFloatOne() {
        Path hybrid = tmp.resolve("hybrid.tflite");
        Cli r = Cli.run("convert", CLASSIFIER.toString(), "-o", hybrid.toString(), "--weights-only",
                "--calibration", CLASSIFIER_DATA.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("9 weight tensors quantized to int8"), r.out());
        assertTrue(r.out().contains("check: TFLite runs it"), r.out());
        assertTrue(r.out().contains("TFLite Micro cannot run it"), r.out());
        Model m = ModelFile.open(hybrid).model();
        assertEquals(List.of("UNIDIRECTIONAL_SEQUENCE_LSTM v2", "RESHAPE v1", "FULLY_CONNECTED v3", "SOFTMAX v1"),
                codes(m));
        assertEquals(DataType.FLOAT32, m.subgraph(0).tensor(0).type());
        assertEquals(DataType.INT8, m.subgraph(0).tensorNamed("lstm/forget/kernel").type());
        assertEquals(DataType.FLOAT32, m.subgraph(0).tensorNamed("lstm/forget/bias").type());

        Path integer = tmp.resolve("from_hybrid.tflite");
        r = Cli.run("convert", hybrid.toString(), "-o", integer.toString(), "--calibration", CLASSIFIER_DATA.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("hybrid input: 9 int8 weight tensors dequantized"), r.out());
        refused(List.of("convert", hybrid.toString(), "-o", tmp.resolve("x.tflite").toString(), "--weights-only"),
                "already hybrid (int8 weights, float activations); --weights-only has nothing left to do");
    }

    // ---- refusals: what lstmq found and what to do ----

    @Test
    void refusesAnIntegerModel() {
        refused(convert(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite")),
                "already integer: subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) reads int8 activations, so "
                        + "there is nothing to convert");
    }

    @Test
    void refusesAModelWithoutLstm() {
        refused(convert(Shared.path("models/roundtrip/tflm_hello_world_float.tflite")),
                "found no LSTM operator; lstmq converts models with LSTM or UNIDIRECTIONAL_SEQUENCE_LSTM "
                        + "(operators: FULLY_CONNECTED x3)");
    }

    @Test
    void refusesALoopInsteadOfAFusedLstm() {
        refused(convert(Shared.path("models/roundtrip/litert_multi_subgraphs_while.tflite")),
                "found no LSTM operator but a WHILE loop, which is how an unfused LSTM is exported");
    }

    @Test
    void refusesAnUnrolledLstmCell() {
        Path model = write("unrolled.tflite", b -> {
            int x = b.activation("x", DataType.FLOAT32, 1, 4);
            int s = b.activation("s", DataType.FLOAT32, 1, 4);
            int t = b.activation("t", DataType.FLOAT32, 1, 4);
            int h = b.activation("h", DataType.FLOAT32, 1, 4);
            b.operator(BuiltinOperator.LOGISTIC, 1, new int[] {x}, new int[] {s}, null);
            b.operator(BuiltinOperator.TANH, 1, new int[] {x}, new int[] {t}, null);
            b.operator(BuiltinOperator.MUL, 1, new int[] {s, t}, new int[] {h}, null);
            b.inputs(x);
            b.outputs(h);
        });
        refused(convert(model), "found what looks like an unfused (unrolled) LSTM built from LOGISTIC, TANH and MUL "
                + "operators; re-export it with a fused LSTM");
    }

    @Test
    void refusesABidirectionalLstm() {
        Path model = write("bidirectional.tflite", b -> {
            int x = b.activation("x", DataType.FLOAT32, 1, 3, 4);
            int y = b.activation("y", DataType.FLOAT32, 1, 3, 8);
            b.operator(BuiltinOperator.BIDIRECTIONAL_SEQUENCE_LSTM, 1, new int[] {x}, new int[] {y}, null);
            b.inputs(x);
            b.outputs(y);
        });
        refused(convert(model), "found a BIDIRECTIONAL_SEQUENCE_LSTM, which has no integer kernel");
    }

    @Test
    void refusesTheBasicLstmKernel() {
        Path model = write("basic.tflite", b -> {
            int[] in = new int[5];
            for (int i = 0; i < 5; i++) {
                in[i] = b.activation("in" + i, DataType.FLOAT32, 1, 4);
            }
            int y = b.activation("y", DataType.FLOAT32, 1, 4);
            FbTable options = ModelBuilder.options("LSTMOptions");
            options.set("kernel_type", 1L);
            b.operator(BuiltinOperator.LSTM, 2, in, new int[] {y}, options);
            b.inputs(in[0]);
            b.outputs(y);
        });
        refused(convert(model), "is the 5-input 'basic' LSTM kernel, which has no integer version");
    }

    @Test
    void refusesAFloatModelWithoutCalibrationData() {
        refused(convert(CLASSIFIER), "a float model has no recorded activation ranges; give representative inputs "
                + "with --calibration FILE.npy");
    }

    @Test
    void refusesInt16ActivationsForTheSingleStepLstm() {
        refused(List.of("convert", golden("lstm_calibrated").toString(), "-o", tmp.resolve("x.tflite").toString(),
                "--activations", "int16"), "with --activations int16 the model runs only in TFLite Micro, which has "
                        + "no LSTM kernel, only UNIDIRECTIONAL_SEQUENCE_LSTM");
    }

    @Test
    void refusesInt16ActivationsForAVariantTfliteMicroCannotRun() {
        refused(List.of("convert", golden("unidirectional_sequence_lstm_calibrated").toString(), "-o",
                tmp.resolve("x.tflite").toString(), "--activations", "int16"),
                "is a projection + layer norm LSTM; with --activations int16 the model runs only in TFLite Micro, "
                        + "whose integer LSTM is the standard 24-input one");
    }

    @Test
    void refusesAnActivationTheIntegerKernelsDoNotApply() {
        Path model = patchedGolden("relu.tflite", o -> o.set("fused_activation_function", 1L));
        refused(convert(model), "uses the RELU activation, but the integer LSTMs of TFLite and TFLite Micro apply "
                + "TANH");
    }

    /** A fuzzed model carried activation 36, which the schema does not declare; the message still names it. */
    @Test
    void refusesAnUndeclaredActivationNamingItsValue() {
        Path model = patchedGolden("undeclared.tflite", o -> o.set("fused_activation_function", 36L));
        refused(convert(model), "uses the undeclared 36 activation, but the integer LSTMs of TFLite and TFLite Micro "
                + "apply TANH");
    }

    @Test
    void refusesDiagonalRecurrentWeights() {
        Path model = patchedGolden("diagonal.tflite", o -> o.set("diagonal_recurrent_tensors", 1L));
        refused(convert(model), "has diagonal recurrent weights, which only the float kernel runs");
    }

    @Test
    void refusesAnOperatorWithoutIntegerRulesUnlessAllowedFloat() {
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString(), "--allow-float", "NOT_AN_OP"),
                "--allow-float NOT_AN_OP: not a TFLite builtin operator name");
    }

    @Test
    void refusesIntegerIoOfTheOtherWidth() {
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--activations",
                "int16", "--io", "int8"), "--io int8 with --activations int16: integer inputs and outputs have the "
                        + "activations' type; use --io int16 or --io float");
    }

    @Test
    void refusesCalibrationDataForAnInputTheModelHasNot() {
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                "inputs=" + CLASSIFIER_DATA), "--calibration inputs=...: the model has no input 'inputs' (inputs: "
                        + "[input])");
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                "input=" + CLASSIFIER_DATA, CLASSIFIER_DATA.toString()),
                "--calibration: give either unnamed files (for a model with one input) or NAME=FILE for every file");
    }

    @Test
    void refusesAnUnknownCalibrationMethod() {
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(),
                "--calibration-method", "kl"), "--calibration-method kl: supported methods are minmax");
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void refusesNonFiniteWeights(float bad) {
        Model model = ModelFile.open(CLASSIFIER).model();
        io.lstmq.model.Tensor kernel = model.subgraph(0).tensorNamed("dense/kernel");
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(model.data(kernel).remaining())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).put(model.data(kernel).duplicate());
        data.putFloat(4 * 5, bad).putFloat(4 * 9, bad).flip();
        kernel.setBufferIndex(model.addBuffer(data));
        Path p = tmp.resolve("bad_weights.tflite");
        ModelWriter.write(model, p);
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString()), p + ": subgraph 0, tensor " + kernel.index() + " 'dense/kernel' holds 2 "
                        + "non-finite value(s), the first (" + bad + ") at element 5; only finite weights can be "
                        + "quantized");
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--weights-only"),
                "'dense/kernel' holds 2 non-finite value(s)");
    }

    /**
     * Found by fuzzing: an unknown (-1) dimension in an operator output's shape. lstmq's engine computes the shape
     * and converted the model, which TFLite then could not load ("Tensor 20 is invalidly specified in schema").
     */
    @Test
    void refusesAnUnknownDimensionInAShape() {
        Model model = ModelFile.open(CLASSIFIER).model();
        Tensor dense = model.subgraph(0).tensorNamed("dense");
        dense.setShape(new int[] {-1, 4});
        Path p = tmp.resolve("dynamic.tflite");
        ModelWriter.write(model, p);
        String expected = p + ": subgraph 0, tensor " + dense.index() + " 'dense' has shape [-1, 4]; TFLite and "
                + "TFLite Micro need a fixed size for every dimension of shape (an unknown one belongs in "
                + "shape_signature)";
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString()), expected);
        // --weights-only first asks TFLite to load the source, which TFLite refuses in its own words
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--weights-only"),
                "TFLite cannot load the source: " + p + ": TFLite could not build an interpreter");
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void refusesNonFiniteCalibrationValues(float bad) throws Exception {
        io.lstmq.io.NdArray data = io.lstmq.io.Npy.read(CLASSIFIER_DATA);
        java.nio.ByteBuffer bytes = data.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int perSample = (int) (data.size() / data.dim(0));
        java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(bytes.remaining()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put(bytes);
        copy.putFloat(4 * (2 * perSample + 7), bad).flip();
        Path p = tmp.resolve("bad.npy");
        Files.write(p, io.lstmq.io.Npy.toBytes(io.lstmq.io.NdArray.of(data.dtype(), data.shape(), copy)));
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                p.toString()), "lstmq convert: --calibration " + p + ": sample 2 holds " + (double) bad
                        + " (element 7 of the sample); calibration values must be finite");
    }

    @Test
    void refusesEmptyOrMismatchedCalibrationFiles() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        Files.write(empty, io.lstmq.io.Npy.toBytes(io.lstmq.io.NdArray.ofFloats(new long[] {0, 12, 8})));
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                empty.toString()), "lstmq convert: " + empty + ": no samples");
        Path wrong = tmp.resolve("wrong.npy");
        Files.write(wrong, io.lstmq.io.Npy.toBytes(io.lstmq.io.NdArray.ofFloats(new long[] {2, 12, 7},
                new float[2 * 12 * 7])));
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                wrong.toString()), "lstmq convert: " + wrong + ": input 'input' has shape [1, 12, 8] but the data has "
                        + "shape [2, 12, 7]");
        Path zeros = tmp.resolve("zeros.npy");
        Files.write(zeros, io.lstmq.io.Npy.toBytes(io.lstmq.io.NdArray.ofFloats(new long[] {3, 12, 8},
                new float[3 * 12 * 8])));
        refused(List.of("convert", CLASSIFIER.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                zeros.toString()), "lstmq convert: " + CLASSIFIER + ": subgraph 0, tensor 0 'input' gets scale 0 from "
                        + "its calibrated range [0.0, 0.0]; the calibration data (" + zeros + ") must make every "
                        + "activation take values other than 0 (scales [0.0])");
    }

    /** TFLite loads schema version 3 only: a converted model declares it whatever its source said. */
    @Test
    void theConvertedModelDeclaresTheSchemaVersionTfliteReads() {
        Model model = ModelFile.open(CLASSIFIER).model();
        model.setVersion(1027);
        Path source = tmp.resolve("v1027.tflite");
        ModelWriter.write(model, source);
        Path out = tmp.resolve("out.tflite");
        Cli r = Cli.run("convert", source.toString(), "-o", out.toString(), "--calibration", CLASSIFIER_DATA.toString(),
                "--check-samples", "4");
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("warning: the source declares schema version 1027; the converted model declares "
                + "3, the version TFLite reads"), r.out());
        assertTrue(r.out().contains("check: TFLite runs it"), r.out());
        assertEquals(3, ModelFile.open(out).model().version());
    }

    /** Found by fuzzing: both used to write a model that neither runtime could prepare (exit 1 from the checks). */
    @Test
    void refusesASourceWhoseQuantizedFormCannotRun() {
        Model twoInputs = ModelFile.open(CLASSIFIER).model();
        Operator softmax = twoInputs.subgraph(0).operators().get(3);
        softmax.setInputs(new int[] {softmax.inputs()[0], twoInputs.subgraph(0).tensorNamed("dense/bias").index()});
        Path p = tmp.resolve("softmax2.tflite");
        ModelWriter.write(twoInputs, p);
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString()), "lstmq convert: " + p + ": subgraph 0, operator 3 (SOFTMAX v1) has 2 "
                        + "inputs, expected 1");
        Model betaZero = ModelFile.open(CLASSIFIER).model();
        betaZero.subgraph(0).operators().get(3).builtinOptions().set("beta", 0.0);
        Path q = tmp.resolve("beta0.tflite");
        ModelWriter.write(betaZero, q);
        refused(List.of("convert", q.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString()), "lstmq convert: " + q + ": the converted model could not run: subgraph 0,"
                        + " operator 3 (SOFTMAX v2): ");
    }

    /** Found by fuzzing: an operator version no TFLite knows was kept, and TFLite could not load the result. */
    @Test
    void quantizedOperatorsTakeTheVersionsTheirKernelsNeed() {
        Model model = ModelFile.open(CLASSIFIER).model();
        model.operatorCodes().get(0).setVersion(16777217);
        Path source = tmp.resolve("v16777217.tflite");
        ModelWriter.write(model, source);
        Path out = tmp.resolve("out.tflite");
        Cli r = Cli.run("convert", source.toString(), "-o", out.toString(), "--calibration", CLASSIFIER_DATA.toString(),
                "--check-samples", "4");
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("check: TFLite runs it"), r.out());
        OperatorCode lstm = ModelFile.open(out).model().operatorCodes().get(0);
        assertEquals("UNIDIRECTIONAL_SEQUENCE_LSTM", lstm.name());
        assertEquals(2, lstm.version());
    }

    /**
     * Found by fuzzing: a FULLY_CONNECTED that reads an LSTM weight as its input. Quantizing that constant for the
     * LSTM gave the FULLY_CONNECTED an int8 input TFLite refuses; the LSTM now gets an int8 copy and the
     * FULLY_CONNECTED keeps reading the float tensor, so TFLite runs the result.
     */
    @Test
    void weightsOnlyGivesAnInt8CopyToTheLstmWhenAnotherOperatorReadsTheWeightAsInput() {
        Model model = ModelFile.open(CLASSIFIER).model();
        Operator dense = model.subgraph(0).operators().get(2);
        int shared = model.subgraph(0).tensorNamed("lstm/input/kernel").index();
        dense.setInputs(new int[] {shared, dense.inputs()[1], dense.inputs()[2]});
        Path p = tmp.resolve("shared.tflite");
        ModelWriter.write(model, p);
        Path hybrid = tmp.resolve("hybrid.tflite");
        Cli r = Cli.run("convert", p.toString(), "-o", hybrid.toString(), "--weights-only", "--calibration",
                CLASSIFIER_DATA.toString());
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("9 weight tensors quantized to int8"), r.out());
        assertTrue(r.out().contains("check: TFLite runs it"), r.out());
        SubGraph sg = ModelFile.open(hybrid).model().subgraph(0);
        assertEquals(DataType.FLOAT32, sg.tensor(shared).type());
        assertEquals(shared, sg.operators().get(2).inputs()[0]);
        Tensor copy = sg.tensor(sg.operators().get(0).inputs()[1]);
        assertEquals("lstm/input/kernel_int8", copy.name());
        assertEquals(DataType.INT8, copy.type());
        assertEquals(DataType.INT8, sg.tensorNamed("dense/kernel").type());
    }

    /**
     * Found by fuzzing: a RESHAPE with neither a shape input nor options, which TFLite Micro runs (declared output
     * shape) but TFLite refuses (it reads an empty new_shape), made convert write models TFLite could not load.
     */
    @Test
    void refusesAReshapeTfliteCannotPrepareWhenTfliteIsATarget() {
        Model model = ModelFile.open(CLASSIFIER).model();
        Operator reshape = model.subgraph(0).operators().get(1);
        reshape.setInputs(new int[] {reshape.inputs()[0]});
        Path p = tmp.resolve("reshape1.tflite");
        ModelWriter.write(model, p);
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--calibration",
                CLASSIFIER_DATA.toString()), "lstmq convert: " + p + ": the converted model could not run: subgraph 0,"
                        + " operator 1 (RESHAPE v1) cannot reshape 192 values to []");
        refused(List.of("convert", p.toString(), "-o", tmp.resolve("x.tflite").toString(), "--weights-only"),
                "lstmq convert: --weights-only makes a hybrid model, which only TFLite runs, but TFLite cannot load "
                        + "the source: " + p + ": TFLite could not allocate tensors");
        Cli tflm = Cli.run("convert", p.toString(), "-o", tmp.resolve("y.tflite").toString(), "--activations",
                "int16", "--calibration", CLASSIFIER_DATA.toString());
        assertEquals(Main.OK, tflm.code(), "TFLite Micro, the only runtime of a 16x8 model, runs it: " + tflm.err());
    }

    private void refused(List<String> args, String expected) {
        Cli r = Cli.run(args.toArray(new String[0]));
        assertEquals(Main.BAD_INPUT, r.code(), r.out() + r.err());
        String line = r.errorLine();
        assertTrue(line.startsWith("lstmq convert: "), line);
        assertTrue(line.contains(expected), "expected '" + expected + "' in: " + line);
        assertFalse(Files.exists(tmp.resolve("x.tflite")), "nothing is written for a refused model");
    }

    private List<String> convert(Path model) {
        return List.of("convert", model.toString(), "-o", tmp.resolve("x.tflite").toString());
    }

    private Path write(String name, Consumer<ModelBuilder> build) {
        ModelBuilder b = new ModelBuilder(name);
        build.accept(b);
        Path p = tmp.resolve(name);
        ModelWriter.write(b.model(), p);
        return p;
    }

    /** The calibrated UNIDIRECTIONAL_SEQUENCE_LSTM golden with an edited option. */
    private Path patchedGolden(String name, Consumer<io.lstmq.model.fb.FbTable> edit) {
        Model m = ModelFile.open(golden("unidirectional_sequence_lstm_calibrated")).model();
        edit.accept(m.subgraph(0).operators().get(0).builtinOptions());
        Path p = tmp.resolve(name);
        ModelWriter.write(m, p);
        return p;
    }

    private static Path golden(String name) {
        return Shared.path("models/quantizer_golden/" + name + ".tflite");
    }

    private static List<String> codes(Model m) {
        List<String> out = new ArrayList<>();
        for (OperatorCode c : m.operatorCodes()) {
            out.add(c.name() + " v" + c.version());
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
