package airops

/*
#include "airops.h"
*/
import "C"

import "encoding/json"

// State is the status of an execution as an enum (airops_state).
type State int

// The states of an execution (include/airops.h, "Results").
const (
	StateUnknown      State = C.AIROPS_STATE_UNKNOWN
	StateQueued       State = C.AIROPS_STATE_QUEUED
	StatePending      State = C.AIROPS_STATE_PENDING
	StateRunning      State = C.AIROPS_STATE_RUNNING
	StateSuccess      State = C.AIROPS_STATE_SUCCESS
	StateError        State = C.AIROPS_STATE_ERROR
	StateCancelled    State = C.AIROPS_STATE_CANCELLED
	StateReviewNeeded State = C.AIROPS_STATE_REVIEW_NEEDED
)

var stateNames = map[State]string{
	StateUnknown: "unknown", StateQueued: "queued", StatePending: "pending", StateRunning: "running",
	StateSuccess: "success", StateError: "error", StateCancelled: "cancelled", StateReviewNeeded: "review_needed",
}

func (s State) String() string {
	if name, ok := stateNames[s]; ok {
		return name
	}
	return stateNames[StateUnknown]
}

// Result is an execution record as the server returned it.
type Result struct {
	ExecutionID string
	// Status is the status string as the server sent it; State is the same as an enum
	// (StateUnknown for a status the library does not know).
	Status string
	State  State
	// Output is the output text (the JSON text of a non-string output); "" when the
	// record has none yet. An output holding U+0000 is complete only in JSON.
	Output string
	// ErrorCode and ErrorMessage are the server's, "" when there are none.
	ErrorCode    string
	ErrorMessage string
	// JSON is the whole record as the server sent it.
	JSON json.RawMessage
}

// takeResult copies a result the caller owns into Go memory and frees it (nil for nil).
func takeResult(r *C.airops_result) *Result {
	if r == nil {
		return nil
	}
	defer C.airops_result_free(r)
	return &Result{
		ExecutionID:  C.GoString(C.airops_result_execution_id(r)),
		Status:       C.GoString(C.airops_result_status_text(r)),
		State:        State(C.airops_result_state(r)),
		Output:       C.GoString(C.airops_result_output(r)),
		ErrorCode:    C.GoString(C.airops_result_error_code(r)),
		ErrorMessage: C.GoString(C.airops_result_error_message(r)),
		JSON:         json.RawMessage(C.GoString(C.airops_result_json(r))),
	}
}
