/* An execution record (airops_result) as a plain JavaScript object. */
#ifndef AIROPS_NODE_RESULT_H
#define AIROPS_NODE_RESULT_H

#include "convert.h"

/* {state, status, executionId, output, errorCode, errorMessage, json}; `result` stays owned
 * by the caller. */
napi_value result_value(napi_env env, const airops_result *result);

#endif
