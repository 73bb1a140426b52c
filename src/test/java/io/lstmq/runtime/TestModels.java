package io.lstmq.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lstmq.testing.Shared;

/** Opens known-good models from ../shared/models, bypassing verification (these files are trusted). */
final class TestModels {
    private TestModels() {}

    static TfliteRunner open(String relative) {
        Path p = Shared.path("models/" + relative);
        try {
            return TfliteRunner.fromVerifiedBytes(ByteBuffer.wrap(Files.readAllBytes(p)), p.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
