package io.lstmq.convert;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
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
        Map<String, List<NdArray>> parts = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (String spec : specs) {
            String name = "";
            String file = spec;
            int eq = spec.indexOf('=');
            if (eq > 0 && !Files.exists(Path.of(spec))) {
                name = spec.substring(0, eq);
                file = spec.substring(eq + 1);
            }
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new LstmqException("--calibration " + spec + ": no such file " + file);
            }
            parts.computeIfAbsent(name, k -> new ArrayList<>()).add(Npy.read(p));
            files.add(spec);
        }
        if (parts.containsKey("") && parts.size() > 1) {
            throw new LstmqException("--calibration: give either unnamed files (for a model with one input) or "
                    + "NAME=FILE for every file, not both");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        parts.forEach((name, list) -> arrays.put(name, concat(list, name)));
        return new CalibrationData(arrays, String.join(", ", files));
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

    /** Joins arrays of samples along axis 0; their element types and sample shapes must agree. */
    static NdArray concat(List<NdArray> list, String name) {
        if (list.size() == 1) {
            return list.get(0);
        }
        NdArray first = list.get(0);
        long samples = 0;
        int bytes = 0;
        for (NdArray a : list) {
            if (a.dtype() != first.dtype() || a.rank() != first.rank() || a.rank() == 0
                    || !Arrays.equals(tail(a.shape()), tail(first.shape()))) {
                throw new LstmqException("--calibration" + (name.isEmpty() ? "" : " " + name) + ": cannot join "
                        + first + " and " + a + " along the sample axis");
            }
            samples += a.dim(0);
            bytes += a.byteSize();
        }
        ByteBuffer all = ByteBuffer.allocate(bytes);
        for (NdArray a : list) {
            all.put(a.data());
        }
        all.flip();
        long[] shape = first.shape().clone();
        shape[0] = samples;
        return NdArray.of(first.dtype(), shape, all);
    }

    private static long[] tail(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }
}
