package io.lstmq.quant;

import java.util.List;

/**
 * The quantization rules of one operator kind (TFLite's {@code operator_property}, as data): which inputs and
 * outputs are real-valued and how each is quantized, in processing order; the LSTM's intermediates and shared
 * range; and the operator versions to write. Inputs not listed (shapes, axes, indices) are left as they are.
 *
 * @param inputs                  input rules in processing order; biases are applied after everything else
 * @param outputs                 output rules
 * @param intermediates           rules for {@code Operator.intermediates}, by position (LSTM only)
 * @param sharedRange             an input and an output quantized from their merged range (Q7), or null
 * @param requantizeInputs        inputs whose parameters differ from the output's get a requantizing QUANTIZE
 *                                (CONCATENATION and the like, whose kernels need equal parameters)
 * @param int8Version             minimum operator version of the 8x8_16 op (legacy quantizer's value)
 * @param int16Version            minimum version of the 16x8 op, or 0 when no 16x8 kernel exists
 * @param int16Options            builtin-option fields the 16x8 kernel needs set
 * @param hybrid                  what a weights-only (dynamic range) conversion does, or null for none
 */
public record OpRule(
        int builtin,
        List<Slot> inputs,
        List<Slot> outputs,
        List<TensorRule> intermediates,
        SharedRange sharedRange,
        boolean requantizeInputs,
        int int8Version,
        int int16Version,
        List<OptionEdit> int16Options,
        Hybrid hybrid) {

    /** Input or output position {@code index} follows {@code rule}; {@link #EVERY} stands for every position. */
    public record Slot(int index, TensorRule rule) {
        public static final int EVERY = -1;
    }

    /** An input and an output that share one range and one set of parameters (LSTM state 18 and output 0). */
    public record SharedRange(int input, int output) {}

    /** A builtin-option field to set, e.g. {@code AddOptions.pot_scale_int16 = false}. */
    public record OptionEdit(String optionsTable, String field, Object value) {}

    /** Weights-only (dynamic range) quantization: these constant inputs become int8 (Q4), version raised. */
    public record Hybrid(int[] weightInputs, int version) {}

    public OpRule {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        intermediates = List.copyOf(intermediates);
        int16Options = List.copyOf(int16Options);
    }

    public boolean supports(QuantScheme scheme) {
        return scheme == QuantScheme.INT8 || int16Version > 0;
    }

    public int version(QuantScheme scheme) {
        return scheme == QuantScheme.INT8 ? int8Version : int16Version;
    }

    /** The rule for input position {@code index}, or null when the input is not real-valued. */
    public TensorRule inputRule(int index) {
        return ruleAt(inputs, index);
    }

    public TensorRule outputRule(int index) {
        return ruleAt(outputs, index);
    }

    private static TensorRule ruleAt(List<Slot> slots, int index) {
        for (Slot s : slots) {
            if (s.index() == index || s.index() == Slot.EVERY) {
                return s.rule();
            }
        }
        return null;
    }
}
