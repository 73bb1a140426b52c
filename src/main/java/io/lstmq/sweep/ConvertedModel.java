package io.lstmq.sweep;

import java.nio.file.Path;

import io.lstmq.convert.CalibrationData;
import io.lstmq.convert.ConvertOptions;
import io.lstmq.convert.Converter;
import io.lstmq.convert.EngineCalibrator;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.quant.Calibrator;

/**
 * The int8 model {@code lstmq convert FLOAT_MODEL --calibration ...} writes with its defaults (8x8_16, int8 I/O),
 * made in process from the same calibration data: the sweep's W = 8 / A = 8 point of comparison.
 */
final class ConvertedModel {
    private ConvertedModel() {}

    /** The written bytes read back and verified, as any reader of the file would get them. */
    static ModelFile convert(Path floatModel, CalibrationData calibration) {
        ModelFile source = ModelFile.open(floatModel);
        Converter.Result result = new Converter(new EngineCalibrator()).convert(source.model(), floatModel.toString(),
                ConvertOptions.DEFAULTS, calibration.arrays(), calibration.source(), Calibrator.Progress.NONE);
        return ModelFile.fromBytes(ModelWriter.toBytes(result.model()), floatModel + " (lstmq convert, int8)");
    }
}
