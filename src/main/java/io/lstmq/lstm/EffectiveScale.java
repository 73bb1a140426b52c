package io.lstmq.lstm;

import io.lstmq.quant.QuantizedMultiplier;

/**
 * One rescaling a runtime computes in Prepare: the real effective scale, in the precision the runtime
 * computed it (a float32 value promoted to double for TFLite, a double for TFLite Micro), and the
 * (multiplier, shift) pair QuantizeMultiplier made of it.
 */
public record EffectiveScale(double scale, QuantizedMultiplier multiplier) {
    public static EffectiveScale of(double scale) {
        return new EffectiveScale(scale, QuantizedMultiplier.of(scale));
    }
}
