package io.lstmq.model;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;

/**
 * A TFLite model as a mutable view over its decoded tree. Views are created on demand and write straight into
 * the tree, so an edit made through any view is what {@link ModelWriter} writes.
 */
public final class Model {
    private final FbTable root;
    private final Buffer.ExternalData external;

    Model(FbTable root, Buffer.ExternalData external) {
        this.root = root;
        this.external = external;
    }

    public FbTable tree() {
        return root;
    }

    public long version() {
        return root.getLong("version");
    }

    public void setVersion(long version) {
        root.set("version", version);
    }

    public String description() {
        return root.getString("description");
    }

    public void setDescription(String description) {
        root.set("description", description == null ? null : FbString.of(description));
    }

    public List<OperatorCode> operatorCodes() {
        return Views.map(root.getTables("operator_codes"), OperatorCode::new);
    }

    /** Index of the operator code for a builtin, appending one with this version when the model has none. */
    public int operatorCodeIndex(int builtinCode, int version) {
        List<OperatorCode> codes = operatorCodes();
        for (int i = 0; i < codes.size(); i++) {
            if (!codes.get(i).isCustom() && codes.get(i).builtinCode() == builtinCode) {
                return i;
            }
        }
        List<FbTable> list = root.tablesForEdit("operator_codes");
        list.add(OperatorCode.builtin(builtinCode, version).table());
        return list.size() - 1;
    }

    public List<SubGraph> subgraphs() {
        List<FbTable> sgs = root.getTables("subgraphs");
        List<SubGraph> out = new ArrayList<>(sgs == null ? 0 : sgs.size());
        if (sgs != null) {
            for (int i = 0; i < sgs.size(); i++) {
                out.add(new SubGraph(sgs.get(i), i));
            }
        }
        return out;
    }

    /** Subgraph i; a model may have none, so commands that need one get a clear refusal. */
    public SubGraph subgraph(int i) {
        List<FbTable> sgs = root.getTables("subgraphs");
        int n = sgs == null ? 0 : sgs.size();
        if (i < 0 || i >= n) {
            throw new LstmqException("subgraph " + i + ": the model has " + (n == 0 ? "no subgraphs" : "only " + n));
        }
        return new SubGraph(sgs.get(i), i);
    }

    public List<Buffer> buffers() {
        return Views.map(root.getTables("buffers"), t -> new Buffer(t, external));
    }

    public Buffer buffer(int i) {
        return new Buffer(root.getTables("buffers").get(i), external);
    }

    public int bufferCount() {
        List<FbTable> b = root.getTables("buffers");
        return b == null ? 0 : b.size();
    }

    /**
     * The constant data of a tensor, or an empty buffer when it has none, including in a model without buffers
     * (where the verifier lets tensors name buffer 0).
     */
    public java.nio.ByteBuffer data(Tensor t) {
        if (bufferCount() == 0) {
            return java.nio.ByteBuffer.allocate(0).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        return buffer(t.bufferIndex()).data();
    }

    /** Appends a new buffer holding {@code data} and returns its index. */
    public int addBuffer(java.nio.ByteBuffer data) {
        FbTable b = new FbTable(Views.def("Buffer"));
        List<FbTable> list = root.tablesForEdit("buffers");
        list.add(b);
        if (data != null) {
            new Buffer(b, external).setData(data);
        }
        return list.size() - 1;
    }

    /** Metadata entries (name and buffer index), in file order. */
    public List<FbTable> metadata() {
        List<FbTable> m = root.getTables("metadata");
        return m == null ? List.of() : m;
    }

    /** Removes the metadata entries and the legacy metadata_buffer list; the buffers themselves stay. */
    public void dropMetadata() {
        root.clear("metadata");
        root.clear("metadata_buffer");
    }

    public List<SignatureDef> signatureDefs() {
        return Views.map(root.getTables("signature_defs"), SignatureDef::new);
    }

    Buffer.ExternalData external() {
        return external;
    }
}
