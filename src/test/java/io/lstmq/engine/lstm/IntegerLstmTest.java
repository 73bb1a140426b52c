package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.testdata.IntegerLstmFactory;
import io.lstmq.testdata.IntegerLstmSpec;

/**
 * The input products computed ahead for blocks of steps change nothing: one run over a long sequence (several
 * blocks), batch-major or time-major, equals the same sequence run one step at a time, for both numerics and
 * both weight layouts of the recurrent products.
 */
class IntegerLstmTest {
    private static final int BATCH = 3;
    private static final int STEPS = 150;
    private static final int INPUTS = 9;

    static Stream<Arguments> kernels() {
        return Stream.of(16, 384).flatMap(units -> {
            LstmOperator op = model(units);
            Supplier<LstmNumerics> tflm = () -> TflmNumerics.of(op.quantization(), op.weights(), FusedActivation.TANH);
            Supplier<LstmNumerics> tflite = () -> TfliteNumerics.of(op.quantization(), op.weights());
            int zeroPoint = (int) op.slot(LstmSlot.OUTPUT_STATE).zeroPoint();
            return Stream.of(Arguments.of("tflm, " + units + " units", tflm, zeroPoint),
                    Arguments.of("tflite, " + units + " units", tflite, zeroPoint));
        });
    }

    private static LstmOperator model(int units) {
        IntegerLstmSpec spec = new IntegerLstmSpec(BATCH, STEPS, INPUTS, units, false, 0f, units);
        ModelFile f = ModelFile.fromBytes(ModelWriter.toBytes(IntegerLstmFactory.build(spec)), spec.toString());
        return LstmOperator.in(f.model(), f.model().subgraph(0)).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void wholeSequencesEqualSingleSteps(String name, Supplier<LstmNumerics> numerics, int zeroPoint) {
        int units = numerics.get().dims().cell();
        SplittableRandom random = new SplittableRandom(units);
        short[] timeMajor = new short[STEPS * BATCH * INPUTS];
        for (int i = 0; i < timeMajor.length; i++) {
            timeMajor[i] = (short) random.nextInt(-128, 128);
        }
        short[] batchMajor = transpose(timeMajor, STEPS, BATCH, INPUTS);

        Run whole = new Run(units, zeroPoint);
        new IntegerLstm(numerics.get()).run(timeMajor, whole.out, whole.h, whole.c, BATCH, STEPS, true, null);
        Run byBatch = new Run(units, zeroPoint);
        new IntegerLstm(numerics.get()).run(batchMajor, byBatch.out, byBatch.h, byBatch.c, BATCH, STEPS, false, null);
        Run stepwise = new Run(units, zeroPoint);
        IntegerLstm kernel = new IntegerLstm(numerics.get());
        for (int t = 0; t < STEPS; t++) {
            short[] y = new short[BATCH * units];
            kernel.run(Arrays.copyOfRange(timeMajor, t * BATCH * INPUTS, (t + 1) * BATCH * INPUTS), y, stepwise.h,
                    stepwise.c, BATCH, 1, true, null);
            System.arraycopy(y, 0, stepwise.out, t * y.length, y.length);
        }
        assertArrayEquals(stepwise.out, whole.out, "time-major output");
        assertArrayEquals(stepwise.out, transpose(byBatch.out, BATCH, STEPS, units), "batch-major output");
        for (Run r : new Run[] {whole, byBatch}) {
            assertArrayEquals(stepwise.h, r.h, "output state");
            assertArrayEquals(stepwise.c, r.c, "cell state");
        }
    }

    /** Output, output state (from the zero point) and cell state of one run. */
    private static final class Run {
        final short[] out;
        final short[] h;
        final short[] c;

        Run(int units, int zeroPoint) {
            out = new short[BATCH * STEPS * units];
            h = new short[BATCH * units];
            Arrays.fill(h, (short) zeroPoint);
            c = new short[BATCH * units];
        }
    }

    /** {@code [a][b][n]} to {@code [b][a][n]}. */
    private static short[] transpose(short[] v, int a, int b, int n) {
        short[] out = new short[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * n, out, (j * a + i) * n, n);
            }
        }
        return out;
    }
}
