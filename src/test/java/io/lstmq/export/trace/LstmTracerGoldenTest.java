package io.lstmq.export.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.lstm.TflmActivations;
import io.lstmq.export.ExportArray;
import io.lstmq.export.ExportFixtures;
import io.lstmq.io.DType;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

/** Traces of the TFLM golden model against the real kernels' integers, and of the official model against TFLite. */
class LstmTracerGoldenTest {

    private static short[] shorts(JsonNode values) {
        short[] out = new short[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) values.get(i).asInt();
        }
        return out;
    }

    private static long[] longs(JsonNode values) {
        return ExportFixtures.longs(values);
    }

    /** The float input of a golden case, quantized the way the command line quantizes .npy data. */
    private static List<NdArray> sample(Model model, JsonNode c) {
        float[] x = new float[c.get("float_input").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) c.get("float_input").get(i).asDouble();
        }
        long[] shape = Arrays.stream(model.subgraph(0).tensor(model.subgraph(0).inputs()[0]).shape())
                .asLongStream().toArray();
        return ModelInputs.bind(model.subgraph(0), Map.of("", NdArray.ofFloats(shape, x)), "golden").sample(0);
    }

    /** Values of step t of a [B][T][N] signal, for every batch row. */
    private static long[] step(ExportArray a, int t) {
        int b = a.shape()[0];
        int steps = a.shape()[1];
        int n = a.shape()[2];
        long[] out = new long[b * n];
        for (int r = 0; r < b; r++) {
            System.arraycopy(a.values(), (r * steps + t) * n, out, r * n, n);
        }
        return out;
    }

    /**
     * One time-major step of two rows from the golden states: every gate's Q0.15 output, the cell and the hidden
     * state as the real TFLM kernel computed them; each gate output is the TFLM activation of the traced
     * pre-activation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"one_step_gate_check_int8", "one_step_gate_check_int16"})
    void oneStepGateValuesAreTheRealKernels(String caseName) throws Exception {
        JsonNode c = TflmGoldenModel.golden(caseName);
        // With one step, time-major [1][B][I] and batch-major [B][1][I] are the same bytes and arithmetic (spec
        // §4.1); the golden model helper lays the input out [B][T][I], so the case runs batch-major.
        ((ObjectNode) c).put("time_major", false);
        Model model = TflmGoldenModel.build(c);
        LstmOperator lstm = LstmOperator.in(model, model.subgraph(0)).get(0);
        LstmTraceResult t = LstmTracer.trace(0, lstm, shorts(c.get("quantized_input")), new int[] {2, 1, 2},
                shorts(c.get("initial_hidden")), shorts(c.get("initial_cell")), Numerics.TFLM);
        JsonNode gates = c.get("expected_gate_outputs_Q0_15_tflm");
        for (String g : List.of("input", "forget", "cell", "output")) {
            assertArrayEquals(longs(gates.get(g)), t.signal(g + "_gate").values(), g);
            long[] pre = t.signal(g + "_gate_pre").values();
            long[] out = t.signal(g + "_gate").values();
            for (int i = 0; i < pre.length; i++) {
                int expected = g.equals("cell") ? TflmActivations.tanh((int) pre[i], -12)
                        : TflmActivations.sigmoid((int) pre[i]);
                assertEquals(expected, out[i], g + " pre-activation " + pre[i]);
            }
        }
        assertArrayEquals(longs(c.get("expected_cell_tflm")), t.signal("cell_state").values());
        assertArrayEquals(longs(c.get("expected_hidden_tflm")), t.signal("hidden_state").values());
        assertArrayEquals(longs(c.get("initial_hidden")), t.signal("initial_hidden_state").values());
        assertArrayEquals(longs(c.get("quantized_input")), t.signal("input").values());
        assertEquals("Q3.12", t.signal("forget_gate_pre").format().qFormat());
        assertEquals("Q0.15", t.signal("forget_gate").format().qFormat());
    }

    /** Three steps of two rows from the reset state: every step's hidden state is the kernel's output. */
    @ParameterizedTest
    @ValueSource(strings = {"eval_2x3x2x2_int8", "eval_2x3x2x2_int16"})
    void evalOutputsAreTheRealTflmKernels(String caseName) throws Exception {
        JsonNode c = TflmGoldenModel.golden(caseName);
        Model model = TflmGoldenModel.build(c);
        LstmTraceResult t = ModelTracer.trace(model, sample(model, c), Numerics.TFLM).get(0);
        assertArrayEquals(longs(c.get("quantized_input")), t.signal("input").values(), "the .npy data quantized");
        assertArrayEquals(longs(c.get("initial_hidden")), t.signal("initial_hidden_state").values(),
                "the runtimes' reset: zero point for int8, 0 for int16");
        assertArrayEquals(longs(c.get("initial_cell")), t.signal("initial_cell_state").values());
        assertArrayEquals(longs(c.get("expected_output_tflm")), t.signal("hidden_state").values());
        assertArrayEquals(longs(c.get("expected_cell_tflm")), step(t.signal("cell_state"), 2));
        assertArrayEquals(new int[] {2, 3, 2}, t.signal("forget_gate_pre").shape());
        assertEquals(2, t.batch());
        assertEquals(3, t.steps());
    }

    @Test
    void tfliteNumericsGiveTheTfliteKernelsOutputs() throws Exception {
        JsonNode c = TflmGoldenModel.golden("eval_2x3x2x2_int8");
        Model model = TflmGoldenModel.build(c);
        LstmTraceResult t = ModelTracer.trace(model, sample(model, c), Numerics.TFLITE).get(0);
        assertEquals(Numerics.TFLITE, t.numerics());
        assertArrayEquals(longs(c.get("expected_output_tflite_8x8_16")), t.signal("hidden_state").values());
        assertArrayEquals(longs(c.get("expected_cell_tflite_8x8_16")), step(t.signal("cell_state"), 2));
    }

    /** A time-major operator fed [T][B][I] gives the same [B][T] signals as the batch-major one. */
    @Test
    void timeMajorSignalsAreReorderedToBatchMajor() throws Exception {
        JsonNode c = TflmGoldenModel.golden("eval_2x3x2x2_int8");
        Model batchMajor = TflmGoldenModel.build(c);
        LstmTraceResult expected = ModelTracer.trace(batchMajor, sample(batchMajor, c), Numerics.TFLM).get(0);

        Model timeMajor = TflmGoldenModel.build(c);
        SubGraph sg = timeMajor.subgraph(0);
        Operator op = sg.operators().get(0);
        op.builtinOptions().set("time_major", 1L);
        sg.tensor(op.inputs()[0]).setShape(new int[] {3, 2, 2});
        sg.tensor(op.outputs()[0]).setShape(new int[] {3, 2, 2});
        long[] x = longs(c.get("quantized_input"));
        int[] transposed = new int[x.length];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < 2; i++) {
                    transposed[(t * 2 + b) * 2 + i] = (int) x[(b * 3 + t) * 2 + i];
                }
            }
        }
        LstmTraceResult actual = ModelTracer.trace(timeMajor,
                List.of(NdArray.ofInts(DType.INT8, new long[] {3, 2, 2}, transposed)), Numerics.TFLM).get(0);
        assertTrue(actual.timeMajor());
        assertEquals(expected.signals().size(), actual.signals().size());
        for (ExportArray e : expected.signals()) {
            assertArrayEquals(e.values(), actual.signal(e.name()).values(), e.name());
            assertArrayEquals(e.shape(), actual.signal(e.name()).shape(), e.name());
        }
    }

    /** A second LSTM reading the first one's output is traced on that output. */
    @Test
    void stackedLstmsAreTracedInOrder() throws Exception {
        JsonNode c = TflmGoldenModel.golden("eval_2x3x2x2_int8");
        Model model = TflmGoldenModel.build(c);
        SubGraph sg = model.subgraph(0);
        Operator first = sg.operators().get(0);
        int[] in = first.inputs().clone();
        in[0] = first.outputs()[0];
        in[18] = copy(sg, in[18], "output_state_2");
        in[19] = copy(sg, in[19], "cell_state_2");
        int out = copy(sg, first.outputs()[0], "output_2");
        Operator second = Operator.create(first.opcodeIndex(), in, new int[] {out});
        second.setBuiltinOptions(first.builtinOptions().copy());
        second.setIntermediates(first.intermediates());
        sg.insertOperator(1, second);
        sg.setOutputs(new int[] {out});

        List<LstmTraceResult> traces = ModelTracer.trace(model, sample(model, c), Numerics.TFLM);
        assertEquals(2, traces.size());
        assertArrayEquals(longs(c.get("expected_output_tflm")), traces.get(0).signal("hidden_state").values());
        assertArrayEquals(traces.get(0).signal("hidden_state").values(), traces.get(1).signal("input").values());
        assertEquals(-21, traces.get(1).signal("input").format().zeroPoint(), "read with the first LSTM's output "
                + "quantization");
        short[] hidden = new short[12];
        long[] h = traces.get(0).signal("hidden_state").values();
        for (int i = 0; i < 12; i++) {
            hidden[i] = (short) h[i];
        }
        LstmTraceResult alone = LstmTracer.trace(1, LstmOperator.in(model, sg).get(1), hidden, new int[] {2, 3, 2},
                null, null, Numerics.TFLM);
        assertArrayEquals(alone.signal("hidden_state").values(), traces.get(1).signal("hidden_state").values());
        assertEquals(1, traces.get(1).index());
    }

    private static int copy(SubGraph sg, int tensor, String name) {
        Tensor t = sg.addTensor(sg.tensor(tensor).table().copy());
        t.setName(name);
        return t.index();
    }

    /**
     * The official int8 MNIST model on a real digit: with TFLite numerics the traced hidden states are, step for
     * step, the LSTM output the TFLite runtime computes.
     */
    @Test
    void officialModelWithTfliteNumericsMatchesTheTfliteRuntime() {
        Model model = ModelFile.open(ExportFixtures.mnistInt8()).model();
        NdArray digits = Npy.read(Shared.path("data/mnist/calib_1000_float32.npy"));
        List<NdArray> sample = ModelInputs.bind(model.subgraph(0), Map.of("", digits), "mnist").sample(7);
        LstmTraceResult t = ModelTracer.trace(model, sample, Numerics.TFLITE).get(0);
        assertArrayEquals(new int[] {1, 28, 28}, t.signal("input").shape());
        assertEquals(-128, t.signal("input").format().zeroPoint());
        assertArrayEquals(tfliteLstmOutput(model, 0, sample), t.signal("hidden_state").values());
    }

    /**
     * LiteRT's layer-norm + projection LSTMs (sequence and single-step) behind a QUANTIZE: the engine computes the
     * LSTM's input, and the traced hidden states are the TFLite runtime's LSTM output.
     */
    @ParameterizedTest
    @ValueSource(strings = {"unidirectional_sequence_lstm_quantized.tflite", "lstm_quantized.tflite"})
    void lstmBehindAnotherOperatorMatchesTheTfliteRuntime(String name) {
        Model model = ModelFile.open(Shared.path("models/quantizer_golden/" + name)).model();
        SubGraph sg = model.subgraph(0);
        Tensor in = sg.tensor(sg.inputs()[0]);
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[(int) in.elementCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        List<NdArray> sample = List.of(NdArray.ofFloats(Arrays.stream(in.shape()).asLongStream().toArray(), x));
        LstmTraceResult t = ModelTracer.trace(model, sample, Numerics.TFLITE).get(0);
        assertTrue(t.operator().startsWith("subgraph 0, operator 1 ("), t.operator());
        assertTrue(t.signal("forget_gate_pre").description().endsWith("then layer-normalized"));
        assertArrayEquals(tfliteLstmOutput(model, 0, sample), t.signal("hidden_state").values());
    }

    /** The TFLite runtime's values of LSTM k's output tensor, from the model rewritten to expose it. */
    private static long[] tfliteLstmOutput(Model model, int k, List<NdArray> sample) {
        int output = LstmOperator.in(model, model.subgraph(0)).get(k).operator().outputs()[0];
        model.subgraph(0).setOutputs(new int[] {output});
        ModelFile exposed = ModelFile.fromBytes(ModelWriter.toBytes(model), "the model with the LSTM output exposed");
        try (TfliteRunner tflite = TfliteRunner.open(exposed)) {
            NdArray y = tflite.run(sample).get(0);
            long[] out = new long[(int) y.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = y.getLong(i);
            }
            return out;
        }
    }

    @Test
    void aModelWithoutLstmIsRefused() {
        ModelFile file = ModelFile.open(Shared.path("models/roundtrip/litert_multi_signatures.tflite"));
        LstmqException e = assertThrows(LstmqException.class,
                () -> ModelTracer.trace(file.model(), List.of(), Numerics.TFLM));
        assertEquals("the model has no LSTM operator in subgraph 0", e.getMessage());
    }

    @Test
    void tflmRefusesVariantsItCannotRun() {
        Path path = Shared.path("models/quantizer_golden/unidirectional_sequence_lstm_quantized.tflite");
        Model model = ModelFile.open(path).model();
        LstmOperator lstm = LstmOperator.in(model, model.subgraph(0)).get(0);
        int[] shape = lstm.slot(io.lstmq.lstm.LstmSlot.INPUT).shape();
        LstmqException e = assertThrows(LstmqException.class, () -> LstmTracer.trace(0, lstm,
                new short[Arrays.stream(shape).reduce(1, (a, b) -> a * b)], shape, null, null, Numerics.TFLM));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 1 (UNIDIRECTIONAL_SEQUENCE_LSTM) with TFLM "
                + "numerics: TFLite Micro cannot run a projection + layer norm LSTM"), e.getMessage());
    }
}
