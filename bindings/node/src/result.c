#include "result.h"

#include "library.h"

napi_value result_value(napi_env env, const airops_result *result) {
    napi_value object;
    napi_create_object(env, &object);
    set_property(env, object, "state", number_value(env, lib.airops_result_state(result)));
    set_property(env, object, "status", string_value(env, lib.airops_result_status_text(result)));
    set_property(env, object, "executionId", string_value(env, lib.airops_result_execution_id(result)));
    set_property(env, object, "output", string_value(env, lib.airops_result_output(result)));
    set_property(env, object, "errorCode", string_value(env, lib.airops_result_error_code(result)));
    set_property(env, object, "errorMessage", string_value(env, lib.airops_result_error_message(result)));
    set_property(env, object, "json", string_value(env, lib.airops_result_json(result)));
    return object;
}
