package com.airops.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Union;

/**
 * {@code struct airops_event} with its tagged union, field for field as the header lays it out
 * (field names are the header's). Not part of the public API.
 *
 * <p>It is read in place from the {@code const airops_event *} of a callback and is valid only
 * during that callback: {@link #at} reads the common fields, then only the union member that
 * {@code kind} names.
 */
@Structure.FieldOrder({"size", "kind", "execution", "execution_id", "json", "data"})
public class NativeEvent extends Structure {
    /** {@code AIROPS_EVENT_CHUNK} .. {@code AIROPS_EVENT_AGENT_ACTION_ERROR}. */
    public static final int CHUNK = 1;
    public static final int COMPLETED = 2;
    public static final int AGENT_RESPONSE = 3;
    public static final int AGENT_ACTION = 4;
    public static final int AGENT_ACTION_ERROR = 5;

    public NativeLong size; // size_t
    public int kind; // airops_event_kind
    public Pointer execution;
    public Pointer execution_id;
    public Pointer json;
    public Data data;

    /** The anonymous union {@code data}: the member named by {@code kind}. */
    public static class Data extends Union {
        public ChunkEvent chunk;
        public CompletedEvent completed;
        public AgentResponseEvent agent_response;
        public AgentActionEvent agent_action;
        public AgentActionErrorEvent agent_action_error;
    }

    /** {@code airops_chunk_event}. */
    @Structure.FieldOrder({"content"})
    public static class ChunkEvent extends Structure {
        public Pointer content;
    }

    /** {@code airops_completed_event}. */
    @Structure.FieldOrder({"content", "result"})
    public static class CompletedEvent extends Structure {
        public Pointer content;
        public Pointer result;
    }

    /** {@code airops_agent_response_event}. */
    @Structure.FieldOrder({"token", "stream_finished", "result"})
    public static class AgentResponseEvent extends Structure {
        public Pointer token;
        public int stream_finished;
        public Pointer result;
    }

    /** {@code airops_agent_action_event}. */
    @Structure.FieldOrder({"tool", "tool_input_json"})
    public static class AgentActionEvent extends Structure {
        public Pointer tool;
        public Pointer tool_input_json;
    }

    /** {@code airops_agent_action_error_event}. */
    @Structure.FieldOrder({"tool", "tool_error"})
    public static class AgentActionErrorEvent extends Structure {
        public Pointer tool;
        public Pointer tool_error;
    }

    /** An unbound instance, for its layout ({@link #size()}, {@link #fieldOffset}). */
    public NativeEvent() {
    }

    private NativeEvent(Pointer event) {
        super(event);
    }

    /** Reads the event at {@code event}; an unknown kind leaves {@link #data} unread. */
    public static NativeEvent at(Pointer event) {
        NativeEvent read = new NativeEvent(event);
        read.read(); // the union's structure members stay unread until one is selected
        Class<?> member = switch (read.kind) {
            case CHUNK -> ChunkEvent.class;
            case COMPLETED -> CompletedEvent.class;
            case AGENT_RESPONSE -> AgentResponseEvent.class;
            case AGENT_ACTION -> AgentActionEvent.class;
            case AGENT_ACTION_ERROR -> AgentActionErrorEvent.class;
            default -> null;
        };
        if (member != null) {
            read.data.setType(member);
            read.data.read();
        }
        return read;
    }

    /**
     * {@code error_code} (since 0.1), which follows the fields above: read only when the
     * library's {@code size} covers it, so that a shorter event is never read past its end.
     */
    public Pointer errorCode() {
        return size.longValue() >= knownSize() ? getPointer().getPointer(size()) : null;
    }

    /** The size of the event this binding knows: the fields above, then {@code error_code}. */
    public int knownSize() {
        return size() + Native.POINTER_SIZE; // the fields above end pointer-aligned, where error_code starts
    }

    /** The byte offset of a field in this layout (public for the layout test). */
    @Override
    public int fieldOffset(String name) {
        return super.fieldOffset(name);
    }
}
