package io.lstmq.io;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;

/**
 * Sample files named on the command line: {@code FILE.npy} for a model with one input, or {@code NAME=FILE.npy}
 * per model input (a path that exists as given is always a file, even with '=' in it). Several files for one input
 * are joined along the sample axis.
 */
public final class SampleFiles {
    private SampleFiles() {}

    /** Arrays by model input name ("" for unnamed data); {@code option} names the source in messages. */
    public static Map<String, NdArray> load(String option, List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            throw new LstmqException("missing " + option + " X.npy (or " + option + " NAME=FILE per model input)");
        }
        Map<String, List<NdArray>> parts = new LinkedHashMap<>();
        for (String spec : specs) {
            String name = "";
            String file = spec;
            int eq = spec.indexOf('=');
            if (eq > 0 && !Files.exists(Path.of(spec))) {
                name = spec.substring(0, eq);
                file = spec.substring(eq + 1);
            }
            if (!Files.isRegularFile(Path.of(file))) {
                throw new LstmqException(option + " " + spec + ": no such file" + (name.isEmpty() ? "" : " " + file));
            }
            parts.computeIfAbsent(name, k -> new ArrayList<>()).add(Npy.read(Path.of(file)));
        }
        if (parts.containsKey("") && parts.size() > 1) {
            throw new LstmqException(option + ": give either unnamed files (for a model with one input) or "
                    + "NAME=FILE for every file, not both");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        parts.forEach((name, list) -> arrays.put(name, concat(list, option + (name.isEmpty() ? "" : " " + name))));
        return arrays;
    }

    /** Joins arrays of samples along axis 0; their element types and sample shapes must agree. */
    static NdArray concat(List<NdArray> list, String what) {
        if (list.size() == 1) {
            return list.get(0);
        }
        NdArray first = list.get(0);
        long samples = 0;
        long bytes = 0;
        for (NdArray a : list) {
            if (a.dtype() != first.dtype() || a.rank() != first.rank() || a.rank() == 0
                    || !Arrays.equals(tail(a.shape()), tail(first.shape()))) {
                throw new LstmqException(what + ": cannot join " + first + " and " + a + " along the sample axis");
            }
            samples += a.dim(0);
            bytes += a.byteSize();
        }
        if (bytes > NdArray.MAX_BYTES) {
            throw new LstmqException(what + ": the joined files hold " + bytes + " bytes, more than 2 GiB");
        }
        ByteBuffer all = ByteBuffer.allocate((int) bytes);
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
