package io.lstmq.engine;

/**
 * One prepared operator. Everything that depends only on the model (multipliers, shapes, tables, scratch buffers)
 * was computed when it was prepared; {@link #eval()} reads its input tensors and writes its outputs without
 * allocating.
 */
@FunctionalInterface
public interface Kernel {
    void eval();
}
