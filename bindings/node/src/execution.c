#include "execution.h"

#include <stdlib.h>

#include "library.h"
#include "relay.h"

enum { MAX_STRINGS = 4 };

static void free_strings(char **strings, size_t count) {
    for (size_t i = 0; i < count; i++) free(strings[i]);
}

/* `count` string arguments from argv[first], or false (thrown, nothing left to free). */
static bool read_strings(napi_env env, const napi_value *argv, size_t first, size_t count, const char *const *names,
                         char **strings) {
    for (size_t i = 0; i < count; i++) {
        if (!arg_string(env, argv[first + i], names[i], &strings[i])) {
            free_strings(strings, i);
            return false;
        }
    }
    return true;
}

/* The relay and key that route a call's completion (argv[first], argv[first + 1]). */
static bool read_route(napi_env env, const napi_value *argv, size_t first, relay **target, uint32_t *key) {
    int64_t number;
    if (!arg_required_handle(env, argv[first], HANDLE_RELAY, (void **)target) ||
        !arg_int64(env, argv[first + 1], "key", &number))
        return false;
    if (number < 0 || number > UINT32_MAX) {
        napi_throw_range_error(env, NULL, "key out of range");
        return false;
    }
    *key = (uint32_t)number;
    return true;
}

/* A pending call (with a listener when `streamed`), or NULL (thrown). */
static pending *new_pending(napi_env env, relay *target, uint32_t key, bool streamed) {
    listener *events = streamed ? listener_new(target, key) : NULL;
    pending *call = (events || !streamed) ? pending_new(target, key, events) : NULL;
    if (call == NULL) {
        listener_free(events);
        napi_throw_error(env, NULL, "out of memory");
    }
    return call;
}

/* What a call that returns at once gives back: undefined, or the error it failed with. */
static napi_value started(napi_env env, airops_code code, airops_error *error, pending *call) {
    if (code == AIROPS_OK) return undefined_value(env);
    pending_free(call);
    return throw_failure(env, error);
}

/* appExecuteAsync(client, relay, key, appId, inputsJson, version, stream) */
napi_value app_execute_async(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"appId", "inputs"};
    napi_value argv[7];
    airops_client *client;
    relay *target;
    uint32_t key;
    int64_t version;
    bool stream;
    char *s[2];
    if (!get_args(env, info, 7, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !read_route(env, argv, 1, &target, &key) || !arg_int64(env, argv[5], "version", &version) ||
        !arg_bool(env, argv[6], "stream", &stream) || !read_strings(env, argv, 3, 2, names, s))
        return NULL;
    pending *call = new_pending(env, target, key, stream);
    if (call == NULL) {
        free_strings(s, 2);
        return NULL;
    }
    airops_error *error = NULL;
    airops_code code = lib.airops_app_execute_async(client, s[0], s[1], version, stream, stream ? relay_on_event : NULL,
                                                    stream ? (void *)listener_of(call) : NULL, relay_on_execution, call,
                                                    &error);
    free_strings(s, 2);
    return started(env, code, error, call);
}

/* appGetAsync(client, relay, key, appId) */
napi_value app_get_async(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"appId"};
    napi_value argv[4];
    airops_client *client;
    relay *target;
    uint32_t key;
    char *s[1];
    if (!get_args(env, info, 4, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !read_route(env, argv, 1, &target, &key) || !read_strings(env, argv, 3, 1, names, s))
        return NULL;
    pending *call = new_pending(env, target, key, false);
    if (call == NULL) {
        free_strings(s, 1);
        return NULL;
    }
    airops_error *error = NULL;
    airops_code code = lib.airops_app_get_async(client, s[0], relay_on_json, call, &error);
    free_strings(s, 1);
    return started(env, code, error, call);
}

/* appChatAsync(client, relay, key, appId, message, inputsJson, sessionId) */
napi_value app_chat_async(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"appId", "message", "inputs", "sessionId"};
    napi_value argv[7];
    airops_client *client;
    relay *target;
    uint32_t key;
    char *s[4];
    if (!get_args(env, info, 7, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !read_route(env, argv, 1, &target, &key) || !read_strings(env, argv, 3, 4, names, s))
        return NULL;
    pending *call = new_pending(env, target, key, true);
    if (call == NULL) {
        free_strings(s, 4);
        return NULL;
    }
    airops_error *error = NULL;
    airops_code code = lib.airops_app_chat_async(client, s[0], s[1], s[2], s[3], relay_on_event, listener_of(call),
                                                 relay_on_execution, call, &error);
    free_strings(s, 4);
    return started(env, code, error, call);
}

/* The execution, relay and key of fetch/wait/cancel (argv[0..2]), with a new pending call. */
static bool read_result_call(napi_env env, const napi_value *argv, airops_execution **execution, pending **call) {
    relay *target;
    uint32_t key;
    if (!arg_handle(env, argv[0], HANDLE_EXECUTION, (void **)execution) || !read_route(env, argv, 1, &target, &key))
        return false;
    *call = new_pending(env, target, key, false);
    return *call != NULL;
}

/* executionFetchAsync(execution, relay, key) */
napi_value execution_fetch_async(napi_env env, napi_callback_info info) {
    napi_value argv[3];
    airops_execution *execution;
    pending *call;
    if (!get_args(env, info, 3, argv) || !read_result_call(env, argv, &execution, &call)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_execution_fetch_async(execution, relay_on_result, call, &error);
    return started(env, code, error, call);
}

/* executionWaitAsync(execution, relay, key, timeoutMs) */
napi_value execution_wait_async(napi_env env, napi_callback_info info) {
    napi_value argv[4];
    airops_execution *execution;
    int64_t timeout;
    pending *call;
    if (!get_args(env, info, 4, argv) || !arg_int64(env, argv[3], "timeout", &timeout) ||
        !read_result_call(env, argv, &execution, &call))
        return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_execution_wait_async(execution, timeout, relay_on_result, call, &error);
    return started(env, code, error, call);
}

/* executionCancelAsync(execution, relay, key) */
napi_value execution_cancel_async(napi_env env, napi_callback_info info) {
    napi_value argv[3];
    airops_execution *execution;
    pending *call;
    if (!get_args(env, info, 3, argv) || !read_result_call(env, argv, &execution, &call)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_execution_cancel_async(execution, relay_on_result, call, &error);
    return started(env, code, error, call);
}

/* executionOpen(client, executionId) -> execution */
napi_value execution_open(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"executionId"};
    napi_value argv[2];
    airops_client *client;
    char *s[1];
    if (!get_args(env, info, 2, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !read_strings(env, argv, 1, 1, names, s))
        return NULL;
    airops_execution *execution = NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_execution_open(client, s[0], &execution, &error);
    free_strings(s, 1);
    if (code != AIROPS_OK) return throw_failure(env, error);
    return handle_value(env, HANDLE_EXECUTION, execution);
}

/* executionIds(execution) -> [id, sessionId] (each a string or null) */
napi_value execution_ids(napi_env env, napi_callback_info info) {
    napi_value argv[1], ids;
    airops_execution *execution;
    if (!get_args(env, info, 1, argv) || !arg_handle(env, argv[0], HANDLE_EXECUTION, (void **)&execution)) return NULL;
    napi_create_array_with_length(env, 2, &ids);
    napi_set_element(env, ids, 0, string_value(env, lib.airops_execution_id(execution)));
    napi_set_element(env, ids, 1, string_value(env, lib.airops_execution_session_id(execution)));
    return ids;
}

/* executionFree(execution, listener): the listener (or null) goes once the library has
 * stopped calling it, which airops_execution_free guarantees when it returns. */
napi_value execution_free(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    airops_execution *execution;
    listener *events;
    if (!get_args(env, info, 2, argv) || !arg_handle(env, argv[0], HANDLE_EXECUTION, (void **)&execution) ||
        !arg_handle(env, argv[1], HANDLE_LISTENER, (void **)&events))
        return NULL;
    lib.airops_execution_free(execution);
    listener_free(events);
    return undefined_value(env);
}
