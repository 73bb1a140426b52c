package io.lstmq.testdata;

import java.nio.file.Path;

import io.lstmq.model.ModelWriter;

/**
 * Writes a large float LSTM model for speed and memory checks (run by tools/gen-large-model): by default four
 * stacked layers of 1024 units over 100 steps of 1024 inputs, about 138 MB. Arguments: OUT [UNITS [LAYERS [STEPS]]].
 */
public final class LargeModelGenerator {
    private LargeModelGenerator() {}

    public static LstmClassifierSpec spec(int units, int layers, int steps) {
        return new LstmClassifierSpec(steps, units, units, layers, 10, 1024L * layers + units);
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LargeModelGenerator OUT.tflite [UNITS [LAYERS [STEPS]]]");
            System.exit(2);
        }
        int units = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Path out = Path.of(args[0]);
        ModelWriter.write(LstmClassifierFactory.build(spec(units, layers, steps)), out);
        System.out.println("wrote " + out + " (" + out.toFile().length() + " bytes)");
    }
}
