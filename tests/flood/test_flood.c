/* One stream flooded with 200,000 events (the dev server's "firehose" app of bench/config.json
 * publishes its output one character per chunk, as fast as it can) to consumers that do not
 * keep up: a queued client that dispatches nothing until the run is over, and a direct client
 * whose callback is stuck meanwhile. With max_buffered_events at 1000 the client's memory
 * stays flat (the peak RSS is printed), each consumer then gets at most 1000 events and one
 * COMPLETED with error_code "events_overflowed", and the wait returns the whole record. */
#define _POSIX_C_SOURCE 200809L
#include "../c/test_client.h"

#include <airops.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define EVENTS 200000
#define LIMIT 1000
/* Well above what 1000 buffered events take, well below what 200,000 would. */
#define RSS_GROWTH_LIMIT_KB (24 * 1024)

typedef struct consumer {
    atomic_int chunks;
    atomic_int completed;
    atomic_int overflowed;
    atomic_int stuck; /* the direct callback blocks while this is set */
} consumer;

static long rss_kb(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (status && fgets(line, sizeof line, status)) {
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
    }
    if (status) fclose(status);
    return kb;
}

static void sleep_ms(long ms) {
    struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

static void on_event(const airops_event *event, void *user_data) {
    consumer *seen = user_data;
    while (atomic_load(&seen->stuck)) sleep_ms(5);
    if (event->kind == AIROPS_EVENT_CHUNK) atomic_fetch_add(&seen->chunks, 1);
    if (event->kind == AIROPS_EVENT_COMPLETED) {
        atomic_fetch_add(&seen->completed, 1);
        const char *code = event->error_code;
        if (code && strcmp(code, "events_overflowed") == 0) {
            atomic_fetch_add(&seen->overflowed, 1);
            CHECK(strstr(event->json, "error_message") != NULL);
        }
    }
}

static airops_client *new_client(airops_delivery delivery) {
    airops_options *options = test_options(delivery);
    CHECK(airops_options_set_max_buffered_events(options, LIMIT, NULL) == AIROPS_OK);
    return test_client_from(options);
}

/* The record of `id`, fetched on another handle, is final. */
static int finished(airops_client *client, const char *id) {
    airops_execution *other = NULL;
    airops_result *result = NULL;
    int done = 0;
    if (airops_execution_open(client, id, &other, NULL) == AIROPS_OK && airops_execution_fetch(other, &result, NULL) == AIROPS_OK) {
        done = airops_result_state(result) == AIROPS_STATE_SUCCESS;
    }
    airops_result_free(result);
    airops_execution_free(other);
    return done;
}

static void flood(airops_delivery delivery, const char *inputs, long baseline) {
    airops_client *client = new_client(delivery);
    consumer seen = {0};
    atomic_store(&seen.stuck, delivery == AIROPS_DELIVERY_DIRECT);
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(client, "firehose", inputs, 0, on_event, &seen, &execution, NULL) == AIROPS_OK);
    if (execution == NULL) return;
    long peak = 0;
    /* Until the run is over nobody takes the events: bounded, 60 s at most. */
    for (int tick = 0; tick < 1200 && !finished(client, airops_execution_id(execution)); tick++) {
        long now = rss_kb();
        if (now > peak) peak = now;
        sleep_ms(50);
    }
    long now = rss_kb();
    if (now > peak) peak = now;
    atomic_store(&seen.stuck, 0);
    if (delivery == AIROPS_DELIVERY_QUEUED) {
        struct pollfd waiting = {.fd = airops_client_event_fd(client), .events = POLLIN};
        for (int tick = 0; tick < 200 && atomic_load(&seen.completed) == 0; tick++) {
            if (poll(&waiting, 1, 50) == 1) CHECK(airops_client_dispatch(client, 0, NULL, NULL) == AIROPS_OK);
        }
    }
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 20000, &result, NULL) == AIROPS_OK);
    CHECK(result != NULL && airops_result_state(result) == AIROPS_STATE_SUCCESS);
    const char *output = result ? airops_result_output(result) : NULL;
    CHECK(output != NULL && strlen(output) == EVENTS && strspn(output, "x") == EVENTS);
    printf("%s consumer: %d of %d chunks delivered, then %d COMPLETED (%d overflowed); peak RSS %ld kB, %+ld kB over the "
           "%ld kB before\n",
           delivery == AIROPS_DELIVERY_QUEUED ? "queued" : "direct", atomic_load(&seen.chunks), EVENTS,
           atomic_load(&seen.completed), atomic_load(&seen.overflowed), peak, peak - baseline, baseline);
    /* Queued: the execution's buffer, and as many callbacks waiting for dispatch. */
    CHECK(atomic_load(&seen.chunks) <= (delivery == AIROPS_DELIVERY_QUEUED ? 2 * LIMIT : LIMIT) + 1);
    CHECK(atomic_load(&seen.completed) == 1 && atomic_load(&seen.overflowed) == 1);
    CHECK(peak - baseline < RSS_GROWTH_LIMIT_KB);
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(client);
}

int main(void) {
    static char inputs[EVENTS + 64];
    int length = snprintf(inputs, sizeof inputs, "{\"text\": \"");
    memset(inputs + length, 'x', EVENTS);
    snprintf(inputs + length + EVENTS, sizeof inputs - (size_t)length - EVENTS, "\"}");
    /* Warm up: the realtime connection, the event loops, the allocator's arenas. */
    airops_client *warm = new_client(AIROPS_DELIVERY_DIRECT);
    consumer seen = {0};
    airops_execution *execution = NULL;
    CHECK(airops_app_execute_stream(warm, "firehose", "{\"text\": \"warm\"}", 0, on_event, &seen, &execution, NULL) == AIROPS_OK);
    airops_result *result = NULL;
    CHECK(airops_execution_wait(execution, 10000, &result, NULL) == AIROPS_OK);
    airops_result_free(result);
    airops_execution_free(execution);
    airops_client_free(warm);
    long baseline = rss_kb();
    flood(AIROPS_DELIVERY_QUEUED, inputs, baseline);
    flood(AIROPS_DELIVERY_DIRECT, inputs, baseline);
    return check_summary("test_flood");
}
