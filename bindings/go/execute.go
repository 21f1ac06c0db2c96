package airops

/*
#include "airops.h"
*/
import "C"

import (
	"context"
	"encoding/json"
	"unsafe"
)

// ExecuteOption configures Execute and Stream.
type ExecuteOption func(*executeSettings)

type executeSettings struct {
	version int
}

// AtVersion runs the given version of the app instead of its current one.
func AtVersion(version int) ExecuteOption {
	return func(s *executeSettings) { s.version = version }
}

// ChatOption configures Chat.
type ChatOption func(*chatSettings)

type chatSettings struct {
	session *string
	inputs  any
}

// InSession continues the conversation of an earlier chat (its Execution.SessionID)
// instead of starting a new one.
func InSession(sessionID string) ChatOption {
	return func(s *chatSettings) { s.session = &sessionID }
}

// WithInputs gives a chat the app's inputs (as for Execute).
func WithInputs(inputs any) ChatOption {
	return func(s *chatSettings) { s.inputs = inputs }
}

// inputs converts an app's inputs: nil for none, a json.RawMessage as it is, anything else
// through encoding/json. The library checks that it is a JSON object.
func (a *cArgs) inputs(inputs any) *C.char {
	switch value := inputs.(type) {
	case nil:
		return nil
	case json.RawMessage:
		return a.bytes("inputs", value)
	}
	text, err := json.Marshal(inputs)
	if err != nil {
		a.fail(invalidArgument("inputs cannot be encoded as JSON: %v", err))
		return nil
	}
	return a.bytes("inputs", text)
}

// Execute starts an execution of an app with inputs (a value that encodes as a JSON
// object, a json.RawMessage, or nil for none) and returns once it has started, without
// waiting for its result: call Wait for that.
func (c *Client) Execute(ctx context.Context, appID string, inputs any, options ...ExecuteOption) (*Execution, error) {
	return c.execute(ctx, appID, inputs, nil, options)
}

// Stream starts an execution like Execute whose output arrives on Events as EventChunk
// events, then one EventCompleted.
func (c *Client) Stream(ctx context.Context, appID string, inputs any, options ...ExecuteOption) (*Execution, error) {
	return c.execute(ctx, appID, inputs, newEventStream(), options)
}

func (c *Client) execute(ctx context.Context, appID string, inputs any, stream *eventStream, options []ExecuteOption) (*Execution, error) {
	var s executeSettings
	for _, option := range options {
		option(&s)
	}
	var a cArgs
	defer a.free()
	id, text := a.str("app id", appID), a.inputs(inputs)
	streamed, callback, events := C.int(0), C.airops_event_callback(nil), unsafe.Pointer(nil)
	if stream != nil {
		streamed, callback, events = 1, onEvent, userData(stream.handle)
	}
	version := C.int64_t(s.version)
	if ctx.Done() == nil {
		return c.startNow(stream, func(ptr *C.airops_client, out **C.airops_execution) error {
			return a.call(func(cerr **C.airops_error) C.airops_code {
				if stream == nil {
					return C.airops_app_execute(ptr, id, text, version, out, cerr)
				}
				return C.airops_app_execute_stream(ptr, id, text, version, callback, events, out, cerr)
			})
		})
	}
	return c.start(ctx, stream, func(ptr *C.airops_client, done C.airops_execution_callback, user unsafe.Pointer) error {
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_app_execute_async(ptr, id, text, version, streamed, callback, events, done, user, cerr)
		})
	})
}

// Chat sends a message to an agent app and streams the answer on Events:
// EventAgentAction and EventAgentActionError for tool calls, EventAgentResponse tokens,
// then EventCompleted with the whole reply. Without InSession it starts a new session.
func (c *Client) Chat(ctx context.Context, appID, message string, options ...ChatOption) (*Execution, error) {
	var s chatSettings
	for _, option := range options {
		option(&s)
	}
	var a cArgs
	defer a.free()
	id, text, inputs := a.str("app id", appID), a.str("message", message), a.inputs(s.inputs)
	var session *C.char
	if s.session != nil {
		session = a.str("session id", *s.session)
	}
	stream := newEventStream()
	if ctx.Done() == nil {
		return c.startNow(stream, func(ptr *C.airops_client, out **C.airops_execution) error {
			return a.call(func(cerr **C.airops_error) C.airops_code {
				return C.airops_app_chat(ptr, id, text, inputs, session, onEvent, userData(stream.handle), out, cerr)
			})
		})
	}
	return c.start(ctx, stream, func(ptr *C.airops_client, done C.airops_execution_callback, user unsafe.Pointer) error {
		return a.call(func(cerr **C.airops_error) C.airops_code {
			return C.airops_app_chat_async(ptr, id, text, inputs, session, onEvent, userData(stream.handle), done, user, cerr)
		})
	})
}
