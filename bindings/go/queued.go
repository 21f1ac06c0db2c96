package airops

/*
#include <poll.h>
#include "airops.h"
*/
import "C"

import (
	"context"
	"syscall"
	"time"
)

// pollSlice is how long one wait for the event fd lasts, so that Run notices a cancelled
// context or a closing client that soon.
const pollSlice = 100 * time.Millisecond

// EventFD is, for a client in queued delivery, a file descriptor that is readable while
// events wait for Dispatch; -1 in direct delivery or once closed. The client owns it: do
// not read, write or close it.
func (c *Client) EventFD() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return int(C.airops_client_event_fd(c.ptr))
}

// Dispatch runs, on the calling goroutine, the deliveries of up to maxEvents waiting events
// and completions of a queued client (0: all that wait now), and returns how many ran. It
// returns at once when none wait. Run does this in a loop.
func (c *Client) Dispatch(maxEvents int) (int, error) {
	if maxEvents < 0 {
		return 0, invalidArgument("max events must not be negative: %d", maxEvents)
	}
	var count C.size_t
	err := c.use(func(ptr *C.airops_client) error {
		var a cArgs
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_client_dispatch(ptr, C.size_t(maxEvents), &count, cerr)
		})
	})
	return int(count), err
}

// Run drives a client in queued delivery: it waits for its event fd and dispatches what
// waits, until ctx is done (it returns ctx.Err()) or the client closes (it returns nil).
// Run it on a goroutine of its own for as long as the client is used.
func (c *Client) Run(ctx context.Context) error {
	if !c.queued {
		return invalidArgument("Run needs a client in queued delivery")
	}
	c.state.Lock()
	if c.closed {
		c.state.Unlock()
		return nil
	}
	c.runners.Add(1)
	c.state.Unlock()
	defer c.runners.Done()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.closing:
			return nil
		default:
		}
		if err := c.dispatchWhenReady(); err != nil {
			return err
		}
	}
}

// dispatchWhenReady waits up to pollSlice for the event fd, then dispatches what waits.
func (c *Client) dispatchWhenReady() error {
	var ready bool
	err := c.use(func(ptr *C.airops_client) error {
		fd := C.struct_pollfd{fd: C.airops_client_event_fd(ptr), events: C.POLLIN}
		n, err := C.poll(&fd, 1, C.int(pollSlice.Milliseconds()))
		if n < 0 && err != syscall.EINTR {
			return &Error{Code: CodeInternal, Message: "poll on the event fd failed: " + err.Error()}
		}
		ready = n > 0
		return nil
	})
	if err != nil || !ready {
		return err
	}
	_, err = c.Dispatch(0)
	return err
}
