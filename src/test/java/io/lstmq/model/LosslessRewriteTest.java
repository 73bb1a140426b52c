package io.lstmq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lstmq.model.fb.FbDiff;
import io.lstmq.model.fb.FbReader;
import io.lstmq.model.fb.Schema;

class LosslessRewriteTest {
    @TempDir
    Path tmp;

    static List<Path> models() throws IOException {
        return SharedModels.all();
    }

    @Test
    void sharedModelsArePresent() throws IOException {
        Assumptions.assumeTrue(io.lstmq.testing.Shared.available(), "skipped: ../shared is absent");
        assertEquals(35, models().size(), "the shared folder holds 35 models");
    }

    @ParameterizedTest
    @MethodSource("models")
    void rewriteDecodesToTheSameTree(Path model) {
        ModelFile original = ModelFile.open(model);
        Path out = tmp.resolve(model.getFileName());
        ModelWriter.write(original.model(), out);
        ModelFile again = ModelFile.open(out);
        List<String> diff = FbDiff.compare(original.model().tree(), again.model().tree());
        assertEquals(List.of(), diff, "decoded trees differ after a rewrite of " + model);
        assertTrue(original.warnings().stream().noneMatch(w -> w.contains("unknown to this schema")),
                () -> "schema misses fields of " + model + ": " + original.warnings());
    }

    @ParameterizedTest
    @MethodSource("models")
    void rewriteIsStableAndBuffersAreAligned(Path model) throws IOException {
        ModelFile original = ModelFile.open(model);
        ByteBuffer first = ModelWriter.toBytes(original.model());
        ModelFile reread = ModelFile.fromBytes(first, "rewrite");
        ByteBuffer second = ModelWriter.toBytes(reread.model());
        assertEquals(first, second, "a second rewrite must give the same bytes");
        // Every non-empty buffer's data starts on a 16-byte boundary; located with the flatc-generated reader.
        ByteBuffer file = first.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        io.lstmq.schema.Model generated = io.lstmq.schema.Model.getRootAsModel(file);
        assertEquals(reread.model().bufferCount(), generated.buffersLength());
        for (int i = 0; i < generated.buffersLength(); i++) {
            ByteBuffer data = generated.buffers(i).dataAsByteBuffer();
            if (data != null && data.remaining() > 0) {
                assertEquals(0, data.position() % 16, "buffer " + i + " data at " + data.position() + " in " + model);
            }
        }
        FbReader.Decoded d = FbReader.read(first, Schema.tflite());
        assertEquals(List.of(), FbDiff.compare(reread.model().tree(), d.root()));
        assertTrue(Files.size(model) > 0);
    }

}
