/* Runs many streamed executions at once on one client and waits for them all: each starts
 * with airops_app_execute_async, its events go to a C callback that counts them. Shared by
 * the throughput and the concurrency benchmarks. */
#ifndef AIROPS_BENCH_STREAMS_H
#define AIROPS_BENCH_STREAMS_H

#include "bench.h"

#include <pthread.h>

typedef struct streams {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    long count, events, completed, started, failed;
    int64_t start_ns, finished_ns; /* the first start, the last `completed` */
    airops_execution **executions;
} streams;

/* Direct delivery runs the callbacks on one thread: only the end needs the lock. */
static void streams_on_event(const airops_event *event, void *user_data) {
    streams *s = user_data;
    s->events++;
    if (event->kind != AIROPS_EVENT_COMPLETED) return;
    pthread_mutex_lock(&s->lock);
    if (++s->completed == s->count) {
        s->finished_ns = bench_now_ns();
        pthread_cond_signal(&s->changed);
    }
    pthread_mutex_unlock(&s->lock);
}

static void streams_on_started(airops_code code, airops_execution *execution, const airops_error *error,
                               void *user_data) {
    streams *s = user_data;
    pthread_mutex_lock(&s->lock);
    if (code == AIROPS_OK) {
        s->executions[s->started++] = execution;
    } else {
        fprintf(stderr, "bench: a stream failed to start: %s\n", airops_error_message(error));
        s->failed++;
    }
    pthread_cond_signal(&s->changed);
    pthread_mutex_unlock(&s->lock);
}

/* Starts `count` streamed executions of `app` with `inputs`. */
static void streams_start(streams *s, airops_client *client, long count, const char *app, const char *inputs) {
    *s = (streams){.count = count, .executions = calloc((size_t)count, sizeof *s->executions)};
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    airops_error *error = NULL;
    s->start_ns = bench_now_ns();
    for (long i = 0; i < count; i++) {
        if (airops_app_execute_async(client, app, inputs, 0, 1, streams_on_event, s, streams_on_started, s, &error) !=
            AIROPS_OK) {
            bench_fail("airops_app_execute_async", error);
        }
    }
}

/* Waits up to `timeout_s` for every stream to complete, calling `tick` (may be NULL) about
 * every 50 ms meanwhile; fails unless all did. Frees the executions. Returns the seconds from
 * the first start to the last completion. */
static double streams_finish(streams *s, int timeout_s, void (*tick)(void *), void *tick_data) {
    int64_t deadline = bench_now_ns() + (int64_t)timeout_s * 1000000000;
    pthread_mutex_lock(&s->lock);
    while (s->failed == 0 && (s->completed < s->count || s->started < s->count) && bench_now_ns() < deadline) {
        pthread_mutex_unlock(&s->lock);
        if (tick != NULL) tick(tick_data);
        pthread_mutex_lock(&s->lock);
        struct timespec slice;
        clock_gettime(CLOCK_REALTIME, &slice);
        slice.tv_nsec += 50000000;
        slice.tv_sec += slice.tv_nsec / 1000000000;
        slice.tv_nsec %= 1000000000;
        pthread_cond_timedwait(&s->changed, &s->lock, &slice);
    }
    pthread_mutex_unlock(&s->lock);
    if (s->failed > 0 || s->completed < s->count) {
        fprintf(stderr, "bench: %ld of %ld streams completed\n", s->completed, s->count);
        exit(1);
    }
    for (long i = 0; i < s->started; i++) airops_execution_free(s->executions[i]);
    free(s->executions);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    return (double)(s->finished_ns - s->start_ns) / 1e9;
}

#endif
