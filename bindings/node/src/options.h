/* The airops_options builder: options* JavaScript functions, one per C function. */
#ifndef AIROPS_NODE_OPTIONS_H
#define AIROPS_NODE_OPTIONS_H

#include "convert.h"

napi_value options_new(napi_env env, napi_callback_info info);
napi_value options_free(napi_env env, napi_callback_info info);
napi_value options_set_identity(napi_env env, napi_callback_info info);
napi_value options_set_host(napi_env env, napi_callback_info info);
napi_value options_set_request_timeout(napi_env env, napi_callback_info info);
napi_value options_load_environment(napi_env env, napi_callback_info info);
napi_value options_set_realtime_url(napi_env env, napi_callback_info info);
napi_value options_set_pusher(napi_env env, napi_callback_info info);
napi_value options_set_subscription_timeout(napi_env env, napi_callback_info info);
napi_value options_set_max_buffered_events(napi_env env, napi_callback_info info);
napi_value options_set_ca_file(napi_env env, napi_callback_info info);
napi_value options_set_max_retries(napi_env env, napi_callback_info info);
napi_value options_set_log_callback(napi_env env, napi_callback_info info);
napi_value options_set_delivery(napi_env env, napi_callback_info info);
napi_value options_set_proxy(napi_env env, napi_callback_info info);
napi_value options_set_no_proxy(napi_env env, napi_callback_info info);
napi_value options_set_redirects(napi_env env, napi_callback_info info);
napi_value options_allow_insecure_http(napi_env env, napi_callback_info info);

#endif
