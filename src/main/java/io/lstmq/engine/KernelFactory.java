package io.lstmq.engine;

/**
 * Prepares one operator of one builtin type: checks its tensors and options, computes what the runtime computes
 * in Prepare, allocates its outputs through the context and returns the kernel that runs it.
 */
@FunctionalInterface
public interface KernelFactory {
    /**
     * @throws io.lstmq.LstmqException when the operator or its type combination is not supported
     *                                 ({@link OpContext#unsupported})
     */
    Kernel prepare(OpContext op);
}
