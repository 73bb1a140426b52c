package io.lstmq.convert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Unknown (-1) dimensions in tensor shapes. The verifier lets such a model be read and inspected, and lstmq's engine
 * computes every shape it needs, but TFLite sizes each tensor from {@code shape} when it builds the interpreter and
 * rejects a negative size. A tensor the graph uses is refused, as the converted model would run nowhere; an unused
 * one (TFLite's own quantizer test models carry one) is kept, as TFLite's quantizer keeps it, with a warning.
 */
final class FixedShapes {
    private FixedShapes() {}

    /** @return warnings about unused tensors with an unknown dimension */
    static List<String> require(Model model, String file) {
        List<String> warnings = new ArrayList<>();
        for (SubGraph sg : model.subgraphs()) {
            Set<Integer> used = used(sg);
            for (Tensor t : sg.tensors()) {
                if (Arrays.stream(t.shape()).noneMatch(d -> d < 0)) {
                    continue;
                }
                String what = "subgraph " + sg.index() + ", " + t.describe() + " has shape "
                        + Arrays.toString(t.shape());
                if (used.contains(t.index())) {
                    throw new LstmqException(file + ": " + what + "; TFLite and TFLite Micro need a fixed size for "
                            + "every dimension of shape (an unknown one belongs in shape_signature)");
                }
                warnings.add(what + " and no operator uses it; TFLite will not load a model holding it");
            }
        }
        return warnings;
    }

    private static Set<Integer> used(SubGraph sg) {
        Set<Integer> used = new HashSet<>();
        Arrays.stream(sg.inputs()).forEach(used::add);
        Arrays.stream(sg.outputs()).forEach(used::add);
        for (Operator op : sg.operators()) {
            Arrays.stream(op.inputs()).forEach(used::add);
            Arrays.stream(op.outputs()).forEach(used::add);
            Arrays.stream(op.intermediates()).forEach(used::add);
        }
        return used;
    }
}
