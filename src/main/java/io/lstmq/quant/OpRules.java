package io.lstmq.quant;

import static io.lstmq.schema.BuiltinOperator.*;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lstmq.quant.OpRule.Hybrid;
import io.lstmq.quant.OpRule.OptionEdit;
import io.lstmq.quant.OpRule.Slot;
import io.lstmq.schema.BuiltinOperator;

/**
 * The one table of per-operator quantization rules (the counterpart of TFLite's {@code operator_property}).
 * Minimum 8x8_16 versions are the legacy quantizer's; 16x8 versions are what TFLite's versioning gives an
 * int16-activation op (TFLite Micro ignores versions). LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM rules depend on the
 * operator's variant and come from {@link LstmRecipe}.
 */
public final class OpRules {
    private static final TensorRule ACT = TensorRule.Activation.REQUIRED;
    /** SOFTMAX and LOGISTIC outputs: [0, 1) in 1/256 steps (int8) or 1/32768 (int16). */
    private static final TensorRule.Fixed UNIT_INTERVAL = new TensorRule.Fixed(1 / 256.0f, -128, 1 / 32768.0f, 0);
    /** TANH output: [-1, 1) in 1/128 steps (int8) or 1/32768 (int16). */
    private static final TensorRule.Fixed SYMMETRIC_UNIT = new TensorRule.Fixed(1 / 128.0f, 0, 1 / 32768.0f, 0);

    private static final Map<Integer, OpRule> TABLE = new TreeMap<>();

    static {
        // Arithmetic: every operand and the result calibrated on their own.
        put(binary(ADD, 2, 3, new OptionEdit("AddOptions", "pot_scale_int16", 0L)));
        put(binary(SUB, 2, 5, new OptionEdit("SubOptions", "pot_scale_int16", 0L)));
        put(binary(MUL, 2, 4, null));
        put(unary(MEAN, 2, 3));
        put(unary(RELU, 2, 3));
        put(unary(RELU6, 2, 3));
        put(new OpRule(FULLY_CONNECTED,
                List.of(new Slot(0, ACT), new Slot(1, TensorRule.Weights.INT8),
                        new Slot(2, TensorRule.Bias.ofInputs(0, 1))),
                List.of(new Slot(0, ACT)), List.of(), null, false, 4, 7, List.of(), new Hybrid(new int[] {1}, 3)));
        // Kernels with a fixed output range.
        put(fixedOutput(SOFTMAX, UNIT_INTERVAL, 2, 3));
        put(fixedOutput(LOGISTIC, UNIT_INTERVAL, 2, 3));
        put(fixedOutput(TANH, SYMMETRIC_UNIT, 2, 3));
        // Data movement: the output is the input's bytes, so it keeps the input's parameters.
        put(passThrough(RESHAPE, 0, 1, 1));
        put(passThrough(SQUEEZE, 0, 1, 1));
        put(passThrough(EXPAND_DIMS, 0, 1, 1));
        put(passThrough(STRIDED_SLICE, 0, 2, 2));
        put(passThrough(SLICE, 0, 2, 4));
        put(passThrough(GATHER, 0, 2, 4));
        put(passThrough(TRANSPOSE, 0, 2, 5));
        put(passThrough(PAD, 0, 2, 3));
        put(split(SPLIT, 1, 2, 4));
        put(split(SPLIT_V, 0, 2, 2));
        put(split(UNPACK, 0, 2, 4));
        // Joins: the kernels need every input at the output's parameters, so differing inputs are requantized.
        put(join(CONCATENATION, 2, 3));
        put(join(PACK, 2, 3));
        put(join(MAXIMUM, 2, 4));
        put(join(MINIMUM, 2, 4));
    }

    private OpRules() {}

    /**
     * The rule for an operator, or null when lstmq has no integer rules for it.
     *
     * @param inputs the operator's inputs (LSTM rules depend on which optional slots are present)
     */
    public static OpRule lookup(int builtin, int[] inputs) {
        if (builtin == LSTM || builtin == UNIDIRECTIONAL_SEQUENCE_LSTM) {
            return LstmRecipe.rule(builtin, inputs);
        }
        return TABLE.get(builtin);
    }

    /** Names of every operator with integer rules, for messages and documentation. */
    public static List<String> supportedOperators() {
        List<String> names = new java.util.ArrayList<>();
        names.add(BuiltinOperator.name(LSTM));
        names.add(BuiltinOperator.name(UNIDIRECTIONAL_SEQUENCE_LSTM));
        for (int code : TABLE.keySet()) {
            names.add(BuiltinOperator.name(code));
        }
        Collections.sort(names);
        return names;
    }

    private static void put(OpRule rule) {
        TABLE.put(rule.builtin(), rule);
    }

    private static OpRule binary(int builtin, int int8Version, int int16Version, OptionEdit int16Option) {
        return new OpRule(builtin, List.of(new Slot(0, ACT), new Slot(1, ACT)), List.of(new Slot(0, ACT)),
                List.of(), null, false, int8Version, int16Version,
                int16Option == null ? List.of() : List.of(int16Option), null);
    }

    private static OpRule unary(int builtin, int int8Version, int int16Version) {
        return new OpRule(builtin, List.of(new Slot(0, ACT)), List.of(new Slot(0, ACT)), List.of(), null, false,
                int8Version, int16Version, List.of(), null);
    }

    private static OpRule fixedOutput(int builtin, TensorRule.Fixed output, int int8Version, int int16Version) {
        return new OpRule(builtin, List.of(new Slot(0, ACT)), List.of(new Slot(0, output)), List.of(), null, false,
                int8Version, int16Version, List.of(), null);
    }

    private static OpRule passThrough(int builtin, int input, int int8Version, int int16Version) {
        return new OpRule(builtin, List.of(new Slot(input, ACT)),
                List.of(new Slot(0, new TensorRule.SameAsInput(input))), List.of(), null, false, int8Version,
                int16Version, List.of(), null);
    }

    private static OpRule split(int builtin, int input, int int8Version, int int16Version) {
        return new OpRule(builtin, List.of(new Slot(input, ACT)),
                List.of(new Slot(Slot.EVERY, new TensorRule.SameAsInput(input))), List.of(), null, false,
                int8Version, int16Version, List.of(), null);
    }

    private static OpRule join(int builtin, int int8Version, int int16Version) {
        return new OpRule(builtin, List.of(new Slot(Slot.EVERY, ACT)), List.of(new Slot(0, ACT)), List.of(), null,
                true, int8Version, int16Version, List.of(), null);
    }
}
