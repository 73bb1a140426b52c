package io.lstmq.quant;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.SignatureDef;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Float model inputs and outputs around an integer graph (spec §2.8): each integer input is renamed
 * {@code <name>_int8} and fed by a QUANTIZE from a new float tensor carrying the original name; each integer
 * output is renamed likewise and read by a DEQUANTIZE into a new float tensor with the original name. Subgraph
 * inputs/outputs and signatures then point at the float tensors. Tensors that stayed float are left alone.
 */
public final class IoBoundary {
    private IoBoundary() {}

    public static void addFloatInputsAndOutputs(Model model) {
        for (SubGraph sg : model.subgraphs()) {
            int[] inputs = sg.inputs();
            for (int i = 0; i < inputs.length; i++) {
                Tensor t = sg.tensor(inputs[i]);
                if (isIntegerActivation(t)) {
                    Tensor f = floatTwin(sg, t);
                    int version = t.type() == DataType.INT16 ? GraphEdits.QUANTIZE_VERSION
                            : GraphEdits.QUANTIZE_IO_VERSION;
                    GraphEdits.insertQuantize(model, sg, 0, f.index(), t.index(), version);
                    redirect(model, sg, t.index(), f.index());
                    inputs[i] = f.index();
                }
            }
            sg.setInputs(inputs);
            int[] outputs = sg.outputs();
            for (int i = 0; i < outputs.length; i++) {
                Tensor t = sg.tensor(outputs[i]);
                if (isIntegerActivation(t)) {
                    Tensor f = floatTwin(sg, t);
                    int at = sg.operators().size();
                    GraphEdits.insertDequantize(model, sg, at, t.index(), f.index(), t.type());
                    redirect(model, sg, t.index(), f.index());
                    outputs[i] = f.index();
                }
            }
            sg.setOutputs(outputs);
        }
    }

    private static boolean isIntegerActivation(Tensor t) {
        return (t.type() == DataType.INT8 || t.type() == DataType.INT16) && TensorData.isQuantized(t);
    }

    /** Renames {@code t} to {@code <name>_<type>} and appends a float tensor with the original name and shape. */
    private static Tensor floatTwin(SubGraph sg, Tensor t) {
        String name = t.name();
        t.setName(name + "_" + t.type().lowerName());
        return GraphEdits.newTensorLike(sg, t, name, DataType.FLOAT32);
    }

    private static void redirect(Model model, SubGraph sg, int from, int to) {
        for (SignatureDef s : model.signatureDefs()) {
            if (s.subgraphIndex() == sg.index()) {
                s.redirect(from, to);
            }
        }
    }
}
