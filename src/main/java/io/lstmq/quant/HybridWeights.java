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
     * Makes a float model hybrid in place.
     *
     * @return the number of weight tensors quantized
     */
    public static int quantize(Model model, String file) {
        TensorData data = new TensorData(model, file);
        int quantized = 0;
        Map<Integer, Integer> versions = new HashMap<>();
        Set<Integer> servesFloat = new HashSet<>();
        for (SubGraph sg : model.subgraphs()) {
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
                    float[] range = QuantMath.minMax(values);
                    QuantMath.Int8Data q = QuantMath.int8Weights(values, range[0], range[1]);
                    data.write(t, DataType.INT8, TensorData.bytes(q.values()));
                    TensorData.setParams(t, DataType.INT8, q.scale(), 0, null);
                    quantized++;
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
