package io.lstmq.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.model.Model;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.Tensor;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

/** Models and raw tensor values the export and trace tests compare against. */
public final class ExportFixtures {
    private ExportFixtures() {}

    public static Path mnistInt8() {
        return Shared.path("models/mnist_lstm/trained_lstm_int8.tflite");
    }

    /** Writes the TFLM golden model of {@code caseName} as {@code dir/<caseName>.tflite}. */
    public static Path goldenModel(String caseName, Path dir) throws IOException {
        Path p = dir.resolve(caseName + ".tflite");
        ModelWriter.write(TflmGoldenModel.build(TflmGoldenModel.golden(caseName)), p);
        return p;
    }

    /** A constant tensor's values as stored in the model, widened to long. */
    public static long[] raw(Model model, Tensor t) {
        ByteBuffer b = model.data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = switch (t.type()) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 4;
            case INT64 -> 8;
            default -> throw new AssertionError(t.describe());
        };
        long[] out = new long[b.remaining() / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (size) {
                case 1 -> b.get(i);
                case 2 -> b.getShort(2 * i);
                case 4 -> b.getInt(4 * i);
                default -> b.getLong(8 * i);
            };
        }
        return out;
    }

    public static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
