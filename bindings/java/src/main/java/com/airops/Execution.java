package com.airops;

import com.airops.internal.NativeApi;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A handle on one execution of an app: fetch, await or cancel it. Started by
 * {@link AirOps#execute}, {@link AirOps#executeStream} or {@link AirOps#chat}, or opened by
 * {@link AirOps#openExecution}. Close it (closing does not cancel it on the server): once
 * {@link #close()} returns, its listener is not called again. Closing its client closes it.
 */
public final class Execution implements AutoCloseable {
    private final AirOps client;
    private final Handle handle;
    private final long eventKey;
    private final String id;
    private final String sessionId;

    Execution(AirOps client, Pointer execution, long eventKey) {
        NativeApi api = Calls.api();
        this.client = client;
        this.eventKey = eventKey;
        this.id = api.airops_execution_id(execution);
        this.sessionId = api.airops_execution_session_id(execution);
        this.handle = new Handle(execution, api::airops_execution_free, "execution");
    }

    /** The execution's id (uuid). */
    public String id() {
        return id;
    }

    /** The chat session of an execution started by {@link AirOps#chat}; empty for other executions. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /** Fetches the execution's current record once, whatever its status (one request). */
    public ExecutionResult fetch() {
        return result((execution, out) -> error -> Calls.api().airops_execution_fetch(execution, out, error));
    }

    /**
     * Blocks until the execution has finished and returns its final record; a finished execution
     * whose state is {@link ExecutionState#ERROR} is returned, not thrown.
     *
     * @param timeout the longest wait; negative waits without limit
     * @throws AirOpsException {@link ErrorCode#TIMEOUT} when the timeout passes first (the
     *     execution goes on: await it again), or the errors of {@link #fetch()}
     */
    public ExecutionResult await(Duration timeout) {
        long millis = Calls.millis(timeout, "timeout");
        return result((execution, out) -> error -> Calls.api().airops_execution_wait(execution, millis, out, error));
    }

    /** {@link #await(Duration)} without a time limit. */
    public ExecutionResult await() {
        return result((execution, out) -> error -> Calls.api().airops_execution_wait(execution, -1, out, error));
    }

    /**
     * Asks the server to cancel the execution; its final state becomes {@link ExecutionState#CANCELLED}.
     * Its events stop first: when this returns (or throws), its listener is not called again.
     *
     * @throws AirOpsException {@link ErrorCode#BAD_REQUEST} when it finished with another status
     */
    public void cancel() {
        try {
            use(execution -> {
                Calls.check(error -> Calls.api().airops_execution_cancel(execution, error));
                return null;
            });
        } finally {
            EventBridge.unregister(eventKey);
        }
    }

    /** {@link #fetch()} without blocking. */
    public CompletableFuture<ExecutionResult> fetchAsync() {
        return resultAsync((execution, userData) -> error ->
                Calls.api().airops_execution_fetch_async(execution, Completions.ON_RESULT_DONE, userData, error));
    }

    /** {@link #await(Duration)} without blocking; a negative timeout waits without limit. */
    public CompletableFuture<ExecutionResult> awaitAsync(Duration timeout) {
        long millis;
        try {
            millis = Calls.millis(timeout, "timeout");
        } catch (AirOpsException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return resultAsync((execution, userData) -> error ->
                Calls.api().airops_execution_wait_async(execution, millis, Completions.ON_RESULT_DONE, userData, error));
    }

    /** {@link #cancel()} without blocking; the events stop before this returns. */
    public CompletableFuture<Void> cancelAsync() {
        try {
            return resultAsync((execution, userData) -> error -> Calls.api().airops_execution_cancel_async(
                    execution, Completions.ON_RESULT_DONE, userData, error)).thenApply(none -> null);
        } finally {
            EventBridge.unregister(eventKey);
        }
    }

    /**
     * Frees the native handle (idempotent; does not cancel the execution). When it returns, the
     * listener is not called again, also when called from inside the listener. Calls in flight on
     * other threads finish first; futures of this execution still pending fail.
     */
    @Override
    public void close() {
        if (handle.close()) {
            EventBridge.unregister(eventKey);
            Completions.abandon(this, "the execution was closed");
            client.forget(this);
        }
    }

    @Override
    public String toString() {
        return "Execution[" + id + (isClosed() ? ", closed]" : "]");
    }

    /** Runs {@code body} with the pointer while the execution and its client are open. */
    private <T> T use(Function<Pointer, T> body) {
        return client.use(clientPointer -> handle.use(body));
    }

    /** A call that fills an {@code airops_result **}. */
    private interface ResultCall {
        Calls.Fallible with(Pointer execution, PointerByReference out);
    }

    private ExecutionResult result(ResultCall call) {
        return use(execution -> {
            PointerByReference out = new PointerByReference();
            Calls.check(call.with(execution, out));
            return ExecutionResult.take(out.getValue());
        });
    }

    /** An {@code _async} call that reports an {@code airops_result} to {@link Completions#ON_RESULT_DONE}. */
    private interface AsyncResultCall {
        Calls.Fallible with(Pointer execution, Pointer userData);
    }

    private CompletableFuture<ExecutionResult> resultAsync(AsyncResultCall call) {
        try {
            return use(execution -> Completions.start(new Completions.Pending<>(this, client.completionExecutor(), 0),
                    userData -> call.with(execution, userData)));
        } catch (AirOpsException closed) {
            return CompletableFuture.failedFuture(closed);
        }
    }
}
