#include "convert.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library.h"

/* One tag per handle_kind (random 128-bit values; any distinct ones would do). */
static const napi_type_tag handle_tags[HANDLE_KIND_COUNT] = {
    {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e01ULL}, {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e02ULL},
    {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e03ULL}, {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e04ULL},
    {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e05ULL}, {0x5a1c0f0b3e2d4c71ULL, 0x8f0e6a3b2c1d0e06ULL},
};

static const char *const handle_names[HANDLE_KIND_COUNT] = {"options", "client", "execution",
                                                            "relay",   "listener", "watch"};

/* Per-environment state (main thread and each worker): the AirOpsError factory. */
typedef struct addon_state {
    napi_ref error_factory;
} addon_state;

static bool type_error(napi_env env, const char *what, const char *expected) {
    char message[256];
    snprintf(message, sizeof message, "%s must be %s", what, expected);
    napi_throw_type_error(env, NULL, message);
    return false;
}

bool get_args(napi_env env, napi_callback_info info, size_t count, napi_value *argv) {
    size_t argc = count;
    return napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok;
}

static bool is_nullish(napi_env env, napi_value value) {
    napi_valuetype type;
    return napi_typeof(env, value, &type) == napi_ok && (type == napi_null || type == napi_undefined);
}

bool arg_string(napi_env env, napi_value value, const char *what, char **out) {
    *out = NULL;
    if (is_nullish(env, value)) return true;
    size_t length = 0;
    if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return type_error(env, what, "a string");
    char *text = malloc(length + 1);
    if (text == NULL) {
        napi_throw_error(env, NULL, "out of memory");
        return false;
    }
    napi_get_value_string_utf8(env, value, text, length + 1, &length);
    /* C strings end at the first NUL: a string holding one would be cut short silently. */
    if (strlen(text) != length) {
        free(text);
        return type_error(env, what, "a string without NUL characters");
    }
    *out = text;
    return true;
}

static bool arg_integer(napi_env env, napi_value value, const char *what, double low, double high, double *out) {
    if (napi_get_value_double(env, value, out) != napi_ok) return type_error(env, what, "a number");
    if (!isfinite(*out) || trunc(*out) != *out || *out < low || *out >= high) {
        char message[256];
        snprintf(message, sizeof message, "%s must be an integer in range, not %g", what, *out);
        napi_throw_range_error(env, NULL, message);
        return false;
    }
    return true;
}

bool arg_int64(napi_env env, napi_value value, const char *what, int64_t *out) {
    double number;
    /* 2^63 as a double: every integral double below it fits int64_t. */
    if (!arg_integer(env, value, what, -9223372036854775808.0, 9223372036854775808.0, &number)) return false;
    *out = (int64_t)number;
    return true;
}

bool arg_int(napi_env env, napi_value value, const char *what, int *out) {
    double number;
    if (!arg_integer(env, value, what, (double)INT_MIN, (double)INT_MAX + 1.0, &number)) return false;
    *out = (int)number;
    return true;
}

bool arg_bool(napi_env env, napi_value value, const char *what, bool *out) {
    if (napi_get_value_bool(env, value, out) != napi_ok) return type_error(env, what, "a boolean");
    return true;
}

bool arg_function(napi_env env, napi_value value, const char *what) {
    napi_valuetype type;
    if (napi_typeof(env, value, &type) != napi_ok || type != napi_function) return type_error(env, what, "a function");
    return true;
}

bool arg_handle(napi_env env, napi_value value, handle_kind kind, void **out) {
    *out = NULL;
    if (is_nullish(env, value)) return true;
    bool tagged = false;
    napi_valuetype type;
    if (napi_typeof(env, value, &type) != napi_ok || type != napi_external ||
        napi_check_object_type_tag(env, value, &handle_tags[kind], &tagged) != napi_ok || !tagged) {
        char expected[64];
        snprintf(expected, sizeof expected, "a native %s handle", handle_names[kind]);
        return type_error(env, handle_names[kind], expected);
    }
    return napi_get_value_external(env, value, out) == napi_ok;
}

bool arg_required_handle(napi_env env, napi_value value, handle_kind kind, void **out) {
    if (!arg_handle(env, value, kind, out)) return false;
    if (*out == NULL) return type_error(env, handle_names[kind], "given");
    return true;
}

napi_value handle_value(napi_env env, handle_kind kind, void *pointer) {
    if (pointer == NULL) return null_value(env);
    napi_value value;
    napi_create_external(env, pointer, NULL, NULL, &value);
    napi_type_tag_object(env, value, &handle_tags[kind]);
    return value;
}

napi_value string_value(napi_env env, const char *text) {
    if (text == NULL) return null_value(env);
    napi_value value;
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value);
    return value;
}

napi_value number_value(napi_env env, double number) {
    napi_value value;
    napi_create_double(env, number, &value);
    return value;
}

napi_value bool_value(napi_env env, bool flag) {
    napi_value value;
    napi_get_boolean(env, flag, &value);
    return value;
}

napi_value null_value(napi_env env) {
    napi_value value;
    napi_get_null(env, &value);
    return value;
}

napi_value undefined_value(napi_env env) {
    napi_value value;
    napi_get_undefined(env, &value);
    return value;
}

void set_property(napi_env env, napi_value object, const char *name, napi_value value) {
    napi_set_named_property(env, object, name, value);
}

static void free_state(napi_env env, void *data, void *hint) {
    (void)hint;
    addon_state *state = data;
    napi_delete_reference(env, state->error_factory);
    free(state);
}

bool set_error_factory(napi_env env, napi_value factory) {
    if (!arg_function(env, factory, "the error factory")) return false;
    addon_state *state = NULL;
    napi_get_instance_data(env, (void **)&state);
    if (state == NULL) {
        state = calloc(1, sizeof *state);
        if (state == NULL || napi_set_instance_data(env, state, free_state, NULL) != napi_ok) {
            free(state);
            napi_throw_error(env, NULL, "out of memory");
            return false;
        }
    } else {
        napi_delete_reference(env, state->error_factory);
    }
    return napi_create_reference(env, factory, 1, &state->error_factory) == napi_ok;
}

napi_value error_value(napi_env env, int code, int http_status, const char *message) {
    addon_state *state = NULL;
    napi_value factory, error = NULL;
    napi_value argv[4] = {number_value(env, code), string_value(env, lib.airops_code_name((airops_code)code)),
                          number_value(env, http_status), string_value(env, message)};
    if (napi_get_instance_data(env, (void **)&state) != napi_ok || state == NULL ||
        napi_get_reference_value(env, state->error_factory, &factory) != napi_ok ||
        napi_call_function(env, undefined_value(env), factory, 4, argv, &error) != napi_ok) {
        /* Only before load() has set the factory: a plain Error still says what failed. */
        napi_create_error(env, NULL, argv[3], &error);
    }
    return error;
}

napi_value failure_value(napi_env env, const airops_error *error) {
    return error_value(env, lib.airops_error_code(error), lib.airops_error_http_status(error),
                       lib.airops_error_message(error));
}

napi_value throw_failure(napi_env env, airops_error *error) {
    napi_throw(env, failure_value(env, error));
    lib.airops_error_free(error);
    return NULL;
}

napi_value outcome_value(napi_env env, airops_code code, airops_error *error) {
    return code == AIROPS_OK ? undefined_value(env) : throw_failure(env, error);
}
