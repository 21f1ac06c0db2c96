package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.Delivery;
import com.airops.ErrorCode;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AppInfoTest {
    @Test
    void s07_appInfoForIdentifiedAndPublicClients() {
        try (AirOps client = Dev.identified().build()) {
            String json = client.getApp("hello-world");
            assertTrue(Pattern.compile("\"uuid\"\\s*:\\s*\"hello-world\"").matcher(json).find(), json);
        }
        try (AirOps client = Dev.publicClient().build()) {
            String json = client.getApp("public-echo");
            assertTrue(Pattern.compile("\"uuid\"\\s*:\\s*\"public-echo\"").matcher(json).find(), json);
        }
    }

    @Test
    void appInfoAsyncFoundAndNotFound() throws Exception {
        try (AirOps client = Dev.identified().build()) {
            String json = client.getAppAsync("hello-world").get(Dev.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(Pattern.compile("\"uuid\"\\s*:\\s*\"hello-world\"").matcher(json).find(), json);
            assertEquals(404, ErrorsTest.assertFailsAsync(ErrorCode.NOT_FOUND, client.getAppAsync("no-such-app")).httpStatus());
            ErrorsTest.assertFailsAsync(ErrorCode.INVALID_ARGUMENT, client.getAppAsync(null));
        }
    }

    /** A queued client's completion runs in a dispatch. */
    @Test
    void appInfoAsyncQueued() throws Exception {
        try (AirOps client = Dev.identified().delivery(Delivery.QUEUED).build()) {
            var future = client.getAppAsync("hello-world");
            for (int round = 0; round < 1000 && !future.isDone(); round++) {
                client.awaitEvents(Dev.WAIT);
                client.dispatch();
            }
            assertTrue(future.get(Dev.WAIT.toSeconds(), TimeUnit.SECONDS).contains("hello-world"));
        }
    }
}
