/* The addon's entry point: load() first, then the functions that forward to libairops. The
 * JavaScript package (lib/native.js) is the only caller; its classes give the public API. */
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "convert.h"
#include "execution.h"
#include "identity.h"
#include "library.h"
#include "options.h"
#include "relay.h"
#include "watch.h"

/* load(path, makeError) -> the library's version string. makeError(code, codeName,
 * httpStatus, message) builds the AirOpsError objects the addon throws and hands over. */
static napi_value load(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    char *path, reason[4200];
    if (!get_args(env, info, 2, argv) || !arg_string(env, argv[0], "path", &path)) return NULL;
    if (path == NULL) {
        napi_throw_type_error(env, NULL, "path must be a string");
        return NULL;
    }
    int loaded = library_load(path, reason, sizeof reason);
    free(path);
    if (!loaded) {
        napi_throw_error(env, NULL, reason);
        return NULL;
    }
    if (!set_error_factory(env, argv[1])) return NULL;
    return string_value(env, lib.airops_version());
}

/* codeName(code) -> e.g. "AIROPS_ERR_NOT_FOUND" */
static napi_value code_name(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    int code;
    if (!get_args(env, info, 1, argv) || !arg_int(env, argv[0], "code", &code)) return NULL;
    return string_value(env, lib.airops_code_name((airops_code)code));
}

/* liveNative() -> {relays, listeners, pendings}: the leak checks of the tests. */
static napi_value live_native(napi_env env, napi_callback_info info) {
    (void)info;
    int64_t relays, listeners, pendings;
    relay_counts(&relays, &listeners, &pendings);
    napi_value counts;
    napi_create_object(env, &counts);
    set_property(env, counts, "relays", number_value(env, (double)relays));
    set_property(env, counts, "listeners", number_value(env, (double)listeners));
    set_property(env, counts, "pendings", number_value(env, (double)pendings));
    return counts;
}

#define FUNCTION(name, function) {name, NULL, function, NULL, NULL, NULL, napi_enumerable, NULL}

static napi_value init(napi_env env, napi_value exports) {
    static const napi_property_descriptor functions[] = {
        FUNCTION("load", load),
        FUNCTION("codeName", code_name),
        FUNCTION("liveNative", live_native),
        FUNCTION("hashUserId", hash_user_id),
        FUNCTION("optionsNew", options_new),
        FUNCTION("optionsFree", options_free),
        FUNCTION("optionsSetIdentity", options_set_identity),
        FUNCTION("optionsSetHost", options_set_host),
        FUNCTION("optionsSetRequestTimeout", options_set_request_timeout),
        FUNCTION("optionsLoadEnvironment", options_load_environment),
        FUNCTION("optionsSetRealtimeUrl", options_set_realtime_url),
        FUNCTION("optionsSetPusher", options_set_pusher),
        FUNCTION("optionsSetSubscriptionTimeout", options_set_subscription_timeout),
        FUNCTION("optionsSetMaxBufferedEvents", options_set_max_buffered_events),
        FUNCTION("optionsSetCaFile", options_set_ca_file),
        FUNCTION("optionsSetMaxRetries", options_set_max_retries),
        FUNCTION("optionsSetLogCallback", options_set_log_callback),
        FUNCTION("optionsSetDelivery", options_set_delivery),
        FUNCTION("optionsSetProxy", options_set_proxy),
        FUNCTION("optionsSetNoProxy", options_set_no_proxy),
        FUNCTION("optionsSetRedirects", options_set_redirects),
        FUNCTION("optionsAllowInsecureHttp", options_allow_insecure_http),
        FUNCTION("relayNew", relay_new),
        FUNCTION("relayRef", relay_ref),
        FUNCTION("relayClose", relay_close),
        FUNCTION("clientNew", client_new),
        FUNCTION("clientFree", client_free),
        FUNCTION("appGetAsync", app_get_async),
        FUNCTION("clientEventFd", client_event_fd),
        FUNCTION("clientDispatch", client_dispatch),
        FUNCTION("watchStart", watch_start),
        FUNCTION("watchRef", watch_ref),
        FUNCTION("watchStop", watch_stop),
        FUNCTION("appExecuteAsync", app_execute_async),
        FUNCTION("appChatAsync", app_chat_async),
        FUNCTION("executionFetchAsync", execution_fetch_async),
        FUNCTION("executionWaitAsync", execution_wait_async),
        FUNCTION("executionCancelAsync", execution_cancel_async),
        FUNCTION("executionOpen", execution_open),
        FUNCTION("executionIds", execution_ids),
        FUNCTION("executionFree", execution_free),
    };
    if (napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions) != napi_ok) return NULL;
    return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
