#include "options.h"

#include <stdlib.h>

#include "library.h"
#include "relay.h"

enum { MAX_ARGS = 4 };

/* The options handle in argv[0] and `count` string arguments after it, or false (thrown). */
static bool read_args(napi_env env, napi_callback_info info, size_t count, const char *const *names,
                      airops_options **options, char **strings) {
    napi_value argv[MAX_ARGS];
    if (!get_args(env, info, count + 1, argv) || !arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)options))
        return false;
    for (size_t i = 0; i < count; i++) {
        if (!arg_string(env, argv[i + 1], names[i], &strings[i])) {
            while (i > 0) free(strings[--i]);
            return false;
        }
    }
    return true;
}

static napi_value finish(napi_env env, airops_code code, airops_error *error, char **strings, size_t count) {
    for (size_t i = 0; i < count; i++) free(strings[i]);
    return outcome_value(env, code, error);
}

/* The options handle in argv[0] and one integer after it. */
static bool read_number(napi_env env, napi_callback_info info, const char *name, airops_options **options,
                        int64_t *number) {
    napi_value argv[2];
    return get_args(env, info, 2, argv) && arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)options) &&
           arg_int64(env, argv[1], name, number);
}

/* The options handle in argv[0] and one int after it. */
static bool read_int(napi_env env, napi_callback_info info, const char *name, airops_options **options, int *number) {
    napi_value argv[2];
    return get_args(env, info, 2, argv) && arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)options) &&
           arg_int(env, argv[1], name, number);
}

napi_value options_new(napi_env env, napi_callback_info info) {
    (void)info;
    airops_options *options = lib.airops_options_new();
    if (options == NULL) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    return handle_value(env, HANDLE_OPTIONS, options);
}

napi_value options_free(napi_env env, napi_callback_info info) {
    airops_options *options;
    if (!read_args(env, info, 0, NULL, &options, NULL)) return NULL;
    lib.airops_options_free(options);
    return undefined_value(env);
}

napi_value options_set_identity(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"userId", "workspaceId", "hashedUserId"};
    airops_options *options;
    char *s[3];
    if (!read_args(env, info, 3, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_identity(options, s[0], s[1], s[2], &error);
    return finish(env, code, error, s, 3);
}

napi_value options_set_host(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"host"};
    airops_options *options;
    char *s[1];
    if (!read_args(env, info, 1, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_host(options, s[0], &error);
    return finish(env, code, error, s, 1);
}

napi_value options_set_request_timeout(napi_env env, napi_callback_info info) {
    airops_options *options;
    int64_t milliseconds;
    if (!read_number(env, info, "requestTimeout", &options, &milliseconds)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_request_timeout(options, milliseconds, &error);
    return outcome_value(env, code, error);
}

napi_value options_load_environment(napi_env env, napi_callback_info info) {
    airops_options *options;
    if (!read_args(env, info, 0, NULL, &options, NULL)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_load_environment(options, &error);
    return outcome_value(env, code, error);
}

napi_value options_set_realtime_url(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"realtime.url", "realtime.key"};
    airops_options *options;
    char *s[2];
    if (!read_args(env, info, 2, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_realtime_url(options, s[0], s[1], &error);
    return finish(env, code, error, s, 2);
}

napi_value options_set_pusher(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"pusher.key", "pusher.cluster"};
    airops_options *options;
    char *s[2];
    if (!read_args(env, info, 2, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_pusher(options, s[0], s[1], &error);
    return finish(env, code, error, s, 2);
}

napi_value options_set_subscription_timeout(napi_env env, napi_callback_info info) {
    airops_options *options;
    int64_t milliseconds;
    if (!read_number(env, info, "subscriptionTimeout", &options, &milliseconds)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_subscription_timeout(options, milliseconds, &error);
    return outcome_value(env, code, error);
}

napi_value options_set_max_buffered_events(napi_env env, napi_callback_info info) {
    airops_options *options;
    int64_t max_events;
    if (!read_number(env, info, "maxBufferedEvents", &options, &max_events)) return NULL;
    /* A negative count is out of the library's range too; say so rather than wrap it. */
    if (max_events < 0) {
        napi_throw_range_error(env, NULL, "maxBufferedEvents must not be negative");
        return NULL;
    }
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_max_buffered_events(options, (size_t)max_events, &error);
    return outcome_value(env, code, error);
}

napi_value options_set_ca_file(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"caFile"};
    airops_options *options;
    char *s[1];
    if (!read_args(env, info, 1, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_ca_file(options, s[0], &error);
    return finish(env, code, error, s, 1);
}

napi_value options_set_max_retries(napi_env env, napi_callback_info info) {
    airops_options *options;
    int retries;
    if (!read_int(env, info, "maxRetries", &options, &retries)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_max_retries(options, retries, &error);
    return outcome_value(env, code, error);
}

/* optionsSetLogCallback(options, relay, minLevel): the client's log lines go to the relay
 * as RELAY_LOG; a null relay turns logging off. */
napi_value options_set_log_callback(napi_env env, napi_callback_info info) {
    napi_value argv[3];
    airops_options *options;
    relay *target;
    int level;
    if (!get_args(env, info, 3, argv) || !arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)&options) ||
        !arg_handle(env, argv[1], HANDLE_RELAY, (void **)&target) || !arg_int(env, argv[2], "logLevel", &level))
        return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_log_callback(options, (airops_log_level)level,
                                                           target ? relay_on_log : NULL, target, &error);
    return outcome_value(env, code, error);
}

napi_value options_set_delivery(napi_env env, napi_callback_info info) {
    airops_options *options;
    int delivery;
    if (!read_int(env, info, "delivery", &options, &delivery)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_delivery(options, (airops_delivery)delivery, &error);
    return outcome_value(env, code, error);
}

napi_value options_set_proxy(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"proxy"};
    airops_options *options;
    char *s[1];
    if (!read_args(env, info, 1, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_proxy(options, s[0], &error);
    return finish(env, code, error, s, 1);
}

napi_value options_set_no_proxy(napi_env env, napi_callback_info info) {
    static const char *const names[] = {"noProxy"};
    airops_options *options;
    char *s[1];
    if (!read_args(env, info, 1, names, &options, s)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_no_proxy(options, s[0], &error);
    return finish(env, code, error, s, 1);
}

napi_value options_set_redirects(napi_env env, napi_callback_info info) {
    airops_options *options;
    int redirects;
    if (!read_int(env, info, "followRedirects", &options, &redirects)) return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_set_redirects(options, (airops_redirects)redirects, &error);
    return outcome_value(env, code, error);
}

napi_value options_allow_insecure_http(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    airops_options *options;
    bool allow;
    if (!get_args(env, info, 2, argv) || !arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)&options) ||
        !arg_bool(env, argv[1], "allowInsecureHttp", &allow))
        return NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_options_allow_insecure_http(options, allow, &error);
    return outcome_value(env, code, error);
}
