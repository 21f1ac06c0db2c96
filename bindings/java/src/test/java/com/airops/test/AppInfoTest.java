package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
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
}
