package io.lstmq.engine;

import io.lstmq.engine.lstm.FloatLstmRecorder;
import io.lstmq.engine.lstm.LstmTrace;

/**
 * Watches the LSTM operators of a run step by step: the float kernel's internals or the integer kernel's gate,
 * cell and hidden values. Asked once per LSTM operator when the interpreter is built; null means "not this one",
 * so an unobserved run costs nothing.
 */
public interface LstmObserver {
    /** The recorder for a float LSTM operator, or null. */
    default FloatLstmRecorder floatRecorder(int operatorIndex) {
        return null;
    }

    /** The trace for an integer LSTM operator, or null. */
    default LstmTrace integerTrace(int operatorIndex) {
        return null;
    }
}
