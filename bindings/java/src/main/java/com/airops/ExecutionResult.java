package com.airops;

import com.airops.internal.NativeApi;
import com.sun.jna.Pointer;

/**
 * An execution record as the server returned it ({@code airops_result}), copied out of the library.
 *
 * @param executionId the execution's id (uuid)
 * @param state the status as an enum
 * @param status the status as the server sent it, e.g. {@code "success"}
 * @param output the output text (a string output itself, else its JSON text), or null when there is none
 * @param errorCode the server's {@code error_code}, or null
 * @param errorMessage the server's {@code error_message}, or null
 * @param json the whole record as JSON text
 */
public record ExecutionResult(String executionId, ExecutionState state, String status, String output,
        String errorCode, String errorMessage, String json) {

    /** Copies a result the library handed over, then frees it. */
    static ExecutionResult take(Pointer result) {
        NativeApi api = Calls.api();
        try {
            return new ExecutionResult(api.airops_result_execution_id(result),
                    ExecutionState.of(api.airops_result_state(result)), api.airops_result_status_text(result),
                    api.airops_result_output(result), api.airops_result_error_code(result),
                    api.airops_result_error_message(result), api.airops_result_json(result));
        } finally {
            api.airops_result_free(result);
        }
    }
}
