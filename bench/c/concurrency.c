/* Concurrency: STREAMS (default 1000) streamed executions at once on one client. Samples
 * the dev server's /dev/stats meanwhile for the realtime connections open, and reads the
 * process's peak RSS at the end. Usage: concurrency STREAMS. Prints {"streams": N,
 * "events": N, "expected": N, "max_realtime_connections": N, "realtime_connections_opened": N,
 * "peak_rss_mb": X, "seconds": S}. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "streams.h"

#include "../../tests/c/dev_server.h"

#include <sys/resource.h>

/* The bench config's "crowd" app: 2 s, its output "crowd" in 4 chunks. */
#define CROWD_EVENTS 5

static long stat_now(const char *field) {
    char body[512];
    if (dev_request("GET", "/dev/stats", body, sizeof body) != 200) bench_fail("GET /dev/stats", NULL);
    return dev_stat(body, field);
}

static void sample_connections(void *user_data) {
    long *most = user_data, open = stat_now("realtime_connections");
    if (open > *most) *most = open;
}

int main(int argc, char **argv) {
    long count = bench_arg(argc, argv, 1, 1000), most = 0, opened_before = stat_now("realtime_connections_total");
    airops_client *client = bench_client();
    streams s;
    streams_start(&s, client, count, "crowd", "{\"text\":\"crowd\"}");
    double seconds = streams_finish(&s, 120, sample_connections, &most);
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("{\"streams\": %ld, \"events\": %ld, \"expected\": %ld, \"max_realtime_connections\": %ld, "
           "\"realtime_connections_opened\": %ld, \"peak_rss_mb\": %.1f, \"seconds\": %.3f}\n",
           count, s.events, count * CROWD_EVENTS, most, stat_now("realtime_connections_total") - opened_before,
           (double)usage.ru_maxrss / 1024.0, seconds);
    airops_client_free(client);
    return 0;
}
