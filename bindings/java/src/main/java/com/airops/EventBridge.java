package com.airops;

import com.airops.internal.NativeApi;
import com.airops.internal.NativeEvent;
import com.sun.jna.Pointer;

/** From the library's event callback to the {@link EventListener} of one execution. */
final class EventBridge {
    private static final Registry<EventListener> LISTENERS = new Registry<>();

    /** The {@code airops_event_callback} passed for every streamed execution; never released. */
    static final NativeApi.EventCallback ON_EVENT = Calls.onLibraryThreads(EventBridge::onEvent);

    private EventBridge() {
    }

    /** Registers a listener before the call that starts its stream (events may come before it returns). */
    static long register(EventListener listener) {
        return listener == null ? 0 : LISTENERS.add(listener);
    }

    /** Removes a listener; call it once the library calls back for it no more. */
    static void unregister(long key) {
        LISTENERS.remove(key);
    }

    /** The callback to pass for a registration: NULL for none. */
    static NativeApi.EventCallback callback(long key) {
        return key == 0 ? null : ON_EVENT;
    }

    private static void onEvent(Pointer event, Pointer userData) {
        try {
            EventListener listener = LISTENERS.get(userData);
            if (listener == null || event == null) {
                return;
            }
            Event copied = copy(NativeEvent.at(event));
            if (copied != null) {
                listener.onEvent(copied);
            }
        } catch (Throwable thrown) { // nothing may unwind into C
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, thrown);
        }
    }

    /** The event as a Java object; null for a kind this binding does not know (skipped). */
    static Event copy(NativeEvent event) {
        String id = Calls.borrowed(event.execution_id);
        String json = Calls.borrowed(event.json);
        NativeEvent.Data data = event.data;
        return switch (event.kind) {
            case NativeEvent.CHUNK -> new Event.Chunk(id, json, Calls.borrowed(data.chunk.content));
            case NativeEvent.COMPLETED -> new Event.Completed(id, json, Calls.borrowed(data.completed.content),
                    Calls.borrowed(data.completed.result), Calls.borrowed(event.errorCode()));
            case NativeEvent.AGENT_RESPONSE -> new Event.AgentResponse(id, json,
                    Calls.borrowed(data.agent_response.token), data.agent_response.stream_finished != 0,
                    Calls.borrowed(data.agent_response.result));
            case NativeEvent.AGENT_ACTION -> new Event.AgentAction(id, json, Calls.borrowed(data.agent_action.tool),
                    Calls.borrowed(data.agent_action.tool_input_json));
            case NativeEvent.AGENT_ACTION_ERROR -> new Event.AgentActionError(id, json,
                    Calls.borrowed(data.agent_action_error.tool),
                    Calls.borrowed(data.agent_action_error.tool_error));
            default -> null;
        };
    }
}
