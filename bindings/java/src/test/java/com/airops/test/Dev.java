package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.airops.AirOps;
import com.airops.AirOpsBuilder;
import com.airops.AirOpsException;
import com.airops.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/** The dev server that tests/with_dev_server.py started, and clients of it. */
final class Dev {
    /** The longest any single wait of a test may take. */
    static final Duration WAIT = Duration.ofSeconds(30);

    // One client for the tests' own requests, so that its kept-alive connections are not
    // dropped whenever a collected client's are.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();

    private Dev() {
    }

    /** A variable the harness exports; fails clearly when the suite runs without it. */
    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: run the suite through tests/with_dev_server.py "
                    + "(bindings/java/run-tests.sh does)");
        }
        return value;
    }

    /** A builder for a client of the dev server identified as its demo user, with realtime. */
    static AirOpsBuilder identified() {
        return AirOps.builder()
                .host(env("AIROPS_HOST"))
                .identity(env("AIROPS_USER_ID"), env("AIROPS_WORKSPACE_ID"), env("AIROPS_HASHED_USER_ID"))
                .realtime(env("AIROPS_REALTIME_URL"), env("AIROPS_PUSHER_KEY"))
                .requestTimeout(Duration.ofSeconds(10));
    }

    /** A builder for a public (unidentified) client of the dev server. */
    static AirOpsBuilder publicClient() {
        return AirOps.builder().host(env("AIROPS_HOST")).realtime(env("AIROPS_REALTIME_URL"), env("AIROPS_PUSHER_KEY"));
    }

    /** The {@code Authorization} header value of the dev server's /dev/ endpoints. */
    static String adminAuthorization() {
        return "Bearer " + env("AIROPS_DEV_ADMIN_TOKEN");
    }

    /** A number from the dev server's {@code GET /dev/stats}. */
    static long stat(String name) throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(env("AIROPS_HOST") + "/dev/stats"))
                .header("Authorization", adminAuthorization()));
        Matcher number = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(body);
        if (!number.find()) {
            throw new IllegalStateException("no " + name + " in /dev/stats: " + body);
        }
        return Long.parseLong(number.group(1));
    }

    /** Sends a request of the tests' own (HTTP/1.1, direct, bounded); returns the body of a 2xx answer. */
    static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Asserts that {@code call} throws an {@link AirOpsException} with this code; returns it. */
    static AirOpsException assertFails(ErrorCode code, Executable call) {
        AirOpsException error = assertThrows(AirOpsException.class, call);
        assertEquals(code, error.code(), () -> "wrong code: " + error);
        return error;
    }
}
