package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"unsafe"
)

// resultCall is a fetch, wait or cancel _async call; its completion, which may arrive
// after the caller gave up, hands a Go copy of the result to a buffered channel. The
// library runs every completion once, at the latest while the client is freed (with
// CodeCancelled), so the completion deletes its handle.
type resultCall struct {
	done chan resultOutcome
}

type resultOutcome struct {
	result *Result
	err    error
}

func (r *resultCall) complete(h ref, result *Result, err error) {
	h.delete()
	r.done <- resultOutcome{result, err}
}

// resultFunc calls one _async function of an execution with the completion and its user data.
type resultFunc func(ptr *C.airops_execution, done C.airops_result_callback, user unsafe.Pointer) error

// await runs begin and waits for its completion, until ctx is done or the execution or
// its client closes.
func (e *Execution) await(ctx context.Context, begin resultFunc) (*Result, error) {
	call := &resultCall{done: make(chan resultOutcome, 1)}
	h := newRef(call)
	if err := e.use(func(ptr *C.airops_execution) error { return begin(ptr, onResult, userData(h)) }); err != nil {
		h.delete() // the call failed: its completion never runs
		return nil, err
	}
	select {
	case outcome := <-call.done:
		return outcome.result, outcome.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-e.closing:
		return nil, errExecutionClosed
	case <-e.client.closing:
		return nil, errClientClosed
	}
}
