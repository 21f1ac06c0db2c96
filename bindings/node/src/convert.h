/* Conversions between JavaScript values and the C types of airops.h. An argument that cannot
 * be converted throws a TypeError and makes the converter return false; the native function
 * then returns NULL so that the exception reaches the caller. */
#ifndef AIROPS_NODE_CONVERT_H
#define AIROPS_NODE_CONVERT_H

#define NAPI_VERSION 8
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>

#include <airops.h>

/* The kinds of native pointer handed to JavaScript as tagged externals, so that a pointer of
 * one kind is never taken for another. */
typedef enum handle_kind {
    HANDLE_OPTIONS,
    HANDLE_CLIENT,
    HANDLE_EXECUTION,
    HANDLE_RELAY,
    HANDLE_LISTENER,
    HANDLE_WATCH,
    HANDLE_KIND_COUNT
} handle_kind;

/* Reads up to `count` arguments into `argv` (missing ones are undefined). */
bool get_args(napi_env env, napi_callback_info info, size_t count, napi_value *argv);

/* A string argument as a new NUL-terminated copy (free() it), or NULL for null/undefined. */
bool arg_string(napi_env env, napi_value value, const char *what, char **out);

/* An integral number argument that fits int64_t. */
bool arg_int64(napi_env env, napi_value value, const char *what, int64_t *out);

/* An integral number argument that fits int. */
bool arg_int(napi_env env, napi_value value, const char *what, int *out);

/* A boolean argument. */
bool arg_bool(napi_env env, napi_value value, const char *what, bool *out);

/* A JavaScript function argument. */
bool arg_function(napi_env env, napi_value value, const char *what);

/* A native pointer of `kind` (NULL for null/undefined: the library then reports its own
 * invalid-argument error, as for a closed handle). */
bool arg_handle(napi_env env, napi_value value, handle_kind kind, void **out);

/* A native pointer of `kind` that must be there (a TypeError for null/undefined). */
bool arg_required_handle(napi_env env, napi_value value, handle_kind kind, void **out);

/* A tagged external for `pointer`, or null for NULL. */
napi_value handle_value(napi_env env, handle_kind kind, void *pointer);

/* A string, or null for NULL. */
napi_value string_value(napi_env env, const char *text);

napi_value number_value(napi_env env, double number);
napi_value bool_value(napi_env env, bool flag);
napi_value null_value(napi_env env);
napi_value undefined_value(napi_env env);

/* Sets `object[name] = value`. */
void set_property(napi_env env, napi_value object, const char *name, napi_value value);

/* An AirOpsError (made by the JavaScript factory given to load()) for a code, status, message. */
napi_value error_value(napi_env env, int code, int http_status, const char *message);

/* The AirOpsError for an airops_error (its code, HTTP status and message). */
napi_value failure_value(napi_env env, const airops_error *error);

/* Throws the AirOpsError of a failed call and frees `error`; returns NULL for the caller to
 * return. */
napi_value throw_failure(napi_env env, airops_error *error);

/* undefined for AIROPS_OK, else throw_failure(). */
napi_value outcome_value(napi_env env, airops_code code, airops_error *error);

/* Remembers the JavaScript function that makes AirOpsError objects for this environment. */
bool set_error_factory(napi_env env, napi_value factory);

#endif
