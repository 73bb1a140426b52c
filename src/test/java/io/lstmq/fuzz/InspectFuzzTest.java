package io.lstmq.fuzz;

import java.io.OutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.inspect.CHeaderReport;
import io.lstmq.inspect.Json;
import io.lstmq.inspect.ModelReport;
import io.lstmq.inspect.TextReport;
import io.lstmq.model.ModelFile;

/**
 * {@code inspect} end to end on every model the verifier lets through: the report (LSTM slots, Prepare values,
 * deployment diagnosis) and all three renderings. A model that verifies may still be refused, but only with an
 * {@link LstmqException}.
 */
@ExtendWith(RegressionWithoutHooks.class)
class InspectFuzzTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @FuzzTest(maxDuration = "10m")
    void reportAndRender(byte[] data) throws Exception {
        AllocationBudget.run(data.length, "inspecting the model", () -> {
            ModelFile model = Rejections.readModel(data);
            if (model != null) {
                inspect(model);
            }
        });
    }

    private static void inspect(ModelFile model) {
        try {
            ObjectNode report = ModelReport.of(model);
            TextReport.print(report, NOWHERE);
            CHeaderReport.print(report, NOWHERE);
            Json.write(report);
        } catch (LstmqException e) {
            // A verified model the report cannot describe: refused in one line, which is allowed.
        }
    }
}
