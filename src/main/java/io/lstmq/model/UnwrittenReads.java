package io.lstmq.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Operator inputs that nothing gives a value: no constant data, not a graph input, not a state, and no operator of
 * the subgraph writes them. A runtime reads whatever memory such a tensor gets; TFLite's integer LSTM Prepare
 * even dereferences a weight without data and kills the process. Tensors without elements are left out, as
 * reading them reads nothing.
 */
public final class UnwrittenReads {
    /** Input {@code position} of {@code operator} reads {@code tensor}, which nothing gives a value. */
    public record Read(SubGraph subgraph, Operator operator, String opcode, int position, Tensor tensor) {
        /** For example "subgraph 0, operator 2 (UNIDIRECTIONAL_SEQUENCE_LSTM) input 10 reads tensor 10 'w'". */
        public String describe() {
            return "subgraph " + subgraph.index() + ", operator " + operator.index() + " (" + opcode + ") input "
                    + position + " reads " + tensor.describe();
        }

        public String explain() {
            return describe() + ", which has no data, is not a graph input nor a state, and no operator writes it";
        }
    }

    private UnwrittenReads() {}

    public static List<Read> of(Model model) {
        List<Read> reads = new ArrayList<>();
        for (SubGraph sg : model.subgraphs()) {
            boolean[] hasValue = new boolean[sg.tensorCount()];
            for (int i : sg.inputs()) {
                hasValue[i] = true;
            }
            for (Operator op : sg.operators()) {
                for (int o : op.outputs()) {
                    if (o >= 0) {
                        hasValue[o] = true;
                    }
                }
            }
            for (Operator op : sg.operators()) {
                int[] in = op.inputs();
                for (int k = 0; k < in.length; k++) {
                    if (in[k] < 0 || hasValue[in[k]]) {
                        continue;
                    }
                    Tensor t = sg.tensor(in[k]);
                    if (!t.isVariable() && t.elementCount() != 0 && !model.data(t).hasRemaining()) {
                        reads.add(new Read(sg, op, model.operatorCodes().get(op.opcodeIndex()).name(), k, t));
                    }
                }
            }
        }
        return reads;
    }
}
