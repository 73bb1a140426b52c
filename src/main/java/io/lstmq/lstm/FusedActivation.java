package io.lstmq.lstm;

import io.lstmq.LstmqException;

/**
 * The LSTM options' {@code fused_activation_function} (flatbuffer enum ActivationFunctionType): the
 * activation of the cell gate and of {@code act(c)}. It is TANH in every real model.
 */
public enum FusedActivation {
    NONE(0), RELU(1), RELU_N1_TO_1(2), RELU6(3), TANH(4), SIGN_BIT(5);

    private final int code;

    FusedActivation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The member's name, or the number for a code the schema lacks. The verifier leaves option enums unchecked, as
     * TFLite does (it reads an undeclared activation as none), so messages must name any byte a model carries.
     */
    public static String describe(int code) {
        for (FusedActivation a : values()) {
            if (a.code == code) {
                return a.name();
            }
        }
        return "undeclared " + code;
    }

    /** @throws LstmqException for a code outside the schema's enum */
    public static FusedActivation of(int code) {
        for (FusedActivation a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new LstmqException("LSTM fused_activation_function " + code + " is not a valid ActivationFunctionType");
    }
}
