package io.lstmq.engine.kernels;

/**
 * Copies elements between two arrays of the same primitive type through an index map:
 * {@code to[i] = from[map[i]]}. One implementation per storage type keeps the loop free of type checks.
 */
@FunctionalInterface
interface ElementCopy {
    void copy(int[] map);

    static ElementCopy between(Object from, Object to) {
        if (from instanceof float[] f && to instanceof float[] t) {
            return map -> {
                for (int i = 0; i < map.length; i++) {
                    t[i] = f[map[i]];
                }
            };
        }
        if (from instanceof byte[] f && to instanceof byte[] t) {
            return map -> {
                for (int i = 0; i < map.length; i++) {
                    t[i] = f[map[i]];
                }
            };
        }
        if (from instanceof short[] f && to instanceof short[] t) {
            return map -> {
                for (int i = 0; i < map.length; i++) {
                    t[i] = f[map[i]];
                }
            };
        }
        if (from instanceof int[] f && to instanceof int[] t) {
            return map -> {
                for (int i = 0; i < map.length; i++) {
                    t[i] = f[map[i]];
                }
            };
        }
        if (from instanceof long[] f && to instanceof long[] t) {
            return map -> {
                for (int i = 0; i < map.length; i++) {
                    t[i] = f[map[i]];
                }
            };
        }
        throw new IllegalArgumentException("cannot copy " + from.getClass().getSimpleName() + " into "
                + to.getClass().getSimpleName());
    }
}
