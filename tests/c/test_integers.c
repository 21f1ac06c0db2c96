/* Every integer parameter of every function in airops.h at its extremes (0, -1, INT64_MIN,
 * INT64_MAX, SIZE_MAX, INT_MIN, INT_MAX, enum values out of range): AIROPS_OK with the meaning
 * the header documents, or AIROPS_ERR_INVALID_ARGUMENT with a message that names the argument;
 * never a trap. Calls that get AIROPS_OK really run against the dev server, so that a clamped
 * timeout or count is also used, not only stored. */
#define _POSIX_C_SOURCE 200809L
#include "test_client.h"

#include <airops.h>
#include <limits.h>
#include <poll.h>
#include <time.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static const int64_t int64_values[] = {0, -1, 1, INT64_MIN, INT64_MAX, INT32_MIN, INT32_MAX, (int64_t)INT32_MAX + 1,
                                       2592000000, 2592000001};
static const int int_values[] = {0, -1, 1, INT_MIN, INT_MAX, 7, 1000};
static const size_t size_values[] = {0, 1, SIZE_MAX, SIZE_MAX - 1, SIZE_MAX / 2, SIZE_MAX / 2 + 1, 10000000, 10000001};

/* Runs `call_with_error` (which fills `error`), then checks its outcome with expect(). */
#define EXPECT(name, value, call_with_error, want, word)                         \
    do {                                                                         \
        airops_error *error = NULL;                                              \
        airops_code expect_code = (call_with_error);                             \
        expect(name, (long long)(value), expect_code, error, want, word);        \
    } while (0)

/* `code` (with `error`) is `want`; an INVALID_ARGUMENT error's message contains `word`. */
static void expect(const char *call, long long value, airops_code code, airops_error *error, airops_code want,
                   const char *word) {
    int ok = code == want && (code == AIROPS_OK ? error == NULL
                                                : error != NULL && airops_error_code(error) == code &&
                                                      (want != AIROPS_ERR_INVALID_ARGUMENT ||
                                                       strstr(airops_error_message(error), word) != NULL));
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "  %s(%lld): %s \"%s\", expected %s naming \"%s\"\n", call, value, airops_code_name(code),
                error ? airops_error_message(error) : "", airops_code_name(want), word);
    }
    airops_error_free(error);
}

static void pause_ms(long ms) {
    struct timespec delay = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&delay, NULL);
}

static airops_client *new_client(airops_delivery delivery, int64_t timeout_ms) {
    airops_options *options = test_options(delivery);
    CHECK(airops_options_set_request_timeout(options, timeout_ms, NULL) == AIROPS_OK);
    CHECK(airops_options_set_subscription_timeout(options, timeout_ms, NULL) == AIROPS_OK);
    return test_client_from(options);
}

/* The option setters: timeouts, counts, flags and enums. */
static void test_option_setters(void) {
    airops_options *options = airops_options_new();
    for (size_t i = 0; i < COUNT(int64_values); i++) {
        int64_t value = int64_values[i];
        airops_code want = value > 0 ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT;
        EXPECT("airops_options_set_request_timeout", value, airops_options_set_request_timeout(options, value, &error),
               want, "timeout");
        EXPECT("airops_options_set_subscription_timeout", value,
               airops_options_set_subscription_timeout(options, value, &error), want, "timeout");
    }
    for (size_t i = 0; i < COUNT(size_values); i++) {
        size_t value = size_values[i];
        EXPECT("airops_options_set_max_buffered_events", value,
               airops_options_set_max_buffered_events(options, value, &error),
               value >= 1 && value <= 10000000 ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT, "max_buffered_events");
    }
    for (size_t i = 0; i < COUNT(int_values); i++) {
        int value = int_values[i];
        int known = value == 0 || value == 1;
        EXPECT("airops_options_set_max_retries", value, airops_options_set_max_retries(options, value, &error),
               value >= 0 ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT, "retries");
        EXPECT("airops_options_allow_insecure_http", value, airops_options_allow_insecure_http(options, value, &error),
               AIROPS_OK, "");
        EXPECT("airops_options_set_log_callback", value,
               airops_options_set_log_callback(options, (airops_log_level)value, NULL, NULL, &error),
               value >= AIROPS_LOG_TRACE && value <= AIROPS_LOG_CRITICAL ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT,
               "log level");
        EXPECT("airops_options_set_delivery", value, airops_options_set_delivery(options, (airops_delivery)value, &error),
               known ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT, "delivery");
        EXPECT("airops_options_set_redirects", value,
               airops_options_set_redirects(options, (airops_redirects)value, &error),
               known ? AIROPS_OK : AIROPS_ERR_INVALID_ARGUMENT, "redirect");
        const char *name = airops_code_name((airops_code)value);
        CHECK(name != NULL && strncmp(name, "AIROPS_", 7) == 0);
        if (value < 0 || value >= 1000) CHECK_STR(name, "AIROPS_ERR_UNKNOWN");
    }
    airops_options_free(options);
}

typedef struct outcome {
    atomic_int done;
    airops_code code;
    airops_execution *execution;
} outcome;

static void on_execution(airops_code code, airops_execution *execution, const airops_error *error, void *user_data) {
    (void)error;
    outcome *out = user_data;
    out->code = code;
    out->execution = execution;
    atomic_store(&out->done, 1);
}

static void on_result(airops_code code, airops_result *result, const airops_error *error, void *user_data) {
    (void)error;
    outcome *out = user_data;
    out->code = code;
    CHECK(code != AIROPS_OK || airops_result_state(result) == AIROPS_STATE_SUCCESS);
    airops_result_free(result);
    atomic_store(&out->done, 1);
}

static void on_event(const airops_event *event, void *user_data) {
    if (event->kind == AIROPS_EVENT_COMPLETED) atomic_fetch_add((atomic_int *)user_data, 1);
}

/* Waits (bounded, 30 s) for a completion: in queued delivery by dispatching everything,
 * with the largest max_events there is. */
static void await_done(airops_client *client, outcome *out) {
    int fd = airops_client_event_fd(client);
    for (int i = 0; i < 3000 && !atomic_load(&out->done); i++) {
        if (fd < 0) {
            pause_ms(10);
            continue;
        }
        struct pollfd waiting = {.fd = fd, .events = POLLIN};
        if (poll(&waiting, 1, 10) == 1) CHECK(airops_client_dispatch(client, SIZE_MAX, NULL, NULL) == AIROPS_OK);
    }
    CHECK(atomic_load(&out->done));
}

/* The version of the execute calls: 0 is the current version, 1..INT32_MAX a pinned one
 * (the server answers), anything else is refused before a request is sent. */
static void test_versions(airops_client *client) {
    for (size_t i = 0; i < COUNT(int64_values); i++) {
        int64_t value = int64_values[i];
        int accepted = value >= 0 && value <= INT32_MAX;
        airops_code want = value == 0 || value == 1 ? AIROPS_OK : accepted ? AIROPS_ERR_NOT_FOUND : AIROPS_ERR_INVALID_ARGUMENT;
        airops_execution *execution = NULL;
        EXPECT("airops_app_execute", value,
               airops_app_execute(client, "hello-world", "{\"name\":\"Int\"}", value, &execution, &error), want,
               "version");
        airops_execution_free(execution);
        execution = NULL;
        atomic_int completed = 0;
        EXPECT("airops_app_execute_stream", value,
               airops_app_execute_stream(client, "hello-world", "{\"name\":\"Int\"}", value, on_event, &completed,
                                         &execution, &error),
               want, "version");
        airops_execution_free(execution);
        /* Refused at once, or accepted and answered in the completion. */
        outcome started = {0};
        EXPECT("airops_app_execute_async", value,
               airops_app_execute_async(client, "hello-world", "{\"name\":\"Int\"}", value, 0, NULL, NULL,
                                        on_execution, &started, &error),
               accepted ? AIROPS_OK : want, "version");
        if (accepted) {
            await_done(client, &started);
            CHECK(started.code == want);
            airops_execution_free(started.execution);
        }
    }
}

/* The `stream` flag of airops_app_execute_async: any non-zero value streams. Each run is
 * then waited for with every extreme timeout, blocking and not. */
static void test_stream_flag_and_waits(airops_client *client) {
    for (size_t i = 0; i < COUNT(int_values); i++) {
        int value = int_values[i];
        outcome started = {0};
        atomic_int completed = 0;
        CHECK(airops_app_execute_async(client, "hello-world", "{\"name\":\"Flag\"}", 0, value, on_event, &completed,
                                       on_execution, &started, NULL) == AIROPS_OK);
        await_done(client, &started);
        CHECK(started.code == AIROPS_OK && started.execution != NULL);
        if (started.execution == NULL) continue;
        airops_result *result = NULL;
        CHECK(airops_execution_wait(started.execution, -1, &result, NULL) == AIROPS_OK);
        CHECK(airops_result_state(result) == AIROPS_STATE_SUCCESS);
        airops_result_free(result);
        if (value != 0) {
            /* The completed event reaches the callback (queued delivery: with a dispatch). */
            for (int tries = 0; tries < 300 && atomic_load(&completed) == 0; tries++) {
                if (airops_client_event_fd(client) >= 0) airops_client_dispatch(client, SIZE_MAX, NULL, NULL);
                pause_ms(10);
            }
            CHECK(atomic_load(&completed) == 1);
        }
        for (size_t j = 0; j < COUNT(int64_values); j++) {
            int64_t timeout = int64_values[j];
            result = NULL;
            EXPECT("airops_execution_wait", timeout, airops_execution_wait(started.execution, timeout, &result, &error),
                   AIROPS_OK, "");
            CHECK(airops_result_state(result) == AIROPS_STATE_SUCCESS);
            airops_result_free(result);
            outcome waited = {0};
            EXPECT("airops_execution_wait_async", timeout,
                   airops_execution_wait_async(started.execution, timeout, on_result, &waited, &error), AIROPS_OK, "");
            await_done(client, &waited);
            CHECK(waited.code == AIROPS_OK);
        }
        airops_execution_free(started.execution);
    }
}

/* A wait of 0 ms fetches once: a run still going times out at once. */
static void test_zero_wait(airops_client *client) {
    airops_execution *execution = NULL;
    CHECK(airops_app_execute(client, "slow-echo", "{\"text\":\"x\"}", 0, &execution, NULL) == AIROPS_OK);
    airops_result *result = NULL;
    EXPECT("airops_execution_wait", 0, airops_execution_wait(execution, 0, &result, &error), AIROPS_ERR_TIMEOUT, "");
    CHECK(result == NULL);
    airops_execution_free(execution);
}

/* max_events of airops_client_dispatch: 0 and anything too large run all that wait. */
static void test_dispatch(airops_client *queued, airops_client *direct) {
    for (size_t i = 0; i < COUNT(size_values); i++) {
        size_t value = size_values[i];
        size_t count = 12345;
        EXPECT("airops_client_dispatch", value, airops_client_dispatch(queued, value, &count, &error), AIROPS_OK, "");
        CHECK(count != 12345);
        EXPECT("airops_client_dispatch", value, airops_client_dispatch(direct, value, &count, &error),
               AIROPS_ERR_INVALID_ARGUMENT, "QUEUED");
        CHECK(count == 0);
        /* Events that wait: a streamed run's chunks, its completion, run by one dispatch. */
        if (value == 1) continue;
        outcome started = {0};
        atomic_int completed = 0;
        CHECK(airops_app_execute_async(queued, "hello-world", "{\"name\":\"Many\"}", 0, 1, on_event, &completed,
                                       on_execution, &started, NULL) == AIROPS_OK);
        struct pollfd waiting = {.fd = airops_client_event_fd(queued), .events = POLLIN};
        size_t ran = 0;
        for (int tries = 0; tries < 300 && !(atomic_load(&started.done) && atomic_load(&completed)); tries++) {
            if (poll(&waiting, 1, 100) != 1) continue;
            count = 0;
            CHECK(airops_client_dispatch(queued, value, &count, NULL) == AIROPS_OK);
            ran += count;
        }
        CHECK(atomic_load(&started.done) && atomic_load(&completed) == 1 && ran >= 2);
        airops_execution_free(started.execution);
    }
}

int main(void) {
    test_option_setters();
    /* Clients whose request and subscription timeouts are the largest there are. */
    airops_client *direct = new_client(AIROPS_DELIVERY_DIRECT, INT64_MAX);
    airops_client *queued = new_client(AIROPS_DELIVERY_QUEUED, INT64_MAX);
    test_versions(direct);
    test_versions(queued);
    test_stream_flag_and_waits(direct);
    test_stream_flag_and_waits(queued);
    test_zero_wait(direct);
    test_dispatch(queued, direct);
    airops_client_free(queued);
    airops_client_free(direct);
    return check_summary("test_integers");
}
