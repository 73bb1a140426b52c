package io.lstmq.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;

class TestdataTest {
    @TempDir
    Path tmp;

    @Test
    void committedTestdataIsWhatTheGeneratorWrites() throws IOException {
        TestdataGenerator.write(tmp);
        for (String f : List.of(TestdataGenerator.CLASSIFIER, TestdataGenerator.CALIBRATION)) {
            assertArrayEquals(Files.readAllBytes(Path.of("testdata", f)), Files.readAllBytes(tmp.resolve(f)),
                    "testdata/" + f + " is stale: run tools/gen-testdata");
        }
    }

    @Test
    void classifierRunsInTfliteAndGivesProbabilities() {
        ModelFile model = ModelFile.open(Path.of("testdata", TestdataGenerator.CLASSIFIER));
        NdArray x = Npy.read(Path.of("testdata", TestdataGenerator.CALIBRATION));
        LstmClassifierSpec spec = LstmClassifierSpec.small();
        assertEquals(List.of((long) TestdataGenerator.CALIBRATION_SAMPLES, (long) spec.steps(), (long) spec.inputs()),
                java.util.Arrays.stream(x.shape()).boxed().toList());
        int[] histogram = new int[spec.classes()];
        try (TfliteRunner r = TfliteRunner.open(model)) {
            for (int i = 0; i < TestdataGenerator.CALIBRATION_SAMPLES; i++) {
                r.resetVariableTensors();
                float[] p = r.run(List.of(x.sample(i).reshape(1, spec.steps(), spec.inputs()))).get(0).asFloatArray();
                double sum = 0;
                int best = 0;
                for (int c = 0; c < p.length; c++) {
                    sum += p[c];
                    best = p[c] > p[best] ? c : best;
                }
                assertEquals(1.0, sum, 1e-5);
                histogram[best]++;
            }
        }
        int used = 0;
        for (int h : histogram) {
            used += h > 0 ? 1 : 0;
        }
        assertTrue(used >= 2, "a classifier that always answers the same class is no test model: "
                + java.util.Arrays.toString(histogram));
    }
}
