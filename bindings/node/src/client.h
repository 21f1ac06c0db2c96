/* The client: create, free, app info, and the queued-delivery descriptor and dispatch. */
#ifndef AIROPS_NODE_CLIENT_H
#define AIROPS_NODE_CLIENT_H

#include "convert.h"

/* clientNew(options) -> client */
napi_value client_new(napi_env env, napi_callback_info info);

/* clientFree(client, waitHere) -> Promise<undefined> on the thread pool, or undefined after
 * freeing on this thread (waitHere: only at process exit, when the loop no longer runs). */
napi_value client_free(napi_env env, napi_callback_info info);

/* appGet(client, appId) -> Promise<string> (the app's JSON), on the thread pool. */

/* clientEventFd(client) -> number */
napi_value client_event_fd(napi_env env, napi_callback_info info);

/* clientDispatch(client, maxEvents) -> how many callbacks ran, on this thread. */
napi_value client_dispatch(napi_env env, napi_callback_info info);

#endif
