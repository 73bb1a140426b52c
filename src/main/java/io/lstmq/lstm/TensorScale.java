package io.lstmq.lstm;

/** A per-tensor float32 scale and integer zero point, as stored in the model. */
public record TensorScale(float scale, int zeroPoint) {
    /** What Prepare assumes for an absent tensor: scale 1.0, zero point 0 (spec §3.3). */
    public static final TensorScale ABSENT = new TensorScale(1.0f, 0);

    public static TensorScale symmetric(float scale) {
        return new TensorScale(scale, 0);
    }
}
