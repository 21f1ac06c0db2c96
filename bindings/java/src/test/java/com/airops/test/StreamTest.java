package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.Event;
import com.airops.Execution;
import com.airops.ExecutionState;
import com.airops.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StreamTest {
    /** The chunks of a stream that ends with exactly one Completed, concatenated. */
    static String checkedOutput(List<Event> events, String executionId) {
        Event last = events.get(events.size() - 1);
        assertInstanceOf(Event.Completed.class, last);
        assertEquals(1, events.stream().filter(Event.Completed.class::isInstance).count());
        assertTrue(events.stream().allMatch(event -> event.executionId().equals(executionId)));
        String chunks = events.subList(0, events.size() - 1).stream()
                .map(event -> assertInstanceOf(Event.Chunk.class, event).content()).collect(Collectors.joining());
        assertEquals(((Event.Completed) last).content(), chunks);
        return chunks;
    }

    @Test
    void s10_chunksArriveInOrderBeforeCompleted() throws Exception {
        Recorder recorder = new Recorder();
        try (AirOps client = Dev.identified().build();
                Execution execution = client.executeStream("slow-echo", "{\"text\": \"one two three four\"}", recorder)) {
            List<Event> events = recorder.untilCompleted(Dev.WAIT);
            assertTrue(events.size() > 2, events::toString);
            String output = checkedOutput(events, execution.id());
            assertEquals("one two three four", output);
            assertEquals(output, execution.await(Dev.WAIT).output());
        }
    }

    /** A small event buffer still streams a short execution whole; its completed event has no error code. */
    @Test
    void smallMaxBufferedEventsStreamsWhole() throws Exception {
        Recorder recorder = new Recorder();
        try (AirOps client = Dev.identified().maxBufferedEvents(64).build();
                Execution execution = client.executeStream("slow-echo", "{\"text\": \"one two three\"}", recorder)) {
            List<Event> events = recorder.untilCompleted(Dev.WAIT);
            assertEquals("one two three", checkedOutput(events, execution.id()));
            assertEquals(null, ((Event.Completed) events.get(events.size() - 1)).errorCode());
        }
    }

    @Test
    void s11_twentyConcurrentStreamsShareOneConnection() throws Exception {
        int count = 20;
        long connectionsBefore = Dev.stat("realtime_connections_total");
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try (AirOps client = Dev.identified().build()) {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<String>> outputs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "n" + i;
                outputs.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    Recorder recorder = new Recorder();
                    try (Execution execution = client.executeStream("hello-world",
                            "{\"name\": \"" + name + "\"}", recorder)) {
                        String streamed = checkedOutput(recorder.untilCompleted(Dev.WAIT), execution.id());
                        assertEquals(streamed, execution.await(Dev.WAIT).output());
                        return streamed;
                    }
                }));
            }
            for (int i = 0; i < count; i++) {
                assertEquals("Hello, n" + i + "! Welcome to AirOps.", outputs.get(i).get(60, TimeUnit.SECONDS));
            }
            assertEquals(connectionsBefore + 1, Dev.stat("realtime_connections_total"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void s17_noCallbackRunsAfterClose() throws Exception {
        CountDownLatch firstChunk = new CountDownLatch(1);
        AtomicInteger events = new AtomicInteger();
        AtomicInteger logs = new AtomicInteger();
        AirOps client = Dev.identified().logListener(LogLevel.TRACE, (level, message) -> logs.incrementAndGet()).build();
        Execution execution = client.executeStream("slow-echo", "{\"text\": \"a b c d e f g h i j k l\"}", event -> {
            events.incrementAndGet();
            firstChunk.countDown();
        });
        assertTrue(firstChunk.await(Dev.WAIT.toSeconds(), TimeUnit.SECONDS));
        execution.close();
        client.close();
        int eventsAtClose = events.get();
        int logsAtClose = logs.get();
        Thread.sleep(500);
        assertEquals(eventsAtClose, events.get());
        assertEquals(logsAtClose, logs.get());
        assertTrue(logsAtClose > 0, "the log listener never ran");
        execution.close(); // closing twice is harmless
        client.close();
        assertTrue(eventsAtClose < 12, "the stream ended before it was closed");
    }

    @Test
    void s17_closingFromInsideTheListenerStopsIt() throws Exception {
        AtomicInteger events = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        try (AirOps client = Dev.identified().build()) {
            Execution[] self = new Execution[1];
            CountDownLatch started = new CountDownLatch(1);
            self[0] = client.executeStream("slow-echo", "{\"text\": \"a b c d e f g h\"}", event -> {
                events.incrementAndGet();
                try {
                    started.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                self[0].close();
                closed.countDown();
            });
            started.countDown();
            assertTrue(closed.await(Dev.WAIT.toSeconds(), TimeUnit.SECONDS));
            Thread.sleep(500);
            assertEquals(1, events.get());
        }
    }

    @Test
    void closingTheClientClosesItsExecutions() {
        AirOps client = Dev.identified().build();
        Execution execution = client.executeStream("slow-echo", "{\"text\": \"x\"}", event -> { });
        client.close();
        assertTrue(execution.isClosed());
    }

    @Test
    void aStreamWithoutListenerCanBeAwaited() {
        try (AirOps client = Dev.identified().build();
                Execution execution = client.executeStream("hello-world", "{\"name\": \"Ada\"}", null)) {
            assertEquals(ExecutionState.SUCCESS, execution.await(Dev.WAIT).state());
        }
    }
}
