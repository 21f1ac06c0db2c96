package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"errors"
	"sync"
	"time"
	"unsafe"
)

// Execution is one run of an app or one chat turn. Close it when done: closing stops its
// events but does not cancel it on the server.
type Execution struct {
	client    *Client
	id        string
	sessionID string
	stream    *eventStream // nil when not streamed
	events    <-chan Event

	// mu is held shared by every C call that uses ptr, and exclusively while Close frees it.
	mu      sync.RWMutex
	ptr     *C.airops_execution
	closing chan struct{}
}

var (
	errExecutionClosed = invalidArgument("the execution is closed")
	noEvents           = closedEvents()
)

func closedEvents() <-chan Event {
	events := make(chan Event)
	close(events)
	return events
}

func newExecution(c *Client, ptr *C.airops_execution, stream *eventStream) *Execution {
	e := &Execution{
		client:    c,
		ptr:       ptr,
		id:        C.GoString(C.airops_execution_id(ptr)),
		sessionID: C.GoString(C.airops_execution_session_id(ptr)),
		stream:    stream,
		events:    noEvents,
		closing:   make(chan struct{}),
	}
	if stream != nil {
		e.events = stream.events
	}
	return e
}

// ID is the execution's id (uuid).
func (e *Execution) ID() string {
	return e.id
}

// SessionID is the chat session of an execution started by Chat ("" for others): pass it
// to InSession to continue the conversation.
func (e *Execution) SessionID() string {
	return e.sessionID
}

// Events delivers the events of a streamed execution or a chat, in the order the server
// sent them. It is closed after EventCompleted, or when the execution is cancelled or
// closed; for an execution that is not streamed it is closed from the start.
func (e *Execution) Events() <-chan Event {
	return e.events
}

// use runs f with the execution's handle, which stays valid until f returns.
func (e *Execution) use(f func(ptr *C.airops_execution) error) error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.ptr == nil {
		return errExecutionClosed
	}
	return f(e.ptr)
}

// waitSlice is how long one blocking wait lasts when Wait has a context that is never
// done, so that Close, which waits for calls in progress, ends such a Wait that soon.
const waitSlice = 500 * time.Millisecond

// now runs a blocking function that gives a result (for a context that is never done).
func (e *Execution) now(call func(ptr *C.airops_execution, out **C.airops_result, cerr **C.airops_error) C.airops_code) (*Result, error) {
	var result *Result
	err := e.use(func(ptr *C.airops_execution) error {
		var a cArgs
		var out *C.airops_result
		err := a.call(func(cerr **C.airops_error) C.airops_code { return call(ptr, &out, cerr) })
		result = takeResult(out)
		return err
	})
	return result, err
}

// Fetch gets the execution's current record once, whatever its status.
func (e *Execution) Fetch(ctx context.Context) (*Result, error) {
	if ctx.Done() == nil {
		return e.now(func(ptr *C.airops_execution, out **C.airops_result, cerr **C.airops_error) C.airops_code {
			return C.airops_execution_fetch(ptr, out, cerr)
		})
	}
	return e.await(ctx, func(ptr *C.airops_execution, done C.airops_result_callback, user unsafe.Pointer) error {
		var a cArgs
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_execution_fetch_async(ptr, done, user, cerr)
		})
	})
}

// Wait waits until the execution has finished and returns its final record; a status of
// "error" is a finished execution, not an error of Wait. ctx's deadline is the wait's
// timeout: when it passes first, Wait returns an *Error with CodeTimeout (which
// errors.Is also matches with context.DeadlineExceeded) and the execution goes on; wait
// again or fetch it later.
func (e *Execution) Wait(ctx context.Context) (*Result, error) {
	if ctx.Done() == nil {
		for {
			result, err := e.now(func(ptr *C.airops_execution, out **C.airops_result, cerr **C.airops_error) C.airops_code {
				return C.airops_execution_wait(ptr, milliseconds(waitSlice), out, cerr)
			})
			if !errors.Is(err, CodeTimeout) {
				return result, err
			}
		}
	}
	timeout := C.int64_t(-1)
	if deadline, ok := ctx.Deadline(); ok {
		timeout = 0
		if left := time.Until(deadline); left > 0 {
			timeout = milliseconds(left)
		}
	}
	result, err := e.await(ctx, func(ptr *C.airops_execution, done C.airops_result_callback, user unsafe.Pointer) error {
		var a cArgs
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_execution_wait_async(ptr, timeout, done, user, cerr)
		})
	})
	if err == context.DeadlineExceeded {
		err = &Error{Code: CodeTimeout, Message: "the wait's deadline passed before the execution finished"}
	}
	return result, err
}

// Cancel asks the server to cancel the execution; its final status becomes "cancelled"
// (Wait to observe it). Its events stop, and Events closes, before Cancel sends the request.
func (e *Execution) Cancel(ctx context.Context) error {
	if ctx.Done() == nil {
		return e.use(func(ptr *C.airops_execution) error {
			var a cArgs
			err := a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_execution_cancel(ptr, cerr) })
			e.stream.stop()
			return err
		})
	}
	_, err := e.await(ctx, func(ptr *C.airops_execution, done C.airops_result_callback, user unsafe.Pointer) error {
		var a cArgs
		err := a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_execution_cancel_async(ptr, done, user, cerr)
		})
		if err == nil {
			e.stream.stop()
		}
		return err
	})
	return err
}

// Close frees the execution: its events stop and no callback of it runs afterwards. It
// does not cancel the execution on the server. Closing twice is harmless.
func (e *Execution) Close() error {
	e.mu.Lock()
	if e.ptr == nil {
		e.mu.Unlock()
		return nil
	}
	C.airops_execution_free(e.ptr)
	e.ptr = nil
	close(e.closing)
	e.mu.Unlock()
	e.stream.stop()
	e.client.forget(e)
	return nil
}
