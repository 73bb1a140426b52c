package io.lstmq.bench;

import java.util.SplittableRandom;

import io.lstmq.io.NdArray;

/** Deterministic calibration sequences for a model input of shape [1, T, I]: [n, T, I] floats in [0, 1). */
final class LargeCalibration {
    private LargeCalibration() {}

    static NdArray sequences(int n, int[] inputShape) {
        int per = 1;
        for (int i = 1; i < inputShape.length; i++) {
            per *= inputShape[i];
        }
        float[] v = new float[n * per];
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        long[] shape = new long[inputShape.length];
        shape[0] = n;
        for (int i = 1; i < inputShape.length; i++) {
            shape[i] = inputShape[i];
        }
        return NdArray.ofFloats(shape, v);
    }
}
