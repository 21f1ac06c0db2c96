/* Queued delivery driven by the event loop: a libuv poll handle on the client's event fd that
 * calls a JavaScript function (which dispatches) whenever events wait. */
#ifndef AIROPS_NODE_WATCH_H
#define AIROPS_NODE_WATCH_H

#include "convert.h"

/* watchStart(fd, onReadable) -> watch: starts unreferenced (it does not keep the loop alive). */
napi_value watch_start(napi_env env, napi_callback_info info);

/* watchRef(watch, on): whether the watch keeps the event loop alive. */
napi_value watch_ref(napi_env env, napi_callback_info info);

/* watchStop(watch): stops it for good; onReadable is not called afterwards. */
napi_value watch_stop(napi_env env, napi_callback_info info);

#endif
