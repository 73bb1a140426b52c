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
            throw new LstmqException("--calibration: name every file (NAME=FILE) when the model has several inputs");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        parts.forEach((name, list) -> arrays.put(name, concat(list, name)));
        return new CalibrationData(arrays, String.join(", ", files));
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
