package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.io.SampleFiles;
import io.lstmq.model.SubGraph;

/**
 * Calibration arrays from the command line: {@code FILE.npy} for a single-input model, {@code NAME=FILE.npy} per
 * model input. Several files for the same input are joined along the sample axis (axis 0).
 *
 * @param arrays by model input name, {@code ""} for unnamed data
 * @param source the files, for messages and the summary
 */
public record CalibrationData(Map<String, NdArray> arrays, String source) {

    public static CalibrationData load(List<String> specs) {
        return new CalibrationData(SampleFiles.load("--calibration", specs), String.join(", ", specs));
    }

    /**
     * Checks that the arrays fit the model's inputs, naming {@code --calibration} in the message (binding the data
     * to the inputs repeats the shape checks).
     */
    static void requireMatches(Map<String, NdArray> arrays, SubGraph sg) {
        List<String> inputs = new ArrayList<>();
        for (int i : sg.inputs()) {
            inputs.add(sg.tensor(i).name());
        }
        for (String name : arrays.keySet()) {
            if (name.isEmpty() && inputs.size() > 1) {
                throw new LstmqException("--calibration: the model has " + inputs.size() + " inputs " + inputs
                        + "; give NAME=FILE for each");
            }
            if (!name.isEmpty() && !inputs.contains(name)) {
                throw new LstmqException("--calibration " + name + "=...: the model has no input '" + name
                        + "' (inputs: " + inputs + ")");
            }
        }
        for (String input : inputs) {
            if (!arrays.containsKey(input) && !(inputs.size() == 1 && arrays.containsKey(""))) {
                throw new LstmqException("--calibration: no data for model input '" + input + "' (give --calibration "
                        + input + "=FILE)");
            }
        }
    }
}
