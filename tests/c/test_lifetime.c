/* The lifetime guarantees of the header, under AddressSanitizer:
 * - a wait (blocking or _async) reports after the execution's last event callback;
 * - airops_client_free delivers every completion still in flight (cancelled) before it
 *   returns and none after: each completion's user_data is freed right after the free, so
 *   a late completion would be a use after free; frees race starts, waits, gets and
 *   cancels, in bounded loops;
 * - executions still open when their client is freed stop their events;
 * - airops_app_get_async. */
#define _POSIX_C_SOURCE 200809L
#include "test_client.h"

#include <airops.h>
#include <poll.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 25
#define CALLS 8

typedef struct stream_state {
    atomic_int events;
    atomic_int completed;
    atomic_int after_completed; /* events that came after COMPLETED */
} stream_state;

/* The user data of one non-blocking call: how often its completion ran, and with what. */
typedef struct call_state {
    atomic_int runs;
    airops_code code;
    airops_execution *execution;
    stream_state *stream; /* checked by the completion of a wait */
    int completed_before_done;
} call_state;

static void sleep_ms(long ms) {
    struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

static void on_event(const airops_event *event, void *user_data) {
    stream_state *state = user_data;
    if (atomic_load(&state->completed)) atomic_fetch_add(&state->after_completed, 1);
    atomic_fetch_add(&state->events, 1);
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add(&state->completed, 1);
}

static void on_started(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    call_state *call = user_data;
    CHECK((code == AIROPS_OK) == (execution != NULL) && (code == AIROPS_OK) == (error == NULL));
    call->code = code;
    call->execution = execution;
    atomic_fetch_add(&call->runs, 1);
}

static void on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    call_state *call = user_data;
    CHECK(code == AIROPS_OK ? error == NULL : (result == NULL && error != NULL));
    if (code == AIROPS_ERR_CANCELLED) CHECK(strstr(airops_error_message(error), "freed") != NULL);
    call->code = code;
    if (call->stream) call->completed_before_done = atomic_load(&call->stream->completed);
    airops_result_free(result);
    atomic_fetch_add(&call->runs, 1);
}

static void on_json(airops_code code, const char *json, const airops_error *error, void *user_data) {
    call_state *call = user_data;
    CHECK(code == AIROPS_OK ? (json != NULL && error == NULL) : (json == NULL && error != NULL));
    if (code == AIROPS_OK) CHECK(strstr(json, "hello-world") != NULL || strstr(json, "\"id\"") != NULL);
    call->code = code;
    atomic_fetch_add(&call->runs, 1);
}


/* Blocking wait in direct delivery: the COMPLETED callback has returned when it does. */
static void test_wait_after_last_event(void) {
    airops_client *client = test_client(AIROPS_DELIVERY_DIRECT);
    for (int i = 0; i < 10; i++) {
        stream_state state = {0};
        airops_execution *execution = NULL;
        CHECK(airops_app_execute_stream(client, "hello-world", "{\"name\": \"Ada\"}", 0, on_event, &state, &execution, NULL) ==
              AIROPS_OK);
        airops_result *result = NULL;
        CHECK(airops_execution_wait(execution, 15000, &result, NULL) == AIROPS_OK);
        CHECK(atomic_load(&state.completed) == 1);
        CHECK(atomic_load(&state.events) > 1);
        airops_result_free(result);
        airops_execution_free(execution);
        CHECK(atomic_load(&state.after_completed) == 0);
    }
    airops_client_free(client);
}

/* wait_async: its completion runs after the COMPLETED callback, in both delivery modes. */
static void test_wait_async_after_last_event(airops_delivery delivery) {
    airops_client *client = test_client(delivery);
    for (int i = 0; i < 10; i++) {
        stream_state state = {0};
        call_state started = {0}, waited = {.stream = &state};
        CHECK(airops_app_execute_async(client, "hello-world", "{\"name\": \"Ada\"}", 0, 1, on_event, &state, on_started,
                                       &started, NULL) == AIROPS_OK);
        struct pollfd waiting = {.fd = airops_client_event_fd(client), .events = POLLIN};
        int waiting_on_it = 0;
        for (int tick = 0; tick < 300 && atomic_load(&waited.runs) == 0; tick++) {
            if (delivery == AIROPS_DELIVERY_QUEUED) {
                if (poll(&waiting, 1, 50) == 1) CHECK(airops_client_dispatch(client, 0, NULL, NULL) == AIROPS_OK);
            } else {
                sleep_ms(50);
            }
            if (!waiting_on_it && atomic_load(&started.runs) == 1) {
                CHECK(started.code == AIROPS_OK);
                CHECK(airops_execution_wait_async(started.execution, 15000, on_result, &waited, NULL) == AIROPS_OK);
                waiting_on_it = 1;
            }
        }
        CHECK(atomic_load(&waited.runs) == 1 && waited.code == AIROPS_OK);
        CHECK(waited.completed_before_done == 1);
        airops_execution_free(started.execution);
    }
    airops_client_free(client);
}

/* Frees that race calls in flight: every completion runs exactly once, before the free
 * returns; the user data is freed right after it. */
static void test_free_races_calls(airops_delivery delivery) {
    int cancelled = 0, finished = 0;
    for (int round = 0; round < ROUNDS; round++) {
        airops_client *client = test_client(delivery);
        call_state *calls = calloc(CALLS, sizeof *calls);
        stream_state *streams = calloc(CALLS, sizeof *streams);
        airops_execution *opened = NULL;
        CHECK(airops_execution_open(client, "00000000-0000-4000-8000-000000000000", &opened, NULL) == AIROPS_OK);
        for (int i = 0; i < CALLS; i++) {
            switch (i % 4) {
            case 3:
                CHECK(airops_execution_cancel_async(opened, on_result, &calls[i], NULL) == AIROPS_OK);
                break;
            case 0:
                CHECK(airops_app_execute_async(client, "hello-world", "{\"name\": \"Race\"}", 0, i % 2, on_event, &streams[i],
                                               on_started, &calls[i], NULL) == AIROPS_OK);
                break;
            case 1:
                CHECK(airops_execution_wait_async(opened, 5000, on_result, &calls[i], NULL) == AIROPS_OK);
                break;
            default:
                CHECK(airops_app_get_async(client, "hello-world", on_json, &calls[i], NULL) == AIROPS_OK);
            }
        }
        /* Let some calls end first, in later rounds more of them. */
        sleep_ms(round % 5 * 3);
        airops_client_free(client);
        for (int i = 0; i < CALLS; i++) {
            CHECK(atomic_load(&calls[i].runs) == 1);
            if (calls[i].code == AIROPS_ERR_CANCELLED) cancelled++;
            else finished++;
            /* A started execution is the receiver's: free it, after its client. */
            if (calls[i].execution) {
                airops_result *result = NULL;
                CHECK(airops_execution_fetch(calls[i].execution, &result, NULL) != AIROPS_OK);
                airops_execution_free(calls[i].execution);
            }
        }
        airops_execution_free(opened);
        /* Nothing may run any more: a late completion would write into freed memory. */
        free(calls);
        free(streams);
    }
    sleep_ms(100);
    printf("frees racing calls (%s): %d completions cancelled, %d finished first\n",
           delivery == AIROPS_DELIVERY_QUEUED ? "queued" : "direct", cancelled, finished);
    CHECK(cancelled > 0);
}

/* An execution still streaming when its client is freed: its callback stops for good. */
static void test_open_execution_at_free(void) {
    airops_client *client = test_client(AIROPS_DELIVERY_DIRECT);
    stream_state *state = calloc(1, sizeof *state);
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(client, "hello-world", "{\"name\": \"Open\"}", 0, on_event, state, &execution, NULL) ==
          AIROPS_OK);
    airops_client_free(client);
    int seen = atomic_load(&state->events);
    sleep_ms(300);
    CHECK(atomic_load(&state->events) == seen);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 1000, &result, NULL) != AIROPS_OK);
    airops_execution_free(execution);
    free(state);
}

static void test_app_get_async(void) {
    airops_client *client = test_client(AIROPS_DELIVERY_DIRECT);
    call_state found = {0}, missing = {0};
    CHECK(airops_app_get_async(client, "hello-world", on_json, &found, NULL) == AIROPS_OK);
    CHECK(airops_app_get_async(client, "no-such-app", on_json, &missing, NULL) == AIROPS_OK);
    CHECK(airops_app_get_async(client, NULL, on_json, &found, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_get_async(client, "hello-world", NULL, &found, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    CHECK(airops_app_get_async(NULL, "hello-world", on_json, &found, NULL) == AIROPS_ERR_INVALID_ARGUMENT);
    for (int i = 0; i < 200 && (atomic_load(&found.runs) == 0 || atomic_load(&missing.runs) == 0); i++) sleep_ms(25);
    CHECK(atomic_load(&found.runs) == 1 && found.code == AIROPS_OK);
    CHECK(atomic_load(&missing.runs) == 1 && missing.code == AIROPS_ERR_NOT_FOUND);
    airops_client_free(client);
}

int main(void) {
    test_wait_after_last_event();
    test_wait_async_after_last_event(AIROPS_DELIVERY_DIRECT);
    test_wait_async_after_last_event(AIROPS_DELIVERY_QUEUED);
    test_free_races_calls(AIROPS_DELIVERY_DIRECT);
    test_free_races_calls(AIROPS_DELIVERY_QUEUED);
    test_open_execution_at_free();
    test_app_get_async();
    return check_summary("test_lifetime");
}
