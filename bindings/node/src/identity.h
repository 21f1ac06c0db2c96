/* Identity: the hashed user id. */
#ifndef AIROPS_NODE_IDENTITY_H
#define AIROPS_NODE_IDENTITY_H

#include "convert.h"

/* hashUserId(apiKey, userId) -> string; CPU only, so it runs on the calling thread. */
napi_value hash_user_id(napi_env env, napi_callback_info info);

#endif
