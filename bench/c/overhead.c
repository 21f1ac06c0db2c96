/* Per-call overhead: airops_execution_fetch of a finished execution against the same GET
 * (same URL, same headers) on a raw keep-alive socket, alternating in one process.
 * Usage: overhead ROUNDS CALLS_PER_ROUND. Prints {"sdk_us": [...], "raw_us": [...]}, the
 * mean time of one call in each round. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "raw_http.h"

static double time_sdk(airops_execution *execution, long calls) {
    int64_t start = bench_now_ns();
    for (long i = 0; i < calls; i++) {
        airops_result *result = NULL;
        airops_error *error = NULL;
        if (airops_execution_fetch(execution, &result, &error) != AIROPS_OK) bench_fail("airops_execution_fetch", error);
        airops_result_free(result);
    }
    return (double)(bench_now_ns() - start) / 1e3 / (double)calls;
}

static double time_raw(raw_http *http, const char *path, long calls) {
    int64_t start = bench_now_ns();
    for (long i = 0; i < calls; i++) {
        if (raw_http_request(http, "GET", path, "application/json", NULL, NULL) != 200) bench_fail("raw GET", NULL);
    }
    return (double)(bench_now_ns() - start) / 1e3 / (double)calls;
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
    raw_http http;
    raw_http_open(&http);
    const char *body = NULL;
    if (raw_http_request(&http, "GET", path, "application/json", NULL, &body) != 200 ||
        strstr(body, "\"success\"") == NULL) {
        bench_fail("the raw GET's answer", NULL);
    }
    /* Warm-up: connections open, code paths and allocators hot, before anything counts. */
    time_sdk(execution, calls / 5 + 1);
    time_raw(&http, path, calls / 5 + 1);

    /* A B A B: drift in the machine's load hits both contenders alike. */
    double *sdk = calloc((size_t)rounds, sizeof *sdk), *raw = calloc((size_t)rounds, sizeof *raw);
    for (long round = 0; round < rounds; round++) {
        sdk[round] = time_sdk(execution, calls);
        raw[round] = time_raw(&http, path, calls);
    }
    bench_print_series("{\"sdk_us\": ", sdk, rounds);
    bench_print_series(", \"raw_us\": ", raw, rounds);
    printf("}\n");
    free(sdk);
    free(raw);

    raw_http_close(&http);
    airops_execution_free(execution);
    airops_client_free(client);
    return 0;
}
