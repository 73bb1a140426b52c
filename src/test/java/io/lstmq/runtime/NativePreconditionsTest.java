package io.lstmq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.engine.Interpreter;
import io.lstmq.lstm.DeploymentDiagnosis;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.schema.BuiltinOperator;
import io.lstmq.testdata.IntegerLstmFactory;
import io.lstmq.testdata.IntegerLstmSpec;

/**
 * Models that pass the structural verifier but whose integer LSTM has a weight without a value at TFLite's Prepare.
 * The fuzzer found such a model that kills the JVM (SIGSEGV in AllocateTensors; it replays as
 * {@code CommandLineFuzzTestInputs/commands/finding-run-tflite-sigsegv}); whether a given one crashes depends on
 * TFLite's memory planning, so lstmq refuses the whole class before TFLite sees it.
 */
class NativePreconditionsTest {
    private static final IntegerLstmSpec SPEC = new IntegerLstmSpec(1, 3, 2, 4, false, 0f, 7);

    private static ModelFile file(Model model) {
        return ModelFile.fromBytes(ModelWriter.toBytes(model), "m.tflite");
    }

    /** The input-to-output weights ("w3") lose their data: nothing gives them a value. */
    private static Model weightWithoutData() {
        Model model = IntegerLstmFactory.build(SPEC);
        model.subgraph(0).tensorNamed("w3").setBufferIndex(0);
        return model;
    }

    @Test
    void theIntactModelRunsInTflite() {
        try (TfliteRunner r = TfliteRunner.open(file(IntegerLstmFactory.build(SPEC)))) {
            assertEquals(1, r.inputs().size());
        }
    }

    @Test
    void aWeightNothingWritesIsRefusedEverywhereWithItsLocation() {
        ModelFile f = file(weightWithoutData());
        Tensor w3 = f.model().subgraph(0).tensorNamed("w3");
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteRunner.open(f));
        assertEquals("m.tflite: subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) input 4 reads tensor "
                + w3.index() + " 'w3', which has no data, is not a graph input nor a state, and no operator writes it"
                + " (lstmq does not hand such a model to TFLite, which would crash on it)", e.getMessage());
        LstmqException engine = assertThrows(LstmqException.class, () -> Interpreter.create(f.model()));
        assertTrue(engine.getMessage().startsWith("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM v2) reads "
                + "tensor " + w3.index() + " 'w3' before any operator writes it"), engine.getMessage());
        List<DeploymentDiagnosis.Finding> findings = DeploymentDiagnosis.of(f.model());
        assertFalse(DeploymentDiagnosis.tflmIntegerReady(findings));
        assertTrue(findings.stream().anyMatch(x -> x.message().startsWith("input_to_output_weights (tensor "
                + w3.index() + " 'w3') has no data")), findings.toString());
    }

    /** Written by an operator, the weight has a value at Invoke but not yet at Prepare, where TFLite reads it. */
    @Test
    void anIntegerLstmWeightComputedByAnOperatorIsRefused() {
        Model model = weightWithoutData();
        SubGraph sg = model.subgraph(0);
        int quantize = model.operatorCodeIndex(BuiltinOperator.QUANTIZE, 1);
        sg.insertOperator(0, Operator.create(quantize, new int[] {sg.tensorNamed("w2").index()},
                new int[] {sg.tensorNamed("w3").index()}));
        ModelFile f = file(model);
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteRunner.open(f));
        assertEquals("m.tflite: subgraph 0, operator 1 (UNIDIRECTIONAL_SEQUENCE_LSTM): input_to_output_weights tensor "
                + sg.tensorNamed("w3").index() + " 'w3' has no data; TFLite reads the weights and biases of an integer"
                + " LSTM as constants (lstmq does not hand such a model to TFLite, which would crash on it)",
                e.getMessage());
    }

    /** TFLite's float LSTM writes float32 outputs into whatever the output tensor holds: a bool one overran the heap. */
    @Test
    void anLstmOutputOfAnotherTypeIsRefused() {
        Model model = ModelFile.open(java.nio.file.Path.of("testdata", "lstm_classifier.tflite")).model();
        Tensor output = model.subgraph(0).tensorNamed("lstm/output");
        output.setType(io.lstmq.model.DataType.BOOL);
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteRunner.open(file(model)));
        assertEquals("m.tflite: subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM): output (tensor " + output.index()
                + " 'lstm/output') is bool, expected float32 like the input (lstmq does not hand such a model to "
                + "TFLite, which would crash on it)", e.getMessage());
    }
    /**
     * A RESHAPE whose shape input is -1: TFLite's RESHAPE reads the shape tensor's dimensions whenever it has two
     * inputs, and dereferenced null (a convert fuzz finding). Absent inputs are accepted only in the slots TFLite
     * fetches as optional, such as the FULLY_CONNECTED bias.
     */
    @Test
    void anAbsentInputIsRefusedWhereTfliteRequiresIt() {
        Model model = ModelFile.open(java.nio.file.Path.of("testdata", "lstm_classifier.tflite")).model();
        Operator reshape = model.subgraph(0).operators().get(1);
        reshape.setInputs(new int[] {reshape.inputs()[0], -1});
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteRunner.open(file(model)));
        assertEquals("m.tflite: subgraph 0 'main', operator 1 (RESHAPE) has no input 1 (-1), which TFLite's RESHAPE "
                + "kernel requires (lstmq does not hand such a model to TFLite, which would crash on it)",
                e.getMessage());

        Model noBias = ModelFile.open(java.nio.file.Path.of("testdata", "lstm_classifier.tflite")).model();
        Operator dense = noBias.subgraph(0).operators().get(2);
        dense.setInputs(new int[] {dense.inputs()[0], dense.inputs()[1], -1});
        try (TfliteRunner r = TfliteRunner.open(file(noBias))) {
            assertEquals(1, r.inputs().size());
        }
    }
}
