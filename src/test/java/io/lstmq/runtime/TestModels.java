package io.lstmq.runtime;

import java.nio.file.Path;

import io.lstmq.model.ModelFile;
import io.lstmq.testing.Shared;

/** Opens models from ../shared/models through lstmq's verification, as the tool does. */
final class TestModels {
    private TestModels() {}

    /** The model's path; skips the calling test when ../shared is absent. */
    static Path path(String relative) {
        return Shared.path("models/" + relative);
    }

    static TfliteRunner open(String relative) {
        return open(path(relative));
    }

    static TfliteRunner open(Path p) {
        return TfliteRunner.open(ModelFile.open(p));
    }
}
