package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.ErrorCode;
import com.airops.Execution;
import com.airops.ExecutionResult;
import com.airops.ExecutionState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncTest {
    @Test
    void s15_futuresOfExecuteAndAwait() throws Exception {
        AtomicInteger completions = new AtomicInteger();
        Executor counting = task -> {
            completions.incrementAndGet();
            new Thread(task, "completion").start();
        };
        try (AirOps client = Dev.identified().completionExecutor(counting).build()) {
            CompletableFuture<ExecutionResult> result = client.executeAsync("hello-world", "{\"name\": \"Ada\"}", 0)
                    .thenCompose(execution -> execution.awaitAsync(Dev.WAIT).whenComplete((done, error) -> execution.close()));
            ExecutionResult done = result.get(60, TimeUnit.SECONDS);
            assertEquals(ExecutionState.SUCCESS, done.state());
            assertEquals("Hello, Ada! Welcome to AirOps.", done.output());
            assertEquals(2, completions.get()); // both futures completed through the executor
        }
    }

    @Test
    void fetchCancelAndErrorsAsFutures() throws Exception {
        try (AirOps client = Dev.identified().build();
                Execution execution = client.executeAsync("slow-echo", "{\"text\": \"long\"}", 0).get(30, TimeUnit.SECONDS)) {
            assertEquals(execution.id(), execution.fetchAsync().get(30, TimeUnit.SECONDS).executionId());
            execution.cancelAsync().get(30, TimeUnit.SECONDS);
            assertEquals(ExecutionState.CANCELLED, execution.awaitAsync(Dev.WAIT).get(60, TimeUnit.SECONDS).state());
            assertEquals(404, ErrorsTest.assertFailsAsync(ErrorCode.NOT_FOUND,
                    client.executeAsync("no-such-app", null, 0)).httpStatus());
        }
    }

    @Test
    void streamAndChatAsFutures() throws Exception {
        try (AirOps client = Dev.identified().build()) {
            Recorder stream = new Recorder();
            try (Execution execution = client.executeStreamAsync("hello-world", "{\"name\": \"Bo\"}", 0, stream)
                    .get(30, TimeUnit.SECONDS)) {
                assertEquals("Hello, Bo! Welcome to AirOps.", StreamTest.checkedOutput(stream.untilCompleted(Dev.WAIT), execution.id()));
            }
            Recorder chat = new Recorder();
            try (Execution execution = client.chatAsync("demo-agent", "hi", null, null, chat).get(30, TimeUnit.SECONDS)) {
                assertTrue(execution.sessionId().isPresent());
                assertEquals(1, chat.untilCompleted(Dev.WAIT).stream().filter(com.airops.Event.Completed.class::isInstance).count());
            }
        }
    }

    @Test
    void closingFailsPendingFutures() throws Exception {
        AirOps client = Dev.identified().build();
        Execution execution = client.execute("slow-echo", "{\"text\": \"x\"}");
        CompletableFuture<ExecutionResult> waiting = execution.awaitAsync(Dev.WAIT);
        client.close();
        ErrorsTest.assertFailsAsync(ErrorCode.INVALID_ARGUMENT, waiting);
    }
}
