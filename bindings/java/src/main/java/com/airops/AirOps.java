package com.airops;

import com.airops.internal.NativeApi;
import com.airops.internal.Poll;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A client of the AirOps API: runs apps, streams their output, chats with agents. Create one
 * with {@link #builder()}; share it between threads; close it (closing it closes its executions).
 * It holds a connection pool and one realtime connection, shared by all its streams.
 *
 * <p>Inputs travel as JSON text, e.g. {@code {"name": "Ada"}}; null means no inputs. Failures
 * are {@link AirOpsException}s; the futures of the {@code Async} methods fail with them.
 */
public final class AirOps implements AutoCloseable {
    private final Handle handle;
    private final Delivery delivery;
    private final Executor completionExecutor;
    private final Set<Execution> executions = new HashSet<>();
    private boolean closing;

    AirOps(Pointer client, Delivery delivery, Executor completionExecutor, long logKey) {
        this.delivery = delivery;
        this.completionExecutor = completionExecutor;
        this.handle = new Handle(client, pointer -> {
            Calls.api().airops_client_free(pointer);
            LogBridge.unregister(logKey); // the library logs no more once the client is freed
        }, "client");
    }

    /** A builder of clients: identity, host, realtime endpoint, timeouts, retries, delivery, logging. */
    public static AirOpsBuilder builder() {
        return new AirOpsBuilder();
    }

    /**
     * The hashed user id that identifies an end user: the hex HMAC-SHA256 of {@code userId} keyed
     * with the workspace API key. Compute it on your backend; the key must not reach end users.
     */
    public static String hashUserId(String apiKey, String userId) {
        String key = Calls.text(apiKey, "apiKey");
        String user = Calls.text(userId, "userId");
        PointerByReference out = new PointerByReference();
        Calls.check(error -> Calls.api().airops_hash_user_id(key, user, out, error));
        return Calls.takeString(out.getValue());
    }

    /** The loaded library's version string, e.g. {@code "0.1.0"}. */
    public static String libraryVersion() {
        return Calls.api().airops_version();
    }

    /** The loaded library's version number (major * 10000 + minor * 100 + patch). */
    public static int libraryVersionNumber() {
        return Calls.api().airops_version_number();
    }

    /** The app's description as JSON text (one request). */
    public String getApp(String appId) {
        String id = Calls.text(appId, "appId");
        return use(client -> {
            PointerByReference out = new PointerByReference();
            Calls.check(error -> Calls.api().airops_app_get(client, id, out, error));
            return Calls.takeString(out.getValue());
        });
    }

    /** {@link #getApp} without blocking: the future receives the app's description (JSON). */
    public CompletableFuture<String> getAppAsync(String appId) {
        String id;
        try {
            id = Calls.text(appId, "appId");
        } catch (AirOpsException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        try {
            return use(client -> Completions.start(new Completions.Pending<String>(this, completionExecutor, 0),
                    userData -> error -> Calls.api().airops_app_get_async(client, id, Completions.ON_JSON_DONE,
                            userData, error)));
        } catch (AirOpsException closed) {
            return CompletableFuture.failedFuture(closed);
        }
    }

    /** Starts an execution of the app's current version; returns once it has started. */
    public Execution execute(String appId, String inputsJson) {
        return execute(appId, inputsJson, 0);
    }

    /** Starts an execution of the app's {@code version} (0: the current one). */
    public Execution execute(String appId, String inputsJson, long version) {
        String id = Calls.text(appId, "appId");
        String inputs = Calls.text(inputsJson, "inputsJson");
        return start(0, (client, out) -> error -> Calls.api().airops_app_execute(client, id, inputs, version, out, error));
    }

    /** {@link #executeStream(String, String, long, EventListener)} of the app's current version. */
    public Execution executeStream(String appId, String inputsJson, EventListener listener) {
        return executeStream(appId, inputsJson, 0, listener);
    }

    /**
     * Starts a streamed execution: its output arrives at {@code listener} as {@link Event.Chunk}s,
     * then one {@link Event.Completed}. Returns once the realtime channel is confirmed and the
     * execution has started. {@code listener} may be null (then await the result as usual).
     */
    public Execution executeStream(String appId, String inputsJson, long version, EventListener listener) {
        String id = Calls.text(appId, "appId");
        String inputs = Calls.text(inputsJson, "inputsJson");
        long key = EventBridge.register(listener);
        return start(key, (client, out) -> error -> Calls.api().airops_app_execute_stream(client, id, inputs, version,
                EventBridge.callback(key), Registry.userData(key), out, error));
    }

    /** {@link #chat(String, String, String, String, EventListener)} without inputs. */
    public Execution chat(String appId, String message, String sessionId, EventListener listener) {
        return chat(appId, message, null, sessionId, listener);
    }

    /**
     * Sends a message to an agent app and streams the answer to {@code listener}:
     * {@link Event.AgentAction}/{@link Event.AgentActionError} for tool calls,
     * {@link Event.AgentResponse} tokens, then one {@link Event.Completed}.
     *
     * @param inputsJson a JSON object, or null
     * @param sessionId the conversation to continue ({@link Execution#sessionId()}), or null for a new one
     */
    public Execution chat(String appId, String message, String inputsJson, String sessionId, EventListener listener) {
        String id = Calls.text(appId, "appId");
        String text = Calls.text(message, "message");
        String inputs = Calls.text(inputsJson, "inputsJson");
        String session = Calls.text(sessionId, "sessionId");
        long key = EventBridge.register(listener);
        return start(key, (client, out) -> error -> Calls.api().airops_app_chat(client, id, text, inputs, session,
                EventBridge.callback(key), Registry.userData(key), out, error));
    }

    /** A handle on an existing execution by its id; sends no request (an unknown id fails the first call). */
    public Execution openExecution(String executionId) {
        String id = Calls.text(executionId, "executionId");
        return start(0, (client, out) -> error -> Calls.api().airops_execution_open(client, id, out, error));
    }

    /** {@link #execute(String, String, long)} without blocking. */
    public CompletableFuture<Execution> executeAsync(String appId, String inputsJson, long version) {
        return startAsync(null, false, appId, inputsJson, version);
    }

    /** {@link #executeStream(String, String, long, EventListener)} without blocking. */
    public CompletableFuture<Execution> executeStreamAsync(String appId, String inputsJson, long version,
            EventListener listener) {
        return startAsync(listener, true, appId, inputsJson, version);
    }

    /** {@link #chat(String, String, String, String, EventListener)} without blocking. */
    public CompletableFuture<Execution> chatAsync(String appId, String message, String inputsJson, String sessionId,
            EventListener listener) {
        String id;
        String text;
        String inputs;
        String session;
        try {
            id = Calls.text(appId, "appId");
            text = Calls.text(message, "message");
            inputs = Calls.text(inputsJson, "inputsJson");
            session = Calls.text(sessionId, "sessionId");
        } catch (AirOpsException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return callAsync(listener, (client, key, userData) -> error -> Calls.api().airops_app_chat_async(client, id,
                text, inputs, session, EventBridge.callback(key), Registry.userData(key), Completions.ON_EXECUTION_DONE,
                userData, error));
    }

    /** The delivery mode of this client's listeners and futures. */
    public Delivery delivery() {
        return delivery;
    }

    /**
     * {@link Delivery#QUEUED}: a file descriptor that is readable while events wait for
     * {@link #dispatch()}; owned by the client. Empty in direct delivery or once closed.
     */
    public OptionalInt eventFd() {
        try {
            int fd = use(client -> Calls.api().airops_client_event_fd(client));
            return fd < 0 ? OptionalInt.empty() : OptionalInt.of(fd);
        } catch (AirOpsException closed) {
            return OptionalInt.empty();
        }
    }

    /**
     * {@link Delivery#QUEUED}: runs the listeners and completions of up to {@code maxEvents}
     * waiting events (0: all that wait now) on the calling thread; returns how many ran.
     *
     * @throws AirOpsException {@link ErrorCode#INVALID_ARGUMENT} in direct delivery or once closed
     */
    public int dispatch(int maxEvents) {
        if (maxEvents < 0) {
            throw Calls.invalidArgument("maxEvents must not be negative: " + maxEvents);
        }
        return use(client -> {
            NativeLongByReference count = new NativeLongByReference();
            Calls.check(error -> Calls.api().airops_client_dispatch(client, new NativeLong(maxEvents), count, error));
            return count.getValue().intValue();
        });
    }

    /** {@link #dispatch(int)} of every event that waits now. */
    public int dispatch() {
        return dispatch(0);
    }

    /**
     * {@link Delivery#QUEUED}: waits until events wait for {@link #dispatch()} or {@code timeout}
     * passes (then returns false), for a dispatch loop on a thread of your own.
     */
    public boolean awaitEvents(Duration timeout) {
        int millis = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, Calls.millis(timeout, "timeout")));
        return use(client -> { // inside use(): a concurrent close() cannot close the descriptor under poll
            int fd = Calls.api().airops_client_event_fd(client);
            if (fd < 0) {
                throw Calls.invalidArgument("awaitEvents needs a client in queued delivery");
            }
            return Poll.readable(fd, millis);
        });
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Closes the executions made from this client, then the client and its connections
     * (idempotent). When it returns, none of its listeners runs again; futures still pending fail.
     */
    @Override
    public void close() {
        List<Execution> open;
        synchronized (executions) {
            if (closing) {
                return;
            }
            closing = true;
            open = new ArrayList<>(executions);
        }
        open.forEach(Execution::close);
        Completions.abandon(this, "the client was closed");
        handle.close();
    }

    @Override
    public String toString() {
        return "AirOps[" + delivery + (isClosed() ? ", closed]" : "]");
    }

    Executor completionExecutor() {
        return completionExecutor;
    }

    <T> T use(Function<Pointer, T> body) {
        return handle.use(body);
    }

    /** Wraps an execution the library handed over; frees it (and throws) once the client is closing. */
    Execution adopt(Pointer pointer, long eventKey) {
        synchronized (executions) {
            if (!closing) {
                Execution execution = new Execution(this, pointer, eventKey);
                executions.add(execution);
                return execution;
            }
        }
        Calls.api().airops_execution_free(pointer);
        EventBridge.unregister(eventKey);
        throw Calls.invalidArgument("the client was closed");
    }

    void forget(Execution execution) {
        synchronized (executions) {
            executions.remove(execution);
        }
    }

    /** A call that fills an {@code airops_execution **}. */
    private interface StartCall {
        Calls.Fallible with(Pointer client, PointerByReference out);
    }

    private Execution start(long eventKey, StartCall call) {
        try {
            return use(client -> {
                PointerByReference out = new PointerByReference();
                Calls.check(call.with(client, out));
                return adopt(out.getValue(), eventKey);
            });
        } catch (RuntimeException failed) {
            EventBridge.unregister(eventKey);
            throw failed;
        }
    }

    /** An {@code _async} call that reports an execution to {@link Completions#ON_EXECUTION_DONE}. */
    private interface AsyncStartCall {
        Calls.Fallible with(Pointer client, long eventKey, Pointer userData);
    }

    private CompletableFuture<Execution> startAsync(EventListener listener, boolean stream, String appId,
            String inputsJson, long version) {
        String id;
        String inputs;
        try {
            id = Calls.text(appId, "appId");
            inputs = Calls.text(inputsJson, "inputsJson");
        } catch (AirOpsException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return callAsync(listener, (client, key, userData) -> error -> Calls.api().airops_app_execute_async(client, id,
                inputs, version, stream ? 1 : 0, EventBridge.callback(key), Registry.userData(key),
                Completions.ON_EXECUTION_DONE, userData, error));
    }

    private CompletableFuture<Execution> callAsync(EventListener listener, AsyncStartCall call) {
        long key = EventBridge.register(listener);
        try {
            return use(client -> Completions.start(new Completions.Pending<Execution>(this, completionExecutor, key),
                    userData -> call.with(client, key, userData)));
        } catch (AirOpsException closed) {
            EventBridge.unregister(key);
            return CompletableFuture.failedFuture(closed);
        }
    }
}
