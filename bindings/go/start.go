package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"sync"
	"unsafe"
)

// startCall is an airops_app_execute_async or airops_app_chat_async call whose completion
// may arrive after its caller gave up (context done, client closed); then the completion
// frees the execution it brings.
type startCall struct {
	client *Client
	stream *eventStream // nil when not streamed
	done   chan startOutcome

	mu        sync.Mutex
	abandoned bool
}

type startOutcome struct {
	ptr *C.airops_execution
	err error
}

// complete receives the outcome (on the library's delivery thread).
func (s *startCall) complete(h ref, ptr *C.airops_execution, err error) {
	h.delete()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.abandoned {
		s.discard(startOutcome{ptr, err})
		return
	}
	s.done <- startOutcome{ptr, err}
}

// abandon gives the outcome up: freed now if it is there, else when it arrives.
func (s *startCall) abandon() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.abandoned = true
	select {
	case outcome := <-s.done:
		s.discard(outcome)
	default:
	}
}

func (s *startCall) discard(outcome startOutcome) {
	C.airops_execution_free(outcome.ptr)
	s.stream.stop()
	s.client.starts.Done()
}

// beginStart counts a start that Close must wait for; it fails once Close has begun.
func (c *Client) beginStart() error {
	c.state.Lock()
	defer c.state.Unlock()
	if c.closed {
		return errClientClosed
	}
	c.starts.Add(1)
	return nil
}

// startFunc calls one _async start function with the completion callback and its user data.
type startFunc func(ptr *C.airops_client, done C.airops_execution_callback, user unsafe.Pointer) error

// start runs begin and waits for the execution it starts, until ctx is done or the client
// closes. stream receives the events of a streamed start (nil otherwise).
func (c *Client) start(ctx context.Context, stream *eventStream, begin startFunc) (*Execution, error) {
	call := &startCall{client: c, stream: stream, done: make(chan startOutcome, 1)}
	h := newRef(call)
	if err := c.beginStart(); err != nil {
		h.delete()
		stream.stop()
		return nil, err
	}
	if err := c.use(func(ptr *C.airops_client) error { return begin(ptr, onExecution, userData(h)) }); err != nil {
		// The call failed: its completion never runs.
		h.delete()
		c.starts.Done()
		stream.stop()
		return nil, err
	}
	select {
	case outcome := <-call.done:
		defer c.starts.Done()
		if outcome.err != nil {
			stream.stop()
			return nil, outcome.err
		}
		return c.adopt(outcome.ptr, stream, true)
	case <-ctx.Done():
		call.abandon()
		return nil, ctx.Err()
	case <-c.closing:
		call.abandon()
		return nil, errClientClosed
	}
}

// startNow runs a blocking start function (for a context that is never done) and adopts
// the execution it makes while the client cannot close, so that a refused execution is
// freed before its client.
func (c *Client) startNow(stream *eventStream, begin func(ptr *C.airops_client, out **C.airops_execution) error) (*Execution, error) {
	var execution *Execution
	err := c.use(func(ptr *C.airops_client) error {
		var out *C.airops_execution
		if err := begin(ptr, &out); err != nil {
			return err
		}
		var err error
		execution, err = c.adopt(out, stream, false)
		return err
	})
	if err != nil {
		stream.stop()
		return nil, err
	}
	return execution, nil
}
