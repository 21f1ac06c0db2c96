package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.AirOpsException;
import com.airops.ErrorCode;
import com.airops.Execution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void s04_unauthorizedCarriesStatusAndServerMessage() {
        try (AirOps client = AirOps.builder().host(Dev.env("AIROPS_HOST"))
                .identity(Dev.env("AIROPS_USER_ID"), Dev.env("AIROPS_WORKSPACE_ID"), "0".repeat(64)).build()) {
            AirOpsException error = Dev.assertFails(ErrorCode.UNAUTHORIZED,
                    () -> client.execute("hello-world", "{\"name\": \"Ada\"}"));
            assertEquals(401, error.httpStatus());
            assertEquals("Invalid user_id_hashed: it is not the HMAC-SHA256 of user_id with the workspace API key",
                    error.getMessage());
        }
    }

    @Test
    void s05_notFound() {
        try (AirOps client = Dev.identified().build()) {
            assertEquals(404, Dev.assertFails(ErrorCode.NOT_FOUND, () -> client.execute("no-such-app", null)).httpStatus());
            assertEquals(404, Dev.assertFails(ErrorCode.NOT_FOUND, () -> client.getApp("no-such-app")).httpStatus());
        }
    }

    @Test
    void s18_badInputsAreInvalidArguments() {
        try (AirOps client = Dev.identified().build()) {
            for (String inputs : new String[] {"{\"name\": ", "[1, 2]", "not json", "{\"a\": \"\0\"}"}) {
                Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.execute("hello-world", inputs));
                Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.executeStream("hello-world", inputs, event -> { }));
                assertFailsAsync(ErrorCode.INVALID_ARGUMENT, client.executeAsync("hello-world", inputs, 0));
            }
            for (String appId : new String[] {"", null, "hello\0world"}) {
                Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.execute(appId, null));
                Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.getApp(appId));
                Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.chat(appId, "hi", null, event -> { }));
                assertFailsAsync(ErrorCode.INVALID_ARGUMENT, client.executeAsync(appId, null, 0));
            }
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.execute("hello-world", null, -1));
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.openExecution(""));
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.chat("demo-agent", "", null, event -> { }));
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.chat("demo-agent", "hi", "", event -> { }));
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.dispatch()); // direct delivery
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.awaitEvents(Duration.ZERO));
        }
    }

    @Test
    void s18_closedHandlesAreInvalidArguments() {
        AirOps client = Dev.identified().build();
        Execution execution = client.execute("hello-world", "{\"name\": \"Ada\"}");
        execution.close();
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> execution.await(Dev.WAIT));
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, execution::fetch);
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, execution::cancel);
        assertFailsAsync(ErrorCode.INVALID_ARGUMENT, execution.awaitAsync(Dev.WAIT));
        client.close();
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.execute("hello-world", null));
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> client.getApp("hello-world"));
        assertFailsAsync(ErrorCode.INVALID_ARGUMENT, client.executeAsync("hello-world", null, 0));
        assertTrue(client.eventFd().isEmpty());
        assertTrue(client.isClosed() && execution.isClosed());
    }

    @Test
    void s18_badOptionsAreInvalidArguments() {
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().host("ftp://example.com").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().host("").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().identity("user", "1", "").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().identity("us\ner", "1", "x").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().requestTimeout(Duration.ZERO).build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().subscriptionTimeout(Duration.ofMillis(-5)).build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().realtime("http://127.0.0.1:1", "key").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().realtime("ws://127.0.0.1:1", "bad key!").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().pusher("key", "").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().maxRetries(-1).build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> AirOps.builder().caFile(Path.of("/nonexistent/airops-ca.pem")).build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().delivery(null).build());
        AirOpsException proxy = Dev.assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> AirOps.builder().proxy("socks5://tester:s3cret@127.0.0.1:1080").build());
        assertFalse(proxy.toString().contains("s3cret"), proxy::toString); // credentials are never shown
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().noProxy("10.0.0.0/99").build());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().redirects(null).build());
        for (long count : new long[] {0, 10_000_001, Long.MAX_VALUE, -1}) {
            Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.builder().maxBufferedEvents(count).build());
        }
    }

    @Test
    void codeNamesComeFromTheLibrary() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals("AIROPS_ERR_" + code.name(), code.libraryName());
        }
        assertEquals(12, ErrorCode.FORKED.value());
        assertEquals(13, ErrorCode.CANCELLED.value());
        assertEquals(ErrorCode.CANCELLED, ErrorCode.of(13));
    }

    /** The future of a refused call fails with this code (without blocking for long: it is failed already). */
    static AirOpsException assertFailsAsync(ErrorCode code, CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(10, java.util.concurrent.TimeUnit.SECONDS));
        AirOpsException error = (AirOpsException) thrown.getCause();
        assertEquals(code, error.code(), () -> "wrong code: " + error);
        return error;
    }
}
