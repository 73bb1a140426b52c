package io.lstmq.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.lstmq.testing.Shared;

/** Every .tflite under ../shared/models, for parameterised tests. */
final class SharedModels {
    private SharedModels() {}

    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.walk(Shared.path("models"))) {
            return s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
    }
}
