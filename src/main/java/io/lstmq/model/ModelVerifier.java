package io.lstmq.model;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.FieldDef;
import io.lstmq.model.fb.Schema;

/**
 * The model's own rules, checked after the structure is known to be sound: every index in range, known enum
 * values, buffer sizes equal to shape x element size, quantization vectors consistent with the shape, external
 * buffers inside the file. The first violation is a {@link ModelException}; softer findings are returned.
 */
public final class ModelVerifier {
    private final String file;
    private final Model model;
    private final long fileSize;
    private final List<String> warnings = new ArrayList<>();
    private int bufferCount;
    private int subgraphCount;

    ModelVerifier(String file, Model model, long fileSize) {
        this.file = file;
        this.model = model;
        this.fileSize = fileSize;
    }

    /** Checks a model after edits, before it is written; returns the warnings, throws on the first error. */
    public static List<String> verifyEdited(Model model, String name) {
        return new ModelVerifier(name, model, Long.MAX_VALUE).verify();
    }

    List<String> verify() {
        bufferCount = model.bufferCount();
        subgraphCount = model.subgraphs().size();
        if (model.version() != 3) {
            warnings.add("schema version " + model.version() + " (TFLite writes 3)");
        }
        verifyBuffers();
        verifyOperatorCodes();
        for (SubGraph sg : model.subgraphs()) {
            verifySubgraph(sg);
        }
        verifySignatures();
        verifyMetadata();
        return warnings;
    }

    private void verifyBuffers() {
        List<Buffer> buffers = model.buffers();
        for (int i = 0; i < buffers.size(); i++) {
            Buffer buffer = buffers.get(i);
            long offset = buffer.table().getLong("offset");
            long size = buffer.table().getLong("size");
            if (buffer.isExternal() && (size < 0 || offset < 0 || offset + size > fileSize || offset + size < 0)) {
                fail("buffer " + i, "data at offset " + Long.toUnsignedString(offset) + " with size "
                        + Long.toUnsignedString(size) + " lies outside the " + fileSize + "-byte file");
            }
        }
    }

    private void verifyOperatorCodes() {
        List<OperatorCode> codes = model.operatorCodes();
        var builtins = Schema.tflite().enumDef("BuiltinOperator");
        for (int i = 0; i < codes.size(); i++) {
            OperatorCode c = codes.get(i);
            if (!builtins.isDeclared(c.builtinCode())) {
                fail("operator code " + i, "unknown builtin operator code " + c.builtinCode());
            }
            if (c.isCustom() && c.customCode() == null) {
                fail("operator code " + i, "CUSTOM operator without a custom_code");
            }
        }
    }

    private void verifySubgraph(SubGraph sg) {
        int n = sg.tensorCount();
        for (Tensor t : sg.tensors()) {
            verifyTensor(sg, t);
        }
        checkIndices(sg.describe(), "input", sg.inputs(), n, false);
        checkIndices(sg.describe(), "output", sg.outputs(), n, false);
        List<OperatorCode> codes = model.operatorCodes();
        for (Operator op : sg.operators()) {
            int code = op.opcodeIndex();
            if (code < 0 || code >= codes.size()) {
                fail(sg.describe() + ", operator " + op.index(), "opcode index " + code + " but the model has "
                        + codes.size() + " operator codes");
            }
            String where = sg.describe() + ", operator " + op.index() + " (" + codes.get(code).name() + ")";
            checkIndices(where, "input", op.inputs(), n, true);
            checkIndices(where, "output", op.outputs(), n, true);
            checkIndices(where, "intermediate", op.intermediates(), n, false);
            checkSubgraphReferences(where, op.builtinOptions());
            checkSubgraphReferences(where, op.builtinOptions2());
        }
    }

    private void verifyTensor(SubGraph sg, Tensor t) {
        String where = sg.describe() + ", " + t.describe();
        DataType type = t.type();
        if (type == null) {
            fail(where, "unknown tensor type code " + t.typeCode());
        }
        for (int d : t.shape()) {
            if (d < -1) {
                fail(where, "negative dimension " + d + " in shape");
            }
        }
        int buffer = t.bufferIndex();
        if (buffer < 0 || (buffer >= bufferCount && !(buffer == 0 && bufferCount == 0))) {
            fail(where, "buffer index " + Integer.toUnsignedString(buffer) + " but the model has " + bufferCount
                    + " buffers");
        }
        long elements = t.elementCount();
        if (t.hasShape() && elements < 0 && !hasDynamicDimension(t)) {
            fail(where, "shape element count overflows");
        }
        if (bufferCount > 0 && !t.isSparse() && elements >= 0) {
            long have = model.buffer(buffer).size();
            long need = type.storageBytes(elements);
            if (have != 0 && need >= 0 && have != need) {
                fail(where, "buffer " + buffer + " holds " + have + " bytes but shape " + shapeText(t) + " of "
                        + type.lowerName() + " needs " + need);
            }
        }
        Quantization q = t.quantization();
        if (q != null) {
            int scales = q.scales().length;
            int zps = q.zeroPoints().length;
            if (scales > 0 && zps > 0 && scales != zps) {
                fail(where, scales + " scales but " + zps + " zero points");
            }
            if (scales > 1) {
                int[] shape = t.shape();
                int axis = q.axis();
                if (axis < 0 || axis >= shape.length) {
                    fail(where, "quantized dimension " + axis + " outside the tensor's rank " + shape.length);
                }
                if (shape[axis] != scales) {
                    fail(where, scales + " per-channel scales but dimension " + axis + " has " + shape[axis]);
                }
            }
        }
    }

    private static boolean hasDynamicDimension(Tensor t) {
        for (int d : t.shape()) {
            if (d < 0) {
                return true;
            }
        }
        return false;
    }

    private void checkIndices(String where, String what, int[] indices, int tensorCount, boolean optionalAllowed) {
        for (int i = 0; i < indices.length; i++) {
            int v = indices[i];
            if (v == -1 && optionalAllowed) {
                continue;
            }
            if (v < 0 || v >= tensorCount) {
                fail(where, what + " " + i + " refers to tensor " + v + " but the subgraph has " + tensorCount
                        + " tensors");
            }
        }
    }

    /** Control-flow options (WHILE, IF, CALL_ONCE, StableHLO) name subgraphs by index. */
    private void checkSubgraphReferences(String where, FbTable options) {
        if (options == null) {
            return;
        }
        for (FieldDef f : options.def().fields()) {
            if (f.name().endsWith("subgraph_index") && options.get(f) != null) {
                long v = (Long) options.get(f);
                if (v < 0 || v >= subgraphCount) {
                    fail(where, f.name() + " " + v + " but the model has " + subgraphCount + " subgraphs");
                }
            }
        }
    }

    private void verifySignatures() {
        List<SignatureDef> sigs = model.signatureDefs();
        for (int i = 0; i < sigs.size(); i++) {
            SignatureDef s = sigs.get(i);
            String where = "signature " + i + " '" + s.key() + "'";
            if (s.subgraphIndex() < 0 || s.subgraphIndex() >= subgraphCount) {
                fail(where, "subgraph index " + s.subgraphIndex() + " but the model has " + subgraphCount
                        + " subgraphs");
            }
            int n = model.subgraph(s.subgraphIndex()).tensorCount();
            for (var e : s.inputs().entrySet()) {
                checkIndices(where + " input '" + e.getKey() + "'", "tensor", new int[] {e.getValue()}, n, false);
            }
            for (var e : s.outputs().entrySet()) {
                checkIndices(where + " output '" + e.getKey() + "'", "tensor", new int[] {e.getValue()}, n, false);
            }
        }
    }

    private void verifyMetadata() {
        List<FbTable> metadata = model.metadata();
        for (int i = 0; i < metadata.size(); i++) {
            long b = metadata.get(i).getLong("buffer");
            if (b < 0 || b >= bufferCount) {
                fail("metadata " + i + " '" + metadata.get(i).getString("name") + "'", "buffer index " + b
                        + " but the model has " + bufferCount + " buffers");
            }
        }
        var legacy = model.tree().getVector("metadata_buffer");
        if (legacy != null) {
            for (int i = 0; i < legacy.size(); i++) {
                long b = legacy.getBits(i);
                if (b < 0 || b >= bufferCount) {
                    fail("metadata_buffer " + i, "buffer index " + b + " but the model has " + bufferCount
                            + " buffers");
                }
            }
        }
    }

    static String shapeText(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }

    private void fail(String location, String problem) {
        throw new ModelException(file, location, problem);
    }
}
