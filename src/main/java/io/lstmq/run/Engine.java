package io.lstmq.run;

import io.lstmq.LstmqException;

/** Which implementation runs a model: lstmq's Java engine or the TFLite interpreter. */
public enum Engine {
    JAVA, TFLITE;

    public static Engine parse(String s) {
        return switch (s) {
            case "java" -> JAVA;
            case "tflite" -> TFLITE;
            default -> throw new LstmqException("--engine " + s + ": expected java or tflite");
        };
    }

    public String lowerName() {
        return name().toLowerCase();
    }
}
