package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.Interpreter;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.Model;
import io.lstmq.model.ModelVerifier;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.HybridWeights;
import io.lstmq.quant.IoBoundary;
import io.lstmq.quant.LstmIntermediates;
import io.lstmq.quant.ModelQuantizer;
import io.lstmq.quant.QuantScheme;
import io.lstmq.quant.TensorRanges;

/**
 * The conversion pipeline, in place on a model: survey it (refusing what cannot be converted), then either
 * quantize its weights only (hybrid), or make it integer: dequantize hybrid weights, check the target runtimes,
 * add the LSTM intermediates and calibrate when data is given, quantize by the rules, add float I/O if asked,
 * and verify the result.
 */
public final class Converter {
    private final Calibrator calibrator;

    /** @param calibrator runs float models over calibration data; null when none is available */
    /** The schema version TFLite's runtime accepts, and the one every converted model declares. */
    private static final long TFLITE_SCHEMA_VERSION = 3;

    public Converter(Calibrator calibrator) {
        this.calibrator = calibrator;
    }

    /** What the conversion did, for the summary. */
    public record Result(Model model, ModelSurvey survey, int weightsDequantized, int weightsQuantized,
            int intermediatesAdded, int calibrationSamples, Set<String> leftFloat, List<String> warnings) {}

    /**
     * @param calibration arrays by model input name ({@code ""} for the only input), or null for none; not used
     *                    by a weights-only conversion
     * @param source      names the calibration data in messages
     */
    public Result convert(Model model, String file, ConvertOptions options, Map<String, NdArray> calibration,
            String source, Calibrator.Progress progress) {
        ModelSurvey survey = ModelSurvey.of(model, file);
        if (survey.kind() == ModelSurvey.Kind.INTEGER) {
            ModelSurvey.LstmOp l = survey.lstms().get(0);
            throw new LstmqException(file + ": already integer: " + l.describe() + " reads "
                    + l.op().inputType().lowerName() + " activations, so there is nothing to convert (lstmq inspect "
                    + "shows its quantization; convert the float model it came from instead)");
        }
        FiniteValues.requireFiniteConstants(model, file);
        List<String> notes = new ArrayList<>(FixedShapes.require(model, file));
        if (model.version() != TFLITE_SCHEMA_VERSION) {
            // What lstmq writes is read by TFLite, which loads nothing but its own schema version.
            notes.add("the source declares schema version " + model.version() + "; the converted model declares "
                    + TFLITE_SCHEMA_VERSION + ", the version TFLite reads");
            model.setVersion(TFLITE_SCHEMA_VERSION);
        }
        if (options.weightsOnly()) {
            return weightsOnly(model, file, survey, notes);
        }
        int dequantized = survey.kind() == ModelSurvey.Kind.HYBRID ? HybridWeights.dequantize(model, file) : 0;
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(TargetCheck.check(survey, options.scheme(), file));
        int added = 0;
        int samples = 0;
        if (calibration != null) {
            if (calibrator == null) {
                throw new LstmqException(file + ": calibration needs lstmq's float engine, which this build lacks");
            }
            CalibrationData.requireMatches(calibration, model.subgraph(0));
            FiniteValues.requireFiniteCalibration(calibration, source);
            added = LstmIntermediates.addIfAbsent(model);
            ModelInputs inputs = ModelInputs.bind(model.subgraph(0), calibration, source);
            TensorRanges ranges;
            try {
                ranges = calibrator.calibrate(model, inputs, progress);
            } catch (LstmqException e) {
                throw e.getMessage().startsWith(file + ":") ? e : new LstmqException(file + ": " + e.getMessage(), e);
            }
            ranges.applyTo(model, model.subgraph(0));
            samples = inputs.sampleCount();
        } else if (survey.kind() != ModelSurvey.Kind.CALIBRATED) {
            throw new LstmqException(file + ": a " + survey.kind().label() + " model has no recorded activation "
                    + "ranges; give representative inputs with --calibration FILE.npy (one array of samples per "
                    + "model input, NAME=FILE when there are several)");
        }
        Set<String> leftFloat = ModelQuantizer.quantize(model, file, options.scheme(), options.allowFloat());
        ZeroRanges.refuse(model, file, source);
        if (options.floatIo()) {
            IoBoundary.addFloatInputsAndOutputs(model);
        }
        warnings.addAll(ModelVerifier.verifyEdited(model, file));
        requirePreparable(model, file, options.scheme());
        return new Result(model, survey, dequantized, 0, added, samples, leftFloat, List.copyOf(warnings));
    }

    /**
     * Prepares the integer model in lstmq's engine, which computes every multiplier and table the runtimes compute
     * in Prepare: a source whose quantized form no runtime could prepare (a softmax with beta 0, say) is refused
     * here, before anything is written, rather than found broken by the checks. An 8x8_16 model is prepared as
     * TFLite does, which runs every LSTM variant; a 16x8 one as TFLite Micro does, the only runtime for it.
     */
    private static void requirePreparable(Model model, String file, QuantScheme scheme) {
        try {
            Interpreter.create(model, EngineOptions.defaults()
                    .withNumerics(scheme == QuantScheme.INT8 ? Numerics.TFLITE : Numerics.TFLM));
        } catch (LstmqException e) {
            throw new LstmqException(file + ": the converted model could not run: " + e.getMessage(), e);
        }
    }

    /** Dynamic range quantization needs no data; calibration data, if any, only serves the output checks. */
    private Result weightsOnly(Model model, String file, ModelSurvey survey, List<String> notes) {
        if (survey.kind() == ModelSurvey.Kind.HYBRID) {
            throw new LstmqException(file + ": already hybrid (int8 weights, float activations); --weights-only "
                    + "has nothing left to do");
        }
        int quantized = HybridWeights.quantize(model, file);
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(ModelVerifier.verifyEdited(model, file));
        return new Result(model, survey, 0, quantized, 0, 0, Set.of(), List.copyOf(warnings));
    }
}
