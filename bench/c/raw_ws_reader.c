/* The throughput limit: a minimal WebSocket client on a plain socket that does what the SDK
 * does for N streams, and nothing more. It opens one Pusher connection, authorizes each
 * private channel at /sdk_api/pusher/auth and subscribes, starts the executions over
 * keep-alive HTTP, and counts text frames until every stream's `completed` arrived; it
 * never parses an event. Usage: raw_ws_reader STREAMS CHUNKS_PER_STREAM. Prints
 * {"events": N, "seconds": S, "cpu_seconds": S}: the CPU time it used tells whether the server
 * or the reader set the pace. Fails unless exactly STREAMS * (CHUNKS + 1) events came. */
#define _GNU_SOURCE /* memmem */
#include "bench.h"
#include "firehose.h"
#include "raw_http.h"

#include <pthread.h>
#include <sys/resource.h>

#define WS_BUFFER (4 << 20)

typedef struct ws_reader {
    int fd;
    size_t start, end; /* unread bytes: buffer[start..end) */
    char *buffer;
    long streams, events, completed;
} ws_reader;

/* Sends one text frame, masked as a client must (with a zero key: masking is not the point). */
static void ws_send(int fd, const char *text) {
    size_t length = strlen(text);
    unsigned char header[8] = {0x81, (unsigned char)(0x80 | length)};
    size_t header_length = 6;
    if (length >= 126) {
        if (length >= 65536) exit(1);
        header[1] = 0x80 | 126;
        header[2] = (unsigned char)(length >> 8);
        header[3] = (unsigned char)length;
        header_length = 8;
    }
    raw_write_all(fd, (const char *)header, header_length);
    raw_write_all(fd, text, length);
}

/* The next text frame's payload and length (not NUL-terminated); answers pings. */
static const char *ws_next_text(ws_reader *ws, size_t *out_length) {
    for (;;) {
        const unsigned char *frame = (const unsigned char *)ws->buffer + ws->start;
        size_t have = ws->end - ws->start, header = 2, length = have >= 2 ? frame[1] & 0x7f : 0;
        if (length == 126) {
            header = 4;
            length = have >= 4 ? (size_t)frame[2] << 8 | frame[3] : 0;
        } else if (length == 127) {
            header = 10;
            length = 0;
            for (size_t i = 0; i < 8 && have >= 10; i++) length = length << 8 | frame[2 + i];
        }
        if (have >= header && have - header >= length) {
            int opcode = frame[0] & 0x0f;
            const char *payload = (const char *)frame + header;
            ws->start += header + length;
            if (opcode == 0x1) {
                *out_length = length;
                return payload;
            }
            if (opcode == 0x8) {
                fprintf(stderr, "bench: the server closed the WebSocket\n");
                exit(1);
            }
            if (opcode == 0x9) { /* ping: pong with the same payload, zero mask */
                unsigned char pong[6 + 125] = {0x8a, (unsigned char)(0x80 | length)};
                memcpy(pong + 6, payload, length);
                raw_write_all(ws->fd, (const char *)pong, 6 + length);
            }
            continue;
        }
        memmove(ws->buffer, ws->buffer + ws->start, have);
        ws->start = 0;
        ws->end = have;
        ssize_t got = read(ws->fd, ws->buffer + ws->end, WS_BUFFER - ws->end);
        if (got <= 0) {
            fprintf(stderr, "bench: the WebSocket connection closed after %ld events\n", ws->events);
            exit(1);
        }
        ws->end += (size_t)got;
    }
}

static int ws_next_has(ws_reader *ws, const char *needle) {
    size_t length = 0;
    const char *payload = ws_next_text(ws, &length);
    return memmem(payload, length, needle, strlen(needle)) != NULL;
}

/* Opens the Pusher connection; returns its socket id. */
static void ws_open(ws_reader *ws, char *socket_id, size_t size) {
    ws->fd = raw_connect();
    ws->buffer = malloc(WS_BUFFER);
    char request[512];
    snprintf(request, sizeof request,
             "GET /app/%s?protocol=7&client=raw-c&version=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nupgrade: websocket\r\n"
             "connection: Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n",
             bench_env("AIROPS_PUSHER_KEY"));
    raw_write_all(ws->fd, request, strlen(request));
    /* The 101 answer ends at the blank line; frames may follow it in the same read. */
    while (ws->end < 4 || memmem(ws->buffer, ws->end, "\r\n\r\n", 4) == NULL) {
        ssize_t got = read(ws->fd, ws->buffer + ws->end, WS_BUFFER - ws->end);
        if (got <= 0) exit(1);
        ws->end += (size_t)got;
    }
    if (strncmp(ws->buffer, "HTTP/1.1 101", 12) != 0) bench_fail("the WebSocket handshake", NULL);
    ws->start = (size_t)((char *)memmem(ws->buffer, ws->end, "\r\n\r\n", 4) - ws->buffer) + 4;

    size_t length = 0;
    const char *established = ws_next_text(ws, &length);
    const char *at = memmem(established, length, "socket_id", 9);
    if (at == NULL) bench_fail("pusher:connection_established", NULL);
    at += strcspn(at, "0123456789");
    snprintf(socket_id, size, "%.*s", (int)strspn(at, "0123456789."), at);
}

static void *count_frames(void *argument) {
    ws_reader *ws = argument;
    while (ws->completed < ws->streams) {
        ws->events++;
        if (ws_next_has(ws, "\"completed\"")) ws->completed++;
    }
    return NULL;
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv) {
    long streams = bench_arg(argc, argv, 1, 1), chunks = bench_arg(argc, argv, 2, 1000);
    ws_reader ws = {.streams = streams};
    char socket_id[64];
    ws_open(&ws, socket_id, sizeof socket_id);
    raw_http http;
    raw_http_open(&http);
    char (*channels)[64] = calloc((size_t)streams, sizeof *channels);
    char *inputs = firehose_inputs(chunks), *request = malloc(strlen(inputs) + 128);

    double cpu_start = cpu_seconds();
    int64_t start = bench_now_ns();
    for (long i = 0; i < streams; i++) {
        firehose_channel_id(channels[i], sizeof channels[i]);
        char form[256], frame[512];
        const char *answer = NULL;
        snprintf(form, sizeof form, "socket_id=%s&channel_name=private-%s", socket_id, channels[i]);
        if (raw_http_request(&http, "POST", "/sdk_api/pusher/auth", "application/x-www-form-urlencoded", form,
                             &answer) != 200) {
            bench_fail("channel authorization", NULL);
        }
        const char *auth = strstr(answer, "\"auth\"");
        auth = auth ? strchr(auth + 6, '"') : NULL;
        if (auth == NULL) bench_fail("channel authorization's answer", NULL);
        snprintf(frame, sizeof frame,
                 "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-%s\",\"auth\":\"%.*s\"}}",
                 channels[i], (int)strcspn(auth + 1, "\""), auth + 1);
        ws_send(ws.fd, frame);
    }
    for (long confirmed = 0; confirmed < streams;) confirmed += ws_next_has(&ws, "subscription_succeeded");

    pthread_t reader;
    pthread_create(&reader, NULL, count_frames, &ws);
    for (long i = 0; i < streams; i++) {
        sprintf(request, "{\"inputs\":%s,\"stream_channel_id\":\"%s\"}", inputs, channels[i]);
        if (raw_http_request(&http, "POST", "/sdk_api/airops_apps/" FIREHOSE_APP "/async_execute", "application/json",
                             request, NULL) != 200) {
            bench_fail("starting a firehose execution", NULL);
        }
    }
    pthread_join(reader, NULL);
    double seconds = (double)(bench_now_ns() - start) / 1e9;

    if (ws.events != streams * (chunks + 1)) {
        fprintf(stderr, "bench: %ld events, expected %ld\n", ws.events, streams * (chunks + 1));
        return 1;
    }
    printf("{\"events\": %ld, \"seconds\": %.6f, \"cpu_seconds\": %.6f}\n", ws.events, seconds,
           cpu_seconds() - cpu_start);
    free(request);
    free(inputs);
    free(channels);
    raw_http_close(&http);
    close(ws.fd);
    free(ws.buffer);
    return 0;
}
