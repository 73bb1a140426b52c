package io.lstmq.inspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.lstm.DeploymentDiagnosis;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.Quantization;
import io.lstmq.model.SignatureDef;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbTable;

/** Everything {@code inspect} says about a model, as one JSON tree that the text and C renderers read. */
public final class ModelReport {
    private ModelReport() {}

    public static ObjectNode of(ModelFile file) {
        Model model = file.model();
        ObjectNode r = Json.object();
        r.put("file", file.name());
        r.put("size_bytes", file.fileSize());
        r.put("schema_version", model.version());
        if (model.description() != null) {
            r.put("description", model.description());
        }
        ArrayNode codes = r.putArray("operator_codes");
        List<OperatorCode> opcodes = model.operatorCodes();
        for (int i = 0; i < opcodes.size(); i++) {
            OperatorCode c = opcodes.get(i);
            codes.addObject().put("index", i).put("name", c.name()).put("version", c.version())
                    .put("builtin_code", c.builtinCode());
        }
        r.put("buffers", model.bufferCount());
        ArrayNode meta = r.putArray("metadata");
        for (FbTable m : model.metadata()) {
            int b = m.getInt("buffer");
            meta.addObject().put("name", m.getString("name")).put("buffer", b).put("bytes", model.buffer(b).size());
        }
        ArrayNode sigs = r.putArray("signatures");
        for (SignatureDef s : model.signatureDefs()) {
            ObjectNode o = sigs.addObject().put("key", s.key()).put("subgraph", s.subgraphIndex());
            s.inputs().forEach(o.putObject("inputs")::put);
            s.outputs().forEach(o.putObject("outputs")::put);
        }
        ArrayNode sgs = r.putArray("subgraphs");
        for (SubGraph sg : model.subgraphs()) {
            sgs.add(subgraph(model, sg));
        }
        ArrayNode lstms = r.putArray("lstm");
        for (SubGraph sg : model.subgraphs()) {
            for (LstmOperator lstm : LstmOperator.in(model, sg)) {
                lstms.add(LstmReport.of(lstm));
            }
        }
        List<DeploymentDiagnosis.Finding> findings = DeploymentDiagnosis.of(model);
        ObjectNode deployment = r.putObject("deployment");
        deployment.put("tflm_integer", DeploymentDiagnosis.tflmIntegerReady(findings));
        ArrayNode f = deployment.putArray("findings");
        findings.forEach(x -> f.add(x.toString()));
        ArrayNode warnings = r.putArray("warnings");
        file.warnings().forEach(warnings::add);
        return r;
    }

    private static ObjectNode subgraph(Model model, SubGraph sg) {
        ObjectNode o = Json.object();
        o.put("index", sg.index());
        if (sg.name() != null) {
            o.put("name", sg.name());
        }
        ArrayNode in = o.putArray("inputs");
        for (int i : sg.inputs()) {
            in.add(brief(sg.tensor(i)));
        }
        ArrayNode out = o.putArray("outputs");
        for (int i : sg.outputs()) {
            out.add(brief(sg.tensor(i)));
        }
        List<OperatorCode> codes = model.operatorCodes();
        Map<String, Integer> histogram = new LinkedHashMap<>();
        ArrayNode ops = o.putArray("operators");
        for (Operator op : sg.operators()) {
            OperatorCode c = codes.get(op.opcodeIndex());
            histogram.merge(c.name() + " v" + c.version(), 1, Integer::sum);
            ObjectNode n = ops.addObject().put("index", op.index()).put("opcode", c.name()).put("version", c.version());
            n.set("inputs", Json.of(op.inputs()));
            n.set("outputs", Json.of(op.outputs()));
            if (op.hasIntermediates()) {
                n.set("intermediates", Json.of(op.intermediates()));
            }
        }
        ObjectNode h = o.putObject("operator_histogram");
        histogram.forEach(h::put);
        ArrayNode tensors = o.putArray("tensors");
        for (Tensor t : sg.tensors()) {
            tensors.add(tensor(model, t));
        }
        return o;
    }

    private static ObjectNode brief(Tensor t) {
        ObjectNode o = Json.object().put("index", t.index()).put("name", t.name())
                .put("dtype", t.type().lowerName());
        o.set("shape", Json.of(t.shape()));
        Quantization q = t.quantization();
        if (q != null && q.hasScale() && !q.isPerChannel()) {
            o.put("scale", q.scale()).put("zero_point", q.zeroPoint());
        }
        return o;
    }

    private static ObjectNode tensor(Model model, Tensor t) {
        ObjectNode o = Json.object().put("index", t.index()).put("name", t.name())
                .put("dtype", t.type().lowerName());
        o.set("shape", Json.of(t.shape()));
        if (t.shapeSignature() != null) {
            o.set("shape_signature", Json.of(t.shapeSignature()));
        }
        o.put("buffer", t.bufferIndex());
        o.put("buffer_bytes", model.bufferCount() == 0 ? 0 : model.buffer(t.bufferIndex()).size());
        o.put("variable", t.isVariable());
        if (t.isSparse()) {
            o.put("sparse", true);
        }
        Quantization q = t.quantization();
        if (q != null) {
            ObjectNode qn = o.putObject("quantization");
            if (q.hasScale()) {
                qn.set("scale", Json.of(q.scales()));
                qn.set("zero_point", Json.of(q.zeroPoints()));
                if (q.isPerChannel()) {
                    qn.put("axis", q.axis());
                }
            }
            if (q.min().length > 0) {
                qn.set("min", Json.of(q.min()));
                qn.set("max", Json.of(q.max()));
            }
            if (q.hasDetails()) {
                qn.put("custom_details", true);
            }
        }
        return o;
    }
}
