package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.airops.AirOps;
import com.airops.ErrorCode;
import com.airops.Execution;
import com.airops.ExecutionResult;
import com.airops.ExecutionState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecuteTest {
    private AirOps client;

    @BeforeEach
    void open() {
        client = Dev.identified().build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void s02_templatedOutput() {
        try (Execution execution = client.execute("hello-world", "{\"name\": \"Ada\"}")) {
            ExecutionResult result = execution.await(Dev.WAIT);
            assertEquals(ExecutionState.SUCCESS, result.state());
            assertEquals("success", result.status());
            assertEquals("Hello, Ada! Welcome to AirOps.", result.output());
            assertEquals(execution.id(), result.executionId());
        }
    }

    @Test
    void s03_pinnedVersion() {
        try (Execution execution = client.execute("hello-world", "{\"name\": \"Ada\"}", 1)) {
            assertEquals("Hello, Ada!", execution.await(Dev.WAIT).output());
        }
    }

    @Test
    void s06_failingApp() {
        try (Execution execution = client.execute("always-fails", null)) {
            ExecutionResult result = execution.await(Dev.WAIT);
            assertEquals(ExecutionState.ERROR, result.state());
            assertEquals("error", result.status());
            assertEquals("This demo app always fails.", result.errorMessage());
            assertEquals("demo_failure", result.errorCode());
        }
    }

    @Test
    void s08_getById() {
        try (Execution started = client.execute("hello-world", "{\"name\": \"Ada\"}");
                Execution opened = client.openExecution(started.id())) {
            ExecutionResult result = opened.await(Dev.WAIT);
            assertEquals(started.id(), opened.id());
            assertEquals(started.id(), result.executionId());
            assertEquals(started.await(Dev.WAIT).output(), result.output());
            assertEquals("Hello, Ada! Welcome to AirOps.", opened.fetch().output());
        }
    }

    @Test
    void s14_waitTimeoutThenSuccess() {
        try (Execution execution = client.execute("slow-echo", "{\"text\": \"patience\"}")) {
            Dev.assertFails(ErrorCode.TIMEOUT, () -> execution.await(Duration.ofMillis(100)));
            ExecutionResult result = execution.await(Dev.WAIT);
            assertEquals(ExecutionState.SUCCESS, result.state());
            assertEquals("patience", result.output());
        }
    }

    @Test
    void openingAnUnknownIdFailsOnTheFirstRequest() {
        try (Execution execution = client.openExecution("00000000-0000-0000-0000-000000000000")) {
            assertEquals(404, Dev.assertFails(ErrorCode.NOT_FOUND, execution::fetch).httpStatus());
        }
    }
}
