package io.lstmq.convert;

import static io.lstmq.convert.ConvertedTestModels.SAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.run.Engine;

/**
 * The written model's runs, shared by several threads, give every sample the outputs a single runner gives it,
 * in sample order.
 */
class ConvertedRunsTest {
    @TempDir
    static Path tmp;
    private static Path int8;

    @BeforeAll
    static void convert() {
        int8 = ConvertedTestModels.convert(tmp, "int8.tflite");
    }

    @Test
    void eachRuntimeGetsEverySampleInOrder() {
        AtomicInteger steps = new AtomicInteger();
        List<ConvertedRuns.Outcome> outcomes = ConvertedRuns.run(int8, List.of(Engine.JAVA, Engine.TFLITE), SAMPLES,
                "calibration.npy", 32, steps::incrementAndGet);
        assertEquals(Engine.JAVA, outcomes.get(0).engine());
        assertEquals(Engine.TFLITE, outcomes.get(1).engine());
        for (ConvertedRuns.Outcome o : outcomes) {
            assertNull(o.failure());
            ConvertedTestModels.assertSameOutputs(ConvertedTestModels.sequentialOutputs(int8, o.engine(), 32),
                    o.outputs());
        }
        assertEquals(64, steps.get());
    }

    @Test
    void tfliteAloneIsSharedByEveryThread() {
        List<ConvertedRuns.Outcome> outcomes = ConvertedRuns.run(int8, List.of(Engine.TFLITE), SAMPLES,
                "calibration.npy", 20, () -> {});
        ConvertedTestModels.assertSameOutputs(ConvertedTestModels.sequentialOutputs(int8, Engine.TFLITE, 20),
                outcomes.get(0).outputs());
    }

    @Test
    void aRuntimeThatCannotRunTheModelLeavesTheOthersAlone() {
        Path int16 = ConvertedTestModels.convert(tmp, "int16.tflite", "--activations", "int16");
        List<ConvertedRuns.Outcome> outcomes = ConvertedRuns.run(int16, List.of(Engine.JAVA, Engine.TFLITE), SAMPLES,
                "calibration.npy", 32, () -> {});
        ConvertedTestModels.assertSameOutputs(ConvertedTestModels.sequentialOutputs(int16, Engine.JAVA, 32),
                outcomes.get(0).outputs());
        assertNull(outcomes.get(1).outputs());
        assertTrue(outcomes.get(1).failure().contains("TFLite"), outcomes.get(1).failure());
    }
}
