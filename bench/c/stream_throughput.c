/* Streaming throughput through the SDK: STREAMS concurrent firehose executions on one
 * client, each event delivered into a C callback that counts it. The clock runs from the
 * first start to the last `completed`, subscriptions included, as the raw reader's does.
 * Usage: stream_throughput STREAMS CHUNKS_PER_STREAM.
 * Prints {"events": N, "expected": N, "seconds": S}. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "firehose.h"
#include "streams.h"

int main(int argc, char **argv) {
    long count = bench_arg(argc, argv, 1, 1), chunks = bench_arg(argc, argv, 2, 1000);
    airops_client *client = bench_client();
    char *inputs = firehose_inputs(chunks);
    streams s;
    /* The realtime connection opens on first use; the raw reader's opens before its clock too. */
    streams_start(&s, client, 1, FIREHOSE_APP, "{\"text\":\"x\"}");
    streams_finish(&s, 30, NULL, NULL);
    streams_start(&s, client, count, FIREHOSE_APP, inputs);
    double seconds = streams_finish(&s, 120, NULL, NULL);
    printf("{\"events\": %ld, \"expected\": %ld, \"seconds\": %.6f}\n", s.events, count * (chunks + 1), seconds);
    free(inputs);
    airops_client_free(client);
    return 0;
}
