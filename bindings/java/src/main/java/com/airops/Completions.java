package com.airops;

import com.airops.internal.NativeApi;
import com.sun.jna.Pointer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The completion callbacks of the {@code _async} calls, resolved into {@link CompletableFuture}s.
 * Two static callbacks serve every call; their {@code user_data} is the key of a {@link Pending}.
 * What the library hands over is always taken: a result is copied and freed, an execution is
 * adopted by its client or, when nobody can receive it any more, freed.
 */
final class Completions {
    private static final Registry<Pending<?>> PENDING = new Registry<>();

    static final NativeApi.ExecutionCallback ON_EXECUTION_DONE = Calls.onLibraryThreads(Completions::onExecutionDone);
    static final NativeApi.ResultCallback ON_RESULT_DONE = Calls.onLibraryThreads(Completions::onResultDone);
    static final NativeApi.JsonCallback ON_JSON_DONE = Calls.onLibraryThreads(Completions::onJsonDone);

    private Completions() {
    }

    /** One call in flight: the future it settles and the object whose closing abandons it. */
    static final class Pending<T> {
        final Object owner;
        final Executor executor;
        final long eventKey;
        final CompletableFuture<T> future = new CompletableFuture<>();
        long key;

        Pending(Object owner, Executor executor, long eventKey) {
            this.owner = owner;
            this.executor = executor;
            this.eventKey = eventKey;
        }

        void complete(T value, Consumer<T> discard) {
            run(() -> {
                if (!future.complete(value) && discard != null) { // the caller cancelled the future
                    discard.accept(value);
                }
            });
        }

        void fail(Throwable error) {
            EventBridge.unregister(eventKey);
            run(() -> future.completeExceptionally(error));
        }

        private void run(Runnable settle) {
            try {
                executor.execute(settle);
            } catch (RejectedExecutionException shutDown) {
                settle.run();
            }
        }
    }

    /**
     * Registers a call before it is made (its completion may run before it returns), makes it
     * with the call's {@code user_data}, and returns its future: failed at once when the call is
     * refused, in which case its completion never runs.
     */
    static <T> CompletableFuture<T> start(Pending<T> pending, java.util.function.Function<Pointer, Calls.Fallible> call) {
        pending.key = PENDING.add(pending);
        try {
            Calls.check(call.apply(Registry.userData(pending.key)));
        } catch (RuntimeException refused) {
            PENDING.remove(pending.key);
            pending.fail(refused);
        }
        return pending.future;
    }

    /** Fails every call in flight that belongs to {@code owner}, which is being closed. */
    static void abandon(Object owner, String message) {
        for (Pending<?> pending : PENDING.removeIf(entry -> entry.owner == owner)) {
            pending.fail(Calls.invalidArgument(message));
        }
    }

    @SuppressWarnings("unchecked")
    private static void onExecutionDone(int code, Pointer execution, Pointer error, Pointer userData) {
        try {
            Pending<Execution> pending = (Pending<Execution>) PENDING.take(userData);
            if (pending == null || code != 0) {
                if (execution != null) { // abandoned, or against the contract: never leak it
                    Calls.api().airops_execution_free(execution);
                }
                if (pending != null) {
                    pending.fail(Calls.copy(code, error));
                }
                return;
            }
            if (execution == null) {
                pending.fail(new AirOpsException(ErrorCode.INTERNAL, 0, "the library reported success but handed over no execution"));
                return;
            }
            Execution adopted;
            try {
                adopted = ((AirOps) pending.owner).adopt(execution, pending.eventKey);
            } catch (AirOpsException closed) {
                pending.fail(closed);
                return;
            }
            pending.complete(adopted, Execution::close);
        } catch (Throwable thrown) { // nothing may unwind into C
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }

    @SuppressWarnings("unchecked")
    private static void onJsonDone(int code, Pointer json, Pointer error, Pointer userData) {
        try {
            Pending<String> pending = (Pending<String>) PENDING.take(userData);
            if (pending == null) {
                return;
            }
            if (code != 0) {
                pending.fail(Calls.copy(code, error));
            } else {
                pending.complete(Calls.borrowed(json), null); // borrowed: copied during the call
            }
        } catch (Throwable thrown) { // nothing may unwind into C
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }

    @SuppressWarnings("unchecked")
    private static void onResultDone(int code, Pointer result, Pointer error, Pointer userData) {
        try {
            ExecutionResult record = result == null ? null : ExecutionResult.take(result); // the receiver owns it
            Pending<ExecutionResult> pending = (Pending<ExecutionResult>) PENDING.take(userData);
            if (pending == null) {
                return;
            }
            if (code != 0) {
                pending.fail(Calls.copy(code, error));
            } else {
                pending.complete(record, null);
            }
        } catch (Throwable thrown) { // nothing may unwind into C
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }
}
