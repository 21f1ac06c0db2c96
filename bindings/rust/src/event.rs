//! The events of streamed executions and chats, copied out of the callback's `airops_event`
//! (which is valid only while the callback runs).

use crate::strings::{copied, copied_optional};
use crate::sys;

/// One event of a streamed execution or a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The id of the execution the event belongs to.
    pub execution_id: String,
    /// The event's data as the server sent it (JSON text).
    pub json: String,
    /// What happened.
    pub kind: EventKind,
}

/// What an [`Event`] says, by its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// A piece of a streamed execution's output.
    Chunk { content: String },
    /// The end of the stream: `content` is an execution's whole output, `result` a chat's
    /// whole reply; the other one is None. `error_code` is None unless the library ended the
    /// stream itself, e.g. `"events_overflowed"` when more events than
    /// [`ClientBuilder::max_buffered_events`](crate::ClientBuilder::max_buffered_events)
    /// waited for the handler (the rest were dropped; waiting still returns the record).
    Completed {
        content: Option<String>,
        result: Option<String>,
        error_code: Option<String>,
    },
    /// A piece of an agent's reply; `result` is the whole reply on the last token.
    AgentResponse {
        token: String,
        stream_finished: bool,
        result: Option<String>,
    },
    /// An agent calls a tool, with its input as JSON text.
    AgentAction { tool: String, tool_input_json: String },
    /// A tool call failed.
    AgentActionError { tool: String, tool_error: String },
    /// A kind this version of the crate does not know (from a newer library); see `json`.
    Unknown(u32),
}

impl Event {
    /// Whether this is the `completed` event that ends a stream.
    pub fn is_completed(&self) -> bool {
        matches!(self.kind, EventKind::Completed { .. })
    }

    /// Copies the library's event.
    ///
    /// # Safety
    /// `event` is the valid event a callback received.
    pub(crate) unsafe fn copy(event: &sys::airops_event) -> Event {
        let data = &event.data;
        let kind = match event.kind {
            sys::AIROPS_EVENT_CHUNK => EventKind::Chunk {
                content: copied(data.chunk.content),
            },
            sys::AIROPS_EVENT_COMPLETED => EventKind::Completed {
                content: copied_optional(data.completed.content),
                result: copied_optional(data.completed.result),
                error_code: error_code(event),
            },
            sys::AIROPS_EVENT_AGENT_RESPONSE => EventKind::AgentResponse {
                token: copied(data.agent_response.token),
                stream_finished: data.agent_response.stream_finished != 0,
                result: copied_optional(data.agent_response.result),
            },
            sys::AIROPS_EVENT_AGENT_ACTION => EventKind::AgentAction {
                tool: copied(data.agent_action.tool),
                tool_input_json: copied(data.agent_action.tool_input_json),
            },
            sys::AIROPS_EVENT_AGENT_ACTION_ERROR => EventKind::AgentActionError {
                tool: copied(data.agent_action_error.tool),
                tool_error: copied(data.agent_action_error.tool_error),
            },
            other => EventKind::Unknown(other),
        };
        Event {
            execution_id: copied(event.execution_id),
            json: copied(event.json),
            kind,
        }
    }
}

/// The event's `error_code`, which came in 0.1 at the end of `airops_event`: read only when
/// the library's `size` covers it.
///
/// # Safety
/// `event` is the valid event a callback received.
unsafe fn error_code(event: &sys::airops_event) -> Option<String> {
    let end = std::mem::offset_of!(sys::airops_event, error_code) + std::mem::size_of::<*const std::os::raw::c_char>();
    if event.size >= end {
        copied_optional(event.error_code)
    } else {
        None
    }
}
