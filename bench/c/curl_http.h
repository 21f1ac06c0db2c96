/* The libcurl baseline: one easy handle reused for every call, so that libcurl keeps its
 * connection alive, sending the headers the SDK sends (identity, content type, accept, user
 * agent) and reading the body into memory. Only the benchmark links libcurl, never the
 * library. Proxies from the environment are turned off: the call goes straight to loopback,
 * as the SDK's does. */
#ifndef AIROPS_BENCH_CURL_HTTP_H
#define AIROPS_BENCH_CURL_HTTP_H

#include "bench.h"

#include <curl/curl.h>
#include <string.h>

typedef struct curl_http {
    CURL *handle;
    struct curl_slist *headers;
    char *body;      /* the last answer's body, NUL-terminated */
    size_t length;   /* its length */
    size_t capacity; /* kept across calls, as a client reusing its buffer would */
} curl_http;

static inline size_t curl_http_write(char *bytes, size_t size, size_t count, void *context) {
    curl_http *http = context;
    size_t more = size * count;
    if (http->length + more + 1 > http->capacity) {
        size_t capacity = (http->length + more + 1) * 2;
        char *grown = realloc(http->body, capacity);
        if (grown == NULL) return 0; /* libcurl fails the transfer */
        http->body = grown;
        http->capacity = capacity;
    }
    memcpy(http->body + http->length, bytes, more);
    http->length += more;
    http->body[http->length] = '\0';
    return more;
}

static inline void curl_http_header(curl_http *http, const char *name, const char *value) {
    char line[1024];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *headers = curl_slist_append(http->headers, line);
    if (headers == NULL) bench_fail("curl_slist_append", NULL);
    http->headers = headers;
}

/* A handle for GETs of AIROPS_HOST + path. */
static inline void curl_http_open(curl_http *http, const char *path) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) bench_fail("curl_global_init", NULL);
    *http = (curl_http){.handle = curl_easy_init()};
    if (http->handle == NULL) bench_fail("curl_easy_init", NULL);
    char url[512];
    snprintf(url, sizeof url, "%s%s", bench_env("AIROPS_HOST"), path);
    curl_http_header(http, "content-type", "application/json");
    curl_http_header(http, "accept", "application/json");
    curl_http_header(http, "user_id", bench_env("AIROPS_USER_ID"));
    curl_http_header(http, "workspace_id", bench_env("AIROPS_WORKSPACE_ID"));
    curl_http_header(http, "user_id_hashed", bench_env("AIROPS_HASHED_USER_ID"));
    if (curl_easy_setopt(http->handle, CURLOPT_URL, url) != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_HTTPHEADER, http->headers) != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_USERAGENT, "curl-c") != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_PROXY, "") != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_WRITEFUNCTION, curl_http_write) != CURLE_OK ||
        curl_easy_setopt(http->handle, CURLOPT_WRITEDATA, http) != CURLE_OK) {
        bench_fail("curl_easy_setopt", NULL);
    }
}

static inline void curl_http_close(curl_http *http) {
    curl_easy_cleanup(http->handle);
    curl_slist_free_all(http->headers);
    free(http->body);
    curl_global_cleanup();
}

/* One GET. Returns the status; the body stays in `http->body` until the next call. */
static inline long curl_http_get(curl_http *http) {
    http->length = 0;
    CURLcode code = curl_easy_perform(http->handle);
    if (code != CURLE_OK) {
        fprintf(stderr, "bench: libcurl GET failed: %s\n", curl_easy_strerror(code));
        exit(1);
    }
    long status = 0;
    curl_easy_getinfo(http->handle, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

#endif
