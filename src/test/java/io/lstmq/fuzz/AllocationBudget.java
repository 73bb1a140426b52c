package io.lstmq.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Catches allocations driven by sizes an input claims rather than by the bytes it holds: one fuzz execution may
 * allocate a fixed allowance plus a bounded multiple of its input's length, no more. Real models of a few
 * kilobytes need a few megabytes; a reader that trusts a length field asks for hundreds.
 */
final class AllocationBudget {
    private static final long FIXED = 64L << 20;
    private static final long PER_INPUT_BYTE = 4096;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** The body of a fuzz target. */
    interface Body {
        void run() throws Exception;
    }

    private AllocationBudget() {}

    /**
     * Runs {@code body} for an input of {@code inputLength} bytes and fails if it allocates over the budget. The
     * first executions also load, instrument and initialise classes, so an execution over budget is run once more
     * and only judged by that second, warm run.
     */
    static void run(int inputLength, String what, Body body) throws Exception {
        long limit = FIXED + PER_INPUT_BYTE * inputLength;
        if (allocatedBy(body) > limit) {
            long used = allocatedBy(body);
            if (used > limit) {
                throw new AssertionError(what + " allocated " + used + " bytes, over the budget of " + limit);
            }
        }
    }

    /** Bytes the current thread allocated while running {@code body}. */
    static long allocatedBy(Body body) throws Exception {
        long start = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - start;
    }
}
