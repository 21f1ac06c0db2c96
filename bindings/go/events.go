package airops

/*
#include "airops.h"
*/
import "C"

import (
	"encoding/json"
	"unsafe"
)

// EventKind is the kind of an event of a streamed execution or a chat (airops_event_kind).
type EventKind int

// The kinds of events (include/airops.h, "Streaming and chat").
const (
	EventChunk            EventKind = C.AIROPS_EVENT_CHUNK
	EventCompleted        EventKind = C.AIROPS_EVENT_COMPLETED
	EventAgentResponse    EventKind = C.AIROPS_EVENT_AGENT_RESPONSE
	EventAgentAction      EventKind = C.AIROPS_EVENT_AGENT_ACTION
	EventAgentActionError EventKind = C.AIROPS_EVENT_AGENT_ACTION_ERROR
)

var eventKindNames = map[EventKind]string{
	EventChunk: "chunk", EventCompleted: "completed", EventAgentResponse: "agent-response",
	EventAgentAction: "agent-action", EventAgentActionError: "agent-action-error",
}

// String is the event's name on the wire, e.g. "agent-response".
func (k EventKind) String() string {
	return eventKindNames[k]
}

// Event is one event of a streamed execution or a chat. Which fields are set depends on
// Kind; the others are "".
type Event struct {
	Kind        EventKind
	ExecutionID string
	// Data is the event's data as the server sent it.
	Data json.RawMessage
	// Content: a chunk of output (EventChunk), or the whole output of an execution
	// (EventCompleted).
	Content string
	// Result: the whole reply of a chat (EventCompleted, and EventAgentResponse when
	// StreamFinished).
	Result string
	// Token and StreamFinished: EventAgentResponse.
	Token          string
	StreamFinished bool
	// Tool: EventAgentAction and EventAgentActionError; ToolInput (JSON) the former's,
	// ToolError the latter's.
	Tool      string
	ToolInput json.RawMessage
	ToolError string
	// ErrorCode: EventCompleted when the library ended the stream itself, e.g.
	// "events_overflowed" when more events than WithMaxBufferedEvents waited (the rest were
	// dropped; Wait still returns the record); "" otherwise.
	ErrorCode string
}

// eventFromC copies an event, valid only during its callback, into Go memory.
func eventFromC(e *C.airops_event) Event {
	event := Event{
		Kind:        EventKind(e.kind),
		ExecutionID: C.GoString(e.execution_id),
		Data:        json.RawMessage(C.GoString(e.json)),
	}
	data := unsafe.Pointer(&e.data)
	switch event.Kind {
	case EventChunk:
		event.Content = C.GoString((*C.airops_chunk_event)(data).content)
	case EventCompleted:
		completed := (*C.airops_completed_event)(data)
		event.Content, event.Result = C.GoString(completed.content), C.GoString(completed.result)
		// error_code came in 0.1 at the end of airops_event: read only when size covers it.
		if uintptr(e.size) >= unsafe.Offsetof(e.error_code)+unsafe.Sizeof(e.error_code) {
			event.ErrorCode = C.GoString(e.error_code)
		}
	case EventAgentResponse:
		response := (*C.airops_agent_response_event)(data)
		event.Token, event.Result = C.GoString(response.token), C.GoString(response.result)
		event.StreamFinished = response.stream_finished != 0
	case EventAgentAction:
		action := (*C.airops_agent_action_event)(data)
		event.Tool, event.ToolInput = C.GoString(action.tool), json.RawMessage(C.GoString(action.tool_input_json))
	case EventAgentActionError:
		failure := (*C.airops_agent_action_error_event)(data)
		event.Tool, event.ToolError = C.GoString(failure.tool), C.GoString(failure.tool_error)
	}
	return event
}
