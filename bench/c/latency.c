/* Result latency: the time from the server marking an execution done (its record's
 * `updatedAt`, wall clock on the same machine) to the waiting call returning, for three
 * contenders that alternate round by round: the SDK streamed (airops_app_execute_stream,
 * then wait), the SDK not streamed (airops_app_execute, then wait: adaptive polling), and a
 * raw client that polls every 500 ms, the official JS client's rule (it GETs at once, then
 * every 500 ms, and returns right after the GET that sees the end: the JS client sleeps
 * 500 ms more, which this baseline spares itself). Each round runs one execution of every
 * app given at once, one thread each. Usage: latency ROUNDS APP...
 * Prints {"runs": [{"contender", "app", "id", "latency_ms"}...]}; bench/run.py counts each
 * execution's requests in the dev server's request log. */
#define _DEFAULT_SOURCE /* timegm */
#include "bench.h"
#include "raw_http.h"

#include <pthread.h>

#define INPUTS "{\"text\":\"hi\"}"

typedef enum contender { SDK_STREAM, SDK_POLL, POLLER, CONTENDERS } contender;
static const char *const contender_names[CONTENDERS] = {"sdk_stream", "sdk_poll", "poller_500ms"};

typedef struct run {
    contender who;
    const char *app;
    airops_client *client;
    char id[64];
    double latency_ms;
} run;

/* Milliseconds from the record's `updatedAt` ("2024-01-02T03:04:05.678Z") to now. */
static double since_updated_ms(const char *record, const struct timespec *now) {
    const char *at = strstr(record, "\"updatedAt\":\"");
    struct tm time = {0};
    double seconds = 0;
    if (at == NULL || sscanf(at + 13, "%4d-%2d-%2dT%2d:%2d:%lf", &time.tm_year, &time.tm_mon, &time.tm_mday,
                             &time.tm_hour, &time.tm_min, &seconds) != 6) {
        bench_fail("reading updatedAt", NULL);
    }
    time.tm_year -= 1900;
    time.tm_mon -= 1;
    double updated = (double)timegm(&time) + seconds;
    return ((double)now->tv_sec + (double)now->tv_nsec / 1e9 - updated) * 1e3;
}

static void *run_sdk(void *argument) {
    run *r = argument;
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    airops_code code = r->who == SDK_STREAM
                           ? airops_app_execute_stream(r->client, r->app, INPUTS, 0, NULL, NULL, &execution, &error)
                           : airops_app_execute(r->client, r->app, INPUTS, 0, &execution, &error);
    if (code != AIROPS_OK || airops_execution_wait(execution, 30000, &result, &error) != AIROPS_OK) {
        bench_fail(contender_names[r->who], error);
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (airops_result_state(result) != AIROPS_STATE_SUCCESS) bench_fail("an SDK execution's result", NULL);
    r->latency_ms = since_updated_ms(airops_result_json(result), &now);
    snprintf(r->id, sizeof r->id, "%s", airops_execution_id(execution));
    airops_result_free(result);
    airops_execution_free(execution);
    return NULL;
}

static int finished(const char *record) {
    return strstr(record, "\"status\":\"pending\"") == NULL && strstr(record, "\"status\":\"running\"") == NULL &&
           strstr(record, "\"status\":\"queued\"") == NULL;
}

static void *run_poller(void *argument) {
    run *r = argument;
    raw_http http;
    raw_http_open(&http);
    char path[256];
    const char *body = NULL;
    snprintf(path, sizeof path, "/sdk_api/airops_apps/%s/async_execute", r->app);
    if (raw_http_request(&http, "POST", path, "application/json", "{\"inputs\":" INPUTS "}", &body) != 200) {
        bench_fail("the poller's execute", NULL);
    }
    const char *uuid = strstr(body, "\"uuid\":\"");
    if (uuid == NULL) bench_fail("the poller's execute answer", NULL);
    snprintf(r->id, sizeof r->id, "%.36s", uuid + 8);
    snprintf(path, sizeof path, "/sdk_api/airops_apps/executions/%s", r->id);
    for (int poll = 0;; poll++) {
        if (poll > 0) bench_sleep_ms(500);
        if (raw_http_request(&http, "GET", path, "application/json", NULL, &body) != 200) bench_fail("a poll", NULL);
        if (finished(body)) break;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (strstr(body, "\"status\":\"success\"") == NULL) bench_fail("the poller's result", NULL);
    r->latency_ms = since_updated_ms(body, &now);
    raw_http_close(&http);
    return NULL;
}

int main(int argc, char **argv) {
    long rounds = bench_arg(argc, argv, 1, 3), apps = argc - 2;
    if (apps < 1) bench_fail("usage: latency ROUNDS APP...", NULL);
    airops_client *client = bench_client();
    /* Open the realtime connection before anything counts, as a long-lived client has it. */
    run warm = {.who = SDK_STREAM, .app = argv[2], .client = client};
    run_sdk(&warm);

    run *runs = calloc((size_t)(rounds * CONTENDERS * apps), sizeof *runs);
    pthread_t *threads = calloc((size_t)apps, sizeof *threads);
    long done = 0;
    for (long round = 0; round < rounds; round++) {
        for (int who = 0; who < CONTENDERS; who++) {
            for (long i = 0; i < apps; i++) {
                runs[done + i] = (run){.who = (contender)who, .app = argv[2 + i], .client = client};
                pthread_create(&threads[i], NULL, who == POLLER ? run_poller : run_sdk, &runs[done + i]);
            }
            for (long i = 0; i < apps; i++) pthread_join(threads[i], NULL);
            done += apps;
        }
    }
    printf("{\"runs\": [");
    for (long i = 0; i < done; i++) {
        printf("%s{\"contender\": \"%s\", \"app\": \"%s\", \"id\": \"%s\", \"latency_ms\": %.3f}", i ? ", " : "",
               contender_names[runs[i].who], runs[i].app, runs[i].id, runs[i].latency_ms);
    }
    printf("]}\n");
    free(threads);
    free(runs);
    airops_client_free(client);
    return 0;
}
