package io.lstmq.quant;

import java.util.Map;
import java.util.Set;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;
import io.lstmq.schema.BuiltinOperator;

/** The structural edits of quantization: new activation tensors and the QUANTIZE / DEQUANTIZE ops around them. */
final class GraphEdits {
    /** QUANTIZE written for a float model input (legacy quantizer). */
    static final int QUANTIZE_IO_VERSION = 1;
    /** QUANTIZE inside the graph (requantization, or after a float op); also any QUANTIZE to int16. */
    static final int QUANTIZE_VERSION = 2;
    static final int DEQUANTIZE_INT8_VERSION = 2;
    static final int DEQUANTIZE_INT16_VERSION = 3;

    private GraphEdits() {}

    /**
     * A new activation tensor with the shape (and shape signature, absent or not) of {@code like}, no data
     * (buffer 0) and the given type; appended to the subgraph. Fields at their schema default (buffer 0, type
     * FLOAT32) are left absent, as TFLite's writer leaves them.
     */
    static Tensor newTensorLike(SubGraph sg, Tensor like, String name, DataType type) {
        FbTable t = new FbTable(Schema.tflite().table("Tensor"));
        t.set("shape", like.table().get("shape"));
        t.set("shape_signature", like.table().get("shape_signature"));
        if (type != DataType.FLOAT32) {
            t.set("type", (long) type.code());
        }
        t.set("name", FbString.of(name));
        return sg.addTensor(t);
    }

    /**
     * The index of the builtin's operator code, appended on first use and raised to {@code minVersion}. A new
     * code at version 1 (the schema default) leaves the field absent, as TFLite's writer does.
     */
    static int opcode(Model model, int builtin, int minVersion) {
        int before = model.operatorCodes().size();
        int index = model.operatorCodeIndex(builtin, minVersion);
        OperatorCode code = model.operatorCodes().get(index);
        if (index == before && minVersion == 1) {
            code.table().clear("version");
        }
        raiseVersion(code, minVersion);
        return index;
    }

    /**
     * Gives each operator code the version its rewritten operators need (the highest), as TFLite's quantizer
     * recomputes versions whatever the source said: a version TFLite does not know makes a model unloadable. A
     * code that also serves an operator left as it was only rises; a version already right is left as written,
     * so an absent one (1 by default) stays absent.
     *
     * @param needed     version by operator code index, for the codes of rewritten operators
     * @param servesKept operator code indices also used by operators left as they were
     */
    static void setVersions(Model model, Map<Integer, Integer> needed, Set<Integer> servesKept) {
        needed.forEach((index, version) -> {
            OperatorCode code = model.operatorCodes().get(index);
            if (servesKept.contains(index)) {
                raiseVersion(code, version);
            } else if (code.version() != version) {
                code.setVersion(version);
            }
        });
    }

    static void raiseVersion(OperatorCode code, int minVersion) {
        if (code.version() < minVersion) {
            code.setVersion(minVersion);
        }
    }

    /** Inserts {@code QUANTIZE(from) -> to} at {@code position} of the execution order. */
    static void insertQuantize(Model model, SubGraph sg, int position, int from, int to, int version) {
        Operator op = Operator.create(opcode(model, BuiltinOperator.QUANTIZE, version), new int[] {from},
                new int[] {to});
        sg.insertOperator(position, op);
    }

    /** Inserts {@code DEQUANTIZE(from) -> to} at {@code position}. */
    static void insertDequantize(Model model, SubGraph sg, int position, int from, int to, DataType fromType) {
        int version = fromType == DataType.INT16 ? DEQUANTIZE_INT16_VERSION : DEQUANTIZE_INT8_VERSION;
        Operator op = Operator.create(opcode(model, BuiltinOperator.DEQUANTIZE, version), new int[] {from},
                new int[] {to});
        sg.insertOperator(position, op);
    }
}
