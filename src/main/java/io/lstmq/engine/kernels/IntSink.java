package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;

/** Writes ints already in range into an integer tensor (int8, uint8, int16, int32), whatever its storage. */
@FunctionalInterface
interface IntSink {
    void set(int i, int value);

    static IntSink of(EngineTensor t) {
        return switch (t.type()) {
            case INT8, UINT8 -> {
                byte[] a = t.bytes();
                yield (i, v) -> a[i] = (byte) v;
            }
            case INT16 -> {
                short[] a = t.shorts();
                yield (i, v) -> a[i] = (short) v;
            }
            case INT32 -> {
                int[] a = t.ints();
                yield (i, v) -> a[i] = v;
            }
            default -> throw new IllegalArgumentException(t + " is not an integer tensor of up to 32 bits");
        };
    }
}
