package io.lstmq.engine.kernels;

import java.util.function.IntUnaryOperator;

import io.lstmq.engine.Kernel;

/**
 * An elementwise int8 → int8 function evaluated through a 256-entry table filled at prepare: an int8 input has
 * only 256 values, so any integer arithmetic on one element can be done once per value.
 */
final class Int8Lut implements Kernel {
    private final byte[] in;
    private final byte[] out;
    private final byte[] table = new byte[256];

    /** @param f maps an int8 input value to its int8 output value (already clamped) */
    Int8Lut(byte[] in, byte[] out, IntUnaryOperator f) {
        this.in = in;
        this.out = out;
        for (int v = Byte.MIN_VALUE; v <= Byte.MAX_VALUE; v++) {
            table[v & 0xFF] = (byte) f.applyAsInt(v);
        }
    }

    @Override
    public void eval() {
        for (int i = 0; i < in.length; i++) {
            out[i] = table[in[i] & 0xFF];
        }
    }
}
