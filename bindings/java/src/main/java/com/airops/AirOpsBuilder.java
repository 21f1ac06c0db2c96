package com.airops;

import com.airops.internal.NativeApi;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Configures and creates an {@link AirOps} client ({@code airops_options}). Every value is
 * checked by the library when {@link #build()} runs, which throws an {@link AirOpsException}
 * ({@link ErrorCode#INVALID_ARGUMENT}) for the first bad one. Without {@link #identity} the
 * client runs public apps only; without {@link #host} it talks to {@code https://app.airops.com}.
 * One network policy ({@link #proxy}, {@link #noProxy}, {@link #redirects},
 * {@link #allowInsecureHttp}) covers every connection of a client; the identity headers go to
 * the configured host only, and TLS is 1.2 or later with certificates always verified.
 */
public final class AirOpsBuilder {
    /** A setter of {@code airops_options}, applied in {@link #build()}. */
    private interface Setting {
        int apply(NativeApi api, Pointer options, PointerByReference error);
    }

    // Keyed by what they set, so that setting a value again replaces it; kept in call order.
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private boolean loadEnvironment;
    private Delivery delivery = Delivery.DIRECT;
    private LogListener logListener;
    private LogLevel logLevel = LogLevel.INFO;
    private Executor completionExecutor;

    AirOpsBuilder() {
    }

    /** Identifies the end user: your id for the user, the workspace id, {@link AirOps#hashUserId}. */
    public AirOpsBuilder identity(String userId, String workspaceId, String hashedUserId) {
        return set("identity", (api, options, error) -> api.airops_options_set_identity(options,
                Calls.text(userId, "userId"), Calls.text(workspaceId, "workspaceId"),
                Calls.text(hashedUserId, "hashedUserId"), error));
    }

    /** The API host, e.g. {@code "http://127.0.0.1:8080"} for the dev server. */
    public AirOpsBuilder host(String host) {
        return set("host", (api, options, error) -> api.airops_options_set_host(options, Calls.text(host, "host"), error));
    }

    /** The timeout of one HTTP request, from connecting to the last byte (default 30 s). */
    public AirOpsBuilder requestTimeout(Duration timeout) {
        return set("requestTimeout", (api, options, error) ->
                api.airops_options_set_request_timeout(options, Calls.millis(timeout, "timeout"), error));
    }

    /** The realtime endpoint for streams and chat: a ws:// or wss:// URL and the Pusher app key. */
    public AirOpsBuilder realtime(String url, String key) {
        return set("realtime", (api, options, error) -> api.airops_options_set_realtime_url(options,
                Calls.text(url, "url"), Calls.text(key, "key"), error));
    }

    /** The realtime endpoint on hosted Pusher: its key and cluster (replaces {@link #realtime}). */
    public AirOpsBuilder pusher(String key, String cluster) {
        return set("realtime", (api, options, error) -> api.airops_options_set_pusher(options,
                Calls.text(key, "key"), Calls.text(cluster, "cluster"), error));
    }

    /** How long a realtime subscription may wait for the server's confirmation (default 10 s). */
    public AirOpsBuilder subscriptionTimeout(Duration timeout) {
        return set("subscriptionTimeout", (api, options, error) ->
                api.airops_options_set_subscription_timeout(options, Calls.millis(timeout, "timeout"), error));
    }

    /**
     * How many events of one streamed execution may wait for its listener, and in
     * {@link Delivery#QUEUED} how many callbacks may wait for a dispatch (default 10000; 1 to
     * 10000000). A listener that falls further behind gets, instead of the rest of the stream,
     * one {@link Event.Completed} whose {@code errorCode} is {@code "events_overflowed"}. A
     * negative count reaches the library as a size_t above the limit (-1 is SIZE_MAX) and is
     * refused there.
     */
    public AirOpsBuilder maxBufferedEvents(long maxEvents) {
        return set("maxBufferedEvents", (api, options, error) ->
                api.airops_options_set_max_buffered_events(options, new NativeLong(maxEvents), error));
    }

    /** Trusts the certificate authorities in this PEM file instead of the system's. */
    public AirOpsBuilder caFile(Path pemFile) {
        String path = pemFile == null ? null : pemFile.toString();
        return set("caFile", (api, options, error) -> api.airops_options_set_ca_file(options, Calls.text(path, "caFile"), error));
    }

    /** How often a failed request is sent again (default 2; 0 never); see the header for which calls. */
    public AirOpsBuilder maxRetries(int retries) {
        return set("maxRetries", (api, options, error) -> api.airops_options_set_max_retries(options, retries, error));
    }

    /**
     * Sends every connection, API calls and the realtime WebSocket alike, through the HTTP proxy
     * {@code proxyUrl}, {@code "http://[user:password@]host[:port]"} (port 80 when omitted),
     * overriding {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code ALL_PROXY}. Each connection
     * is a CONNECT tunnel to the target host, with TLS to the target inside it for https:// and
     * wss://, so the proxy never sees a request or the identity headers. Credentials in the URL
     * are percent-decoded and sent as {@code Proxy-Authorization: Basic}; they never appear in a
     * log or an error message. {@code ""} connects directly, whatever the environment says. The
     * hosts of {@link #noProxy} are reached directly. A proxy that refuses the tunnel (or wants
     * credentials) fails the call with {@link ErrorCode#NETWORK} and a message that names the
     * proxy and says "refused the tunnel" (with the proxy's status where it is known).
     * {@link ErrorCode#INVALID_ARGUMENT} for a URL that is not http:// with a host, a path, or
     * an invalid port.
     */
    public AirOpsBuilder proxy(String proxyUrl) {
        return set("proxy", (api, options, error) -> api.airops_options_set_proxy(options, Calls.text(proxyUrl, "proxy"), error));
    }

    /**
     * The hosts reached without the proxy, overriding {@code NO_PROXY}: a comma-separated list
     * of host names, domain suffixes ({@code ".example.com"} and {@code "example.com"} both match
     * the domain and its subdomains), IP addresses and CIDR ranges ({@code "10.0.0.0/8"},
     * {@code "::1/128"}), each optionally with {@code ":port"}; {@code "*"} matches every host.
     * {@code ""} proxies every host. Loopback hosts are proxied too unless the list names them,
     * as in libcurl. {@link ErrorCode#INVALID_ARGUMENT} for an entry of another form.
     */
    public AirOpsBuilder noProxy(String hosts) {
        return set("noProxy", (api, options, error) -> api.airops_options_set_no_proxy(options, Calls.text(hosts, "noProxy"), error));
    }

    /** How the client handles HTTP redirects (default {@link Redirects#NEVER}). */
    public AirOpsBuilder redirects(Redirects policy) {
        return set("redirects", (api, options, error) -> {
            if (policy == null) {
                throw Calls.invalidArgument("the redirect policy must not be null");
            }
            return api.airops_options_set_redirects(options, policy.value(), error);
        });
    }

    /**
     * Allows ({@code true}) or forbids ({@code false}, the default) an identified client to talk
     * plain http:// to a host that is not loopback. By default {@link #build()} refuses such a
     * client with {@link ErrorCode#INVALID_ARGUMENT}, since the hashed user id is a credential;
     * loopback hosts (127.0.0.0/8, ::1, "localhost") are always allowed, so the dev server needs
     * no opt-in. A ws:// realtime URL next to an https:// host is refused whatever this says.
     */
    public AirOpsBuilder allowInsecureHttp(boolean allow) {
        return set("allowInsecureHttp", (api, options, error) ->
                api.airops_options_allow_insecure_http(options, allow ? 1 : 0, error));
    }

    /**
     * Applies {@code AIROPS_HOST}, and {@code AIROPS_PUSHER_KEY} with {@code AIROPS_REALTIME_URL}
     * or {@code AIROPS_PUSHER_CLUSTER}, from the environment first; the builder's own values
     * override them. The identity is never read from the environment.
     */
    public AirOpsBuilder loadEnvironment() {
        this.loadEnvironment = true;
        return this;
    }

    /** Where listeners run and futures complete (default {@link Delivery#DIRECT}). */
    public AirOpsBuilder delivery(Delivery delivery) {
        this.delivery = delivery;
        return this;
    }

    /** Sends the client's log messages at {@code minLevel} and above to {@code listener}. */
    public AirOpsBuilder logListener(LogLevel minLevel, LogListener listener) {
        this.logLevel = minLevel;
        this.logListener = listener;
        return this;
    }

    /**
     * Where the futures of a {@link Delivery#DIRECT} client complete, so that their dependent
     * stages never hold up the library's delivery thread (default: the common fork-join pool).
     * A {@link Delivery#QUEUED} client completes them on the thread that dispatches.
     */
    public AirOpsBuilder completionExecutor(Executor executor) {
        this.completionExecutor = executor;
        return this;
    }

    /** Creates the client. */
    public AirOps build() {
        if (delivery == null || (logListener != null && logLevel == null)) {
            throw Calls.invalidArgument(delivery == null ? "delivery must not be null" : "the log level must not be null");
        }
        Executor executor = delivery == Delivery.QUEUED ? Runnable::run
                : completionExecutor != null ? completionExecutor : ForkJoinPool.commonPool();
        NativeApi api = Calls.api();
        Pointer options = api.airops_options_new();
        if (options == null) {
            throw new AirOpsException(ErrorCode.INTERNAL, 0, "airops_options_new: out of memory");
        }
        long logKey = logListener == null ? 0 : LogBridge.register(logListener);
        try {
            if (loadEnvironment) {
                Calls.check(error -> api.airops_options_load_environment(options, error));
            }
            for (Setting setting : settings.values()) {
                Calls.check(error -> setting.apply(api, options, error));
            }
            Calls.check(error -> api.airops_options_set_delivery(options, delivery.value(), error));
            if (logKey != 0) {
                Calls.check(error -> api.airops_options_set_log_callback(options, logLevel.value(), LogBridge.ON_LOG,
                        Registry.userData(logKey), error));
            }
            PointerByReference client = new PointerByReference();
            Calls.check(error -> api.airops_client_new(options, client, error));
            return new AirOps(client.getValue(), delivery, executor, logKey);
        } catch (RuntimeException failed) {
            LogBridge.unregister(logKey);
            throw failed;
        } finally {
            api.airops_options_free(options);
        }
    }

    private AirOpsBuilder set(String name, Setting setting) {
        settings.remove(name); // a value set again moves to the end, as the call order says
        settings.put(name, setting);
        return this;
    }
}
