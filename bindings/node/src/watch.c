#include "watch.h"

#include <stdlib.h>
#include <uv.h>

typedef struct watch {
    uv_poll_t poll;
    napi_env env;
    napi_ref on_readable;
    napi_async_context context;
} watch;

static void on_poll(uv_poll_t *poll, int status, int events) {
    (void)status;
    (void)events;
    watch *w = poll->data;
    napi_env env = w->env;
    napi_handle_scope scope;
    napi_value callback, global;
    napi_open_handle_scope(env, &scope);
    napi_get_reference_value(env, w->on_readable, &callback);
    napi_get_global(env, &global);
    /* napi_make_callback, not napi_call_function: promises settled by the dispatch run their
     * reactions before control returns to the loop. */
    if (napi_make_callback(env, w->context, global, callback, 0, NULL, NULL) == napi_pending_exception) {
        napi_value exception;
        napi_get_and_clear_last_exception(env, &exception);
        napi_fatal_exception(env, exception);
    }
    napi_close_handle_scope(env, scope);
}

static void free_on_close(uv_handle_t *handle) {
    free(handle->data);
}

napi_value watch_start(napi_env env, napi_callback_info info) {
    napi_value argv[2], resource, name;
    int fd;
    uv_loop_t *loop;
    if (!get_args(env, info, 2, argv) || !arg_int(env, argv[0], "fd", &fd) ||
        !arg_function(env, argv[1], "onReadable") || napi_get_uv_event_loop(env, &loop) != napi_ok)
        return NULL;
    watch *w = calloc(1, sizeof *w);
    if (w == NULL) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    int failed = uv_poll_init(loop, &w->poll, fd);
    if (failed) {
        free(w);
        napi_throw_error(env, NULL, uv_strerror(failed));
        return NULL;
    }
    w->env = env;
    w->poll.data = w;
    napi_create_object(env, &resource);
    napi_create_string_utf8(env, "airops event fd", NAPI_AUTO_LENGTH, &name);
    napi_create_reference(env, argv[1], 1, &w->on_readable);
    napi_async_init(env, resource, name, &w->context);
    uv_unref((uv_handle_t *)&w->poll);
    failed = uv_poll_start(&w->poll, UV_READABLE, on_poll);
    if (failed) {
        napi_delete_reference(env, w->on_readable);
        napi_async_destroy(env, w->context);
        uv_close((uv_handle_t *)&w->poll, free_on_close);
        napi_throw_error(env, NULL, uv_strerror(failed));
        return NULL;
    }
    return handle_value(env, HANDLE_WATCH, w);
}

napi_value watch_ref(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    watch *w;
    bool on;
    if (!get_args(env, info, 2, argv) || !arg_required_handle(env, argv[0], HANDLE_WATCH, (void **)&w) ||
        !arg_bool(env, argv[1], "on", &on))
        return NULL;
    if (on) {
        uv_ref((uv_handle_t *)&w->poll);
    } else {
        uv_unref((uv_handle_t *)&w->poll);
    }
    return undefined_value(env);
}

napi_value watch_stop(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    watch *w;
    if (!get_args(env, info, 1, argv) || !arg_required_handle(env, argv[0], HANDLE_WATCH, (void **)&w)) return NULL;
    uv_poll_stop(&w->poll);
    napi_delete_reference(env, w->on_readable);
    napi_async_destroy(env, w->context);
    uv_close((uv_handle_t *)&w->poll, free_on_close);
    return undefined_value(env);
}
