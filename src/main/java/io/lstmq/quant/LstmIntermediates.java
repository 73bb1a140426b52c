package io.lstmq.quant;

import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;

/**
 * Adds the intermediate tensors the integer LSTM needs (spec §2.2), as TFLite's calibration tooling does: only
 * when no operator of the model has intermediates yet, every operator whose rule lists intermediates gets them,
 * each a float32 tensor of shape [0] (no elements, no data), named {@code intermediate_<opIndex>_<k>}, appended to the
 * subgraph. Calibration then records their ranges (intermediate 4: the hidden value before projection).
 */
public final class LstmIntermediates {
    private LstmIntermediates() {}

    /** @return the number of tensors added */
    public static int addIfAbsent(Model model) {
        for (SubGraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                if (op.intermediates().length > 0) {
                    return 0;
                }
            }
        }
        int added = 0;
        for (SubGraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                OperatorCode code = model.operatorCodes().get(op.opcodeIndex());
                OpRule rule = code.isCustom() ? null : OpRules.lookup(code.builtinCode(), op.inputs());
                if (rule == null || rule.intermediates().isEmpty()) {
                    continue;
                }
                int[] indices = new int[rule.intermediates().size()];
                for (int k = 0; k < indices.length; k++) {
                    FbTable t = new FbTable(Schema.tflite().table("Tensor"));
                    t.set("shape", FbScalarVector.ofInts(0)); // shape [0]: no elements
                    t.set("name", FbString.of("intermediate_" + op.index() + "_" + k));
                    indices[k] = sg.addTensor(t).index();
                    added++;
                }
                op.setIntermediates(indices);
            }
        }
        return added;
    }
}
