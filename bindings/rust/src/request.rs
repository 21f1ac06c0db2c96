//! The requests that start executions: [`Execute`] (an app) and [`Chat`] (an agent app).
//! They collect the arguments of one C call and make it in the method that ends them.

use std::ffi::CString;
use std::ptr;
use std::sync::Arc;

use crate::client::{Client, ClientHandle};
use crate::error::{call, Result};
use crate::event::Event;
use crate::execution::Execution;
use crate::pending::{start_execution, Pending};
use crate::stream::{on_event, EventSink, Events};
use crate::strings::{as_ptr_or_null, c_string, c_string_or_null};
use crate::sys;

fn user_data(sink: &Option<Arc<EventSink>>) -> *mut std::os::raw::c_void {
    sink.as_ref().map_or(ptr::null_mut(), |sink| sink.user_data())
}

fn callback(sink: &Option<Arc<EventSink>>) -> sys::airops_event_callback {
    sink.as_ref()
        .map(|_| on_event as unsafe extern "C" fn(*const sys::airops_event, *mut std::os::raw::c_void))
}

/// An execution of an app, from [`Client::execute`], to start plain with
/// [`start`](Execute::start) (then wait for its result), streamed with
/// [`stream`](Execute::stream) or [`events`](Execute::events) (its output arrives as
/// events), or with their non-blocking `_async` forms.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is started"]
pub struct Execute<'a> {
    client: &'a Client,
    app_id: &'a str,
    inputs: Option<&'a str>,
    version: u32,
}

impl<'a> Execute<'a> {
    pub(crate) fn new(client: &'a Client, app_id: &'a str) -> Execute<'a> {
        Execute {
            client,
            app_id,
            inputs: None,
            version: 0,
        }
    }

    /// The app's inputs as a JSON object, e.g. `{"name": "Ada"}` (default `{}`).
    pub fn inputs(mut self, json: &'a str) -> Self {
        self.inputs = Some(json);
        self
    }

    /// The app version to run (default 0: the app's current version).
    pub fn version(mut self, version: u32) -> Self {
        self.version = version;
        self
    }

    fn arguments(&self) -> Result<(&'a Arc<ClientHandle>, CString, Option<CString>)> {
        Ok((
            self.client.handle()?,
            c_string(self.app_id, "app_id")?,
            c_string_or_null(self.inputs, "inputs")?,
        ))
    }

    /// Starts the execution and returns at once, without waiting for its result. Blocks for
    /// one request.
    pub fn start(self) -> Result<Execution> {
        let (client, app_id, inputs) = self.arguments()?;
        let mut out = ptr::null_mut();
        call(|error| unsafe {
            sys::airops_app_execute(
                client.as_ptr(),
                app_id.as_ptr(),
                as_ptr_or_null(&inputs),
                self.version.into(),
                &mut out,
                error,
            )
        })?;
        Execution::adopt(out, client.clone(), None)
    }

    /// Starts the execution streamed: its output arrives as [`Chunk`](crate::EventKind::Chunk)
    /// events, then one [`Completed`](crate::EventKind::Completed), each passed to `on_event`
    /// on a library thread (direct delivery) or in [`Client::dispatch`] (queued). Blocks
    /// until the realtime channel is confirmed and the execution has started.
    pub fn stream(self, on_event: impl Fn(Event) + Send + Sync + 'static) -> Result<Execution> {
        self.streamed(EventSink::new(on_event))
    }

    /// As [`stream`](Execute::stream), with the events as an iterator.
    pub fn events(self) -> Result<(Execution, Events)> {
        let (sink, events) = Events::channel();
        Ok((self.streamed(sink)?, events))
    }

    fn streamed(self, sink: Arc<EventSink>) -> Result<Execution> {
        let (client, app_id, inputs) = self.arguments()?;
        let sink = Some(sink);
        let mut out = ptr::null_mut();
        call(|error| unsafe {
            sys::airops_app_execute_stream(
                client.as_ptr(),
                app_id.as_ptr(),
                as_ptr_or_null(&inputs),
                self.version.into(),
                callback(&sink),
                user_data(&sink),
                &mut out,
                error,
            )
        })?;
        Execution::adopt(out, client.clone(), sink)
    }

    /// [`start`](Execute::start) without blocking.
    pub fn start_async(self) -> Result<Pending<Execution>> {
        self.started_async(None)
    }

    /// [`stream`](Execute::stream) without blocking.
    pub fn stream_async(self, on_event: impl Fn(Event) + Send + Sync + 'static) -> Result<Pending<Execution>> {
        self.started_async(Some(EventSink::new(on_event)))
    }

    fn started_async(self, sink: Option<Arc<EventSink>>) -> Result<Pending<Execution>> {
        let (client, app_id, inputs) = self.arguments()?;
        let (on_event, event_user_data, stream) = (callback(&sink), user_data(&sink), sink.is_some());
        start_execution(client, sink, |on_done, done_user_data, error| unsafe {
            sys::airops_app_execute_async(
                client.as_ptr(),
                app_id.as_ptr(),
                as_ptr_or_null(&inputs),
                self.version.into(),
                stream.into(),
                on_event,
                event_user_data,
                on_done,
                done_user_data,
                error,
            )
        })
    }
}

/// A message to an agent app, from [`Client::chat`]. The answer streams as
/// [`AgentAction`](crate::EventKind::AgentAction),
/// [`AgentActionError`](crate::EventKind::AgentActionError) and
/// [`AgentResponse`](crate::EventKind::AgentResponse) events, then one
/// [`Completed`](crate::EventKind::Completed) with the reply. The execution's
/// [`session_id`](Execution::session_id) continues the conversation.
#[derive(Debug, Clone)]
#[must_use = "a chat request does nothing until it is sent"]
pub struct Chat<'a> {
    client: &'a Client,
    app_id: &'a str,
    message: &'a str,
    inputs: Option<&'a str>,
    session_id: Option<&'a str>,
}

impl<'a> Chat<'a> {
    pub(crate) fn new(client: &'a Client, app_id: &'a str, message: &'a str) -> Chat<'a> {
        Chat {
            client,
            app_id,
            message,
            inputs: None,
            session_id: None,
        }
    }

    /// The agent's inputs as a JSON object (default none).
    pub fn inputs(mut self, json: &'a str) -> Self {
        self.inputs = Some(json);
        self
    }

    /// The conversation to continue (default: a new one).
    pub fn session(mut self, session_id: &'a str) -> Self {
        self.session_id = Some(session_id);
        self
    }

    fn arguments(&self) -> Result<(&'a Arc<ClientHandle>, [Option<CString>; 4])> {
        Ok((
            self.client.handle()?,
            [
                Some(c_string(self.app_id, "app_id")?),
                Some(c_string(self.message, "message")?),
                c_string_or_null(self.inputs, "inputs")?,
                c_string_or_null(self.session_id, "session_id")?,
            ],
        ))
    }

    /// Sends the message without an event handler; wait on the execution for the reply.
    /// Blocks until the realtime channel is confirmed and the chat has started.
    pub fn start(self) -> Result<Execution> {
        self.streamed(None)
    }

    /// Sends the message and passes each event of the answer to `on_event`, as
    /// [`Execute::stream`] does.
    pub fn stream(self, on_event: impl Fn(Event) + Send + Sync + 'static) -> Result<Execution> {
        self.streamed(Some(EventSink::new(on_event)))
    }

    /// As [`stream`](Chat::stream), with the events as an iterator.
    pub fn events(self) -> Result<(Execution, Events)> {
        let (sink, events) = Events::channel();
        Ok((self.streamed(Some(sink))?, events))
    }

    fn streamed(self, sink: Option<Arc<EventSink>>) -> Result<Execution> {
        let (client, [app_id, message, inputs, session]) = self.arguments()?;
        let mut out = ptr::null_mut();
        call(|error| unsafe {
            sys::airops_app_chat(
                client.as_ptr(),
                as_ptr_or_null(&app_id),
                as_ptr_or_null(&message),
                as_ptr_or_null(&inputs),
                as_ptr_or_null(&session),
                callback(&sink),
                user_data(&sink),
                &mut out,
                error,
            )
        })?;
        Execution::adopt(out, client.clone(), sink)
    }

    /// [`start`](Chat::start) without blocking.
    pub fn start_async(self) -> Result<Pending<Execution>> {
        self.started_async(None)
    }

    /// [`stream`](Chat::stream) without blocking.
    pub fn stream_async(self, on_event: impl Fn(Event) + Send + Sync + 'static) -> Result<Pending<Execution>> {
        self.started_async(Some(EventSink::new(on_event)))
    }

    fn started_async(self, sink: Option<Arc<EventSink>>) -> Result<Pending<Execution>> {
        let (client, [app_id, message, inputs, session]) = self.arguments()?;
        let (on_event, event_user_data) = (callback(&sink), user_data(&sink));
        start_execution(client, sink, |on_done, done_user_data, error| unsafe {
            sys::airops_app_chat_async(
                client.as_ptr(),
                as_ptr_or_null(&app_id),
                as_ptr_or_null(&message),
                as_ptr_or_null(&inputs),
                as_ptr_or_null(&session),
                on_event,
                event_user_data,
                on_done,
                done_user_data,
                error,
            )
        })
    }
}
