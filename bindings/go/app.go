package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"encoding/json"
)

// appCall is an airops_app_get_async call; its completion, which may arrive after the
// caller gave up, hands a Go copy of the description to a buffered channel.
type appCall struct {
	done chan appOutcome
}

type appOutcome struct {
	app json.RawMessage
	err error
}

func (a *appCall) complete(h ref, app json.RawMessage, err error) {
	h.delete()
	a.done <- appOutcome{app, err}
}

// App fetches an app's description as JSON, e.g. {"uuid": "...", "name": "...", ...}.
// With a context that can be done it does not block a thread: it returns when ctx is done
// or the client closes (the request then ends in the background); a queued client needs
// a dispatcher running for it, as for Execute.
func (c *Client) App(ctx context.Context, appID string) (json.RawMessage, error) {
	var a cArgs
	defer a.free()
	id := a.str("app id", appID)
	if ctx.Done() == nil {
		var app json.RawMessage
		err := c.use(func(ptr *C.airops_client) error {
			var text *C.char
			if err := a.call(func(cerr **C.airops_error) C.airops_code { return C.airops_app_get(ptr, id, &text, cerr) }); err != nil {
				return err
			}
			defer C.airops_string_free(text)
			app = json.RawMessage(C.GoString(text))
			return nil
		})
		return app, err
	}
	call := &appCall{done: make(chan appOutcome, 1)}
	h := newRef(call)
	err := c.use(func(ptr *C.airops_client) error {
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_app_get_async(ptr, id, onJSON, userData(h), cerr)
		})
	})
	if err != nil {
		h.delete() // the call failed: its completion never runs
		return nil, err
	}
	select {
	case outcome := <-call.done:
		return outcome.app, outcome.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-c.closing:
		return nil, errClientClosed
	}
}
