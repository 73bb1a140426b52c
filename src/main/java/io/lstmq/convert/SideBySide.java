package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.lstmq.LstmqException;

/**
 * Runs a few independent tasks at once, each on a thread of its own (the last on the caller's), and returns
 * their results in task order. Meant for a handful of long tasks, such as one model run per runtime; a task's
 * exception is rethrown once every task has finished, the first in task order winning.
 */
final class SideBySide {
    private SideBySide() {}

    static <T> List<T> run(List<Callable<T>> tasks) {
        List<FutureTask<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(new FutureTask<>(task));
        }
        for (int i = 0; i < futures.size() - 1; i++) {
            Thread t = new Thread(futures.get(i), "lstmq side by side " + i);
            t.setDaemon(true);
            t.start();
        }
        if (!futures.isEmpty()) {
            futures.get(futures.size() - 1).run();
        }
        List<T> results = new ArrayList<>();
        Throwable failure = null;
        boolean interrupted = false;
        for (FutureTask<T> f : futures) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the tasks cannot be abandoned halfway: they hold native runtimes
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw rethrow(failure);
        }
        return results;
    }

    /**
     * Throws what a task threw, as it was: errors and unchecked exceptions unchanged (callers handle
     * {@link LstmqException} as usual); the declared return type lets callers write {@code throw rethrow(e)}.
     */
    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a task failed with " + cause, cause);
    }
}
