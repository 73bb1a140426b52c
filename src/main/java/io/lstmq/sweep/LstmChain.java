package io.lstmq.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;

/**
 * The shape of model the sweep handles: its LSTMs run first, in a chain from the model's only input (each LSTM
 * reads the previous one's output and nothing else does), and the rest of the graph (e.g. RESHAPE,
 * FULLY_CONNECTED, SOFTMAX) runs after them. The LSTMs are simulated in fixed point; the rest runs in float32 in
 * lstmq's engine as the {@link #tail} model, whose input is the last LSTM's output.
 */
final class LstmChain {
    private final List<LstmOperator> operators;
    private final List<LstmParameters> parameters = new ArrayList<>();

    private LstmChain(List<LstmOperator> operators) {
        this.operators = operators;
        for (LstmOperator op : operators) {
            parameters.add(LstmParameters.of(op));
        }
    }

    /** @throws LstmqException naming what does not fit when the model is not such a chain */
    static LstmChain of(Model model, String file) {
        SubGraph sg = model.subgraph(0);
        List<LstmOperator> lstms = LstmOperator.in(model, sg);
        if (lstms.isEmpty()) {
            throw new LstmqException(file + ": has no LSTM operator to sweep");
        }
        int[] inputs = sg.inputs();
        if (inputs.length != 1) {
            throw new LstmqException(file + ": has " + inputs.length + " inputs; sweep needs one input that feeds "
                    + "the first LSTM");
        }
        List<Operator> ops = sg.operators();
        int feed = inputs[0];
        for (int k = 0; k < lstms.size(); k++) {
            LstmOperator l = lstms.get(k);
            if (l.operator().index() != k || l.operator().inputs()[0] != feed) {
                throw new LstmqException(file + ": " + l.describe() + " does not read "
                        + (k == 0 ? "the model's input" : "the previous LSTM's output") + " as operator " + k
                        + "; sweep needs the LSTMs first, in a chain from the model's input");
            }
            feed = l.output().index();
            boolean last = k == lstms.size() - 1;
            if (!last && (readersOf(ops, feed) != 1 || contains(sg.outputs(), feed))) {
                throw new LstmqException(file + ": the output of " + l.describe() + " is used beyond the next LSTM; "
                        + "sweep needs the LSTMs in a chain");
            }
        }
        return new LstmChain(lstms);
    }

    private static int readersOf(List<Operator> ops, int tensor) {
        int n = 0;
        for (Operator op : ops) {
            n += contains(op.inputs(), tensor) ? 1 : 0;
        }
        return n;
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }

    List<LstmOperator> operators() {
        return operators;
    }

    List<LstmParameters> parameters() {
        return parameters;
    }

    /** Index of the last LSTM's output tensor: the tail's input. */
    int lastOutput() {
        return operators.get(operators.size() - 1).output().index();
    }

    /**
     * Turns {@code copy}, a separate copy of the model this chain was read from, into the float rest of the
     * graph: the LSTM operators removed, the last LSTM's output as the only input.
     */
    Model tail(Model copy) {
        SubGraph sg = copy.subgraph(0);
        List<?> ops = sg.table().tablesForEdit("operators");
        for (int k = 0; k < operators.size(); k++) {
            ops.remove(0);
        }
        sg.setInputs(new int[] {lastOutput()});
        return copy;
    }
}
