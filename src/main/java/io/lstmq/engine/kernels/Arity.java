package io.lstmq.engine.kernels;

import io.lstmq.engine.KernelFactory;

/**
 * How many inputs and outputs an operator has, as the runtimes' Prepare checks them before anything else; an
 * operator with other counts is broken, and TFLite refuses it, so the engine refuses it too rather than run what
 * TFLite would not.
 */
record Arity(int minInputs, int maxInputs, int outputs) {
    static Arity exactly(int inputs) {
        return new Arity(inputs, inputs, 1);
    }

    static Arity between(int minInputs, int maxInputs) {
        return new Arity(minInputs, maxInputs, 1);
    }

    static Arity atLeast(int minInputs) {
        return new Arity(minInputs, Integer.MAX_VALUE, 1);
    }

    /** The factory, preceded by the count check. */
    KernelFactory guard(KernelFactory factory) {
        return op -> {
            if (op.inputCount() < minInputs || op.inputCount() > maxInputs) {
                throw op.invalid("has " + op.inputCount() + " inputs, expected " + (minInputs == maxInputs
                        ? String.valueOf(minInputs) : maxInputs == Integer.MAX_VALUE ? "at least " + minInputs
                                : minInputs + " to " + maxInputs));
            }
            if (op.outputCount() != outputs) {
                throw op.invalid("has " + op.outputCount() + " outputs, expected " + outputs);
            }
            return factory.prepare(op);
        };
    }
}
