package io.lstmq.runtime;

import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmTypes;
import io.lstmq.model.Model;
import io.lstmq.model.SubGraph;
import io.lstmq.model.UnwrittenReads;

/**
 * What a verified model must also satisfy before TFLite gets it. The verifier checks the file's structure; TFLite's
 * kernels additionally trust some of the graph's meaning and dereference null where it is wrong, which kills the
 * JVM. Each rule here stands for such a crash.
 */
final class NativePreconditions {
    private NativePreconditions() {}

    /** @throws LstmqException naming the model, operator and tensor of the first broken rule */
    static void check(Model model, String name) {
        if (model.subgraphs().isEmpty()) {
            // TFLite's InterpreterBuilder reads the subgraph vector's size without checking that the field exists.
            throw refuse(name, "the model has no subgraphs");
        }
        for (SubGraph sg : model.subgraphs()) {
            String absent = AbsentInputs.firstRequired(model, sg);
            if (absent != null) {
                throw refuse(name, absent);
            }
        }
        List<UnwrittenReads.Read> unwritten = UnwrittenReads.of(model);
        if (!unwritten.isEmpty()) {
            throw refuse(name, unwritten.get(0).explain());
        }
        for (SubGraph sg : model.subgraphs()) {
            for (LstmOperator lstm : LstmOperator.in(model, sg)) {
                // The LSTM kernels write and read their tensors at the types they expect: an output of a smaller
                // type overruns the native heap.
                String slots = lstm.slotInconsistency();
                if (slots != null) {
                    throw refuse(name, lstm.describe() + ": " + slots);
                }
                List<String> types = LstmTypes.mismatches(lstm);
                if (!types.isEmpty()) {
                    throw refuse(name, lstm.describe() + ": " + types.get(0));
                }
                // TFLite's integer and hybrid LSTM Prepare precompute from the weights (effective biases, row sums):
                // a weight an operator computes has no memory yet at that point.
                List<LstmSlot> missing = lstm.parametersWithoutData();
                if (!lstm.isFloat() && !missing.isEmpty()) {
                    LstmSlot s = missing.get(0);
                    throw refuse(name, lstm.describe() + ": " + s.tfliteName() + " " + lstm.slot(s).describe()
                            + " has no data; TFLite reads the weights and biases of an integer LSTM as constants");
                }
            }
        }
    }

    private static LstmqException refuse(String name, String why) {
        return new LstmqException(name + ": " + why + " (lstmq does not hand such a model to TFLite, which would "
                + "crash on it)");
    }
}
