package io.lstmq.diff;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.inspect.Json;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Compares two models for converter regression tests: structure (subgraphs, operators, opcodes and versions,
 * connectivity), tensors (type, shape, scale within a relative tolerance, zero point) and buffer contents (how many
 * values differ and the largest difference, in the tensor's own units, i.e. quantized units for integer tensors).
 * Tensors are matched by position, or by name when asked.
 */
public final class ModelDiff {
    /** How tensors of A find their partner in B. */
    public enum Matching { POSITION, NAME }

    private final Matching matching;
    private final double scaleRtol;
    private final ArrayNode structure = Json.array();
    private final ArrayNode tensors = Json.array();
    private final ArrayNode buffers = Json.array();

    private ModelDiff(Matching matching, double scaleRtol) {
        this.matching = matching;
        this.scaleRtol = scaleRtol;
    }

    /** The differences as JSON: {@code identical}, then {@code structure}, {@code tensors}, {@code buffers}. */
    public static ObjectNode compare(Model a, Model b, Matching matching, double scaleRtol) {
        ModelDiff d = new ModelDiff(matching, scaleRtol);
        d.run(a, b);
        ObjectNode r = Json.object();
        r.put("identical", d.structure.isEmpty() && d.tensors.isEmpty() && d.buffers.isEmpty());
        r.put("matching", matching.name().toLowerCase());
        r.put("scale_rtol", scaleRtol);
        r.set("structure", d.structure);
        r.set("tensors", d.tensors);
        r.set("buffers", d.buffers);
        return r;
    }

    private void run(Model a, Model b) {
        List<SubGraph> sa = a.subgraphs();
        List<SubGraph> sb = b.subgraphs();
        if (sa.size() != sb.size()) {
            structure("model", "subgraphs", sa.size(), sb.size());
        }
        for (int s = 0; s < Math.min(sa.size(), sb.size()); s++) {
            subgraph(a, sa.get(s), b, sb.get(s));
        }
    }

    private void subgraph(Model a, SubGraph ga, Model b, SubGraph gb) {
        String where = "subgraph " + ga.index();
        Map<Integer, Integer> partner = partners(ga, gb);
        compareIndices(where, "inputs", ga.inputs(), gb.inputs(), ga, gb, partner);
        compareIndices(where, "outputs", ga.outputs(), gb.outputs(), ga, gb, partner);
        List<Operator> oa = ga.operators();
        List<Operator> ob = gb.operators();
        if (oa.size() != ob.size()) {
            structure(where, "operators", oa.size(), ob.size());
        }
        List<OperatorCode> ca = a.operatorCodes();
        List<OperatorCode> cb = b.operatorCodes();
        for (int i = 0; i < Math.min(oa.size(), ob.size()); i++) {
            OperatorCode x = ca.get(oa.get(i).opcodeIndex());
            OperatorCode y = cb.get(ob.get(i).opcodeIndex());
            String at = where + ", operator " + i;
            if (!x.name().equals(y.name())) {
                structure(at, "opcode", x.name(), y.name());
                continue;
            }
            if (x.version() != y.version()) {
                structure(at + " (" + x.name() + ")", "version", x.version(), y.version());
            }
            compareIndices(at + " (" + x.name() + ")", "inputs", oa.get(i).inputs(), ob.get(i).inputs(), ga, gb, partner);
            compareIndices(at + " (" + x.name() + ")", "outputs", oa.get(i).outputs(), ob.get(i).outputs(), ga, gb,
                    partner);
        }
        if (matching == Matching.POSITION && ga.tensorCount() != gb.tensorCount()) {
            structure(where, "tensors", ga.tensorCount(), gb.tensorCount());
        }
        for (Map.Entry<Integer, Integer> e : partner.entrySet()) {
            tensor(a, ga.tensor(e.getKey()), b, gb.tensor(e.getValue()), where);
        }
        if (matching == Matching.NAME) {
            for (Tensor t : ga.tensors()) {
                if (!partner.containsKey(t.index())) {
                    structure(where + ", " + t.describe(), "present", "yes", "no tensor of that name");
                }
            }
        }
    }

    /** Tensor index in A to its partner's index in B. */
    private Map<Integer, Integer> partners(SubGraph ga, SubGraph gb) {
        Map<Integer, Integer> p = new java.util.LinkedHashMap<>();
        if (matching == Matching.POSITION) {
            for (int i = 0; i < Math.min(ga.tensorCount(), gb.tensorCount()); i++) {
                p.put(i, i);
            }
            return p;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (Tensor t : gb.tensors()) {
            byName.putIfAbsent(t.name(), t.index());
        }
        for (Tensor t : ga.tensors()) {
            Integer j = byName.get(t.name());
            if (j != null) {
                p.put(t.index(), j);
            }
        }
        return p;
    }

    private void compareIndices(String where, String what, int[] x, int[] y, SubGraph ga, SubGraph gb,
                                Map<Integer, Integer> partner) {
        if (x.length != y.length) {
            structure(where, what, Arrays.toString(x), Arrays.toString(y));
            return;
        }
        for (int i = 0; i < x.length; i++) {
            boolean same = x[i] < 0 || y[i] < 0 ? x[i] == y[i] : partner.getOrDefault(x[i], -2) == y[i];
            if (!same) {
                structure(where, what + "[" + i + "]", name(ga, x[i]), name(gb, y[i]));
            }
        }
    }

    private static String name(SubGraph g, int i) {
        return i < 0 ? "absent" : "#" + i + " '" + g.tensor(i).name() + "'";
    }

    private void tensor(Model a, Tensor x, Model b, Tensor y, String where) {
        String at = where + ", " + x.describe() + (matching == Matching.POSITION && !x.name().equals(y.name())
                ? " / '" + y.name() + "'" : "");
        if (x.type() != y.type()) {
            tensor(at, "dtype", x.type().lowerName(), y.type().lowerName());
        }
        if (!Arrays.equals(x.shape(), y.shape())) {
            tensor(at, "shape", Arrays.toString(x.shape()), Arrays.toString(y.shape()));
        }
        if (x.isVariable() != y.isVariable()) {
            tensor(at, "variable", x.isVariable(), y.isVariable());
        }
        float[] sx = x.quantization() == null ? new float[0] : x.quantization().scales();
        float[] sy = y.quantization() == null ? new float[0] : y.quantization().scales();
        if (sx.length != sy.length) {
            tensor(at, "scales", sx.length, sy.length);
        } else {
            for (int i = 0; i < sx.length; i++) {
                double tolerance = scaleRtol * Math.max(Math.abs(sx[i]), Math.abs(sy[i]));
                if (Math.abs(sx[i] - sy[i]) > tolerance || (scaleRtol == 0 && Float.compare(sx[i], sy[i]) != 0)) {
                    tensor(at, sx.length == 1 ? "scale" : "scale[" + i + "]", sx[i], sy[i]);
                }
            }
        }
        long[] zx = x.quantization() == null ? new long[0] : x.quantization().zeroPoints();
        long[] zy = y.quantization() == null ? new long[0] : y.quantization().zeroPoints();
        if (!Arrays.equals(zx, zy)) {
            tensor(at, "zero_point", Arrays.toString(zx), Arrays.toString(zy));
        }
        buffer(a, x, b, y, at);
    }

    private void buffer(Model a, Tensor x, Model b, Tensor y, String at) {
        ByteBuffer bx = a.bufferCount() == 0 ? ByteBuffer.allocate(0) : a.data(x);
        ByteBuffer by = b.bufferCount() == 0 ? ByteBuffer.allocate(0) : b.data(y);
        if (bx.remaining() == 0 && by.remaining() == 0) {
            return;
        }
        ObjectNode n = Json.object().put("tensor", at);
        if (bx.remaining() != by.remaining() || x.type() != y.type()) {
            n.put("bytes_a", bx.remaining()).put("bytes_b", by.remaining());
            buffers.add(n);
            return;
        }
        if (bx.equals(by)) {
            return;
        }
        if (!ElementReader.supports(x.type())) {
            int differing = 0;
            for (int i = 0; i < bx.remaining(); i++) {
                differing += bx.get(i) != by.get(i) ? 1 : 0;
            }
            buffers.add(n.put("differing_bytes", differing));
            return;
        }
        int count = bx.remaining() / Math.max(1, x.type().bits() / 8);
        int differing = 0;
        double largest = 0;
        int firstAt = -1;
        for (int i = 0; i < count; i++) {
            double d = Math.abs(ElementReader.get(bx, x.type(), i) - ElementReader.get(by, y.type(), i));
            if (d != 0 || Double.isNaN(d)) {
                differing++;
                largest = Math.max(largest, d);
                firstAt = firstAt < 0 ? i : firstAt;
            }
        }
        buffers.add(n.put("differing_values", differing).put("of", count).put("max_abs_difference", largest)
                .put("first_at", firstAt));
    }

    private void structure(String where, String what, Object a, Object b) {
        structure.addObject().put("at", where).put("field", what).put("a", String.valueOf(a)).put("b", String.valueOf(b));
    }

    private void tensor(String where, String what, Object a, Object b) {
        tensors.addObject().put("tensor", where).put("field", what).put("a", String.valueOf(a)).put("b", String.valueOf(b));
    }

    /** Lines for people. */
    public static List<String> describe(ObjectNode r) {
        List<String> out = new ArrayList<>();
        for (var s : r.get("structure")) {
            out.add(s.get("at").asText() + ": " + s.get("field").asText() + " " + s.get("a").asText() + " vs "
                    + s.get("b").asText());
        }
        for (var s : r.get("tensors")) {
            out.add(s.get("tensor").asText() + ": " + s.get("field").asText() + " " + s.get("a").asText() + " vs "
                    + s.get("b").asText());
        }
        for (var s : r.get("buffers")) {
            out.add(s.get("tensor").asText() + ": " + (s.has("differing_values")
                    ? s.get("differing_values").asInt() + " of " + s.get("of").asInt() + " values differ, largest by "
                            + s.get("max_abs_difference").asText() + " (first at element " + s.get("first_at").asInt() + ")"
                    : s.has("differing_bytes") ? s.get("differing_bytes").asInt() + " bytes differ"
                    : "buffer sizes " + s.get("bytes_a").asInt() + " vs " + s.get("bytes_b").asInt()));
        }
        return out;
    }
}
