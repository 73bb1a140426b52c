package io.lstmq.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;

/**
 * The edits a converter tester needs, each checked so that it cannot make the model invalid. Tensors are named
 * by name or by {@code #index}, within one subgraph.
 */
public final class ModelEditor {
    private final Model model;
    private final String file;

    public ModelEditor(Model model, String file) {
        this.model = model;
        this.file = file;
    }

    /** Finds a tensor by name (must be unique) or by {@code #index}. */
    public Tensor tensor(int subgraph, String ref) {
        List<SubGraph> sgs = model.subgraphs();
        if (subgraph < 0 || subgraph >= sgs.size()) {
            throw new ModelException(file, "subgraph " + subgraph, "no such subgraph (the model has " + sgs.size()
                    + ")");
        }
        SubGraph sg = sgs.get(subgraph);
        if (ref.startsWith("#")) {
            int i;
            try {
                i = Integer.parseInt(ref.substring(1));
            } catch (NumberFormatException e) {
                throw new ModelException(file, sg.describe(), "'" + ref + "' is not a tensor index");
            }
            if (i < 0 || i >= sg.tensorCount()) {
                throw new ModelException(file, sg.describe(), "no tensor " + ref + " (it has " + sg.tensorCount()
                        + " tensors)");
            }
            return sg.tensor(i);
        }
        List<Tensor> found = sg.tensors().stream().filter(t -> t.name().equals(ref)).toList();
        if (found.isEmpty()) {
            throw new ModelException(file, sg.describe(), "no tensor named '" + ref + "'");
        }
        if (found.size() > 1) {
            throw new ModelException(file, sg.describe(), found.size() + " tensors are named '" + ref
                    + "'; use #index (e.g. #" + found.get(0).index() + ")");
        }
        return found.get(0);
    }

    /** Sets scale(s) and zero point(s); min/max and custom details already there are kept. */
    public void setQuantization(int subgraph, String ref, float[] scales, long[] zeroPoints, int axis) {
        Tensor t = tensor(subgraph, ref);
        String where = "subgraph " + subgraph + ", " + t.describe();
        if (scales.length == 0 || scales.length != zeroPoints.length) {
            throw new ModelException(file, where, scales.length + " scales but " + zeroPoints.length
                    + " zero points");
        }
        for (float s : scales) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new ModelException(file, where, "scale " + s + " must be positive and finite");
            }
        }
        long[] range = zeroPointRange(t.type());
        for (long z : zeroPoints) {
            if (z < range[0] || z > range[1]) {
                throw new ModelException(file, where, "zero point " + z + " outside " + t.type().lowerName()
                        + " range [" + range[0] + ", " + range[1] + "]");
            }
        }
        int[] shape = t.shape();
        if (scales.length > 1 && (axis < 0 || axis >= shape.length || shape[axis] != scales.length)) {
            throw new ModelException(file, where, scales.length + " per-channel scales do not match axis " + axis
                    + " of shape " + java.util.Arrays.toString(shape));
        }
        FbTable q = t.quantization() == null ? Quantization.of(scales, zeroPoints, axis).table()
                : t.quantization().table();
        q.set("scale", FbScalarVector.ofFloats(scales));
        q.set("zero_point", FbScalarVector.ofLongs(zeroPoints));
        q.set("quantized_dimension", axis == 0 && !q.has("quantized_dimension") ? null : (long) axis);
        t.table().set("quantization", q);
    }

    private static long[] zeroPointRange(DataType type) {
        return switch (type) {
            case INT8 -> new long[] {-128, 127};
            case UINT8 -> new long[] {0, 255};
            case INT16 -> new long[] {-32768, 32767};
            case UINT16 -> new long[] {0, 65535};
            case INT4 -> new long[] {-8, 7};
            case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    public void rename(int subgraph, String ref, String newName) {
        Tensor t = tensor(subgraph, ref);
        if (newName.isEmpty()) {
            throw new ModelException(file, "subgraph " + subgraph + ", " + t.describe(), "new name is empty");
        }
        if (model.subgraph(subgraph).tensorNamed(newName) != null) {
            throw new ModelException(file, "subgraph " + subgraph + ", " + t.describe(), "a tensor named '"
                    + newName + "' exists already");
        }
        t.setName(newName);
    }

    /** Sets the version of an operator code named by builtin name (e.g. FULLY_CONNECTED) or by index. */
    public void setOperatorVersion(String ref, int version) {
        if (version < 1) {
            throw new ModelException(file, "operator code " + ref, "version " + version + " must be at least 1");
        }
        List<OperatorCode> codes = model.operatorCodes();
        List<OperatorCode> matched = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i).name().equals(ref) || String.valueOf(i).equals(ref)) {
                matched.add(codes.get(i));
            }
        }
        if (matched.isEmpty()) {
            List<String> names = codes.stream().map(OperatorCode::name).toList();
            throw new ModelException(file, "operator codes", "no operator '" + ref + "' (the model has " + names + ")");
        }
        matched.forEach(c -> c.setVersion(version));
    }

    /**
     * Sets one element of a constant tensor (fault injection for converter tests). Only that buffer is copied;
     * the value must be representable in the tensor's type.
     */
    public void setElement(int subgraph, String ref, long index, double value) {
        Tensor t = tensor(subgraph, ref);
        String where = "subgraph " + subgraph + ", " + t.describe();
        java.nio.ByteBuffer old = model.data(t);
        long count = t.elementCount();
        if (old.remaining() == 0) {
            throw new ModelException(file, where, "has no constant data to edit");
        }
        if (index < 0 || index >= count) {
            throw new ModelException(file, where, "element " + index + " outside 0.." + (count - 1));
        }
        DataType type = t.type();
        long[] range = zeroPointRange(type);
        boolean integral = type.isInteger() && type != DataType.INT4;
        if (!(integral || type == DataType.FLOAT32)) {
            throw new ModelException(file, where, "editing " + type.lowerName() + " elements is not supported");
        }
        if (integral && (value != Math.rint(value) || value < range[0] || value > range[1])) {
            throw new ModelException(file, where, "value " + value + " is not a " + type.lowerName());
        }
        java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(old.remaining()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        copy.put(old.duplicate()).flip();
        int i = (int) index;
        switch (type) {
            case FLOAT32 -> copy.putFloat(i * 4, (float) value);
            case INT8, UINT8 -> copy.put(i, (byte) (long) value);
            case INT16, UINT16 -> copy.putShort(i * 2, (short) (long) value);
            case INT32, UINT32 -> copy.putInt(i * 4, (int) (long) value);
            default -> copy.putLong(i * 8, (long) value);
        }
        model.buffer(t.bufferIndex()).setData(copy);
    }

    public void dropMetadata() {
        model.dropMetadata();
    }

    /** Keeps only the metadata entries with these names; unknown names are an error. */
    public void keepMetadata(Set<String> names) {
        List<FbTable> kept = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (FbTable m : model.metadata()) {
            String n = m.getString("name");
            seen.add(n);
            if (names.contains(n)) {
                kept.add(m);
            }
        }
        for (String n : names) {
            if (!seen.contains(n)) {
                throw new ModelException(file, "metadata", "no entry named '" + n + "' (entries: " + seen + ")");
            }
        }
        model.tree().set("metadata", kept);
    }

    public void setDescription(String description) {
        model.setDescription(description);
    }
}
