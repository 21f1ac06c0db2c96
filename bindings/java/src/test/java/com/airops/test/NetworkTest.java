package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.AirOpsException;
import com.airops.ErrorCode;
import com.airops.Execution;
import com.airops.Redirects;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The network policy: proxies, redirects, plain http (needs with_dev_server.py --net-tools). */
class NetworkTest {
    private static final String APP_PATH = "/sdk_api/airops_app_bases/hello-world";

    @AfterEach
    void clearFaults() throws Exception {
        NetTools.clearFaults();
    }

    @Test
    void network_anIdentityOverPlainHttpToARemoteHostNeedsTheOptIn() {
        AirOpsException refused = Dev.assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> Dev.identified().host("http://example.com").build());
        assertTrue(refused.getMessage().contains("https://"), refused::getMessage);
        try (AirOps client = Dev.identified().host("http://example.com").allowInsecureHttp(true).build()) {
            assertFalse(client.isClosed());
        }
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> Dev.identified().host("http://example.com").allowInsecureHttp(true).allowInsecureHttp(false).build());
    }

    @Test
    void network_aStreamedExecutionGoesThroughTheProxy() throws Exception {
        String proxy = Dev.env("AIROPS_TEST_PROXY");
        int before = NetTools.connects(proxy).size();
        Recorder recorder = new Recorder();
        try (AirOps client = Dev.identified().proxy(proxy).maxRetries(0).build();
                Execution execution = client.executeStream("hello-world", "{\"name\": \"Ada\"}", recorder)) {
            String output = StreamTest.checkedOutput(recorder.untilCompleted(Dev.WAIT), execution.id());
            assertEquals("Hello, Ada! Welcome to AirOps.", output);
        }
        List<NetTools.Connect> connects = NetTools.connects(proxy);
        List<NetTools.Connect> added = connects.subList(before, connects.size());
        // The WebSocket has a connection of its own, next to the API calls'.
        assertTrue(added.size() >= 2, added::toString);
        NetTools.Connect tunnel = new NetTools.Connect(NetTools.authority(Dev.env("AIROPS_HOST")), 200);
        assertTrue(added.stream().allMatch(tunnel::equals), added::toString);
    }

    @Test
    void network_aProxyRefusingTheTunnelGivesANetworkErrorNamingIt() {
        String proxy = Dev.env("AIROPS_TEST_PROXY_REFUSING");
        try (AirOps client = Dev.identified().proxy(proxy).maxRetries(0).build()) {
            AirOpsException error = Dev.assertFails(ErrorCode.NETWORK, () -> client.getApp("hello-world"));
            assertTrue(error.getMessage().contains(proxy), error::getMessage);
            assertEquals(0, error.httpStatus()); // the proxy's answer, not the server's
        }
    }

    @Test
    void network_noProxyReachesItsHostsDirectly() throws Exception {
        String proxy = Dev.env("AIROPS_TEST_PROXY_REFUSING");
        int before = NetTools.connects(proxy).size();
        try (AirOps client = Dev.identified().proxy(proxy).noProxy("127.0.0.1").maxRetries(0).build()) {
            assertTrue(client.getApp("hello-world").contains("\"hello-world\""));
        }
        assertEquals(before, NetTools.connects(proxy).size());
    }

    @Test
    void network_aRedirectFailsWithItsStatus() throws Exception {
        String witness = Dev.env("AIROPS_TEST_WITNESS");
        NetTools.redirectOnce("get_app", 307, witness + "/x");
        try (AirOps client = Dev.identified().maxRetries(0).build()) {
            AirOpsException error = Dev.assertFails(ErrorCode.REDIRECT, () -> client.getApp("hello-world"));
            assertEquals(307, error.httpStatus());
            assertTrue(error.getMessage().contains(NetTools.authority(witness)), error::getMessage);
        }
    }

    @Test
    void network_sameOriginRedirectsAreFollowedWhenAsked() throws Exception {
        String sameOrigin = Dev.env("AIROPS_HOST") + APP_PATH;
        try (AirOps never = Dev.identified().maxRetries(0).build();
                AirOps following = Dev.identified().maxRetries(0).redirects(Redirects.SAME_ORIGIN).build()) {
            NetTools.redirectOnce("get_app", 307, sameOrigin);
            assertEquals(307, Dev.assertFails(ErrorCode.REDIRECT, () -> never.getApp("hello-world")).httpStatus());
            NetTools.redirectOnce("get_app", 307, sameOrigin);
            assertTrue(following.getApp("hello-world").contains("\"hello-world\""));
        }
    }
}
