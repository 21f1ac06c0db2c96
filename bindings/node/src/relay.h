/* The route from the library's callbacks to JavaScript. A relay is one client's
 * napi_threadsafe_function around one JavaScript dispatcher, called as
 *     dispatcher(type, key, a, b, c)
 * with the RELAY_* types below. A callback that runs on a library thread (direct delivery,
 * logging) copies what it was given and queues it for the event loop; one that runs on the
 * JavaScript thread (queued delivery, inside airops_client_dispatch) calls the dispatcher at
 * once, so that queued events are delivered by the dispatch that runs them.
 *
 * Lifetime: each C object that the library may call back with (a listener, a pending call,
 * the client's log callback) holds the threadsafe function, so the relay lives until the
 * last of them is released and the queued messages have been delivered. */
#ifndef AIROPS_NODE_RELAY_H
#define AIROPS_NODE_RELAY_H

#include <stdint.h>

#include "convert.h"

enum relay_type {
    /* key: the stream's; a: the event (an object with `kind` and its fields). */
    RELAY_EVENT = 0,
    /* key: the call's; a: an AirOpsError or null; b: the execution; c: its listener or null. */
    RELAY_EXECUTION = 1,
    /* key: the call's; a: an AirOpsError or null; b: the result (an object) or null. */
    RELAY_RESULT = 2,
    /* key: 0; a: the level (airops_log_level); b: the message. */
    RELAY_LOG = 3,
    /* key: the call's; a: an AirOpsError or null; b: the JSON text or null. */
    RELAY_JSON = 4
};

typedef struct relay relay;

/* The user_data of a streamed execution's event callback. */
typedef struct listener listener;

/* The user_data of an _async call's completion callback. */
typedef struct pending pending;

/* A listener delivering as RELAY_EVENT with `key`; NULL when out of memory. */
listener *listener_new(relay *relay, uint32_t key);

/* Frees a listener once the library will not call it again. Accepts NULL. */
void listener_free(listener *listener);

/* A pending call completing as RELAY_EXECUTION, RELAY_RESULT or RELAY_JSON with `key`. On success,
 * RELAY_EXECUTION hands over `listener` with the execution; on failure it frees it. */
pending *pending_new(relay *relay, uint32_t key, listener *listener);

/* The listener a pending call hands over (NULL when it has none). */
listener *listener_of(const pending *pending);

/* Frees a pending call whose function failed (its completion never runs), and its listener. */
void pending_free(pending *pending);

void relay_on_event(const airops_event *event, void *user_data);
void relay_on_execution(airops_code code, airops_execution *execution, const airops_error *error, void *user_data);
void relay_on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data);
void relay_on_json(airops_code code, const char *json, const airops_error *error, void *user_data);
void relay_on_log(airops_log_level level, const char *message, void *user_data);

/* relayNew(dispatcher) -> relay: starts unreferenced (it does not keep the loop alive). */
napi_value relay_new(napi_env env, napi_callback_info info);

/* relayRef(relay, on): whether the relay keeps the event loop alive (while calls or streams
 * are in flight). */
napi_value relay_ref(napi_env env, napi_callback_info info);

/* relayClose(relay): gives up the relay's own hold, after its client has been freed. */
napi_value relay_close(napi_env env, napi_callback_info info);

/* How many relays, listeners and pending calls are alive (for the leak checks of the tests). */
void relay_counts(int64_t *relays, int64_t *listeners, int64_t *pendings);

#endif
