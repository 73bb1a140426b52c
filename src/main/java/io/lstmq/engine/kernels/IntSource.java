package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;

/** Reads the elements of an integer tensor (int8, uint8, int16, int32) as ints, whatever its storage. */
@FunctionalInterface
interface IntSource {
    int get(int i);

    static IntSource of(EngineTensor t) {
        return switch (t.type()) {
            case INT8 -> {
                byte[] a = t.bytes();
                yield i -> a[i];
            }
            case UINT8 -> {
                byte[] a = t.bytes();
                yield i -> a[i] & 0xFF;
            }
            case INT16 -> {
                short[] a = t.shorts();
                yield i -> a[i];
            }
            case INT32 -> {
                int[] a = t.ints();
                yield i -> a[i];
            }
            default -> throw new IllegalArgumentException(t + " is not an integer tensor of up to 32 bits");
        };
    }
}
