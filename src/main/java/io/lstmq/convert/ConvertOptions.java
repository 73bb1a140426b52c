package io.lstmq.convert;

import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.quant.QuantScheme;

/**
 * What {@code lstmq convert} is asked to make.
 *
 * @param scheme      int8 activations (8x8_16, TFLite and TFLite Micro) or int16 (16x8, TFLite Micro)
 * @param floatIo     keep float model inputs and outputs (QUANTIZE / DEQUANTIZE at the boundary)
 * @param weightsOnly write the hybrid (dynamic range) model instead of an integer one
 * @param allowFloat  builtin names of operators without integer rules that may stay float
 * @param method      how calibration turns recorded values into ranges
 */
public record ConvertOptions(QuantScheme scheme, boolean floatIo, boolean weightsOnly, Set<String> allowFloat,
        CalibrationMethod method) {

    public static final ConvertOptions DEFAULTS =
            new ConvertOptions(QuantScheme.INT8, false, false, Set.of(), CalibrationMethod.MINMAX);

    public ConvertOptions {
        allowFloat = Set.copyOf(allowFloat);
    }

    /** How recorded values become ranges. */
    public enum CalibrationMethod {
        /** The running minimum and maximum over every value (TFLite's calibrator). */
        MINMAX("minmax");

        private final String label;

        CalibrationMethod(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static CalibrationMethod parse(String label) {
            for (CalibrationMethod m : values()) {
                if (m.label.equals(label)) {
                    return m;
                }
            }
            throw new LstmqException("--calibration-method " + label + ": supported methods are minmax");
        }
    }
}
