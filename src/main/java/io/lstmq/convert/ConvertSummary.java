package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.inspect.Json;
import io.lstmq.lstm.CellStateFormat;
import io.lstmq.lstm.DeploymentDiagnosis;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Tensor;
import io.lstmq.quant.QuantScheme;

/**
 * The short account {@code lstmq convert} gives of its work, as text or JSON: sizes before and after, what the
 * model was and became, each LSTM's cell-state format, what stayed float, warnings and the checks' results.
 */
public final class ConvertSummary {
    private final ObjectNode json;
    private final List<String> lines = new ArrayList<>();

    /**
     * One LSTM of the written model.
     *
     * @param operator the operator's index in the input model
     */
    record LstmFacts(int operator, String op, String variant, DataType cellType, float cellScale,
            DataType stateType, float stateScale, long stateZeroPoint) {

        /** {@code Qm.n} with m integer and n fraction bits, for an int16 cell with scale exactly 2^-n. */
        String cellFormat() {
            if (cellType != DataType.INT16 || !(cellScale > 0)) {
                return null;
            }
            CellStateFormat f = CellStateFormat.of(cellScale);
            return f.exactPowerOfTwo() ? "Q" + f.tanhIntegerBits() + "." + (-f.power()) : null;
        }

        /** The largest cell magnitude the format holds, 2^(15 + P), as text. */
        String cellRange() {
            int bits = CellStateFormat.of(cellScale).tanhIntegerBits();
            return bits >= 0 ? String.valueOf(1L << bits) : String.valueOf(Math.scalb(1.0, bits));
        }
    }

    public ConvertSummary(String input, long inputBytes, String output, long outputBytes, ConvertOptions options,
            Converter.Result result, String calibrationSource, OutputChecks.Report checks) {
        json = Json.object();
        ObjectNode in = json.putObject("input");
        in.put("file", input);
        in.put("bytes", inputBytes);
        in.put("kind", result.survey().kind().label());
        ObjectNode out = json.putObject("output");
        out.put("file", output);
        out.put("bytes", outputBytes);
        String made = options.weightsOnly() ? "hybrid (int8 weights, float activations)"
                : options.scheme() == QuantScheme.INT8 ? "int8 activations (8x8_16: int8 weights, int32 biases)"
                : "int16 activations (16x8: int8 weights, int64 biases)";
        out.put("model", made);
        String io = options.weightsOnly() || options.floatIo() ? "float" : options.scheme().label();
        out.put("io", io);
        lines.add(String.format(Locale.ROOT, "converted %s (%s, %,d bytes) -> %s (%,d bytes, %s, %s inputs and "
                + "outputs)", input, result.survey().kind().label(), inputBytes, output, outputBytes, made, io));

        if (result.weightsDequantized() > 0) {
            json.put("hybridWeightsDequantized", result.weightsDequantized());
            lines.add("hybrid input: " + result.weightsDequantized() + " int8 weight tensors dequantized, then "
                    + "requantized by the integer recipe");
        }
        if (options.weightsOnly()) {
            json.put("weightsQuantized", result.weightsQuantized());
            lines.add(result.weightsQuantized() + " weight tensors quantized to int8 (symmetric, per tensor)"
                    + (calibrationSource == null ? "" : "; " + calibrationSource + " serves only the checks"));
        }
        if (result.calibrationSamples() > 0) {
            ObjectNode c = json.putObject("calibration");
            c.put("source", calibrationSource);
            c.put("samples", result.calibrationSamples());
            c.put("method", options.method().label());
            c.put("intermediatesAdded", result.intermediatesAdded());
            lines.add("calibration: " + result.calibrationSamples() + " samples from " + calibrationSource + " ("
                    + options.method().label() + ", LSTM state reset before each sample and recorded at every step)");
        }

        ArrayNode lstms = json.putArray("lstms");
        for (LstmFacts f : lstmFacts(result.model(), result.survey())) {
            ObjectNode l = lstms.addObject();
            l.put("operator", f.operator());
            l.put("op", f.op());
            l.put("variant", f.variant());
            if (!options.weightsOnly()) {
                ObjectNode cell = l.putObject("cellState");
                cell.put("type", f.cellType().lowerName());
                cell.put("scale", f.cellScale());
                if (f.cellFormat() != null) {
                    cell.put("format", f.cellFormat());
                }
                ObjectNode state = l.putObject("outputState");
                state.put("type", f.stateType().lowerName());
                state.put("scale", f.stateScale());
                state.put("zeroPoint", f.stateZeroPoint());
                lines.add(String.format(Locale.ROOT, "LSTM operator %d (%s, %s): cell state %s scale %s%s; output "
                        + "state %s scale %s zero point %d", f.operator(), f.op(), f.variant(),
                        f.cellType().lowerName(), f.cellScale(), f.cellFormat() == null ? ""
                                : " (" + f.cellFormat() + ", range ±" + f.cellRange() + ")",
                        f.stateType().lowerName(), f.stateScale(), f.stateZeroPoint()));
            } else {
                lines.add("LSTM operator " + f.operator() + " (" + f.op() + ", " + f.variant() + "): hybrid");
            }
        }
        ArrayNode floats = json.putArray("floatOperators");
        result.leftFloat().forEach(floats::add);
        if (!result.leftFloat().isEmpty()) {
            lines.add("left in float (--allow-float): " + String.join(", ", result.leftFloat()));
        }
        ArrayNode warnings = json.putArray("warnings");
        for (String w : result.warnings()) {
            warnings.add(w);
            lines.add("warning: " + w);
        }
        checks(checks);
    }

    private void checks(OutputChecks.Report report) {
        ObjectNode c = json.putObject("checks");
        c.put("verified", report.verified());
        c.put("passed", !report.failed());
        ArrayNode runs = c.putArray("runs");
        lines.add("check: written model " + (report.verified() ? "verified" : "FAILS verification"));
        for (OutputCheck.Agreement a : report.runs()) {
            ObjectNode r = runs.addObject();
            r.put("runtime", a.runtime());
            r.put("samples", a.samples());
            if (!Double.isNaN(a.top1())) {
                r.put("top1Agreement", a.top1());
            }
            r.put("maxAbsError", a.maxAbsError());
            r.put("meanAbsError", a.meanAbsError());
            lines.add(String.format(Locale.ROOT, "check: %s runs it; over %d samples %smax |output - source| %.4g, "
                    + "mean %.4g", a.runtime(), a.samples(), Double.isNaN(a.top1()) ? ""
                    : String.format(Locale.ROOT, "the top class agrees with the source model on %.2f%%, ",
                            100 * a.top1()), a.maxAbsError(), a.meanAbsError()));
        }
        ObjectNode tflm = c.putObject("tfliteMicro");
        tflm.put("ready", DeploymentDiagnosis.tflmIntegerReady(report.tflm()));
        ArrayNode findings = tflm.putArray("findings");
        for (DeploymentDiagnosis.Finding f : report.tflm()) {
            findings.add(f.toString());
        }
        if (DeploymentDiagnosis.tflmIntegerReady(report.tflm())) {
            lines.add("check: TFLite Micro can run it as an integer model");
        }
        for (DeploymentDiagnosis.Finding f : report.tflm()) {
            lines.add("check: TFLite Micro " + (f.blocker() ? "cannot run it: " : "") + f);
        }
        ArrayNode notes = c.putArray("notes");
        for (String n : report.notes()) {
            notes.add(n);
            lines.add("check: " + n);
        }
    }

    public ObjectNode json() {
        return json;
    }

    public List<String> lines() {
        return lines;
    }

    /** The LSTMs of the written model, paired in order with those found in the input. */
    static List<LstmFacts> lstmFacts(Model model, ModelSurvey survey) {
        List<LstmFacts> out = new ArrayList<>();
        List<LstmOperator> written = LstmOperator.in(model, model.subgraph(0));
        for (int k = 0; k < written.size(); k++) {
            LstmOperator l = written.get(k);
            Tensor cell = l.slot(LstmSlot.CELL_STATE);
            Tensor state = l.slot(LstmSlot.OUTPUT_STATE);
            out.add(new LstmFacts(survey.lstms().get(k).op().operator().index(), l.opcodeName(),
                    l.variant().describe(), cell.type(), cell.scale(), state.type(), state.scale(),
                    state.zeroPoint()));
        }
        return out;
    }
}
