package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.Event;
import com.airops.Execution;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChatTest {
    /** One turn: its events, checked for the shape every chat stream has, and the session id. */
    record Turn(List<Event> events, String sessionId, String reply) {
        List<String> tools() {
            return events.stream().filter(Event.AgentAction.class::isInstance)
                    .map(event -> ((Event.AgentAction) event).tool()).collect(Collectors.toList());
        }
    }

    static Turn chat(AirOps client, String message, String sessionId) throws Exception {
        Recorder recorder = new Recorder();
        try (Execution execution = client.chat("demo-agent", message, sessionId, recorder)) {
            List<Event> events = recorder.untilCompleted(Dev.WAIT);
            Event.Completed completed = (Event.Completed) events.get(events.size() - 1);
            assertNull(completed.content());
            List<Event.AgentResponse> tokens = events.stream().filter(Event.AgentResponse.class::isInstance)
                    .map(Event.AgentResponse.class::cast).collect(Collectors.toList());
            assertFalse(tokens.isEmpty());
            Event.AgentResponse last = tokens.get(tokens.size() - 1);
            assertTrue(last.streamFinished());
            assertTrue(tokens.subList(0, tokens.size() - 1).stream().noneMatch(Event.AgentResponse::streamFinished));
            String reply = tokens.stream().map(Event.AgentResponse::token).collect(Collectors.joining());
            assertEquals(reply, last.result());
            assertEquals(reply, completed.result());
            assertTrue(events.stream().allMatch(event -> event.executionId().equals(execution.id())));
            execution.await(Dev.WAIT);
            return new Turn(events, execution.sessionId().orElseThrow(), reply);
        }
    }

    @Test
    void s12_twoTurnsInOneSession() throws Exception {
        try (AirOps client = Dev.identified().build()) {
            Turn first = chat(client, "Hello, my name is Ada", null);
            assertEquals(List.of("recall_session"), first.tools());
            assertEquals("Turn 1. You said: Hello, my name is Ada. This is a new session.", first.reply());
            Turn second = chat(client, "What is the weather like?", first.sessionId());
            assertEquals(first.sessionId(), second.sessionId());
            assertTrue(second.tools().contains("get_weather"), second.tools()::toString);
            assertTrue(second.reply().contains("Before that you said: Hello, my name is Ada"), second.reply());
            Event.AgentAction weather = (Event.AgentAction) second.events().stream()
                    .filter(event -> event instanceof Event.AgentAction action && action.tool().equals("get_weather"))
                    .findFirst().orElseThrow();
            assertEquals("{\"city\":\"Paris\"}", weather.toolInputJson().replace(" ", ""));
        }
    }

    @Test
    void s13_toolErrorEvent() throws Exception {
        try (AirOps client = Dev.identified().build()) {
            Turn turn = chat(client, "this will fail", null);
            List<Event.AgentActionError> errors = turn.events().stream().filter(Event.AgentActionError.class::isInstance)
                    .map(Event.AgentActionError.class::cast).collect(Collectors.toList());
            assertEquals(1, errors.size());
            assertEquals("flaky_tool", errors.get(0).tool());
            assertEquals("flaky_tool is unavailable", errors.get(0).toolError());
            assertInstanceOf(Event.Completed.class, turn.events().get(turn.events().size() - 1));
        }
    }
}
