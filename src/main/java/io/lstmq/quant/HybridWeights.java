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
 *
 * <p>Either way a weight is rewritten only for the operators that read it as a weight: when another reader needs
 * the tensor as it is ({@link #readOtherwise}), the weight readers get a rewritten copy; when other tensors share
 * its buffer, the weight gets a buffer of its own.
 */
public final class HybridWeights {
    private HybridWeights() {}

    /**
     * Makes a float model hybrid in place.
     *
     * @return the number of weight tensors quantized
     */
    public static int quantize(Model model, String file) {
        TensorData data = new TensorData(model, file);
        WeightTargets targets = new WeightTargets(model, "_int8", DataType.INT8);
        int quantized = 0;
        Map<Integer, Integer> versions = new HashMap<>();
        Set<Integer> servesFloat = new HashSet<>();
        for (SubGraph sg : model.subgraphs()) {
            targets.enter(sg);
            for (Operator op : sg.operators()) {
                OpRule.Hybrid hybrid = hybridOf(model, op);
                if (hybrid == null) {
                    servesFloat.add(op.opcodeIndex());
                    continue;
                }
                versions.merge(op.opcodeIndex(), hybrid.version(), Math::max);
                for (int input : hybrid.weightInputs()) {
                    Tensor t = weight(sg, op, input);
                    if (t == null || t.type() != DataType.FLOAT32 || !data.isConstant(t)) {
                        continue;
                    }
                    float[] values = data.floats(sg, t); // before target(), which may give t an empty buffer
                    Tensor target = targets.target(op, input, t);
                    if (target != null) {
                        float[] range = QuantMath.minMax(values);
                        QuantMath.Int8Data q = QuantMath.int8Weights(values, range[0], range[1]);
                        data.write(target, DataType.INT8, TensorData.bytes(q.values()));
                        TensorData.setParams(target, DataType.INT8, q.scale(), 0, null);
                        quantized++;
                    }
                }
            }
        }
        GraphEdits.setVersions(model, versions, servesFloat);
        return quantized;
    }

    /**
     * Turns a hybrid model's int8 weights back into float32 ({@code (q - zeroPoint) · scale}, per channel where
     * the tensor has several scales), so the model can be calibrated and quantized by the integer recipe.
     *
     * @return the number of weight tensors dequantized
     */
    public static int dequantize(Model model, String file) {
        TensorData data = new TensorData(model, file);
        WeightTargets targets = new WeightTargets(model, "_float", DataType.FLOAT32);
        int dequantized = 0;
        for (SubGraph sg : model.subgraphs()) {
            targets.enter(sg);
            for (Operator op : sg.operators()) {
                OpRule.Hybrid hybrid = hybridOf(model, op);
                if (hybrid == null) {
                    continue;
                }
                for (int input : hybrid.weightInputs()) {
                    Tensor t = weight(sg, op, input);
                    if (t == null || t.type() != DataType.INT8 || !data.isConstant(t)) {
                        continue;
                    }
                    ByteBuffer floats = dequantized(model, data, sg, t); // before target(), as above
                    Tensor target = targets.target(op, input, t);
                    if (target != null) {
                        data.write(target, DataType.FLOAT32, floats);
                        target.setQuantization(null);
                        dequantized++;
                    }
                }
            }
        }
        return dequantized;
    }

    private static Tensor weight(SubGraph sg, Operator op, int input) {
        int index = input < op.inputs().length ? op.inputs()[input] : -1;
        return index < 0 ? null : sg.tensor(index);
    }

    private static ByteBuffer dequantized(Model model, TensorData data, SubGraph sg, Tensor t) {
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
        return out.flip();
    }

    /**
     * Tensors some reader needs as they are: inputs of operators without a hybrid kernel, inputs other than a
     * hybrid kernel's weights, and graph outputs. TFLite's weight quantizer likewise quantizes a tensor only when
     * all its consumers take int8 weights there.
     */
    private static Set<Integer> readOtherwise(Model model, SubGraph sg) {
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

    private static OpRule.Hybrid hybridOf(Model model, Operator op) {
        OperatorCode code = model.operatorCodes().get(op.opcodeIndex());
        OpRule rule = code.isCustom() ? null : OpRules.lookup(code.builtinCode(), op.inputs());
        return rule == null ? null : rule.hybrid();
    }

    /** Where a rewritten weight is written, so that no other reader sees the change. */
    private static final class WeightTargets {
        private final Model model;
        private final String copySuffix;
        private final DataType copyType;
        private final Map<Integer, Integer> bufferUsers = new HashMap<>();
        private SubGraph sg;
        private Set<Integer> readOtherwise;
        private Map<Integer, Integer> copies;

        WeightTargets(Model model, String copySuffix, DataType copyType) {
            this.model = model;
            this.copySuffix = copySuffix;
            this.copyType = copyType;
            for (SubGraph s : model.subgraphs()) {
                for (Tensor t : s.tensors()) {
                    bufferUsers.merge(t.bufferIndex(), 1, Integer::sum);
                }
            }
        }

        void enter(SubGraph subgraph) {
            sg = subgraph;
            readOtherwise = HybridWeights.readOtherwise(model, subgraph);
            copies = new HashMap<>();
        }

        /**
         * The tensor to write {@code op}'s rewritten weight {@code t} into: {@code t} itself (with a buffer of its
         * own if others share it), or, when another reader needs {@code t} unchanged, a copy {@code op} is
         * redirected to; null when that copy was already written for an earlier operator.
         */
        Tensor target(Operator op, int input, Tensor t) {
            if (!readOtherwise.contains(t.index())) {
                if (bufferUsers.merge(t.bufferIndex(), -1, Integer::sum) > 0) {
                    t.setBufferIndex(model.addBuffer(null));
                }
                return t;
            }
            Integer existing = copies.get(t.index());
            Tensor copy = null;
            if (existing == null) {
                copy = GraphEdits.newTensorLike(sg, t, t.name() + copySuffix, copyType);
                copy.setBufferIndex(model.addBuffer(null));
                copies.put(t.index(), copy.index());
                existing = copy.index();
            }
            int[] inputs = op.inputs().clone();
            inputs[input] = existing;
            op.setInputs(inputs);
            return copy;
        }
    }
}
