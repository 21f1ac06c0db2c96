package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.Delivery;
import com.airops.Execution;
import com.airops.ExecutionResult;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QueuedTest {
    /** A dispatch loop on a thread of the test: waits on the event descriptor, then dispatches. */
    static Thread dispatchLoop(AirOps client, AtomicBoolean stop) {
        Thread loop = new Thread(() -> {
            while (!stop.get()) {
                if (client.awaitEvents(Duration.ofMillis(50))) {
                    client.dispatch();
                }
            }
        }, "test-dispatch");
        loop.start();
        return loop;
    }

    @Test
    void s16_eventsArriveOnlyThroughDispatch() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Recorder recorder = new Recorder();
        AtomicBoolean stop = new AtomicBoolean();
        try (AirOps client = Dev.identified().delivery(Delivery.QUEUED).build()) {
            assertEquals(Delivery.QUEUED, client.delivery());
            assertTrue(client.eventFd().isPresent());
            try (Execution execution = client.executeStream("slow-echo", "{\"text\": \"one two three\"}", event -> {
                threads.add(Thread.currentThread().getName());
                recorder.onEvent(event);
            })) {
                assertTrue(client.awaitEvents(Dev.WAIT), "no event became ready");
                assertEquals(0, recorder.calls()); // ready, but held until dispatched
                Thread loop = dispatchLoop(client, stop);
                try {
                    assertEquals("one two three", StreamTest.checkedOutput(recorder.untilCompleted(Dev.WAIT), execution.id()));
                    CompletableFuture<ExecutionResult> result = execution.awaitAsync(Dev.WAIT);
                    assertEquals("one two three", result.get(30, TimeUnit.SECONDS).output());
                } finally {
                    stop.set(true);
                    loop.join(10_000);
                }
                assertFalse(loop.isAlive());
            }
        }
        assertEquals(Set.of("test-dispatch"), threads);
    }

    @Test
    void futuresOfAQueuedClientCompleteOnlyThroughDispatch() throws Exception {
        try (AirOps client = Dev.identified().delivery(Delivery.QUEUED).build()) {
            CompletableFuture<Execution> started = client.executeAsync("hello-world", "{\"name\": \"Ada\"}", 0);
            assertTrue(client.awaitEvents(Dev.WAIT));
            assertFalse(started.isDone());
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CompletableFuture<ExecutionResult> result = started.thenCompose(execution -> {
                threads.add(Thread.currentThread().getName());
                return execution.awaitAsync(Dev.WAIT);
            });
            long deadline = System.nanoTime() + Dev.WAIT.toNanos();
            while (!result.isDone() && System.nanoTime() < deadline) {
                if (client.awaitEvents(Duration.ofMillis(100))) {
                    client.dispatch(1);
                }
            }
            assertEquals("Hello, Ada! Welcome to AirOps.", result.get(1, TimeUnit.SECONDS).output());
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }
}
