/* Apps, executions and chats: the non-blocking calls that describe an app and start, fetch,
 * wait for and cancel executions (their completions and events go through a relay, see
 * relay.h), and opening and freeing. */
#ifndef AIROPS_NODE_EXECUTION_H
#define AIROPS_NODE_EXECUTION_H

#include "convert.h"

napi_value app_get_async(napi_env env, napi_callback_info info);
napi_value app_execute_async(napi_env env, napi_callback_info info);
napi_value app_chat_async(napi_env env, napi_callback_info info);
napi_value execution_fetch_async(napi_env env, napi_callback_info info);
napi_value execution_wait_async(napi_env env, napi_callback_info info);
napi_value execution_cancel_async(napi_env env, napi_callback_info info);
napi_value execution_open(napi_env env, napi_callback_info info);
napi_value execution_ids(napi_env env, napi_callback_info info);
napi_value execution_free(napi_env env, napi_callback_info info);

#endif
