/* Talks to the dev server's /dev endpoints (test-only: statistics and realtime faults)
 * over a plain loopback HTTP/1.1 request. */
#ifndef AIROPS_TEST_DEV_SERVER_H
#define AIROPS_TEST_DEV_SERVER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Sends `method path` with an optional JSON body and the admin token (AIROPS_DEV_ADMIN_TOKEN)
 * to the loopback server at `base_url` (http://[...@]127.0.0.1:PORT) and copies the response
 * body into `body`. Returns the HTTP status, or -1 on failure. */
static inline int loopback_request(const char *base_url, const char *method, const char *path, const char *json, char *body,
                            size_t size) {
    const char *colon = base_url ? strrchr(base_url, ':') : NULL;
    if (colon == NULL) return -1;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    const char *token = getenv("AIROPS_DEV_ADMIN_TOKEN");
    char request[4096];
    int length = snprintf(request, sizeof request,
                          "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          method, path, token ? token : "", json ? strlen(json) : 0, json ? json : "");
    if (length >= (int)sizeof request) {
        close(fd);
        return -1;
    }
    if (write(fd, request, (size_t)length) != length) {
        close(fd);
        return -1;
    }
    char response[65536];
    size_t used = 0;
    ssize_t got;
    while (used < sizeof response - 1 && (got = read(fd, response + used, sizeof response - 1 - used)) > 0) {
        used += (size_t)got;
    }
    close(fd);
    response[used] = '\0';
    int status = -1;
    if (sscanf(response, "HTTP/1.1 %d", &status) != 1) return -1;
    const char *start = strstr(response, "\r\n\r\n");
    if (body != NULL && size > 0) snprintf(body, size, "%s", start ? start + 4 : "");
    return status;
}

/* loopback_request() to the dev server at AIROPS_HOST. */
static inline int dev_request_json(const char *method, const char *path, const char *json, char *body, size_t size) {
    return loopback_request(getenv("AIROPS_HOST"), method, path, json, body, size);
}

static inline int dev_request(const char *method, const char *path, char *body, size_t size) {
    return dev_request_json(method, path, NULL, body, size);
}

/* A number field of a flat JSON object, e.g. dev_stat(body, "realtime_connections"). */
static inline long dev_stat(const char *json, const char *field) {
    char pattern[128];
    snprintf(pattern, sizeof pattern, "\"%s\":", field);
    const char *at = strstr(json, pattern);
    return at ? strtol(at + strlen(pattern), NULL, 10) : -1;
}

#endif
