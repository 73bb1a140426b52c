package io.lstmq.fuzz;

import java.nio.ByteBuffer;

import io.lstmq.LstmqException;
import io.lstmq.model.ModelFile;

/** What every fuzz target checks about a refusal: a user-facing exception whose message names the input. */
final class Rejections {
    static final String MODEL_NAME = "fuzzed.tflite";

    private Rejections() {}

    /** The verified model, or null when the bytes were refused the way users are told (anything else escapes). */
    static ModelFile readModel(byte[] data) {
        try {
            return ModelFile.fromBytes(ByteBuffer.wrap(data), MODEL_NAME);
        } catch (LstmqException e) {
            requireNamed(e, MODEL_NAME);
            return null;
        }
    }

    /** A refusal must say which input it is about; a bare message from deep inside helps nobody. */
    static void requireNamed(LstmqException e, String name) {
        if (e.getMessage() == null || !e.getMessage().startsWith(name + ": ")) {
            throw new AssertionError("refusal does not name " + name + ": " + e.getMessage(), e);
        }
    }
}
