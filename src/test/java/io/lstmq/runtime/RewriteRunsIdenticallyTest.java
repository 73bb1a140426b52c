package io.lstmq.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lstmq.LstmqException;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.testing.Shared;

/** A lossless rewrite must give bit-identical outputs in TFLite on every shared model TFLite can run. */
class RewriteRunsIdenticallyTest {
    @Test
    void everyRunnableSharedModelGivesIdenticalOutputsAfterRewrite() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.walk(Shared.path("models"))) {
            models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        List<String> ran = new ArrayList<>();
        for (Path model : models) {
            ModelFile original = ModelFile.open(model);
            ModelFile rewritten = ModelFile.fromBytes(ModelWriter.toBytes(original.model()), "rewrite of " + model);
            List<ByteBuffer> a;
            try {
                a = run(original, 7);
            } catch (LstmqException e) {
                continue; // TFLite cannot run this one (custom ops, string inputs, broken on purpose)
            }
            List<ByteBuffer> b = run(rewritten, 7);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i), b.get(i), "output " + i + " of " + model.getFileName());
            }
            ran.add(model.getFileName().toString());
        }
        assertTrue(ran.size() >= 15, "only " + ran.size() + " models ran: " + ran);
        assertTrue(ran.contains("trained_lstm_int8.tflite") && ran.contains("trained_lstm.tflite"), ran.toString());
    }

    /** Runs twice on deterministic random inputs (sequences of LSTM state carried over), returns all outputs. */
    private static List<ByteBuffer> run(ModelFile model, long seed) {
        List<ByteBuffer> outputs = new ArrayList<>();
        try (TfliteRunner r = TfliteRunner.open(model)) {
            Random random = new Random(seed);
            for (int sample = 0; sample < 2; sample++) {
                List<ByteBuffer> inputs = new ArrayList<>();
                for (TensorInfo in : r.inputs()) {
                    ByteBuffer b = ByteBuffer.allocate((int) in.byteSize()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    while (b.hasRemaining()) {
                        if (in.dtype().isFloatingPoint() && b.remaining() >= in.dtype().size()) {
                            if (in.dtype().size() == 4) {
                                b.putFloat(random.nextFloat());
                            } else {
                                b.putDouble(random.nextDouble());
                            }
                        } else {
                            b.put((byte) random.nextInt(256));
                        }
                    }
                    b.flip();
                    inputs.add(b);
                }
                for (var out : r.runBytes(inputs)) {
                    outputs.add(out.data());
                }
            }
        }
        return outputs;
    }
}
