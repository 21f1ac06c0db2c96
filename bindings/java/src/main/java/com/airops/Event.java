package com.airops;

/**
 * One event of a streamed execution or chat, copied out of the library's {@code airops_event}.
 * Every event carries the id of its execution and its data as the JSON text the server sent.
 */
public sealed interface Event {
    /** The id of the execution the event belongs to. */
    String executionId();

    /** The event's data as the server sent it (JSON text). */
    String json();

    /** A piece of a streamed execution's output. */
    record Chunk(String executionId, String json, String content) implements Event {
    }

    /**
     * The end of the stream: exactly one per stream. {@code content} is the whole output of an
     * execution (null for a chat); {@code result} the whole reply of a chat (null otherwise).
     * {@code errorCode} is null unless the library ended the stream itself, e.g.
     * {@code "events_overflowed"} when more events than {@link AirOpsBuilder#maxBufferedEvents}
     * waited for the listener (the rest were dropped; awaiting still returns the record).
     */
    record Completed(String executionId, String json, String content, String result, String errorCode)
            implements Event {
    }

    /** A piece of an agent's reply; {@code result} is the whole reply on the last token, else null. */
    record AgentResponse(String executionId, String json, String token, boolean streamFinished, String result)
            implements Event {
    }

    /** An agent calls a tool, with the tool's input as JSON text. */
    record AgentAction(String executionId, String json, String tool, String toolInputJson) implements Event {
    }

    /** A tool call of an agent failed. */
    record AgentActionError(String executionId, String json, String tool, String toolError) implements Event {
    }
}
