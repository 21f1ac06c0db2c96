package com.airops.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forward proxies and the witness that {@code tests/with_dev_server.py --net-tools} runs,
 * and the dev server's fault rules that redirect its answers.
 */
final class NetTools {
    /** One CONNECT a proxy received: the target authority and the status it answered. */
    record Connect(String target, int status) {
    }

    private static final Pattern CONNECT =
            Pattern.compile("\\{\\s*\"target\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"status\"\\s*:\\s*(\\d+)\\s*}");

    private NetTools() {
    }

    /** The CONNECTs the proxy at {@code proxyUrl} received so far (its {@code GET /__stats}, in origin form). */
    static List<Connect> connects(String proxyUrl) throws IOException, InterruptedException {
        String stats = Dev.send(HttpRequest.newBuilder(URI.create(proxyUrl + "/__stats")));
        int start = stats.indexOf("\"connects\"");
        int end = stats.indexOf(']', start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("no connects in the proxy's /__stats: " + stats);
        }
        List<Connect> connects = new ArrayList<>();
        Matcher connect = CONNECT.matcher(stats.substring(start, end));
        while (connect.find()) {
            connects.add(new Connect(connect.group(1), Integer.parseInt(connect.group(2))));
        }
        return connects;
    }

    /** The {@code host:port} of a URL, as the proxies record a target. */
    static String authority(String url) {
        return URI.create(url).getAuthority();
    }

    /** Answers the dev server's {@code endpoint} once with {@code status} and a Location of {@code location}. */
    static void redirectOnce(String endpoint, int status, String location) throws IOException, InterruptedException {
        putFaults("{\"rules\": [{\"endpoint\": \"" + endpoint + "\", \"status\": " + status + ", \"location\": \""
                + location + "\", \"count\": 1}]}");
    }

    /** Clears the dev server's fault rules. */
    static void clearFaults() throws IOException, InterruptedException {
        putFaults("{}");
    }

    private static void putFaults(String json) throws IOException, InterruptedException {
        Dev.send(HttpRequest.newBuilder(URI.create(Dev.env("AIROPS_HOST") + "/dev/faults"))
                .header("Authorization", Dev.adminAuthorization())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
