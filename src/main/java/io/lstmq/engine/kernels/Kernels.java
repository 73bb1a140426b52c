package io.lstmq.engine.kernels;

import java.util.Map;

import io.lstmq.engine.KernelFactory;
import io.lstmq.schema.BuiltinOperator;

/**
 * The kernel factories of this package by builtin operator code, each behind the operator's input and output
 * counts: the engine's operator table. The LSTM kernels check their 20 or 24 slots themselves.
 */
public final class Kernels {
    private static final Map<Integer, KernelFactory> TABLE = Map.ofEntries(
            Map.entry(BuiltinOperator.ADD, Arity.exactly(2).guard(Add::prepare)),
            Map.entry(BuiltinOperator.CONCATENATION, Arity.atLeast(1).guard(Concatenation::prepare)),
            Map.entry(BuiltinOperator.DEQUANTIZE, Arity.exactly(1).guard(Dequantize::prepare)),
            Map.entry(BuiltinOperator.FULLY_CONNECTED, Arity.between(2, 3).guard(FullyConnected::prepare)),
            Map.entry(BuiltinOperator.LOGISTIC, Arity.exactly(1).guard(Logistic::prepare)),
            Map.entry(BuiltinOperator.LSTM, Lstm::prepare),
            Map.entry(BuiltinOperator.MUL, Arity.exactly(2).guard(Mul::prepare)),
            Map.entry(BuiltinOperator.QUANTIZE, Arity.exactly(1).guard(Quantize::prepare)),
            Map.entry(BuiltinOperator.RESHAPE, Arity.between(1, 2).guard(Reshape::prepare)),
            Map.entry(BuiltinOperator.SOFTMAX, Arity.exactly(1).guard(Softmax::prepare)),
            Map.entry(BuiltinOperator.STRIDED_SLICE, Arity.exactly(4).guard(StridedSlice::prepare)),
            Map.entry(BuiltinOperator.TANH, Arity.exactly(1).guard(Tanh::prepare)),
            Map.entry(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, Lstm::prepare));

    private Kernels() {}

    /** An unmodifiable map from builtin code to factory. */
    public static Map<Integer, KernelFactory> byBuiltinCode() {
        return TABLE;
    }
}
