package io.lstmq.lstm;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.model.DataType;
import io.lstmq.model.Tensor;

/**
 * The tensor types each LSTM kernel reads and writes, slot by slot: float, hybrid (float activations with int8 or
 * uint8 weights), 8x8_16 and 16x8. The kernels take these types on trust; TFLite's float kernel, for one, writes
 * float32 outputs into whatever memory the output tensor has, so a model that disagrees is refused before a runtime
 * sees it.
 */
public final class LstmTypes {
    private LstmTypes() {}

    /** One sentence per tensor whose type is not the one the kernel uses; empty when all agree. */
    public static List<String> mismatches(LstmOperator lstm) {
        List<String> out = new ArrayList<>();
        DataType act = lstm.inputType();
        if (act != DataType.FLOAT32 && act != DataType.INT8 && act != DataType.INT16) {
            out.add("input " + lstm.slot(LstmSlot.INPUT).describe() + " is " + act.lowerName()
                    + "; LSTM kernels take float32, int8 or int16 activations");
            return out;
        }
        Tensor forget = lstm.slot(LstmSlot.INPUT_TO_FORGET_WEIGHTS);
        DataType weights = act != DataType.FLOAT32 ? DataType.INT8
                : forget != null && (forget.type() == DataType.INT8 || forget.type() == DataType.UINT8)
                        ? forget.type() : DataType.FLOAT32;
        for (LstmSlot s : LstmSlot.values()) {
            Tensor t = lstm.slot(s);
            DataType want = expected(s, act, weights);
            if (t != null && t.type() != want) {
                out.add(s.tfliteName() + " (" + t.describe() + ") is " + t.type().lowerName() + ", expected "
                        + want.lowerName());
            }
        }
        if (lstm.output().type() != act) {
            out.add("output (" + lstm.output().describe() + ") is " + lstm.output().type().lowerName()
                    + ", expected " + act.lowerName() + " like the input");
        }
        return out;
    }

    private static DataType expected(LstmSlot s, DataType act, DataType weights) {
        if (act == DataType.FLOAT32) {
            return switch (s.kind()) {
                case INPUT_WEIGHTS, RECURRENT_WEIGHTS, PROJECTION_WEIGHTS, PEEPHOLE_WEIGHTS -> weights;
                default -> DataType.FLOAT32;
            };
        }
        return switch (s.kind()) {
            case INPUT_WEIGHTS, RECURRENT_WEIGHTS, PROJECTION_WEIGHTS -> DataType.INT8;
            case GATE_BIAS, PROJECTION_BIAS -> act == DataType.INT16 ? DataType.INT64 : DataType.INT32;
            case PEEPHOLE_WEIGHTS, LAYER_NORM -> DataType.INT16;
            case STATE -> s == LstmSlot.CELL_STATE ? DataType.INT16 : act;
            case ACTIVATION -> act;
        };
    }
}
