package io.lstmq.quant;

import io.lstmq.io.ModelInputs;
import io.lstmq.model.Model;

/**
 * Runs a float model over calibration samples and records the range of every tensor the quantizer needs, keyed
 * by tensor index of subgraph 0 (intermediates are the tensors listed in {@code Operator.intermediates}, see
 * {@link LstmIntermediates}).
 *
 * <p>What must be recorded (spec §6): every non-constant float tensor an operator reads or writes; for each LSTM
 * the hidden value {@code o ⊙ tanh(c)} before projection at every step (intermediate 4), and the gate
 * pre-activations before layer norm (intermediates 0..3) when the LSTM has layer norm, the only case in which an
 * integer kernel reads them.
 *
 * <p>lstmq's semantics differ from TFLite's calibrator (spec §6) in two respects, on purpose:
 * <ul>
 * <li>every sample is an independent sequence: LSTM state is reset to zero before each sample (TFLite carries the
 *     state from one sample into the next, which mixes sequences; the MNIST model, for one, is evaluated with a
 *     reset per digit);</li>
 * <li>the cell state (input 19) and output state (input 18) are recorded after every step, not only before and
 *     after each invoke, so the power-of-two cell scale covers the largest interior cell values instead of
 *     saturating them.</li>
 * </ul>
 */
public interface Calibrator {

    /** Told after each sample; implementations print progress or do nothing. */
    interface Progress {
        Progress NONE = (done, total) -> {};

        void samplesDone(int done, int total);
    }

    TensorRanges calibrate(Model floatModel, ModelInputs samples, Progress progress);
}
