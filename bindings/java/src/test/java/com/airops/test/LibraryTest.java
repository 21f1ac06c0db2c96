package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.AirOps;
import com.airops.Execution;
import com.airops.internal.AirOpsLibrary;
import com.airops.internal.NativeApi;
import com.airops.internal.NativeEvent;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Finding and loading the library, and the layout of the event struct. */
class LibraryTest {
    @Test
    void lookupOrderIsPropertyThenVariableThenNextToTheJarThenBuildLib() {
        Path jarDirectory = Path.of("/repo/bindings/java/build");
        assertEquals(List.of(Path.of("/p.so")), AirOpsLibrary.candidates("/p.so", "/e.so", jarDirectory));
        assertEquals(List.of(Path.of("/e.so")), AirOpsLibrary.candidates(null, "/e.so", jarDirectory));
        assertEquals(List.of(Path.of("/e.so")), AirOpsLibrary.candidates(" ", "/e.so", jarDirectory));
        assertEquals(List.of(Path.of("/repo/bindings/java/build/libairops.so"), Path.of("/repo/build/lib/libairops.so")),
                AirOpsLibrary.candidates(null, null, jarDirectory));
    }

    @Test
    void theLoadedLibraryIsTheConfiguredOneWithTheExpectedVersion() {
        assertEquals(Path.of(Dev.env("AIROPS_LIBRARY")).toAbsolutePath(), AirOpsLibrary.path());
        assertEquals(AirOpsLibrary.EXPECTED_VERSION_NUMBER, AirOps.libraryVersionNumber());
        assertEquals("0.1.0", AirOps.libraryVersion());
    }

    @Test
    void eventStructHasTheHeadersLayout() {
        NativeEvent layout = new NativeEvent();
        int pointer = Native.POINTER_SIZE;
        assertEquals(0, layout.fieldOffset("size"));
        assertEquals(Native.SIZE_T_SIZE, layout.fieldOffset("kind"));
        assertEquals(2 * pointer, layout.fieldOffset("execution")); // int kind, padded to a pointer
        assertEquals(3 * pointer, layout.fieldOffset("execution_id"));
        assertEquals(4 * pointer, layout.fieldOffset("json"));
        assertEquals(5 * pointer, layout.fieldOffset("data"));
        // The largest member, agent_response: a pointer, an int padded to a pointer, a pointer.
        assertEquals(8 * pointer, layout.size());
    }

    @Test
    void theLibrarysSizeofTheEventEqualsTheBindings() throws Exception {
        // The raw C calls, so that the event is read here exactly as it arrives.
        NativeApi api = AirOpsLibrary.api();
        AtomicLong librarySize = new AtomicLong();
        CountDownLatch seen = new CountDownLatch(1);
        NativeApi.EventCallback callback = (event, userData) -> {
            librarySize.set(NativeEvent.at(event).size.longValue());
            seen.countDown();
        };
        Pointer options = api.airops_options_new();
        PointerByReference client = new PointerByReference();
        try {
            assertEquals(0, api.airops_options_set_host(options, Dev.env("AIROPS_HOST"), null));
            assertEquals(0, api.airops_options_set_identity(options, Dev.env("AIROPS_USER_ID"),
                    Dev.env("AIROPS_WORKSPACE_ID"), Dev.env("AIROPS_HASHED_USER_ID"), null));
            assertEquals(0, api.airops_options_set_realtime_url(options, Dev.env("AIROPS_REALTIME_URL"),
                    Dev.env("AIROPS_PUSHER_KEY"), null));
            assertEquals(0, api.airops_client_new(options, client, null));
        } finally {
            api.airops_options_free(options);
        }
        PointerByReference execution = new PointerByReference();
        try {
            assertEquals(0, api.airops_app_execute_stream(client.getValue(), "hello-world", "{\"name\":\"Ada\"}", 0,
                    callback, null, execution, null));
            assertTrue(seen.await(30, TimeUnit.SECONDS));
        } finally {
            api.airops_execution_free(execution.getValue()); // after it returns, the callback may go
            api.airops_client_free(client.getValue());
            Reference.reachabilityFence(callback); // JNA holds callbacks weakly: keep it alive until here
        }
        assertEquals(new NativeEvent().knownSize(), librarySize.get());
    }

    @Test
    void loadEnvironmentTakesHostAndRealtimeFromTheEnvironment() throws Exception {
        Recorder recorder = new Recorder();
        try (AirOps client = AirOps.builder().loadEnvironment()
                .identity(Dev.env("AIROPS_USER_ID"), Dev.env("AIROPS_WORKSPACE_ID"), Dev.env("AIROPS_HASHED_USER_ID"))
                .maxRetries(0).subscriptionTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(10)).build();
                Execution execution = client.executeStream("hello-world", "{\"name\": \"Env\"}", recorder)) {
            assertEquals("Hello, Env! Welcome to AirOps.", StreamTest.checkedOutput(recorder.untilCompleted(Dev.WAIT),
                    execution.id()));
        }
    }

    @Test
    void aLaterSettingOverridesAnEarlierOne() {
        try (AirOps client = AirOps.builder().host("http://127.0.0.1:1").host(Dev.env("AIROPS_HOST")).build()) {
            assertTrue(client.getApp("public-echo").contains("public-echo"));
        }
    }
}
