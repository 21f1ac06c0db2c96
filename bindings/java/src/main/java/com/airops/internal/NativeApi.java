package com.airops.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The functions of {@code include/airops.h}, as JNA maps them. Not part of the public API.
 *
 * <p>Mapping: handles and borrowed {@code const char *} fields are {@link Pointer}; strings passed
 * in and {@code const char *} returns are {@link String} (UTF-8, see {@link AirOpsLibrary});
 * {@code char **}, {@code handle **} and {@code airops_error **} are {@link PointerByReference};
 * enums are {@code int}; {@code int64_t} is {@code long}; {@code size_t} is {@link NativeLong}
 * ({@code unsigned long} on Linux, where the library is built). The order follows the header.
 */
public interface NativeApi extends Library {

    /**
     * Header functions this binding does not declare, with the reason. The declaration check
     * (S19) requires the header's undeclared functions to be exactly these.
     */
    java.util.Map<String, String> NOT_DECLARED = java.util.Map.of(
            "airops_result_status", "deprecated alias of airops_result_status_text");

    /** {@code airops_event_callback}. */
    interface EventCallback extends Callback {
        void invoke(Pointer event, Pointer userData);
    }

    /** {@code airops_execution_callback}. */
    interface ExecutionCallback extends Callback {
        void invoke(int code, Pointer execution, Pointer error, Pointer userData);
    }

    /** {@code airops_result_callback}. */
    interface ResultCallback extends Callback {
        void invoke(int code, Pointer result, Pointer error, Pointer userData);
    }

    /** {@code airops_json_callback}; {@code json} is borrowed for the call. */
    interface JsonCallback extends Callback {
        void invoke(int code, Pointer json, Pointer error, Pointer userData);
    }

    /** {@code airops_log_callback}; {@code message} is borrowed for the call. */
    interface LogCallback extends Callback {
        void invoke(int level, Pointer message, Pointer userData);
    }

    // Version
    String airops_version();

    int airops_version_number();

    // Errors
    int airops_error_code(Pointer error);

    int airops_error_http_status(Pointer error);

    String airops_error_message(Pointer error);

    void airops_error_free(Pointer error);

    String airops_code_name(int code);

    // Strings
    void airops_string_free(Pointer string);

    // Identity
    int airops_hash_user_id(String apiKey, String userId, PointerByReference outHex, PointerByReference error);

    // Client options
    Pointer airops_options_new();

    void airops_options_free(Pointer options);

    int airops_options_set_identity(Pointer options, String userId, String workspaceId, String hashedUserId,
            PointerByReference error);

    int airops_options_set_host(Pointer options, String host, PointerByReference error);

    int airops_options_set_request_timeout(Pointer options, long timeoutMs, PointerByReference error);

    int airops_options_load_environment(Pointer options, PointerByReference error);

    int airops_options_set_realtime_url(Pointer options, String url, String key, PointerByReference error);

    int airops_options_set_pusher(Pointer options, String key, String cluster, PointerByReference error);

    int airops_options_set_subscription_timeout(Pointer options, long timeoutMs, PointerByReference error);

    int airops_options_set_max_buffered_events(Pointer options, NativeLong maxEvents, PointerByReference error);

    int airops_options_set_ca_file(Pointer options, String path, PointerByReference error);

    int airops_options_set_max_retries(Pointer options, int maxRetries, PointerByReference error);

    int airops_options_set_log_callback(Pointer options, int minLevel, LogCallback callback, Pointer userData,
            PointerByReference error);

    int airops_options_set_delivery(Pointer options, int delivery, PointerByReference error);

    // Network: proxies, redirects, transport security
    int airops_options_set_proxy(Pointer options, String proxyUrl, PointerByReference error);

    int airops_options_set_no_proxy(Pointer options, String hosts, PointerByReference error);

    int airops_options_set_redirects(Pointer options, int redirects, PointerByReference error);

    int airops_options_allow_insecure_http(Pointer options, int allow, PointerByReference error);

    // Client
    int airops_client_new(Pointer options, PointerByReference out, PointerByReference error);

    void airops_client_free(Pointer client);

    int airops_app_get(Pointer client, String appId, PointerByReference outJson, PointerByReference error);

    int airops_app_get_async(Pointer client, String appId, JsonCallback onDone, Pointer userData, PointerByReference error);

    // Executions
    int airops_app_execute(Pointer client, String appId, String inputsJson, long version, PointerByReference out,
            PointerByReference error);

    int airops_execution_open(Pointer client, String executionId, PointerByReference out, PointerByReference error);

    String airops_execution_id(Pointer execution);

    int airops_execution_fetch(Pointer execution, PointerByReference out, PointerByReference error);

    int airops_execution_wait(Pointer execution, long timeoutMs, PointerByReference out, PointerByReference error);

    int airops_execution_cancel(Pointer execution, PointerByReference error);

    void airops_execution_free(Pointer execution);

    // Streaming and chat
    int airops_app_execute_stream(Pointer client, String appId, String inputsJson, long version,
            EventCallback onEvent, Pointer userData, PointerByReference out, PointerByReference error);

    int airops_app_chat(Pointer client, String appId, String message, String inputsJson, String sessionId,
            EventCallback onEvent, Pointer userData, PointerByReference out, PointerByReference error);

    String airops_execution_session_id(Pointer execution);

    // Non-blocking calls
    int airops_app_execute_async(Pointer client, String appId, String inputsJson, long version, int stream,
            EventCallback onEvent, Pointer eventUserData, ExecutionCallback onDone, Pointer userData,
            PointerByReference error);

    int airops_app_chat_async(Pointer client, String appId, String message, String inputsJson, String sessionId,
            EventCallback onEvent, Pointer eventUserData, ExecutionCallback onDone, Pointer userData,
            PointerByReference error);

    int airops_execution_fetch_async(Pointer execution, ResultCallback onDone, Pointer userData,
            PointerByReference error);

    int airops_execution_wait_async(Pointer execution, long timeoutMs, ResultCallback onDone, Pointer userData,
            PointerByReference error);

    int airops_execution_cancel_async(Pointer execution, ResultCallback onDone, Pointer userData,
            PointerByReference error);

    int airops_client_event_fd(Pointer client);

    int airops_client_dispatch(Pointer client, NativeLong maxEvents, NativeLongByReference outCount,
            PointerByReference error);

    // Results
    int airops_result_state(Pointer result);

    String airops_result_status_text(Pointer result);

    String airops_result_execution_id(Pointer result);

    String airops_result_output(Pointer result);

    String airops_result_error_code(Pointer result);

    String airops_result_error_message(Pointer result);

    String airops_result_json(Pointer result);

    void airops_result_free(Pointer result);
}
