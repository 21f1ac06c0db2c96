/*
 * airops.h — the C interface of libairops, a native client SDK for AirOps apps.
 *
 * One header, one library (libairops.so). Link with -lairops, or use `pkg-config airops`.
 * The declarations are grouped by noun: Version, Errors, Strings, Identity, Options, Client,
 * Events, Apps, Executions, Results.
 *
 * Conventions that hold for every function below
 * ----------------------------------------------
 * Status codes   Every function that can fail returns an airops_code: AIROPS_OK (0) on
 *                success, a positive code otherwise. When it fails and `error` is not NULL,
 *                `*error` receives a new airops_error (code, HTTP status, message) that the
 *                caller frees with airops_error_free(). On success `*error` is left untouched.
 *                Passing NULL for `error` is always allowed. "Errors:" on each function lists
 *                every code it returns; AIROPS_ERR_INTERNAL (a bug) is possible everywhere.
 * NULL           Never a crash, and one rule for every function. A NULL handle or a NULL
 *                required pointer makes a function that returns an airops_code fail with
 *                AIROPS_ERR_INVALID_ARGUMENT before anything is sent; the arguments that may be
 *                NULL say so. A function that returns a value instead gives, for a NULL handle,
 *                the value that means "none": NULL for a string, 0 for a number (so
 *                airops_error_code(NULL) is AIROPS_OK), -1 for a file descriptor,
 *                AIROPS_STATE_UNKNOWN for a state. Every `_free` accepts NULL.
 * Out-parameters Results come back through `out` pointers, which must not be NULL. On
 *                failure `*out` is set to NULL.
 * Strings        Every string is NUL-terminated UTF-8. Strings passed in are copied before
 *                the call returns; the caller keeps ownership. Strings returned through a
 *                `char **` belong to the caller and are freed with airops_string_free().
 *                Strings returned as `const char *` are borrowed from the object they come
 *                from and stay valid until that object is freed.
 * JSON           Inputs, app info and execution records travel as UTF-8 JSON text.
 * Threads        Every function may be called from any thread. Handles may be shared
 *                between threads. Blocking functions say so.
 * Handles        Opaque. Each `_new`/`_open`/`_execute` is paired with a `_free`. A client
 *                must outlive the executions made from it.
 * Bad input      Invalid UTF-8, malformed JSON and unknown ids give
 *                AIROPS_ERR_INVALID_ARGUMENT (or the server's answer), never a crash.
 * Fork           A client or execution made before fork() fails every call in the child with
 *                AIROPS_ERR_FORKED (listed as FORKED below).
 * Deprecation    A function whose name was replaced stays, marked AIROPS_DEPRECATED (a
 *                compiler warning that names the replacement), and behaves as the replacement.
 */
#ifndef AIROPS_H
#define AIROPS_H

#include <stddef.h>
#include <stdint.h>

/* AIROPS_EXTERN marks each function of the library: C linkage (also when included from C++)
 * and default visibility, so that it is found in libairops.so also by code compiled with
 * -fvisibility=hidden. AIROPS_DEPRECATED(message) marks a replaced name. */
#if defined(__GNUC__) || defined(__clang__)
#define AIROPS_VISIBLE __attribute__((visibility("default")))
#define AIROPS_DEPRECATED(message) __attribute__((deprecated(message)))
#else
#define AIROPS_VISIBLE
#define AIROPS_DEPRECATED(message)
#endif
#ifdef __cplusplus
#define AIROPS_EXTERN extern "C" AIROPS_VISIBLE
#else
#define AIROPS_EXTERN extern AIROPS_VISIBLE
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------
 * Handles
 *
 * Opaque types; see "Handles" and "NULL" above.
 * ------------------------------------------------------------------------------------------ */

typedef struct airops_options airops_options;
typedef struct airops_client airops_client;
typedef struct airops_execution airops_execution;
typedef struct airops_result airops_result;
typedef struct airops_error airops_error;

/* ------------------------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------------------------ */

#define AIROPS_VERSION_MAJOR 0
#define AIROPS_VERSION_MINOR 1
#define AIROPS_VERSION_PATCH 0
#define AIROPS_VERSION_STRING "0.1.0"
/** The version as one comparable number: major * 10000 + minor * 100 + patch. */
#define AIROPS_VERSION_NUMBER \
    (AIROPS_VERSION_MAJOR * 10000 + AIROPS_VERSION_MINOR * 100 + AIROPS_VERSION_PATCH)

/** The library's version string, e.g. "0.1.0". Static storage; never free it. */
AIROPS_EXTERN
const char *airops_version(void);

/** The library's version as AIROPS_VERSION_NUMBER computes it, to compare with the header's. */
AIROPS_EXTERN
int airops_version_number(void);

/* ------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------ */

/**
 * Status codes. "The request errors", as the functions below name them, are what any call
 * that sends a request can return: AIROPS_ERR_UNAUTHORIZED, _NOT_FOUND, _BAD_REQUEST,
 * _REDIRECT, _RATE_LIMITED, _SERVER, _NETWORK, _TIMEOUT and _PROTOCOL.
 */
typedef enum airops_code {
    AIROPS_OK = 0,
    /** A NULL or empty required argument, invalid UTF-8, malformed JSON, a value out of range.
     *  Detected before any request is sent. */
    AIROPS_ERR_INVALID_ARGUMENT = 1,
    /** HTTP 401/403: missing or wrong identity (hashed user id, workspace, user id). */
    AIROPS_ERR_UNAUTHORIZED = 2,
    /** HTTP 404: no such app or execution (for this identity). */
    AIROPS_ERR_NOT_FOUND = 3,
    /** Any other HTTP 4xx, e.g. 400 for missing inputs or for cancelling a finished execution. */
    AIROPS_ERR_BAD_REQUEST = 4,
    /** HTTP 429. */
    AIROPS_ERR_RATE_LIMITED = 5,
    /** HTTP 5xx. */
    AIROPS_ERR_SERVER = 6,
    /** The server could not be reached, or the connection broke. */
    AIROPS_ERR_NETWORK = 7,
    /** A deadline passed: a request timeout, or the timeout given to a wait. */
    AIROPS_ERR_TIMEOUT = 8,
    /** The server answered 2xx with a body that is not what the protocol says. */
    AIROPS_ERR_PROTOCOL = 9,
    /** A bug or an unexpected state inside the library. Please report it. */
    AIROPS_ERR_INTERNAL = 10,
    /** The server answered with a redirect (HTTP 3xx) that the redirect policy does not
     *  follow (see airops_options_set_redirects()); the message names the status and target. */
    AIROPS_ERR_REDIRECT = 11,
    /** The client (or its execution) was created in a parent process before fork(). In the
     *  child every call on it fails with this code, at once and without sending anything: its
     *  connections are the parent's. Create a new client in the child. */
    AIROPS_ERR_FORKED = 12,
    /** A non-blocking call that had not ended when its client was freed: its completion runs
     *  with this code during airops_client_free() (see there). */
    AIROPS_ERR_CANCELLED = 13
} airops_code;

/** The error's code. */
AIROPS_EXTERN
airops_code airops_error_code(const airops_error *error);

/** The HTTP status that caused the error, or 0 when no HTTP response was involved. */
AIROPS_EXTERN
int airops_error_http_status(const airops_error *error);

/** A human-readable message: the server's `error` text for HTTP errors, else the library's.
 *  Borrowed from `error`; valid until airops_error_free(). Never NULL for an error. */
AIROPS_EXTERN
const char *airops_error_message(const airops_error *error);

/** Frees an error. */
AIROPS_EXTERN
void airops_error_free(airops_error *error);

/** The name of a code, e.g. "AIROPS_ERR_NOT_FOUND"; "AIROPS_ERR_UNKNOWN" for any other value.
 *  Static storage; never NULL. */
AIROPS_EXTERN
const char *airops_code_name(airops_code code);

/* ------------------------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------------------------ */

/** Frees a string that the library returned through a `char **`. */
AIROPS_EXTERN
void airops_string_free(char *string);

/* ------------------------------------------------------------------------------------------
 * Identity
 * ------------------------------------------------------------------------------------------ */

/**
 * Computes the hashed user id that identifies an end user: the lowercase hex HMAC-SHA256 of
 * `user_id` keyed with the workspace `api_key` (64 characters). Do this on your backend: the
 * API key must never reach an end user's device.
 *
 * Both arguments are hashed as the bytes they hold (HMAC is defined over bytes), so they need
 * not be UTF-8; API keys and user ids normally are.
 * `*out_hex` receives a new string; free it with airops_string_free().
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if an argument is NULL or empty.
 */
AIROPS_EXTERN
airops_code airops_hash_user_id(const char *api_key, const char *user_id, char **out_hex,
                                airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Options
 *
 * A builder for airops_client_new(). Setters copy their arguments, so the options may be
 * freed (or reused) as soon as the client has been created.
 * ------------------------------------------------------------------------------------------ */

/** New options with the defaults: no identity (public apps only), host
 *  "https://app.airops.com", request timeout 30 s. Free with airops_options_free().
 *  Returns NULL only when memory is exhausted. */
AIROPS_EXTERN
airops_options *airops_options_new(void);

/** Frees options. */
AIROPS_EXTERN
void airops_options_free(airops_options *options);

/**
 * Identifies the end user, as the JavaScript SDK's `AirOps.identify` does. All three values are
 * required and sent with every request: `user_id` (your id for the user), `workspace_id` (the
 * AirOps workspace), `hashed_user_id` (see airops_hash_user_id()).
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if any is NULL, empty, not UTF-8, or contains a
 * control character (they travel as HTTP header values).
 */
AIROPS_EXTERN
airops_code airops_options_set_identity(airops_options *options, const char *user_id,
                                        const char *workspace_id, const char *hashed_user_id,
                                        airops_error **error);

/**
 * Sets the API host, e.g. "https://app.airops.com" or "http://127.0.0.1:8080" for the dev
 * server. Requests go to `<host>/sdk_api/...`.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT unless it is an http:// or https:// URL with a host.
 */
AIROPS_EXTERN
airops_code airops_options_set_host(airops_options *options, const char *host,
                                    airops_error **error);

/**
 * Sets the timeout of one HTTP request, from connecting to the last byte of the answer,
 * in milliseconds (default 30000). Values above 2592000000 (30 days) count as 30 days.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if `timeout_ms` is not positive.
 */
AIROPS_EXTERN
airops_code airops_options_set_request_timeout(airops_options *options, int64_t timeout_ms,
                                               airops_error **error);

/**
 * Applies the environment variables that are set: AIROPS_HOST (the API host), and
 * AIROPS_PUSHER_KEY with either AIROPS_REALTIME_URL (an explicit ws:// or wss:// URL, as the
 * dev server prints it) or AIROPS_PUSHER_CLUSTER (hosted Pusher); and the proxies, lower-case
 * names first as in libcurl: https_proxy / HTTPS_PROXY for https:// and wss:// targets,
 * http_proxy / HTTP_PROXY for http:// and ws:// (the upper-case HTTP_PROXY is ignored when
 * REQUEST_METHOD is set, as in a CGI program, where a request may have set it), all_proxy /
 * ALL_PROXY for both when the specific one is unset, no_proxy / NO_PROXY (see
 * airops_options_set_no_proxy()). airops_options_set_proxy() and airops_options_set_no_proxy()
 * override the proxy variables, whenever they are called. The identity is never read from the
 * environment. Other setters called afterwards override these values.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if a variable holds an invalid value (the message names it),
 * including a proxy URL that is not http://.
 */
AIROPS_EXTERN
airops_code airops_options_load_environment(airops_options *options, airops_error **error);

/**
 * Sets the realtime endpoint (Pusher Channels protocol) for streamed executions and chat:
 * an explicit WebSocket URL such as "ws://127.0.0.1:8080" and the Pusher app key. The
 * connection goes to `<url>/app/<key>?protocol=7&...`.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT unless `url` is ws:// or wss:// with a host and `key`
 * is non-empty letters, digits, '-' or '_'.
 */
AIROPS_EXTERN
airops_code airops_options_set_realtime_url(airops_options *options, const char *url, const char *key,
                                            airops_error **error);

/**
 * Sets the realtime endpoint to hosted Pusher: wss://ws-<cluster>.pusher.com with `key`.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for an empty or malformed key or cluster.
 */
AIROPS_EXTERN
airops_code airops_options_set_pusher(airops_options *options, const char *key, const char *cluster,
                                      airops_error **error);

/**
 * Sets how long a realtime subscription may wait for the server's confirmation before the
 * streamed call fails with AIROPS_ERR_TIMEOUT, in milliseconds (default 10000). Values above
 * 2592000000 (30 days) count as 30 days.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if `timeout_ms` is not positive.
 */
AIROPS_EXTERN
airops_code airops_options_set_subscription_timeout(airops_options *options, int64_t timeout_ms,
                                                    airops_error **error);

/**
 * Sets how many events of one streamed execution may wait for its callback, and in
 * AIROPS_DELIVERY_QUEUED how many callbacks may wait for airops_client_dispatch() (default
 * 10000). A consumer that falls further behind gets, instead of the rest of the stream, one
 * AIROPS_EVENT_COMPLETED with `error_code` "events_overflowed" (see airops_event);
 * the execution goes on and airops_execution_wait() returns its record. Memory stays bounded
 * whatever the server sends.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT unless 1 <= `max_events` <= 10000000.
 */
AIROPS_EXTERN
airops_code airops_options_set_max_buffered_events(airops_options *options, size_t max_events,
                                                   airops_error **error);

/**
 * Trusts the certificate authorities in the PEM file `path` instead of the system's, for
 * HTTPS and WSS (e.g. the self-signed certificate of a local server). Certificates are always
 * verified; there is no option to turn that off.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if the file cannot be read. A file that holds no valid
 * certificate fails the first connection (AIROPS_ERR_NETWORK).
 */
AIROPS_EXTERN
airops_code airops_options_set_ca_file(airops_options *options, const char *path, airops_error **error);

/**
 * Sets how often a failed request is sent again (default 2 retries; 0 disables retrying).
 * Retries wait 0.5 s, 1 s, 2 s ... (at most 8 s, with jitter), or what the server's
 * Retry-After asks for when that is at most 60 s. Which calls the library retries:
 * - reads and idempotent calls (airops_app_get, airops_execution_fetch and the polls of
 *   airops_execution_wait, airops_execution_cancel, realtime channel authorization): on
 *   connection errors, timeouts, HTTP 408, 429 and 5xx;
 * - calls that start an execution (airops_app_execute*, airops_app_chat*): only when the
 *   request provably did not reach the server (connection refused) or the server answered
 *   429 or 503, so that the library never starts an execution twice.
 * Every count up to INT_MAX is accepted; a large one retries a failing read practically
 * without end (each wait at most 8 s).
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL options or a negative count.
 */
AIROPS_EXTERN
airops_code airops_options_set_max_retries(airops_options *options, int max_retries, airops_error **error);

/** Severity of a log message, lowest first. */
typedef enum airops_log_level {
    AIROPS_LOG_TRACE = 0,
    AIROPS_LOG_DEBUG = 1,
    AIROPS_LOG_INFO = 2,
    AIROPS_LOG_NOTICE = 3,
    AIROPS_LOG_WARNING = 4,
    AIROPS_LOG_ERROR = 5,
    AIROPS_LOG_CRITICAL = 6
} airops_log_level;

/**
 * Receives the client's log messages (requests and their status, realtime connections,
 * reconnects, protocol problems). `message` is valid during the call. Secrets (hashed user
 * ids, API keys, channel signatures) never appear in messages.
 * Thread: any library thread, possibly several at once; the callback must be thread-safe,
 * must not block, and must not call functions of this library that block.
 */
typedef void (*airops_log_callback)(airops_log_level level, const char *message, void *user_data);

/**
 * Sends the client's log messages at `min_level` and above to `callback` (NULL: no logging,
 * the default). `user_data` is passed back untouched.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL options or an unknown level (any value other
 * than AIROPS_LOG_TRACE ... AIROPS_LOG_CRITICAL).
 */
AIROPS_EXTERN
airops_code airops_options_set_log_callback(airops_options *options, airops_log_level min_level,
                                            airops_log_callback callback, void *user_data,
                                            airops_error **error);

/** How a client delivers the events of streamed executions and chats to their callbacks. */
typedef enum airops_delivery {
    /** On a library thread, one per client, as soon as they arrive: callbacks of one client
     *  never run at the same time, and each execution's run in the order the server sent
     *  them. The default. */
    AIROPS_DELIVERY_DIRECT = 0,
    /** Held until the caller runs airops_client_dispatch() on a thread of its choosing;
     *  airops_client_event_fd() becomes readable whenever events wait. */
    AIROPS_DELIVERY_QUEUED = 1
} airops_delivery;

/** Chooses the delivery mode of the client's callbacks (default AIROPS_DELIVERY_DIRECT).
 *  Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL options or an unknown mode (any other value). */
AIROPS_EXTERN
airops_code airops_options_set_delivery(airops_options *options, airops_delivery delivery,
                                        airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Options: the network (proxies, redirects, transport security)
 *
 * One policy covers every connection of a client: API calls, realtime channel authorization
 * and the realtime WebSocket. The identity headers (user id, workspace id, hashed user id)
 * go to the configured host only. TLS is 1.2 or later, with certificates always verified.
 * ------------------------------------------------------------------------------------------ */

/**
 * Sends every connection through the HTTP proxy `proxy_url`, "http://[user:password@]host[:port]"
 * (port 80 when omitted), overriding HTTPS_PROXY, HTTP_PROXY and ALL_PROXY. Every connection,
 * API and realtime WebSocket alike, is a CONNECT tunnel to the target host, with TLS to the
 * target inside it for https:// and wss://: the proxy relays bytes and never sees a request
 * or the identity headers. Credentials in the URL are percent-decoded and sent as
 * `Proxy-Authorization: Basic`; they never appear in a log or an error message. "" connects
 * directly, whatever the environment says. Hosts that NO_PROXY (or airops_options_set_no_proxy())
 * names are reached directly. A proxy that refuses the tunnel (or wants credentials) fails the
 * call with AIROPS_ERR_NETWORK and a message that names the proxy and says "refused the
 * tunnel" (with the proxy's status where it is known: 407 always).
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL, a URL that is not http:// with a host, a path,
 * or an invalid port.
 */
AIROPS_EXTERN
airops_code airops_options_set_proxy(airops_options *options, const char *proxy_url,
                                     airops_error **error);

/**
 * Sets the hosts reached without the proxy, overriding NO_PROXY: a comma-separated list of
 * host names, domain suffixes (".example.com" and "example.com" both match the domain and
 * its subdomains), IP addresses and CIDR ranges ("10.0.0.0/8", "::1/128"), each optionally
 * with ":port"; "*" matches every host. "" proxies every host. Loopback hosts are proxied
 * too unless the list names them, as in libcurl.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL or an entry that is not one of those forms.
 */
AIROPS_EXTERN
airops_code airops_options_set_no_proxy(airops_options *options, const char *hosts,
                                        airops_error **error);

/** What a client does with an HTTP redirect (3xx with a Location). */
typedef enum airops_redirects {
    /** A 3xx answer is an error (AIROPS_ERR_REDIRECT, the status in
     *  airops_error_http_status(), the target in the message). The default. */
    AIROPS_REDIRECTS_NEVER = 0,
    /** Redirects to the same origin (scheme, host and port) are followed, up to 5 in a row;
     *  any other target is an error as with AIROPS_REDIRECTS_NEVER, so the identity and the
     *  body never reach another origin and https is never downgraded to http. 307 and 308
     *  repeat the method and body; 303, and 301/302 after a POST, continue with a GET. */
    AIROPS_REDIRECTS_SAME_ORIGIN = 1
} airops_redirects;

/** Chooses how redirects are handled (default AIROPS_REDIRECTS_NEVER).
 *  Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL options or an unknown value (any other). */
AIROPS_EXTERN
airops_code airops_options_set_redirects(airops_options *options, airops_redirects redirects,
                                         airops_error **error);

/**
 * Allows (`allow` non-zero, whatever its value) or forbids (0, the default) an identified
 * client to talk plain http:// to a host that is not loopback. By default airops_client_new()
 * refuses such a client, since the hashed user id is a credential; loopback hosts
 * (127.0.0.0/8, ::1, "localhost") are always allowed, so the dev server needs no opt-in.
 * A ws:// realtime URL next to an https:// host is refused whatever this says.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT for NULL options.
 */
AIROPS_EXTERN
airops_code airops_options_allow_insecure_http(airops_options *options, int allow,
                                               airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Client
 *
 * A client holds the connections (HTTP pool, one realtime connection) and delivers the
 * callbacks of its executions and non-blocking calls (see airops_options_set_delivery()).
 * ------------------------------------------------------------------------------------------ */

/**
 * Creates a client. `options` may be NULL for the defaults (a public client of the real
 * service). The client holds its own connection pool; share one client between threads.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if `out` is NULL, for an identified client on plain
 * http:// to a host that is not loopback (see airops_options_allow_insecure_http()), and for a
 * ws:// realtime URL next to an https:// host; AIROPS_ERR_INTERNAL when the client's delivery
 * thread or (AIROPS_DELIVERY_QUEUED) its event pipe cannot be created, e.g. when the process
 * has run out of threads or file descriptors.
 */
AIROPS_EXTERN
airops_code airops_client_new(const airops_options *options, airops_client **out,
                              airops_error **error);

/**
 * Frees a client and closes its connections (HTTP pool and realtime connection). Free every
 * client before the process exits: a delivery thread still running callbacks while the
 * process tears down (or, in Python, while the interpreter finalizes) may crash it.
 * What it guarantees, in this order:
 * - Non-blocking calls that have not ended are cancelled: their completions run once, with
 *   AIROPS_ERR_CANCELLED, before this returns (direct delivery: on the delivery thread;
 *   queued: on the calling thread, here). No completion and no event callback of the client
 *   runs after it returns, so their `user_data` may be freed then.
 * - The events of executions still open stop (as airops_execution_free() stops them); the
 *   handles stay valid until freed, and calls on them fail.
 * - It blocks until the connections are closed and, in direct delivery, until callbacks
 *   already queued (including one running now) have returned. Called from inside one of the
 *   client's callbacks it cannot wait for that one: the rest run right after it returns.
 * - After it returns, the client's log callback is not called again.
 * In a process forked after the client was created it frees nothing (the client's
 * connections are the parent's) and returns at once.
 */
AIROPS_EXTERN
void airops_client_free(airops_client *client);

/**
 * AIROPS_DELIVERY_QUEUED: a file descriptor that is readable whenever events wait for
 * airops_client_dispatch(), and not readable when none do; for select/poll/epoll/asyncio.
 * Owned by the client: do not read, write or close it. -1 in direct delivery and in a forked
 * child.
 */
AIROPS_EXTERN
int airops_client_event_fd(const airops_client *client);

/**
 * AIROPS_DELIVERY_QUEUED: runs the callbacks of up to `max_events` waiting events (0 = all
 * that wait now, as does any count larger than that, up to SIZE_MAX) on the calling thread,
 * and returns at once when none wait. `*out_count` (may be NULL) receives how many ran.
 * Events of freed executions are dropped. Calls from several threads are serialized, so each
 * execution's callbacks still run in order; a call from inside a callback runs the next
 * events before it returns.
 * Errors: INVALID_ARGUMENT for a client in direct delivery; FORKED.
 */
AIROPS_EXTERN
airops_code airops_client_dispatch(airops_client *client, size_t max_events, size_t *out_count,
                                   airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Events
 *
 * A streamed execution or a chat subscribes to a realtime channel before the request that
 * starts it is sent, so no event is missed, and delivers each event to a callback. One
 * realtime connection per client carries every channel; it pings when idle and reconnects
 * (subscribing again) when it drops. Each stream ends with exactly one
 * AIROPS_EVENT_COMPLETED, also when the server's was lost during a reconnect (the library
 * then builds it from the execution's record); cancel and free end it without one.
 * ------------------------------------------------------------------------------------------ */

typedef enum airops_event_kind {
    AIROPS_EVENT_CHUNK = 1,              /**< a piece of a streamed execution's output */
    AIROPS_EVENT_COMPLETED = 2,          /**< the end of the stream */
    AIROPS_EVENT_AGENT_RESPONSE = 3,     /**< a piece of an agent's reply */
    AIROPS_EVENT_AGENT_ACTION = 4,       /**< an agent calls a tool */
    AIROPS_EVENT_AGENT_ACTION_ERROR = 5  /**< a tool call failed */
} airops_event_kind;

/** AIROPS_EVENT_CHUNK: `{"content": ...}`. */
typedef struct airops_chunk_event {
    const char *content;
} airops_chunk_event;

/** AIROPS_EVENT_COMPLETED: `{"content": ...}` for an execution, `{"result": ...}` for a chat. */
typedef struct airops_completed_event {
    const char *content;        /**< the whole output of an execution; NULL for a chat */
    const char *result;         /**< the whole reply of a chat; NULL for an execution */
} airops_completed_event;

/** AIROPS_EVENT_AGENT_RESPONSE: `{"token": ..., "stream_finished": ..., "result": ...}`. */
typedef struct airops_agent_response_event {
    const char *token;
    int stream_finished;        /**< 1 on the reply's last token, else 0 */
    const char *result;         /**< the whole reply when stream_finished, else NULL */
} airops_agent_response_event;

/** AIROPS_EVENT_AGENT_ACTION: `{"tool": ..., "tool_input": {...}}`. */
typedef struct airops_agent_action_event {
    const char *tool;
    const char *tool_input_json; /**< the tool's input as JSON text */
} airops_agent_action_event;

/** AIROPS_EVENT_AGENT_ACTION_ERROR: `{"tool": ..., "tool_error": ...}`. */
typedef struct airops_agent_action_error_event {
    const char *tool;
    const char *tool_error;
} airops_agent_action_error_event;

/**
 * An event, valid only while the callback that receives it runs (copy what you keep).
 * Strings are never NULL unless a field says so; a field the server left out reads "".
 */
typedef struct airops_event {
    /** sizeof(airops_event) in the library: fields added in later versions come after the
     *  ones here, and are present only when `size` covers them. */
    size_t size;
    airops_event_kind kind;
    airops_execution *execution; /**< the execution the event belongs to (borrowed) */
    const char *execution_id;
    const char *json;            /**< the event's data as the server sent it (JSON text) */
    union {
        airops_chunk_event chunk;
        airops_completed_event completed;
        airops_agent_response_event agent_response;
        airops_agent_action_event agent_action;
        airops_agent_action_error_event agent_action_error;
    } data;                      /**< the member named by `kind` */
    /** Since 0.1 (present when `size` covers it). AIROPS_EVENT_COMPLETED: NULL, unless the
     *  library ended the stream itself: the execution's error code when it built the event
     *  from a failed execution's record, or "events_overflowed" when more than the client's
     *  max_buffered_events (airops_options_set_max_buffered_events()) waited for this
     *  callback; then the later events were dropped, content/result are "", and
     *  airops_execution_wait() still returns the record. `json` has the "error_message".
     *  NULL for the other kinds. */
    const char *error_code;
} airops_event;

/**
 * Receives the events of one execution, with the `user_data` given when it started.
 * Thread: in AIROPS_DELIVERY_DIRECT, the client's delivery thread (never the caller's, never
 * two callbacks of one client at once); in AIROPS_DELIVERY_QUEUED, the thread that calls
 * airops_client_dispatch(). Order: as the server sent them, per execution.
 * A callback may call any function of this library, including blocking ones (wait, fetch,
 * cancel, free, also of its own execution); while it blocks, the client's other events wait.
 */
typedef void (*airops_event_callback)(const airops_event *event, void *user_data);

/* ------------------------------------------------------------------------------------------
 * Apps
 *
 * Fetch an app's description, start executions of it, chat with an agent app.
 *
 * Non-blocking calls: each blocking call that talks to the server has a `_async` twin that
 * returns at once and reports its outcome to a completion callback, delivered like events:
 * on the client's delivery thread (AIROPS_DELIVERY_DIRECT) or by airops_client_dispatch()
 * (AIROPS_DELIVERY_QUEUED), so that an event loop can drive everything from
 * airops_client_event_fd() without threads of its own. The completion callback runs exactly
 * once unless the call itself fails (then it never runs), at the latest during
 * airops_client_free() (with AIROPS_ERR_CANCELLED when the call had not ended by then). The
 * call itself fails only for NULL pointers and callbacks, invalid UTF-8, malformed JSON and a
 * bad version (INVALID_ARGUMENT, no request sent) and with FORKED; every other error arrives
 * in the callback, including an empty message or session id.
 * ------------------------------------------------------------------------------------------ */

/**
 * Fetches an app's description as JSON (`GET /sdk_api/airops_app_bases/{id}`), e.g.
 * {"id":1,"uuid":"...","name":"...","public":true,...}. Blocks for one request.
 * `*out_json` receives a new string; free it with airops_string_free().
 * Errors: INVALID_ARGUMENT (NULL/empty id), FORKED, the request errors.
 */
AIROPS_EXTERN
airops_code airops_app_get(airops_client *client, const char *app_id, char **out_json,
                           airops_error **error);

/**
 * Starts an execution of an app and returns at once, without waiting for its result
 * (`POST /sdk_api/airops_apps/{id}/async_execute[/v{version}]`). Blocks for one request.
 *
 * `inputs_json`: a JSON object of the app's inputs, e.g. {"name":"Ada"}; NULL means {}.
 * `version`: the app version to run (1 ... 2147483647), or 0 for the app's current version.
 * `*out` receives a handle; free it with airops_execution_free().
 * Errors: INVALID_ARGUMENT (NULL/empty id, malformed JSON, inputs not an object, a negative
 * version or one above 2147483647; no request is sent), FORKED, the request errors
 * (BAD_REQUEST e.g. for a missing input).
 */
AIROPS_EXTERN
airops_code airops_app_execute(airops_client *client, const char *app_id,
                               const char *inputs_json, int64_t version,
                               airops_execution **out, airops_error **error);

/**
 * Starts a streamed execution: like airops_app_execute(), and its output arrives as
 * AIROPS_EVENT_CHUNK events, then one AIROPS_EVENT_COMPLETED. Blocks until the realtime
 * channel is confirmed and the execution has started (for a new client that includes
 * connecting). `on_event` may be NULL (then wait for the result as usual); `user_data` is
 * passed back untouched. The execution's result is fetched the moment `completed` arrives,
 * so airops_execution_wait() returns without polling delay.
 * Errors: those of airops_app_execute(); INVALID_ARGUMENT when no realtime endpoint is set;
 * TIMEOUT when the realtime server does not confirm the subscription in time;
 * UNAUTHORIZED when it refuses it; NETWORK when it cannot be reached.
 */
AIROPS_EXTERN
airops_code airops_app_execute_stream(airops_client *client, const char *app_id,
                                      const char *inputs_json, int64_t version,
                                      airops_event_callback on_event, void *user_data,
                                      airops_execution **out, airops_error **error);

/**
 * Sends a message to an agent app (`POST /sdk_api/agent_apps/{id}/chat_stream`) and streams
 * the answer: AIROPS_EVENT_AGENT_ACTION / _AGENT_ACTION_ERROR for tool calls,
 * AIROPS_EVENT_AGENT_RESPONSE tokens, then AIROPS_EVENT_COMPLETED with the result.
 * `session_id`: the conversation to continue, or NULL to start a new one; read it back with
 * airops_execution_session_id(). `inputs_json`: a JSON object or NULL. Blocks like
 * airops_app_execute_stream(); wait on the returned execution for the final record.
 * Errors: INVALID_ARGUMENT (NULL/empty app id or message, empty session id, malformed
 * inputs), and those of airops_app_execute_stream().
 */
AIROPS_EXTERN
airops_code airops_app_chat(airops_client *client, const char *app_id, const char *message,
                            const char *inputs_json, const char *session_id,
                            airops_event_callback on_event, void *user_data,
                            airops_execution **out, airops_error **error);

/**
 * Completion of airops_app_execute_async() / airops_app_chat_async(). On success `code` is
 * AIROPS_OK and `execution` is a new handle that the callback's receiver owns (free it with
 * airops_execution_free()); otherwise `execution` is NULL and `error` (borrowed, valid during
 * the callback) says why.
 */
typedef void (*airops_execution_callback)(airops_code code, airops_execution *execution,
                                          const airops_error *error, void *user_data);

/**
 * Completion of airops_app_get_async(). On success `code` is AIROPS_OK and `json` is the app's
 * description (borrowed: valid during the callback; copy it to keep it); otherwise `json` is
 * NULL and `error` (borrowed) says why.
 */
typedef void (*airops_json_callback)(airops_code code, const char *json, const airops_error *error,
                                     void *user_data);

/**
 * airops_app_execute() (stream == 0) or airops_app_execute_stream() (stream != 0) without
 * blocking: `on_done` receives the execution. `on_event`/`event_user_data` are the stream's
 * event callback (may be NULL). Errors (returned): INVALID_ARGUMENT for NULL client, app id
 * or callback, malformed inputs, a bad version; FORKED. Errors (in `on_done`): the others of
 * airops_app_execute() or airops_app_execute_stream(), and CANCELLED.
 */
AIROPS_EXTERN
airops_code airops_app_execute_async(airops_client *client, const char *app_id,
                                     const char *inputs_json, int64_t version, int stream,
                                     airops_event_callback on_event, void *event_user_data,
                                     airops_execution_callback on_done, void *user_data,
                                     airops_error **error);

/** airops_app_get() without blocking: `on_done` receives the app's description.
 *  Errors (returned): INVALID_ARGUMENT for NULL client, app id or callback; FORKED.
 *  Errors (in `on_done`): the others of airops_app_get(), and CANCELLED. */
AIROPS_EXTERN
airops_code airops_app_get_async(airops_client *client, const char *app_id, airops_json_callback on_done,
                                 void *user_data, airops_error **error);

/** airops_app_chat() without blocking: `on_done` receives the execution (its session id is
 *  set). Errors (returned): INVALID_ARGUMENT for NULL pointers (as for airops_app_chat()
 *  and `on_done`) and malformed inputs; FORKED. Errors (in `on_done`): the others of
 *  airops_app_chat(), and CANCELLED. */
AIROPS_EXTERN
airops_code airops_app_chat_async(airops_client *client, const char *app_id, const char *message,
                                  const char *inputs_json, const char *session_id,
                                  airops_event_callback on_event, void *event_user_data,
                                  airops_execution_callback on_done, void *user_data,
                                  airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Executions
 *
 * A handle on one execution: fetch its record, wait for it, cancel it.
 * The `_async` twins of fetch, wait and cancel work as the non-blocking calls under Apps.
 * ------------------------------------------------------------------------------------------ */

/**
 * Opens a handle on an existing execution by its id (uuid), e.g. one started by another
 * process, to fetch, wait for or cancel it. Sends no request: an unknown id is reported by
 * the first call that reaches the server (AIROPS_ERR_NOT_FOUND).
 * Errors: INVALID_ARGUMENT (NULL or empty id), FORKED.
 */
AIROPS_EXTERN
airops_code airops_execution_open(airops_client *client, const char *execution_id,
                                  airops_execution **out, airops_error **error);

/** The execution's id (uuid). Borrowed; valid until airops_execution_free(). */
AIROPS_EXTERN
const char *airops_execution_id(const airops_execution *execution);

/** The chat session of an execution started by airops_app_chat(), else NULL. Borrowed;
 *  valid until airops_execution_free(). */
AIROPS_EXTERN
const char *airops_execution_session_id(const airops_execution *execution);

/**
 * Fetches the execution's current record once
 * (`GET /sdk_api/airops_apps/executions/{id}`), whatever its status. Blocks for one request.
 * `*out` receives a result; free it with airops_result_free().
 * Errors: FORKED, the request errors.
 */
AIROPS_EXTERN
airops_code airops_execution_fetch(airops_execution *execution, airops_result **out,
                                   airops_error **error);

/**
 * Blocks until the execution has finished (success, error, cancelled or any other status that
 * is not pending, queued or running) and returns its final record. It polls, starting with
 * short intervals that grow, so that short runs return quickly without flooding the server.
 * For an execution streamed with an event callback in direct delivery it returns only after
 * that callback has returned for the last event (COMPLETED), except when called from inside
 * one of the client's callbacks. (In queued delivery the caller dispatches the events.)
 * Once a run of the same app (and version) started by this client has succeeded, the client
 * knows that app's recent runtime (the records' `runtime`): waiting for an execution it
 * started then fetches once a second at most until the run is likely done, and often right
 * after. A streamed execution returns as soon as its `completed` event arrives.
 *
 * `timeout_ms`: how long to wait at most; a negative value waits without limit (the official
 * clients give up after 10 minutes); 0 fetches once; values above 2592000000 (30 days) count
 * as 30 days. A finished execution with status "error" is a successful
 * wait: inspect airops_result_state() and airops_result_error_message().
 * Errors: TIMEOUT when `timeout_ms` passes first (the execution goes on; wait again or fetch
 * it later), plus those of airops_execution_fetch().
 */
AIROPS_EXTERN
airops_code airops_execution_wait(airops_execution *execution, int64_t timeout_ms,
                                  airops_result **out, airops_error **error);

/**
 * Asks the server to cancel the execution (`PATCH /sdk_api/airops_apps/executions/{id}/cancel`).
 * Blocks for one request. Its final status becomes "cancelled"; wait for it to observe that.
 * A streamed execution's events stop first: when this returns, its callback does not run
 * again (as with airops_execution_free()).
 * Cancelling an execution that is already cancelled succeeds again (AIROPS_OK).
 * Errors: BAD_REQUEST (HTTP 400) when it has already finished with another status (success,
 * error); FORKED and the other request errors.
 */
AIROPS_EXTERN
airops_code airops_execution_cancel(airops_execution *execution, airops_error **error);

/**
 * Frees an execution handle. Does not cancel the execution on the server. Its events stop:
 * when this returns, its callback does not run again, also when it is called from inside
 * that callback (then the callback's `event` stays valid until the callback returns). It
 * waits for a callback of this execution that runs on another thread to return.
 */
AIROPS_EXTERN
void airops_execution_free(airops_execution *execution);

/**
 * Completion of the fetch/wait/cancel `_async` calls. On success `code` is AIROPS_OK and
 * `result` is a new result that the receiver owns (free it with airops_result_free()); it is
 * NULL for cancel. On failure `result` is NULL and `error` (borrowed) says why.
 */
typedef void (*airops_result_callback)(airops_code code, airops_result *result,
                                       const airops_error *error, void *user_data);

/** airops_execution_fetch() without blocking. Errors (returned): INVALID_ARGUMENT for NULL;
 *  FORKED. Errors (in `on_done`): those of airops_execution_fetch(), and CANCELLED. */
AIROPS_EXTERN
airops_code airops_execution_fetch_async(airops_execution *execution, airops_result_callback on_done,
                                         void *user_data, airops_error **error);

/** airops_execution_wait() without blocking; `timeout_ms` means what it means there (< 0
 *  waits without limit, 0 fetches once, at most 30 days). A streamed execution completes the
 *  moment its `completed` event arrives; the completion runs after the execution's last event
 *  callback (both go through the client's delivery, in order). Errors (returned):
 *  INVALID_ARGUMENT for NULL; FORKED. Errors (in `on_done`): those of airops_execution_wait(),
 *  and CANCELLED. */
AIROPS_EXTERN
airops_code airops_execution_wait_async(airops_execution *execution, int64_t timeout_ms,
                                        airops_result_callback on_done, void *user_data,
                                        airops_error **error);

/** airops_execution_cancel() without blocking (the events stop before this returns).
 *  Errors (returned): INVALID_ARGUMENT for NULL; FORKED. Errors (in `on_done`): those of
 *  airops_execution_cancel(), and CANCELLED. */
AIROPS_EXTERN
airops_code airops_execution_cancel_async(airops_execution *execution, airops_result_callback on_done,
                                          void *user_data, airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Results
 *
 * An execution record as the server returned it.
 * ------------------------------------------------------------------------------------------ */

typedef enum airops_state {
    AIROPS_STATE_UNKNOWN = 0, /**< a status this library does not know; see airops_result_status_text() */
    AIROPS_STATE_QUEUED = 1,
    AIROPS_STATE_PENDING = 2,
    AIROPS_STATE_RUNNING = 3,
    AIROPS_STATE_SUCCESS = 4,
    AIROPS_STATE_ERROR = 5,
    AIROPS_STATE_CANCELLED = 6,
    AIROPS_STATE_REVIEW_NEEDED = 7
} airops_state;

/** The status as an enum; airops_result_status_text() has the server's string. */
AIROPS_EXTERN
airops_state airops_result_state(const airops_result *result);

/** The status as the text the server sent, e.g. "success" (also one that airops_state does
 *  not know). Borrowed. */
AIROPS_EXTERN
const char *airops_result_status_text(const airops_result *result);

/** The former name of airops_result_status_text(), which reads as a synonym of
 *  airops_result_state(). */
AIROPS_EXTERN AIROPS_DEPRECATED("renamed airops_result_status_text")
const char *airops_result_status(const airops_result *result);

/** The execution id (uuid). Borrowed. */
AIROPS_EXTERN
const char *airops_result_execution_id(const airops_result *result);

/**
 * The output: the text itself when the server's `output` is a JSON string, the JSON text of
 * any other value (object, array, number), NULL when there is none (null or absent, e.g.
 * while running). Borrowed; valid until airops_result_free(). A C string ends at its first
 * NUL: an output that contains U+0000 reads complete only in airops_result_json().
 */
AIROPS_EXTERN
const char *airops_result_output(const airops_result *result);

/** The server's `error_code`, or NULL when there is none. Borrowed. */
AIROPS_EXTERN
const char *airops_result_error_code(const airops_result *result);

/** The server's `error_message`, or NULL when there is none. Borrowed. */
AIROPS_EXTERN
const char *airops_result_error_message(const airops_result *result);

/** The whole execution record as the JSON text the server sent. Borrowed. */
AIROPS_EXTERN
const char *airops_result_json(const airops_result *result);

/** Frees a result. */
AIROPS_EXTERN
void airops_result_free(airops_result *result);

#ifdef __cplusplus
}
#endif

#endif /* AIROPS_H */
