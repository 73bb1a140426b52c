package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelVerifier;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbDiff;
import io.lstmq.testing.Shared;

/**
 * Quantizing each calibrated LiteRT test model (int8, float I/O) gives its golden partner, written by TFLite's
 * legacy quantizer: the whole decoded tree is compared field by field (types, scales as float bits, zero points,
 * min/max, buffers, names, operators, versions, tensor order).
 */
class LegacyGoldenQuantizationTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm_calibrated:lstm_quantized", "lstm_calibrated2:lstm_quantized2",
        "unidirectional_sequence_lstm_calibrated:unidirectional_sequence_lstm_quantized"})
    void calibratedModelQuantizesToTheGolden(String pair) {
        String[] names = pair.split(":");
        Model produced = quantize(names[0]);
        Model golden = open(names[1]);
        // The two older goldens predate OperatorCode.builtin_code (only the deprecated byte is set); the builtin
        // each code stands for is compared below instead.
        List<String> diff = FbDiff.compare(produced.tree(), golden.tree(), "model",
                (table, field) -> !(table.name().equals("OperatorCode") && field.name().equals("builtin_code")),
                50);
        assertEquals(List.of(), diff, "quantized " + names[0] + " differs from " + names[1]);
        assertEquals(codes(golden), codes(produced));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unidirectional_sequence_lstm_calibrated"})
    void workedExampleOfTheSpec(String name) {
        SubGraph sg = quantize(name).subgraph(0);
        // Spec §2.11, independent of the golden file.
        assertEquals(0.0038950799498707056f, sg.tensorNamed("input0_int8").scale());
        assertEquals(6.103515625e-05f, sg.tensorNamed("input_cell_state19").scale());
        assertEquals(0.002290500560775399f, sg.tensorNamed("output24_int8").scale());
        Tensor hidden = sg.tensorNamed("intermediate_0_4_hidden");
        assertEquals(0.0022932137362658978f, hidden.scale());
        assertEquals(-128, hidden.zeroPoint());
        assertEquals(1.0639350875862874e-05f, sg.tensorNamed("proj_bias17").scale());
    }

    private static Model quantize(String name) {
        Model m = open(name);
        ModelQuantizer.quantize(m, name, QuantScheme.INT8, Set.of());
        IoBoundary.addFloatInputsAndOutputs(m);
        ModelVerifier.verifyEdited(m, name);
        return ModelFile.fromBytes(ModelWriter.toBytes(m), name + " (quantized)").model();
    }

    private static Model open(String name) {
        return ModelFile.open(Shared.path("models/quantizer_golden/" + name + ".tflite")).model();
    }

    private static List<String> codes(Model m) {
        List<String> out = new ArrayList<>();
        for (OperatorCode c : m.operatorCodes()) {
            out.add(c.name() + " v" + c.version());
        }
        return out;
    }
}
