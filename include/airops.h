/*
 * airops.h — the C interface of libairops, a native client SDK for AirOps apps.
 *
 * One header, one library (libairops.so). Link with -lairops, or use `pkg-config airops`.
 *
 * Conventions that hold for every function below
 * ----------------------------------------------
 * Status codes   Every function that can fail returns an airops_code: AIROPS_OK (0) on
 *                success, a positive code otherwise. When it fails and `error` is not NULL,
 *                `*error` receives a new airops_error (code, HTTP status, message) that the
 *                caller frees with airops_error_free(). On success `*error` is left untouched.
 *                Passing NULL for `error` is always allowed.
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
 * Handles        Opaque. Each `_new`/`_open`/`_execute` is paired with a `_free`, which
 *                accepts NULL. A client must outlive the executions made from it.
 * Bad input      NULL pointers, invalid UTF-8, malformed JSON and unknown ids give
 *                AIROPS_ERR_INVALID_ARGUMENT (or the server's answer), never a crash.
 */
#ifndef AIROPS_H
#define AIROPS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

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
const char *airops_version(void);

/** The library's version as AIROPS_VERSION_NUMBER computes it, to compare with the header's. */
int airops_version_number(void);

/* ------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------ */

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
    AIROPS_ERR_INTERNAL = 10
} airops_code;

typedef struct airops_error airops_error;

/** The error's code. Returns AIROPS_ERR_INVALID_ARGUMENT for a NULL error. */
airops_code airops_error_code(const airops_error *error);

/** The HTTP status that caused the error, or 0 when no HTTP response was involved. */
int airops_error_http_status(const airops_error *error);

/** A human-readable message: the server's `error` text for HTTP errors, else the library's.
 *  Borrowed from `error`; valid until airops_error_free(). Never NULL ("" for a NULL error). */
const char *airops_error_message(const airops_error *error);

/** Frees an error. Accepts NULL. */
void airops_error_free(airops_error *error);

/** The name of a code, e.g. "AIROPS_ERR_NOT_FOUND". Static storage; never NULL. */
const char *airops_code_name(airops_code code);

/* ------------------------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------------------------ */

/** Frees a string that the library returned through a `char **`. Accepts NULL. */
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
airops_code airops_hash_user_id(const char *api_key, const char *user_id, char **out_hex,
                                airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Client options
 *
 * A builder for airops_client_new(). Setters copy their arguments, so the options may be
 * freed (or reused) as soon as the client has been created.
 * ------------------------------------------------------------------------------------------ */

typedef struct airops_options airops_options;

/** New options with the defaults: no identity (public apps only), host
 *  "https://app.airops.com", request timeout 30 s. Free with airops_options_free().
 *  Returns NULL only when memory is exhausted. */
airops_options *airops_options_new(void);

/** Frees options. Accepts NULL. */
void airops_options_free(airops_options *options);

/**
 * Identifies the end user, as the JavaScript SDK's `AirOps.identify` does. All three values are
 * required and sent with every request: `user_id` (your id for the user), `workspace_id` (the
 * AirOps workspace), `hashed_user_id` (see airops_hash_user_id()).
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if any is NULL, empty, not UTF-8, or contains a
 * control character (they travel as HTTP header values).
 */
airops_code airops_options_set_identity(airops_options *options, const char *user_id,
                                        const char *workspace_id, const char *hashed_user_id,
                                        airops_error **error);

/**
 * Sets the API host, e.g. "https://app.airops.com" or "http://127.0.0.1:8080" for the dev
 * server. Requests go to `<host>/sdk_api/...`.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT unless it is an http:// or https:// URL with a host.
 */
airops_code airops_options_set_host(airops_options *options, const char *host,
                                    airops_error **error);

/**
 * Sets the timeout of one HTTP request, from connecting to the last byte of the answer,
 * in milliseconds (default 30000).
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if `timeout_ms` is not positive.
 */
airops_code airops_options_set_request_timeout(airops_options *options, int64_t timeout_ms,
                                               airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Client
 * ------------------------------------------------------------------------------------------ */

typedef struct airops_client airops_client;

/**
 * Creates a client. `options` may be NULL for the defaults (a public client of the real
 * service). The client holds its own connection pool; share one client between threads.
 * Errors: AIROPS_ERR_INVALID_ARGUMENT if `out` is NULL.
 */
airops_code airops_client_new(const airops_options *options, airops_client **out,
                              airops_error **error);

/**
 * Frees a client and closes its connections. Blocks until its connections are closed.
 * Free every execution of the client before the client. Accepts NULL.
 */
void airops_client_free(airops_client *client);

/**
 * Fetches an app's description as JSON (`GET /sdk_api/airops_app_bases/{id}`), e.g.
 * {"id":1,"uuid":"...","name":"...","public":true,...}. Blocks for one request.
 * `*out_json` receives a new string; free it with airops_string_free().
 * Errors: INVALID_ARGUMENT (NULL/empty id), UNAUTHORIZED, NOT_FOUND, NETWORK, TIMEOUT,
 * SERVER, PROTOCOL.
 */
airops_code airops_app_get(airops_client *client, const char *app_id, char **out_json,
                           airops_error **error);

/* ------------------------------------------------------------------------------------------
 * Executions
 * ------------------------------------------------------------------------------------------ */

typedef struct airops_execution airops_execution;

/**
 * Starts an execution of an app and returns at once, without waiting for its result
 * (`POST /sdk_api/airops_apps/{id}/async_execute[/v{version}]`). Blocks for one request.
 *
 * `inputs_json`: a JSON object of the app's inputs, e.g. {"name":"Ada"}; NULL means {}.
 * `version`: the app version to run, or 0 for the app's current version.
 * `*out` receives a handle; free it with airops_execution_free().
 * Errors: INVALID_ARGUMENT (NULL/empty id, malformed JSON, inputs not an object, negative
 * version; no request is sent), UNAUTHORIZED, NOT_FOUND, BAD_REQUEST (e.g. a missing
 * input), RATE_LIMITED, SERVER, NETWORK, TIMEOUT, PROTOCOL.
 */
airops_code airops_app_execute(airops_client *client, const char *app_id,
                               const char *inputs_json, int64_t version,
                               airops_execution **out, airops_error **error);

/**
 * Opens a handle on an existing execution by its id (uuid), e.g. one started by another
 * process, to fetch, wait for or cancel it. Sends no request: an unknown id is reported by
 * the first call that reaches the server (AIROPS_ERR_NOT_FOUND).
 * Errors: INVALID_ARGUMENT (NULL or empty id).
 */
airops_code airops_execution_open(airops_client *client, const char *execution_id,
                                  airops_execution **out, airops_error **error);

/** The execution's id (uuid). Borrowed; valid until airops_execution_free(). NULL for NULL. */
const char *airops_execution_id(const airops_execution *execution);

typedef struct airops_result airops_result;

/**
 * Fetches the execution's current record once
 * (`GET /sdk_api/airops_apps/executions/{id}`), whatever its status. Blocks for one request.
 * `*out` receives a result; free it with airops_result_free().
 * Errors: UNAUTHORIZED, NOT_FOUND, SERVER, NETWORK, TIMEOUT, PROTOCOL.
 */
airops_code airops_execution_fetch(airops_execution *execution, airops_result **out,
                                   airops_error **error);

/**
 * Blocks until the execution has finished (success, error, cancelled or any other status that
 * is not pending, queued or running) and returns its final record. It polls, starting with
 * short intervals that grow, so that short runs return quickly without flooding the server.
 *
 * `timeout_ms`: how long to wait at most; a negative value waits without limit (the official
 * clients give up after 10 minutes). A finished execution with status "error" is a successful
 * wait: inspect airops_result_state() and airops_result_error_message().
 * Errors: TIMEOUT when `timeout_ms` passes first (the execution goes on; wait again or fetch
 * it later), plus those of airops_execution_fetch().
 */
airops_code airops_execution_wait(airops_execution *execution, int64_t timeout_ms,
                                  airops_result **out, airops_error **error);

/**
 * Asks the server to cancel the execution (`PATCH /sdk_api/airops_apps/executions/{id}/cancel`).
 * Blocks for one request. Its final status becomes "cancelled"; wait for it to observe that.
 * Cancelling an execution that is already cancelled succeeds again (AIROPS_OK).
 * Errors: BAD_REQUEST (HTTP 400) when it has already finished with another status (success,
 * error); NOT_FOUND, UNAUTHORIZED, NETWORK, TIMEOUT, SERVER.
 */
airops_code airops_execution_cancel(airops_execution *execution, airops_error **error);

/** Frees an execution handle. Does not cancel the execution on the server. Accepts NULL. */
void airops_execution_free(airops_execution *execution);

/* ------------------------------------------------------------------------------------------
 * Results: an execution record as the server returned it
 * ------------------------------------------------------------------------------------------ */

typedef enum airops_state {
    AIROPS_STATE_UNKNOWN = 0, /**< a status this library does not know; see airops_result_status() */
    AIROPS_STATE_QUEUED = 1,
    AIROPS_STATE_PENDING = 2,
    AIROPS_STATE_RUNNING = 3,
    AIROPS_STATE_SUCCESS = 4,
    AIROPS_STATE_ERROR = 5,
    AIROPS_STATE_CANCELLED = 6,
    AIROPS_STATE_REVIEW_NEEDED = 7
} airops_state;

/** The status as an enum. AIROPS_STATE_UNKNOWN for NULL. */
airops_state airops_result_state(const airops_result *result);

/** The status string as the server sent it, e.g. "success". Borrowed; "" for NULL. */
const char *airops_result_status(const airops_result *result);

/** The execution id (uuid). Borrowed; "" for NULL. */
const char *airops_result_execution_id(const airops_result *result);

/**
 * The output: the text itself when the server's `output` is a JSON string, the JSON text of
 * any other value (object, array, number), NULL when there is none (null or absent, e.g.
 * while running). Borrowed; valid until airops_result_free().
 */
const char *airops_result_output(const airops_result *result);

/** The server's `error_code`, or NULL when there is none. Borrowed. */
const char *airops_result_error_code(const airops_result *result);

/** The server's `error_message`, or NULL when there is none. Borrowed. */
const char *airops_result_error_message(const airops_result *result);

/** The whole execution record as the JSON text the server sent. Borrowed; "" for NULL. */
const char *airops_result_json(const airops_result *result);

/** Frees a result. Accepts NULL. */
void airops_result_free(airops_result *result);

#ifdef __cplusplus
}
#endif

#endif /* AIROPS_H */
