#include "identity.h"

#include <stdlib.h>

#include "library.h"

napi_value hash_user_id(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    char *api_key, *user_id;
    if (!get_args(env, info, 2, argv) || !arg_string(env, argv[0], "apiKey", &api_key)) return NULL;
    if (!arg_string(env, argv[1], "userId", &user_id)) {
        free(api_key);
        return NULL;
    }
    char *hex = NULL;
    airops_error *error = NULL;
    airops_code code = lib.airops_hash_user_id(api_key, user_id, &hex, &error);
    free(api_key);
    free(user_id);
    if (code != AIROPS_OK) return throw_failure(env, error);
    napi_value value = string_value(env, hex);
    lib.airops_string_free(hex);
    return value;
}
