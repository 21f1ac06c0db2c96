package airops

/*
#include "airops.h"
*/
import "C"

import (
	"sync"
)

// Client is a client of the AirOps API: one connection pool and one realtime connection,
// shared by every execution made from it. It is safe for concurrent use. Close it when
// done; that closes its executions too.
type Client struct {
	// mu is held shared by every C call that uses ptr, and exclusively while Close frees it.
	mu     sync.RWMutex
	ptr    *C.airops_client
	queued bool
	log    ref // zero without a logger

	state      sync.Mutex
	closed     bool
	closing    chan struct{} // closed by Close: waiting calls return
	executions map[*Execution]struct{}
	starts     sync.WaitGroup // started executions not yet taken or freed
	runners    sync.WaitGroup // Run loops
}

var errClientClosed = invalidArgument("the client is closed")

// NewClient creates a client. Without WithIdentity it runs public apps only; without
// WithHost it talks to https://app.airops.com.
func NewClient(options ...Option) (*Client, error) {
	if err := checkVersion(); err != nil {
		return nil, err
	}
	var s settings
	for _, option := range options {
		option(&s)
	}
	o := C.airops_options_new()
	if o == nil {
		return nil, &Error{Code: CodeInternal, Message: "airops_options_new failed: out of memory"}
	}
	defer C.airops_options_free(o)
	var a cArgs
	defer a.free()
	if err := s.apply(o, &a); err != nil {
		return nil, err
	}
	c := &Client{
		queued:     s.queued,
		closing:    make(chan struct{}),
		executions: make(map[*Execution]struct{}),
	}
	if s.logFunc != nil {
		c.log = newRef(s.logFunc)
	}
	var ptr *C.airops_client
	err := a.call(func(cerr **C.airops_error) C.airops_code {
		if c.log.live() {
			if code := C.airops_options_set_log_callback(o, C.airops_log_level(s.logLevel), onLog, userData(c.log), cerr); code != C.AIROPS_OK {
				return code
			}
		}
		return C.airops_client_new(o, &ptr, cerr)
	})
	if err != nil {
		if c.log.live() {
			c.log.delete()
		}
		return nil, err
	}
	c.ptr = ptr
	return c, nil
}

// apply calls the options' setters on o: the environment first, the delivery mode last.
func (s *settings) apply(o *C.airops_options, a *cArgs) error {
	if s.environment {
		if err := a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_load_environment(o, cerr) }); err != nil {
			return err
		}
	}
	for _, set := range s.setters {
		if err := set(o, a); err != nil {
			return err
		}
	}
	delivery := C.airops_delivery(C.AIROPS_DELIVERY_DIRECT)
	if s.queued {
		delivery = C.AIROPS_DELIVERY_QUEUED
	}
	return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_options_set_delivery(o, delivery, cerr) })
}

// use runs f with the client's handle, which stays valid until f returns.
func (c *Client) use(f func(ptr *C.airops_client) error) error {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr == nil {
		return errClientClosed
	}
	return f(c.ptr)
}

// Close closes the client's executions and then the client: its connections close, calls
// that wait return an error, no event or log callback runs afterwards. It waits for
// executions being started to arrive (at most the request timeout). Closing twice is
// harmless.
func (c *Client) Close() error {
	c.state.Lock()
	if c.closed {
		c.state.Unlock()
		return nil
	}
	c.closed = true
	close(c.closing)
	c.state.Unlock()

	c.runners.Wait()
	c.awaitStarts()
	for _, e := range c.openExecutions() {
		e.Close()
	}
	c.mu.Lock()
	C.airops_client_free(c.ptr)
	c.ptr = nil
	c.mu.Unlock()
	if c.log.live() {
		c.log.delete()
	}
	return nil
}

// awaitStarts waits until every execution being started has been taken or freed; a
// queued client dispatches for them.
func (c *Client) awaitStarts() {
	if !c.queued {
		c.starts.Wait()
		return
	}
	done := make(chan struct{})
	go func() {
		c.starts.Wait()
		close(done)
	}()
	for {
		select {
		case <-done:
			return
		default:
			if c.dispatchWhenReady() != nil {
				return // cannot happen while the client is open; the starts are dropped with it
			}
		}
	}
}

func (c *Client) openExecutions() []*Execution {
	c.state.Lock()
	defer c.state.Unlock()
	open := make([]*Execution, 0, len(c.executions))
	for e := range c.executions {
		open = append(open, e)
	}
	return open
}

// adopt wraps a new execution handle and adds it to those Close closes. An execution
// from a start is always added (Close waits for starts before it closes executions);
// another is refused once Close has begun.
func (c *Client) adopt(ptr *C.airops_execution, stream *eventStream, started bool) (*Execution, error) {
	e := newExecution(c, ptr, stream)
	c.state.Lock()
	defer c.state.Unlock()
	if c.closed && !started {
		C.airops_execution_free(ptr)
		return nil, errClientClosed
	}
	c.executions[e] = struct{}{}
	return e, nil
}

func (c *Client) forget(e *Execution) {
	c.state.Lock()
	delete(c.executions, e)
	c.state.Unlock()
}

// OpenExecution opens an existing execution by its id, e.g. one started by another
// process. It sends no request: an unknown id is reported by the first call that does.
func (c *Client) OpenExecution(executionID string) (*Execution, error) {
	var ptr *C.airops_execution
	err := c.use(func(client *C.airops_client) error {
		var a cArgs
		defer a.free()
		id := a.str("execution id", executionID)
		return a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_execution_open(client, id, &ptr, cerr) })
	})
	if err != nil {
		return nil, err
	}
	return c.adopt(ptr, nil, false)
}
