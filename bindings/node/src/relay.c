#include "relay.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"
#include "result.h"

struct relay {
    napi_threadsafe_function tsfn;
    /* The dispatcher again, for deliveries on the JavaScript thread. */
    napi_ref dispatcher;
    napi_env env;
    pthread_t js_thread;
};

struct listener {
    relay *relay;
    uint32_t key;
};

struct pending {
    relay *relay;
    uint32_t key;
    listener *listener;
};

enum { MESSAGE_TEXTS = 5 };

/* What a callback hands to the event loop: its arguments, strings copied into `bytes`. */
typedef struct message {
    enum relay_type type;
    uint32_t key;
    int code;            /* event kind, completion code or log level */
    int http_status;     /* of a completion's error */
    int flag;            /* agent_response.stream_finished */
    void *handle;        /* an owned airops_execution * or airops_result * */
    listener *listener;  /* handed over with the execution */
    const char *text[MESSAGE_TEXTS];
    char bytes[];
} message;

static atomic_long live_relays, live_listeners, live_pendings;

void relay_counts(int64_t *relays, int64_t *listeners, int64_t *pendings) {
    *relays = atomic_load(&live_relays);
    *listeners = atomic_load(&live_listeners);
    *pendings = atomic_load(&live_pendings);
}

/* A message holding copies of `count` strings (NULL stays NULL); NULL when out of memory. */
static message *message_new(enum relay_type type, uint32_t key, int code, const char *const *texts, size_t count) {
    size_t size = sizeof(message);
    for (size_t i = 0; i < count; i++) size += texts[i] ? strlen(texts[i]) + 1 : 0;
    message *m = calloc(1, size);
    if (m == NULL) return NULL;
    m->type = type;
    m->key = key;
    m->code = code;
    char *cursor = m->bytes;
    for (size_t i = 0; i < count; i++) {
        if (texts[i] == NULL) continue;
        size_t length = strlen(texts[i]) + 1;
        memcpy(cursor, texts[i], length);
        m->text[i] = cursor;
        cursor += length;
    }
    return m;
}

/* Frees a message that will not be delivered, with what it owns. */
static void message_discard(message *m) {
    if (m->type == RELAY_EXECUTION) {
        lib.airops_execution_free(m->handle);
        listener_free(m->listener);
    } else if (m->type == RELAY_RESULT) {
        lib.airops_result_free(m->handle);
    }
    free(m);
}

/* The names of an event's kind-specific strings (text[2] ... text[4]), by airops_event_kind. */
static const char *const event_fields[][3] = {
    [AIROPS_EVENT_CHUNK] = {"content", NULL, NULL},
    [AIROPS_EVENT_COMPLETED] = {"content", "result", "errorCode"},
    [AIROPS_EVENT_AGENT_RESPONSE] = {"token", "result", NULL},
    [AIROPS_EVENT_AGENT_ACTION] = {"tool", "toolInputJson", NULL},
    [AIROPS_EVENT_AGENT_ACTION_ERROR] = {"tool", "toolError", NULL},
};

static napi_value event_value(napi_env env, const message *m) {
    napi_value event;
    napi_create_object(env, &event);
    set_property(env, event, "kind", number_value(env, m->code));
    set_property(env, event, "executionId", string_value(env, m->text[0]));
    set_property(env, event, "json", string_value(env, m->text[1]));
    size_t kinds = sizeof event_fields / sizeof event_fields[0];
    if (m->code > 0 && (size_t)m->code < kinds) {
        for (int i = 0; i < 3; i++) {
            const char *name = event_fields[m->code][i];
            if (name != NULL) set_property(env, event, name, string_value(env, m->text[2 + i]));
        }
    }
    if (m->code == AIROPS_EVENT_AGENT_RESPONSE) set_property(env, event, "streamFinished", bool_value(env, m->flag));
    return event;
}

static napi_value message_failure(napi_env env, const message *m) {
    if (m->code == AIROPS_OK) return null_value(env);
    return error_value(env, m->code, m->http_status, m->text[0] ? m->text[0] : "");
}

/* Calls the dispatcher with `m` (then freed); an exception it throws becomes uncaught. */
static void deliver(napi_env env, napi_value dispatcher, message *m) {
    napi_value argv[5] = {number_value(env, m->type), number_value(env, m->key), undefined_value(env),
                          undefined_value(env), undefined_value(env)};
    switch (m->type) {
    case RELAY_EVENT:
        argv[2] = event_value(env, m);
        break;
    case RELAY_EXECUTION:
        argv[2] = message_failure(env, m);
        argv[3] = handle_value(env, HANDLE_EXECUTION, m->handle);
        argv[4] = handle_value(env, HANDLE_LISTENER, m->listener);
        break;
    case RELAY_RESULT:
        argv[2] = message_failure(env, m);
        argv[3] = m->handle ? result_value(env, m->handle) : null_value(env);
        lib.airops_result_free(m->handle);
        break;
    case RELAY_JSON:
        argv[2] = message_failure(env, m);
        argv[3] = string_value(env, m->text[1]);
        break;
    case RELAY_LOG:
        argv[2] = number_value(env, m->code);
        argv[3] = string_value(env, m->text[0]);
        break;
    }
    free(m);
    if (napi_call_function(env, undefined_value(env), dispatcher, 5, argv, NULL) == napi_pending_exception) {
        napi_value exception;
        napi_get_and_clear_last_exception(env, &exception);
        napi_fatal_exception(env, exception);
    }
}

/* The threadsafe function's call_js: on the event loop, or with env NULL at teardown. */
static void call_js(napi_env env, napi_value dispatcher, void *context, void *data) {
    (void)context;
    if (env == NULL) {
        message_discard(data);
        return;
    }
    deliver(env, dispatcher, data);
}

static void post(relay *r, message *m) {
    if (m == NULL) return;
    if (pthread_equal(pthread_self(), r->js_thread)) {
        /* Queued delivery: inside airops_client_dispatch, called from JavaScript. */
        napi_env env = r->env;
        napi_handle_scope scope;
        napi_value dispatcher;
        napi_open_handle_scope(env, &scope);
        napi_get_reference_value(env, r->dispatcher, &dispatcher);
        deliver(env, dispatcher, m);
        napi_close_handle_scope(env, scope);
        return;
    }
    /* An unlimited queue: never blocks a library thread. */
    if (napi_call_threadsafe_function(r->tsfn, m, napi_tsfn_nonblocking) != napi_ok) message_discard(m);
}

listener *listener_new(relay *r, uint32_t key) {
    listener *l = malloc(sizeof *l);
    if (l == NULL) return NULL;
    l->relay = r;
    l->key = key;
    napi_acquire_threadsafe_function(r->tsfn);
    atomic_fetch_add(&live_listeners, 1);
    return l;
}

void listener_free(listener *l) {
    if (l == NULL) return;
    napi_release_threadsafe_function(l->relay->tsfn, napi_tsfn_release);
    atomic_fetch_sub(&live_listeners, 1);
    free(l);
}

pending *pending_new(relay *r, uint32_t key, listener *l) {
    pending *p = malloc(sizeof *p);
    if (p == NULL) return NULL;
    p->relay = r;
    p->key = key;
    p->listener = l;
    napi_acquire_threadsafe_function(r->tsfn);
    atomic_fetch_add(&live_pendings, 1);
    return p;
}

listener *listener_of(const pending *p) {
    return p->listener;
}

/* Frees the pending call itself; the caller has dealt with its listener. */
static void pending_release(pending *p) {
    napi_release_threadsafe_function(p->relay->tsfn, napi_tsfn_release);
    atomic_fetch_sub(&live_pendings, 1);
    free(p);
}

void pending_free(pending *p) {
    if (p == NULL) return;
    listener_free(p->listener);
    pending_release(p);
}

void relay_on_event(const airops_event *event, void *user_data) {
    listener *l = user_data;
    const char *texts[MESSAGE_TEXTS] = {event->execution_id, event->json, NULL, NULL, NULL};
    int flag = 0;
    switch (event->kind) {
    case AIROPS_EVENT_CHUNK:
        texts[2] = event->data.chunk.content;
        break;
    case AIROPS_EVENT_COMPLETED:
        texts[2] = event->data.completed.content;
        texts[3] = event->data.completed.result;
        /* error_code came in 0.1 at the end of airops_event: read only when size covers it. */
        if (event->size >= offsetof(airops_event, error_code) + sizeof event->error_code) texts[4] = event->error_code;
        break;
    case AIROPS_EVENT_AGENT_RESPONSE:
        texts[2] = event->data.agent_response.token;
        texts[3] = event->data.agent_response.result;
        flag = event->data.agent_response.stream_finished;
        break;
    case AIROPS_EVENT_AGENT_ACTION:
        texts[2] = event->data.agent_action.tool;
        texts[3] = event->data.agent_action.tool_input_json;
        break;
    case AIROPS_EVENT_AGENT_ACTION_ERROR:
        texts[2] = event->data.agent_action_error.tool;
        texts[3] = event->data.agent_action_error.tool_error;
        break;
    }
    message *m = message_new(RELAY_EVENT, l->key, (int)event->kind, texts, MESSAGE_TEXTS);
    if (m != NULL) m->flag = flag;
    post(l->relay, m);
}

/* A completion's message: the outcome, with the error's status and message copied. */
static message *completion(enum relay_type type, const pending *p, airops_code code, const airops_error *error) {
    const char *texts[1] = {code == AIROPS_OK ? NULL : lib.airops_error_message(error)};
    message *m = message_new(type, p->key, (int)code, texts, 1);
    if (m != NULL && code != AIROPS_OK) m->http_status = lib.airops_error_http_status(error);
    return m;
}

void relay_on_execution(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    pending *p = user_data;
    message *m = completion(RELAY_EXECUTION, p, code, error);
    if (m == NULL || code != AIROPS_OK || execution == NULL) {
        /* Failed (or out of memory): no event of this call will come. */
        lib.airops_execution_free(execution);
        listener_free(p->listener);
    } else {
        m->handle = execution;
        m->listener = p->listener;
    }
    post(p->relay, m);
    pending_release(p);
}

void relay_on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    pending *p = user_data;
    message *m = completion(RELAY_RESULT, p, code, error);
    if (m == NULL) {
        lib.airops_result_free(result);
    } else {
        m->handle = result;
    }
    post(p->relay, m);
    pending_release(p);
}

void relay_on_json(airops_code code, const char *json, const airops_error *error, void *user_data) {
    pending *p = user_data;
    /* text[0]: the error's message, text[1]: the borrowed JSON, copied. */
    const char *texts[2] = {code == AIROPS_OK ? NULL : lib.airops_error_message(error), json};
    message *m = message_new(RELAY_JSON, p->key, (int)code, texts, 2);
    if (m != NULL && code != AIROPS_OK) m->http_status = lib.airops_error_http_status(error);
    post(p->relay, m);
    pending_release(p);
}

void relay_on_log(airops_log_level level, const char *message_text, void *user_data) {
    relay *r = user_data;
    const char *texts[1] = {message_text};
    message *m = message_new(RELAY_LOG, 0, (int)level, texts, 1);
    if (m == NULL) return;
    /* Always queued, also on the JavaScript thread: a log line never runs JavaScript in the
     * middle of the library call that writes it. */
    if (napi_call_threadsafe_function(r->tsfn, m, napi_tsfn_nonblocking) != napi_ok) free(m);
}

static void relay_finalize(napi_env env, void *data, void *hint) {
    (void)hint;
    relay *r = data;
    napi_delete_reference(env, r->dispatcher);
    atomic_fetch_sub(&live_relays, 1);
    free(r);
}

napi_value relay_new(napi_env env, napi_callback_info info) {
    napi_value argv[1], name;
    if (!get_args(env, info, 1, argv) || !arg_function(env, argv[0], "dispatcher")) return NULL;
    relay *r = calloc(1, sizeof *r);
    if (r == NULL) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    r->env = env;
    r->js_thread = pthread_self();
    napi_create_string_utf8(env, "airops relay", NAPI_AUTO_LENGTH, &name);
    if (napi_create_reference(env, argv[0], 1, &r->dispatcher) != napi_ok ||
        napi_create_threadsafe_function(env, argv[0], NULL, name, 0, 1, r, relay_finalize, NULL, call_js, &r->tsfn) !=
            napi_ok) {
        if (r->dispatcher != NULL) napi_delete_reference(env, r->dispatcher);
        free(r);
        napi_throw_error(env, NULL, "cannot create the threadsafe function");
        return NULL;
    }
    atomic_fetch_add(&live_relays, 1);
    napi_unref_threadsafe_function(env, r->tsfn);
    return handle_value(env, HANDLE_RELAY, r);
}

napi_value relay_ref(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    relay *r;
    bool on;
    if (!get_args(env, info, 2, argv) || !arg_required_handle(env, argv[0], HANDLE_RELAY, (void **)&r) ||
        !arg_bool(env, argv[1], "on", &on))
        return NULL;
    if (on) {
        napi_ref_threadsafe_function(env, r->tsfn);
    } else {
        napi_unref_threadsafe_function(env, r->tsfn);
    }
    return undefined_value(env);
}

napi_value relay_close(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    relay *r;
    if (!get_args(env, info, 1, argv) || !arg_required_handle(env, argv[0], HANDLE_RELAY, (void **)&r)) return NULL;
    napi_unref_threadsafe_function(env, r->tsfn);
    napi_release_threadsafe_function(r->tsfn, napi_tsfn_release);
    return undefined_value(env);
}
