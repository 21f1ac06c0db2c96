/* Per-call overhead: airops_execution_fetch of a finished execution against the same GET
 * (same URL, same headers) with a reused libcurl easy handle and on a raw keep-alive socket,
 * alternating round by round in one process. What each does with the answer: the SDK parses
 * the record into an airops_result (freed at once), libcurl copies the body into memory, the
 * raw socket leaves it in its read buffer.
 * Usage: overhead ROUNDS CALLS_PER_ROUND. Prints {"sdk_us": [...], "curl_us": [...],
 * "raw_us": [...], "sdk_cpu_us": [...], "curl_cpu_us": [...], "raw_cpu_us": [...]}: per round,
 * the mean wall time of one call, and the process's CPU time (user + system, every thread,
 * so the library's own too) per call. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "curl_http.h"
#include "raw_http.h"

#include <sys/resource.h>

typedef struct contender {
    const char *name; /* the prefix of its series in the JSON */
    void (*call)(void *state);
    void *state;
    double *wall_us, *cpu_us; /* one value a round */
} contender;

typedef struct raw_get {
    raw_http http;
    const char *path;
} raw_get;

static void sdk_call(void *execution) {
    airops_result *result = NULL;
    airops_error *error = NULL;
    if (airops_execution_fetch(execution, &result, &error) != AIROPS_OK) bench_fail("airops_execution_fetch", error);
    airops_result_free(result);
}

static void curl_call(void *http) {
    if (curl_http_get(http) != 200) bench_fail("libcurl GET", NULL);
}

static void raw_call(void *state) {
    raw_get *get = state;
    if (raw_http_request(&get->http, "GET", get->path, "application/json", NULL, NULL) != 200) {
        bench_fail("raw GET", NULL);
    }
}

static double cpu_now_us(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

/* `calls` calls; the wall and CPU time of one, on average. */
static void measure(const contender *contender, long calls, double *wall_us, double *cpu_us) {
    double cpu_start = cpu_now_us();
    int64_t start = bench_now_ns();
    for (long i = 0; i < calls; i++) contender->call(contender->state);
    *wall_us = (double)(bench_now_ns() - start) / 1e3 / (double)calls;
    *cpu_us = (cpu_now_us() - cpu_start) / (double)calls;
}

int main(int argc, char **argv) {
    long rounds = bench_arg(argc, argv, 1, 20), calls = bench_arg(argc, argv, 2, 500);
    airops_client *client = bench_client();
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    if (airops_app_execute(client, "instant", "{\"text\": \"hi\"}", 0, &execution, &error) != AIROPS_OK ||
        airops_execution_wait(execution, 10000, &result, &error) != AIROPS_OK) {
        bench_fail("starting the execution to fetch", error);
    }
    if (airops_result_state(result) != AIROPS_STATE_SUCCESS) bench_fail("the execution to fetch", NULL);
    airops_result_free(result);

    char path[256];
    snprintf(path, sizeof path, "/sdk_api/airops_apps/executions/%s", airops_execution_id(execution));
    raw_get raw = {.path = path};
    raw_http_open(&raw.http);
    const char *body = NULL;
    if (raw_http_request(&raw.http, "GET", path, "application/json", NULL, &body) != 200 ||
        strstr(body, "\"success\"") == NULL) {
        bench_fail("the raw GET's answer", NULL);
    }
    curl_http curl;
    curl_http_open(&curl, path);
    if (curl_http_get(&curl) != 200 || curl.body == NULL || strstr(curl.body, "\"success\"") == NULL) {
        bench_fail("the libcurl GET's answer", NULL);
    }

    double *series = calloc(6 * (size_t)rounds, sizeof *series);
    if (series == NULL) return 1;
    contender contenders[] = {
        {"sdk", sdk_call, execution, series, series + rounds},
        {"curl", curl_call, &curl, series + 2 * rounds, series + 3 * rounds},
        {"raw", raw_call, &raw, series + 4 * rounds, series + 5 * rounds},
    };
    enum { CONTENDERS = sizeof contenders / sizeof *contenders };

    /* Warm-up: connections open, code paths and allocators hot, before anything counts. */
    for (int c = 0; c < CONTENDERS; c++) {
        double wall_us, cpu_us;
        measure(&contenders[c], calls / 5 + 1, &wall_us, &cpu_us);
    }
    /* A B C A B C: drift in the machine's load hits every contender alike. */
    for (long round = 0; round < rounds; round++) {
        for (int c = 0; c < CONTENDERS; c++) {
            measure(&contenders[c], calls, &contenders[c].wall_us[round], &contenders[c].cpu_us[round]);
        }
    }
    char prefix[64];
    for (int c = 0; c < CONTENDERS; c++) {
        snprintf(prefix, sizeof prefix, "%s\"%s_us\": ", c ? ", " : "{", contenders[c].name);
        bench_print_series(prefix, contenders[c].wall_us, rounds);
    }
    for (int c = 0; c < CONTENDERS; c++) {
        snprintf(prefix, sizeof prefix, ", \"%s_cpu_us\": ", contenders[c].name);
        bench_print_series(prefix, contenders[c].cpu_us, rounds);
    }
    printf("}\n");
    free(series);

    curl_http_close(&curl);
    raw_http_close(&raw.http);
    airops_execution_free(execution);
    airops_client_free(client);
    return 0;
}
