package io.lstmq.engine.kernels;

import java.util.Map;

import io.lstmq.engine.KernelFactory;
import io.lstmq.schema.BuiltinOperator;

/** The kernel factories of this package by builtin operator code: the engine's operator table. */
public final class Kernels {
    private static final Map<Integer, KernelFactory> TABLE = Map.ofEntries(
            Map.entry(BuiltinOperator.ADD, Add::prepare),
            Map.entry(BuiltinOperator.CONCATENATION, Concatenation::prepare),
            Map.entry(BuiltinOperator.DEQUANTIZE, Dequantize::prepare),
            Map.entry(BuiltinOperator.FULLY_CONNECTED, FullyConnected::prepare),
            Map.entry(BuiltinOperator.LOGISTIC, Logistic::prepare),
            Map.entry(BuiltinOperator.LSTM, Lstm::prepare),
            Map.entry(BuiltinOperator.MUL, Mul::prepare),
            Map.entry(BuiltinOperator.QUANTIZE, Quantize::prepare),
            Map.entry(BuiltinOperator.RESHAPE, Reshape::prepare),
            Map.entry(BuiltinOperator.SOFTMAX, Softmax::prepare),
            Map.entry(BuiltinOperator.STRIDED_SLICE, StridedSlice::prepare),
            Map.entry(BuiltinOperator.TANH, Tanh::prepare),
            Map.entry(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, Lstm::prepare));

    private Kernels() {}

    /** An unmodifiable map from builtin code to factory. */
    public static Map<Integer, KernelFactory> byBuiltinCode() {
        return TABLE;
    }
}
