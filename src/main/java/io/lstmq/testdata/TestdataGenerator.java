package io.lstmq.testdata;

import java.nio.file.Path;

import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelWriter;

/**
 * Writes the project's own test data (run by tools/gen-testdata): the small float LSTM classifier and
 * deterministic calibration sequences for it. The output is byte-for-byte reproducible.
 */
public final class TestdataGenerator {
    public static final String CLASSIFIER = "lstm_classifier.tflite";
    public static final String CALIBRATION = "calibration.npy";
    static final int CALIBRATION_SAMPLES = 32;
    static final long CALIBRATION_SEED = 7;

    private TestdataGenerator() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "testdata");
        write(dir);
        System.out.println("wrote " + dir.resolve(CLASSIFIER) + " and " + dir.resolve(CALIBRATION));
    }

    public static void write(Path dir) {
        LstmClassifierSpec spec = LstmClassifierSpec.small();
        ModelWriter.write(LstmClassifierFactory.build(spec), dir.resolve(CLASSIFIER));
        float[] x = LstmClassifierFactory.sequences(spec, CALIBRATION_SAMPLES, CALIBRATION_SEED);
        Npy.write(dir.resolve(CALIBRATION),
                NdArray.ofFloats(new long[] {CALIBRATION_SAMPLES, spec.steps(), spec.inputs()}, x));
    }
}
