package io.lstmq.validate;

import io.lstmq.io.NdArray;

/** How far two integer outputs of the same model are apart, in least significant bits. */
public final class LsbStats {
    private long values;
    private long differing;
    private long maxDiff;

    public void add(NdArray a, NdArray b) {
        for (long i = 0; i < a.size(); i++) {
            long d = Math.abs(a.getLong(i) - b.getLong(i));
            values++;
            differing += d != 0 ? 1 : 0;
            maxDiff = Math.max(maxDiff, d);
        }
    }

    public long maxDiff() {
        return maxDiff;
    }

    public long differing() {
        return differing;
    }

    public long values() {
        return values;
    }
}
