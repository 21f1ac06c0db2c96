/* The baseline's HTTP client: keep-alive HTTP/1.1 over a plain loopback socket, sending the
 * headers the SDK sends (identity, content type, accept, user agent) and reading answers
 * that carry a Content-Length, as the dev server's do. No retries, no timeouts, no TLS:
 * the least work a correct request takes, which makes it the limit the SDK is held to. */
#ifndef AIROPS_BENCH_RAW_HTTP_H
#define AIROPS_BENCH_RAW_HTTP_H

#include "bench.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define RAW_HTTP_BUFFER (1 << 20)

typedef struct raw_http {
    int fd;
    size_t used;     /* bytes in buffer: the last answer, then what followed it */
    size_t consumed; /* the length of the last answer, 0 once dropped */
    char saved;      /* the byte after the last answer, overwritten by its NUL */
    char *buffer;    /* RAW_HTTP_BUFFER bytes to read into, as many to write from */
    char *request;
} raw_http;

/* A TCP connection to AIROPS_HOST (http://127.0.0.1:PORT), Nagle off as the SDK's. */
static inline int raw_connect(void) {
    const char *colon = strrchr(bench_env("AIROPS_HOST"), ':');
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0), on = 1;
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        perror("bench: connect");
        exit(1);
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

static inline void raw_http_open(raw_http *http) {
    http->fd = raw_connect();
    http->used = http->consumed = 0;
    http->buffer = calloc(2, RAW_HTTP_BUFFER);
    if (http->buffer == NULL) exit(1);
    http->request = http->buffer + RAW_HTTP_BUFFER;
}

static inline void raw_http_close(raw_http *http) {
    close(http->fd);
    free(http->buffer);
}

static inline void raw_write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t sent = write(fd, bytes, length);
        if (sent <= 0) {
            perror("bench: write");
            exit(1);
        }
        bytes += sent;
        length -= (size_t)sent;
    }
}

/* Reads until `used` holds at least `want` bytes. */
static inline void raw_http_fill(raw_http *http, size_t want) {
    while (http->used < want) {
        ssize_t got = read(http->fd, http->buffer + http->used, RAW_HTTP_BUFFER - 1 - http->used);
        if (got <= 0) {
            fprintf(stderr, "bench: the HTTP connection closed\n");
            exit(1);
        }
        http->used += (size_t)got;
    }
    http->buffer[http->used] = '\0';
}

/* Drops the last answer, keeping what followed it. */
static inline void raw_http_consume(raw_http *http) {
    if (http->consumed == 0) return;
    http->buffer[http->consumed] = http->saved;
    http->used -= http->consumed;
    memmove(http->buffer, http->buffer + http->consumed, http->used);
    http->buffer[http->used] = '\0';
    http->consumed = 0;
}

/* Sends one request with the SDK's headers and reads its answer. Returns the status; the
 * body (NUL-terminated) stays readable until the next request on this connection. */
static inline int raw_http_request(raw_http *http, const char *method, const char *path, const char *content_type,
                                   const char *body, const char **out_body) {
    raw_http_consume(http);
    size_t body_length = body ? strlen(body) : 0;
    int length = snprintf(http->request, RAW_HTTP_BUFFER,
                          "%s %s HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: %s\r\naccept: application/json\r\n"
                          "user-agent: raw-c\r\nuser_id: %s\r\nworkspace_id: %s\r\nuser_id_hashed: %s\r\n"
                          "content-length: %zu\r\n\r\n%s",
                          method, path, content_type, bench_env("AIROPS_USER_ID"), bench_env("AIROPS_WORKSPACE_ID"),
                          bench_env("AIROPS_HASHED_USER_ID"), body_length, body ? body : "");
    if (length < 0 || length >= RAW_HTTP_BUFFER) exit(1);
    raw_write_all(http->fd, http->request, (size_t)length);

    char *end;
    while ((end = strstr(http->buffer, "\r\n\r\n")) == NULL) raw_http_fill(http, http->used + 1);
    size_t header_length = (size_t)(end - http->buffer) + 4;
    long content_length = -1;
    for (char *line = strstr(http->buffer, "\r\n"); line != NULL && line < end; line = strstr(line + 2, "\r\n")) {
        if (strncasecmp(line + 2, "content-length:", 15) == 0) content_length = strtol(line + 17, NULL, 10);
    }
    if (content_length < 0 || header_length + (size_t)content_length >= RAW_HTTP_BUFFER) {
        fprintf(stderr, "bench: an answer without a usable Content-Length\n");
        exit(1);
    }
    http->consumed = header_length + (size_t)content_length;
    raw_http_fill(http, http->consumed);
    http->saved = http->buffer[http->consumed];
    http->buffer[http->consumed] = '\0';
    if (out_body != NULL) *out_body = http->buffer + header_length;
    return atoi(http->buffer + 9);
}

#endif
