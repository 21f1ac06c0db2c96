/* The throughput workload, shared by its contenders: the bench config's "firehose" app
 * streams its `text` input as one chunk per character with no delay, as fast as the dev
 * server can publish. */
#ifndef AIROPS_BENCH_FIREHOSE_H
#define AIROPS_BENCH_FIREHOSE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIREHOSE_APP "firehose"

/* The inputs JSON for `chunks` chunks: {"text":"xxx..."}; free() it. */
static inline char *firehose_inputs(long chunks) {
    char *inputs = malloc((size_t)chunks + 16);
    if (inputs == NULL) exit(1);
    strcpy(inputs, "{\"text\":\"");
    memset(inputs + 9, 'x', (size_t)chunks);
    strcpy(inputs + 9 + chunks, "\"}");
    return inputs;
}

/* A fresh stream channel id in the uuid form the SDK uses. */
static inline void firehose_channel_id(char *out, size_t size) {
    static unsigned counter;
    if (counter == 0) srand((unsigned)getpid());
    counter++;
    snprintf(out, size, "%08x-%04x-4%03x-8%03x-%012x", (unsigned)rand(), counter & 0xffff, (unsigned)rand() & 0xfff,
             (unsigned)rand() & 0xfff, (unsigned)rand());
}

#endif
