/* What every benchmark program shares: clocks, the dev server's banner variables, a client
 * built from them, and failing loudly. Each program prints one JSON object on stdout for
 * bench/run.py and exits non-zero when a contender errs, so that a broken benchmark cannot
 * pass for a slow one. */
#ifndef AIROPS_BENCH_H
#define AIROPS_BENCH_H

#include <airops.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline int64_t bench_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static inline void bench_sleep_ms(long ms) {
    struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

static inline _Noreturn void bench_fail(const char *what, const airops_error *error) {
    fprintf(stderr, "bench: %s failed: %s\n", what, error ? airops_error_message(error) : "");
    exit(1);
}

/* Prints `prefix` and the values as a JSON array. */
static inline void bench_print_series(const char *prefix, const double *values, long count) {
    printf("%s[", prefix);
    for (long i = 0; i < count; i++) printf("%s%.3f", i ? ", " : "", values[i]);
    printf("]");
}

/* A variable of the dev server's banner (tests/with_dev_server.py exports them). */
static inline const char *bench_env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || *value == '\0') {
        fprintf(stderr, "bench: %s is not set: run through bench/run.py\n", name);
        exit(2);
    }
    return value;
}

static inline long bench_arg(int argc, char **argv, int index, long fallback) {
    return argc > index ? strtol(argv[index], NULL, 10) : fallback;
}

/* An identified client of the dev server, with its realtime endpoint. */
static inline airops_client *bench_client(void) {
    airops_options *options = airops_options_new();
    airops_error *error = NULL;
    if (airops_options_load_environment(options, &error) != AIROPS_OK ||
        airops_options_set_identity(options, bench_env("AIROPS_USER_ID"), bench_env("AIROPS_WORKSPACE_ID"),
                                    bench_env("AIROPS_HASHED_USER_ID"), &error) != AIROPS_OK ||
        /* Throughput, not the buffering bound, is measured: a firehose may run ahead. */
        airops_options_set_max_buffered_events(options, 1000000, &error) != AIROPS_OK) {
        bench_fail("options", error);
    }
    airops_client *client = NULL;
    if (airops_client_new(options, &client, &error) != AIROPS_OK) bench_fail("airops_client_new", error);
    airops_options_free(options);
    return client;
}

#endif
