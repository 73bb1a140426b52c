package io.lstmq.sweep;

import java.util.List;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.Model;
import io.lstmq.model.Tensor;

/**
 * Memory taken by the LSTM parameters (gate weights and biases; states and the rest of the model are not
 * counted), in bytes: W-bit weights packed with no padding between them, 32-bit bias words.
 */
public final class Footprint {
    private Footprint() {}

    /** One LSTM with W-bit weights: ceil((weights·W + biases·32) / 8). */
    public static long fixedPoint(LstmParameters p, int weightBits) {
        long bits = p.weightCount() * weightBits + p.biasCount() * FixedPointLstm.BIAS_BITS;
        return (bits + 7) / 8;
    }

    public static long fixedPoint(List<LstmParameters> lstms, int weightBits) {
        return lstms.stream().mapToLong(p -> fixedPoint(p, weightBits)).sum();
    }

    /** One LSTM in float32: 4 bytes per weight and bias. */
    public static long float32(LstmParameters p) {
        return 4 * (p.weightCount() + p.biasCount());
    }

    public static long float32(List<LstmParameters> lstms) {
        return lstms.stream().mapToLong(Footprint::float32).sum();
    }

    /** The bytes of the gate weight and bias tensors of every LSTM of an integer model, at their stored types. */
    public static long stored(Model model) {
        long bytes = 0;
        for (LstmOperator op : LstmOperator.in(model, model.subgraph(0))) {
            for (Gate g : Gate.values()) {
                for (LstmSlot s : List.of(g.inputWeights(), g.recurrentWeights(), g.bias())) {
                    Tensor t = op.slot(s);
                    bytes += t == null ? 0 : t.type().storageBytes(t.elementCount());
                }
            }
        }
        return bytes;
    }
}
