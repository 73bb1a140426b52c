package io.lstmq.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.lstmq.model.Buffer;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.model.fb.FbDiff;

/**
 * The model reader and verifier on arbitrary bytes: only {@link io.lstmq.LstmqException} may come out, and a
 * model that verifies must survive a rewrite: the written bytes verify again and decode to the same tree, and a
 * second rewrite gives the same bytes. Models with external buffers are rewritten into a file the large-model way,
 * so there the buffers' bytes are compared instead of their locations.
 */
@ExtendWith(RegressionWithoutHooks.class)
class ModelReaderFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "10m")
    void readVerifyRewrite(byte[] data) throws Exception {
        AllocationBudget.run(data.length, "reading and rewriting the model", () -> {
            ModelFile model = Rejections.readModel(data);
            if (model == null) {
                return;
            }
            if (model.model().buffers().stream().anyMatch(Buffer::isExternal)) {
                externalRewriteKeepsTheModel(model.model());
            } else {
                rewriteKeepsTheModel(model.model());
            }
        });
    }

    private static void rewriteKeepsTheModel(Model model) {
        ByteBuffer rewritten = ModelWriter.toBytes(model);
        ModelFile again = ModelFile.fromBytes(rewritten, "rewritten.tflite");
        requireNoDifferences(FbDiff.compare(model.tree(), again.model().tree()));
        if (!ModelWriter.toBytes(again.model()).equals(rewritten)) {
            throw new AssertionError("a second rewrite gave different bytes");
        }
    }

    private static void externalRewriteKeepsTheModel(Model model) throws IOException {
        ModelWriter.write(model, scratch());
        Model again = ModelFile.open(file).model();
        requireNoDifferences(FbDiff.compare(model.tree(), again.tree(), "model",
                (table, field) -> !table.name().equals("Buffer"), 10));
        for (int i = 0; i < model.bufferCount(); i++) {
            if (!model.buffer(i).data().equals(again.buffer(i).data())) {
                throw new AssertionError("rewrite changed the bytes of buffer " + i);
            }
        }
    }

    private static void requireNoDifferences(List<String> differences) {
        if (!differences.isEmpty()) {
            throw new AssertionError("rewrite changed the model: " + differences);
        }
    }

    private static synchronized Path scratch() throws IOException {
        if (file == null) {
            file = Files.createTempFile("lstmq-fuzz", ".tflite");
            file.toFile().deleteOnExit();
        }
        return file;
    }
}
