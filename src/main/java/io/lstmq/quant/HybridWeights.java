package io.lstmq.quant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.Quantization;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * The int8 weights of hybrid (dynamic range) models: weights-only quantization of a float model, as TFLite's
 * converter does without data (int8 symmetric per-tensor weights, Q4; float activations and biases), and the way
 * back: dequantizing a hybrid model's weights to float so that it can be calibrated and quantized like a float
 * model. Which inputs are weights, and the hybrid op versions, come from the {@link OpRule}s.
 */
public final class HybridWeights {
    private HybridWeights() {}

    /**
     * Makes a float model hybrid in place. A weight that some other reader needs in float (see
     * {@link #readAsFloat}) keeps its float tensor, and the hybrid operator gets an int8 copy; a weight whose buffer
     * other tensors share gets a buffer of its own, so that quantizing it changes no other tensor.
     *
     * @return the number of weight tensors quantized
     */
    public static int quantize(Model model, String file) {
        TensorData data = new TensorData(model, file);
        Map<Integer, Integer> bufferUsers = bufferUsers(model);
        int quantized = 0;
        Map<Integer, Integer> versions = new HashMap<>();
        Set<Integer> servesFloat = new HashSet<>();
        for (SubGraph sg : model.subgraphs()) {
            Set<Integer> readAsFloat = readAsFloat(model, sg);
            Map<Integer, Integer> int8Copies = new HashMap<>();
            for (Operator op : sg.operators()) {
                OpRule.Hybrid hybrid = hybridOf(model, op);
                if (hybrid == null) {
                    servesFloat.add(op.opcodeIndex());
                    continue;
                }
                versions.merge(op.opcodeIndex(), hybrid.version(), Math::max);
                for (int input : hybrid.weightInputs()) {
                    int index = input < op.inputs().length ? op.inputs()[input] : -1;
                    if (index < 0) {
                        continue;
                    }
                    Tensor t = sg.tensor(index);
                    if (t.type() != DataType.FLOAT32 || !data.isConstant(t)) {
                        continue;
                    }
                    float[] values = data.floats(sg, t);
                    if (readAsFloat.contains(index)) {
                        Integer copy = int8Copies.get(index);
                        if (copy == null) {
                            Tensor c = GraphEdits.newTensorLike(sg, t, t.name() + "_int8", DataType.INT8);
                            c.setBufferIndex(model.addBuffer(null));
                            writeInt8(data, c, values);
                            copy = c.index();
                            int8Copies.put(index, copy);
                            quantized++;
                        }
                        int[] inputs = op.inputs().clone();
                        inputs[input] = copy;
                        op.setInputs(inputs);
                        continue;
                    }
                    if (bufferUsers.merge(t.bufferIndex(), -1, Integer::sum) > 0) {
                        t.setBufferIndex(model.addBuffer(null));
                    }
                    writeInt8(data, t, values);
                    quantized++;
                }
            }
        }
        GraphEdits.setVersions(model, versions, servesFloat);
        return quantized;
    }

    private static void writeInt8(TensorData data, Tensor t, float[] values) {
        float[] range = QuantMath.minMax(values);
        QuantMath.Int8Data q = QuantMath.int8Weights(values, range[0], range[1]);
        data.write(t, DataType.INT8, TensorData.bytes(q.values()));
        TensorData.setParams(t, DataType.INT8, q.scale(), 0, null);
    }

    /** How many tensors, in all subgraphs, name each buffer. */
    private static Map<Integer, Integer> bufferUsers(Model model) {
        Map<Integer, Integer> users = new HashMap<>();
        for (SubGraph sg : model.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                users.merge(t.bufferIndex(), 1, Integer::sum);
            }
        }
        return users;
    }

    /**
     * Tensors some reader needs in float: inputs of operators without a hybrid kernel, inputs other than a hybrid
     * kernel's weights, and graph outputs. A constant shared by such a reader and a weight slot stays float, as in
     * TFLite's weight quantizer, which quantizes a tensor only when all its consumers take int8 weights there.
     */
    private static Set<Integer> readAsFloat(Model model, SubGraph sg) {
        Set<Integer> indices = new HashSet<>();
        for (int output : sg.outputs()) {
            indices.add(output);
        }
        for (Operator op : sg.operators()) {
            OpRule.Hybrid hybrid = hybridOf(model, op);
            int[] inputs = op.inputs();
            for (int k = 0; k < inputs.length; k++) {
                if (inputs[k] >= 0 && (hybrid == null || !isWeight(hybrid, k))) {
                    indices.add(inputs[k]);
                }
            }
        }
        return indices;
    }

    private static boolean isWeight(OpRule.Hybrid hybrid, int input) {
        for (int w : hybrid.weightInputs()) {
            if (w == input) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns a hybrid model's int8 weights back into float32 ({@code (q - zeroPoint) · scale}, per channel where
     * the tensor has several scales), so the model can be calibrated and quantized by the integer recipe.
     *
     * @return the number of weight tensors dequantized
     */
    public static int dequantize(Model model, String file) {
        TensorData data = new TensorData(model, file);
        int dequantized = 0;
        for (SubGraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                OpRule.Hybrid hybrid = hybridOf(model, op);
                if (hybrid == null) {
                    continue;
                }
                for (int input : hybrid.weightInputs()) {
                    int index = input < op.inputs().length ? op.inputs()[input] : -1;
                    if (index >= 0 && dequantize(model, data, sg, sg.tensor(index))) {
                        dequantized++;
                    }
                }
            }
        }
        return dequantized;
    }

    private static boolean dequantize(Model model, TensorData data, SubGraph sg, Tensor t) {
        if (t.type() != DataType.INT8 || !data.isConstant(t)) {
            return false;
        }
        Quantization q = t.quantization();
        if (q == null || q.scales().length == 0) {
            throw new LstmqException(data.where(sg, t) + ": int8 weights without a scale cannot be dequantized");
        }
        float[] scales = q.scales();
        long[] zeroPoints = q.zeroPoints();
        ByteBuffer in = model.data(t).duplicate();
        int n = in.remaining();
        // Elements per channel step: the channel index of element i is (i / inner) % channels.
        int[] shape = t.shape();
        int axis = q.axis();
        int channels = scales.length;
        int inner = 1;
        if (channels > 1) {
            for (int d = axis + 1; d < shape.length; d++) {
                inner *= shape[d];
            }
        }
        ByteBuffer out = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int c = channels > 1 ? (i / inner) % channels : 0;
            long zp = zeroPoints.length > c ? zeroPoints[c] : 0;
            out.putFloat((float) (in.get(i) - zp) * scales[c]);
        }
        out.flip();
        data.write(t, DataType.FLOAT32, out);
        t.setQuantization(null);
        return true;
    }

    private static OpRule.Hybrid hybridOf(Model model, Operator op) {
        OperatorCode code = model.operatorCodes().get(op.opcodeIndex());
        OpRule rule = code.isCustom() ? null : OpRules.lookup(code.builtinCode(), op.inputs());
        return rule == null ? null : rule.hybrid();
    }
}
