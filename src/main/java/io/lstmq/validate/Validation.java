package io.lstmq.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.inspect.Json;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.run.BatchRun;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;

/**
 * Runs a reference model (usually float) and a candidate (usually integer) on the same samples, on the TFLite
 * interpreter and on the Java engine, and measures how far the candidate is from the reference, how accurate both
 * are against labels, and how far the Java engine's integers are from TFLite's on the candidate.
 */
public final class Validation {
    /** Results of one engine: per-output statistics and accuracies, or why it could not run. */
    public record EngineResult(Engine engine, List<ErrorStats> outputs, Double referenceAccuracy,
                               Double candidateAccuracy, List<NdArray> candidateRaw, String error) {}

    private final ModelFile reference;
    private final ModelFile candidate;
    private final Map<String, NdArray> data;
    private final NdArray labels;
    private final Numerics numerics;
    private final BatchRun.Progress progress;

    public Validation(ModelFile reference, ModelFile candidate, Map<String, NdArray> data, NdArray labels,
                      Numerics numerics, BatchRun.Progress progress) {
        this.reference = reference;
        this.candidate = candidate;
        this.data = data;
        this.labels = labels;
        this.numerics = numerics;
        this.progress = progress;
    }

    public List<EngineResult> run(List<Engine> engines) {
        SubGraph rsg = reference.model().subgraph(0);
        SubGraph csg = candidate.model().subgraph(0);
        ModelInputs rin = ModelInputs.bind(rsg, data, "reference " + reference.name());
        ModelInputs cin = ModelInputs.bind(csg, data, "candidate " + candidate.name());
        if (labels != null && labels.size() != rin.sampleCount()) {
            throw new LstmqException("labels: " + labels.size() + " labels for " + rin.sampleCount() + " samples");
        }
        List<Tensor> routs = BatchRun.outputs(rsg);
        List<Tensor> couts = BatchRun.outputs(csg);
        if (routs.size() != couts.size()) {
            throw new LstmqException("the reference has " + routs.size() + " outputs but the candidate " + couts.size());
        }
        List<EngineResult> results = new ArrayList<>();
        for (Engine engine : engines) {
            SampleRunner rr;
            SampleRunner cr;
            try {
                rr = SampleRunner.open(reference, engine, numerics);
            } catch (LstmqException e) {
                results.add(new EngineResult(engine, List.of(), null, null, null, "reference: " + e.getMessage()));
                continue;
            }
            try {
                cr = SampleRunner.open(candidate, engine, numerics);
            } catch (LstmqException e) {
                rr.close();
                results.add(new EngineResult(engine, List.of(), null, null, null, "candidate: " + e.getMessage()));
                continue;
            }
            List<NdArray> r;
            List<NdArray> c;
            try (rr; cr) {
                r = BatchRun.run(rr, rin, false, progress);
                c = BatchRun.run(cr, cin, false, progress);
            }
            List<ErrorStats> stats = new ArrayList<>();
            for (int k = 0; k < routs.size(); k++) {
                stats.add(compare(ModelInputs.dequantize(r.get(k), routs.get(k)),
                        ModelInputs.dequantize(c.get(k), couts.get(k)), rin.sampleCount()));
            }
            results.add(new EngineResult(engine, stats, accuracy(r.get(0), rin.sampleCount()),
                    accuracy(c.get(0), rin.sampleCount()), c, null));
        }
        return results;
    }

    private static ErrorStats compare(NdArray ref, NdArray cand, int samples) {
        if (ref.size() != cand.size()) {
            throw new LstmqException("reference and candidate outputs differ in size: " + ref.size() + " vs "
                    + cand.size());
        }
        float[] r = ref.asFloatArray();
        float[] c = cand.asFloatArray();
        int per = r.length / samples;
        ErrorStats s = new ErrorStats(Math.min(r.length, 200_000));
        for (int i = 0; i < samples; i++) {
            s.add(java.util.Arrays.copyOfRange(r, i * per, (i + 1) * per),
                    java.util.Arrays.copyOfRange(c, i * per, (i + 1) * per));
        }
        return s;
    }

    private Double accuracy(NdArray out, int samples) {
        if (labels == null) {
            return null;
        }
        int per = (int) (out.size() / samples);
        int correct = 0;
        for (int i = 0; i < samples; i++) {
            int best = 0;
            for (int j = 1; j < per; j++) {
                if (out.getDouble((long) i * per + j) > out.getDouble((long) i * per + best)) {
                    best = j;
                }
            }
            correct += best == labels.getLong(i) ? 1 : 0;
        }
        return (double) correct / samples;
    }

    /** Per-time-step LSTM state errors (float vs integer) over at most {@code maxSamples} samples. */
    public List<HtmlReport.StepCurve> stateCurves(int maxSamples) {
        SubGraph rsg = reference.model().subgraph(0);
        SubGraph csg = candidate.model().subgraph(0);
        return LstmStateCurves.compute(reference, candidate, ModelInputs.bind(rsg, data, "reference"),
                ModelInputs.bind(csg, data, "candidate"), numerics, maxSamples);
    }

    /** The Java engine's candidate integers against TFLite's, or null unless both ran. */
    public static LsbStats javaVersusTflite(List<EngineResult> results) {
        EngineResult java = null;
        EngineResult tflite = null;
        for (EngineResult r : results) {
            if (r.error() == null && r.engine() == Engine.JAVA) {
                java = r;
            } else if (r.error() == null && r.engine() == Engine.TFLITE) {
                tflite = r;
            }
        }
        if (java == null || tflite == null) {
            return null;
        }
        LsbStats s = new LsbStats();
        for (int k = 0; k < java.candidateRaw().size(); k++) {
            if (!java.candidateRaw().get(k).dtype().isFloatingPoint()) {
                s.add(java.candidateRaw().get(k), tflite.candidateRaw().get(k));
            }
        }
        return s;
    }

    /** The machine-readable summary. */
    public ObjectNode json(List<EngineResult> results, Thresholds thresholds) {
        ObjectNode o = Json.object();
        o.put("reference", reference.name());
        o.put("candidate", candidate.name());
        o.put("numerics", numerics.name().toLowerCase());
        List<Tensor> outs = BatchRun.outputs(candidate.model().subgraph(0));
        ObjectNode engines = o.putObject("engines");
        for (EngineResult r : results) {
            ObjectNode e = engines.putObject(r.engine().lowerName());
            if (r.error() != null) {
                e.put("error", r.error());
                continue;
            }
            e.put("samples", r.outputs().isEmpty() ? 0 : r.outputs().get(0).samples());
            if (r.referenceAccuracy() != null) {
                e.put("reference_accuracy", r.referenceAccuracy());
                e.put("candidate_accuracy", r.candidateAccuracy());
            }
            ArrayNode arr = e.putArray("outputs");
            for (int k = 0; k < r.outputs().size(); k++) {
                ErrorStats s = r.outputs().get(k);
                ObjectNode n = arr.addObject().put("name", outs.get(k).name());
                n.put("max_abs_error", s.maxAbsError()).put("mean_abs_error", s.meanAbsError()).put("rmse", s.rmse())
                        .put("snr_db", s.snrDb()).put("cosine", s.cosine()).put("argmax_agreement", s.argmaxAgreement());
            }
        }
        LsbStats lsb = javaVersusTflite(results);
        if (lsb != null) {
            o.putObject("candidate_java_vs_tflite").put("max_lsb", lsb.maxDiff()).put("differing", lsb.differing())
                    .put("values", lsb.values());
        }
        o.set("thresholds", thresholds.check(results, lsb));
        o.put("passed", Thresholds.passed(o.get("thresholds")));
        return o;
    }

    static Map<String, Double> metrics(ErrorStats s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("max_abs_error", s.maxAbsError());
        m.put("rmse", s.rmse());
        m.put("snr_db", s.snrDb());
        m.put("cosine", s.cosine());
        m.put("argmax_agreement", s.argmaxAgreement());
        return m;
    }
}
