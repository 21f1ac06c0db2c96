#include "client.h"

#include <stdlib.h>

#include "library.h"

/* airops_client_free run on the libuv thread pool, so that the event loop never waits for
 * the client's connections to close. */
typedef struct free_call {
    napi_async_work work;
    napi_deferred deferred;
    airops_client *client;
} free_call;

static void run_client_free(napi_env env, void *data) {
    (void)env;
    free_call *call = data;
    lib.airops_client_free(call->client);
}

/* On the event loop: resolves the promise with undefined. */
static void settle(napi_env env, napi_status status, void *data) {
    (void)status;
    free_call *call = data;
    napi_resolve_deferred(env, call->deferred, undefined_value(env));
    napi_delete_async_work(env, call->work);
    free(call);
}

napi_value client_new(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    airops_options *options;
    if (!get_args(env, info, 1, argv) || !arg_handle(env, argv[0], HANDLE_OPTIONS, (void **)&options)) return NULL;
    airops_client *client = NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_client_new(options, &client, &error);
    if (code != AIROPS_OK) return throw_failure(env, error);
    return handle_value(env, HANDLE_CLIENT, client);
}

napi_value client_free(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    airops_client *client;
    bool wait_here;
    if (!get_args(env, info, 2, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !arg_bool(env, argv[1], "waitHere", &wait_here))
        return NULL;
    if (wait_here) {
        lib.airops_client_free(client);
        return undefined_value(env);
    }
    free_call *call = calloc(1, sizeof *call);
    if (call == NULL) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    call->client = client;
    napi_value promise, resource_name;
    napi_create_string_utf8(env, "airops client free", NAPI_AUTO_LENGTH, &resource_name);
    if (napi_create_promise(env, &call->deferred, &promise) != napi_ok ||
        napi_create_async_work(env, NULL, resource_name, run_client_free, settle, call, &call->work) != napi_ok ||
        napi_queue_async_work(env, call->work) != napi_ok) {
        free(call);
        napi_throw_error(env, NULL, "cannot start work on the thread pool");
        return NULL;
    }
    return promise;
}

napi_value client_event_fd(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    airops_client *client;
    if (!get_args(env, info, 1, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client)) return NULL;
    return number_value(env, lib.airops_client_event_fd(client));
}

napi_value client_dispatch(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    airops_client *client;
    int64_t max_events;
    if (!get_args(env, info, 2, argv) || !arg_handle(env, argv[0], HANDLE_CLIENT, (void **)&client) ||
        !arg_int64(env, argv[1], "maxEvents", &max_events))
        return NULL;
    if (max_events < 0) {
        napi_throw_range_error(env, NULL, "maxEvents must not be negative");
        return NULL;
    }
    size_t count = 0;
    airops_error *error = NULL;
    airops_code code = lib.airops_client_dispatch(client, (size_t)max_events, &count, &error);
    if (code != AIROPS_OK) return throw_failure(env, error);
    return number_value(env, (double)count);
}
