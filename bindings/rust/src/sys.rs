//! The C interface of `include/airops.h`, declared by hand.
//!
//! Every function, type and constant here mirrors the header one to one (the declaration
//! check in `tests/declarations.rs` compares the functions' names and arities with it).
//! C enums are plain integers: a newer library may return values that no Rust enum of this
//! version could hold. The safe layer in the rest of the crate is built on these.

#![allow(non_camel_case_types)]

use std::marker::{PhantomData, PhantomPinned};
use std::os::raw::{c_char, c_int, c_uint, c_void};

/// `AIROPS_VERSION_NUMBER` of the header these declarations follow.
pub const AIROPS_VERSION_NUMBER: c_int = 100;

/// Declares opaque C structs: never built or moved in Rust, only pointed to.
macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}

opaque!(
    airops_error,
    airops_options,
    airops_client,
    airops_execution,
    airops_result
);

pub type airops_code = c_uint;
pub const AIROPS_OK: airops_code = 0;
pub const AIROPS_ERR_INVALID_ARGUMENT: airops_code = 1;
pub const AIROPS_ERR_UNAUTHORIZED: airops_code = 2;
pub const AIROPS_ERR_NOT_FOUND: airops_code = 3;
pub const AIROPS_ERR_BAD_REQUEST: airops_code = 4;
pub const AIROPS_ERR_RATE_LIMITED: airops_code = 5;
pub const AIROPS_ERR_SERVER: airops_code = 6;
pub const AIROPS_ERR_NETWORK: airops_code = 7;
pub const AIROPS_ERR_TIMEOUT: airops_code = 8;
pub const AIROPS_ERR_PROTOCOL: airops_code = 9;
pub const AIROPS_ERR_INTERNAL: airops_code = 10;
pub const AIROPS_ERR_REDIRECT: airops_code = 11;
pub const AIROPS_ERR_FORKED: airops_code = 12;
pub const AIROPS_ERR_CANCELLED: airops_code = 13;

pub type airops_log_level = c_uint;
pub const AIROPS_LOG_TRACE: airops_log_level = 0;
pub const AIROPS_LOG_DEBUG: airops_log_level = 1;
pub const AIROPS_LOG_INFO: airops_log_level = 2;
pub const AIROPS_LOG_NOTICE: airops_log_level = 3;
pub const AIROPS_LOG_WARNING: airops_log_level = 4;
pub const AIROPS_LOG_ERROR: airops_log_level = 5;
pub const AIROPS_LOG_CRITICAL: airops_log_level = 6;

pub type airops_delivery = c_uint;
pub const AIROPS_DELIVERY_DIRECT: airops_delivery = 0;
pub const AIROPS_DELIVERY_QUEUED: airops_delivery = 1;

pub type airops_redirects = c_uint;
pub const AIROPS_REDIRECTS_NEVER: airops_redirects = 0;
pub const AIROPS_REDIRECTS_SAME_ORIGIN: airops_redirects = 1;

pub type airops_event_kind = c_uint;
pub const AIROPS_EVENT_CHUNK: airops_event_kind = 1;
pub const AIROPS_EVENT_COMPLETED: airops_event_kind = 2;
pub const AIROPS_EVENT_AGENT_RESPONSE: airops_event_kind = 3;
pub const AIROPS_EVENT_AGENT_ACTION: airops_event_kind = 4;
pub const AIROPS_EVENT_AGENT_ACTION_ERROR: airops_event_kind = 5;

pub type airops_state = c_uint;
pub const AIROPS_STATE_UNKNOWN: airops_state = 0;
pub const AIROPS_STATE_QUEUED: airops_state = 1;
pub const AIROPS_STATE_PENDING: airops_state = 2;
pub const AIROPS_STATE_RUNNING: airops_state = 3;
pub const AIROPS_STATE_SUCCESS: airops_state = 4;
pub const AIROPS_STATE_ERROR: airops_state = 5;
pub const AIROPS_STATE_CANCELLED: airops_state = 6;
pub const AIROPS_STATE_REVIEW_NEEDED: airops_state = 7;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct airops_chunk_event {
    pub content: *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct airops_completed_event {
    pub content: *const c_char,
    pub result: *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct airops_agent_response_event {
    pub token: *const c_char,
    pub stream_finished: c_int,
    pub result: *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct airops_agent_action_event {
    pub tool: *const c_char,
    pub tool_input_json: *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct airops_agent_action_error_event {
    pub tool: *const c_char,
    pub tool_error: *const c_char,
}

/// The anonymous union `data` of `airops_event`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union airops_event_data {
    pub chunk: airops_chunk_event,
    pub completed: airops_completed_event,
    pub agent_response: airops_agent_response_event,
    pub agent_action: airops_agent_action_event,
    pub agent_action_error: airops_agent_action_error_event,
}

#[repr(C)]
pub struct airops_event {
    pub size: usize,
    pub kind: airops_event_kind,
    pub execution: *mut airops_execution,
    pub execution_id: *const c_char,
    pub json: *const c_char,
    pub data: airops_event_data,
    /// Since 0.1: present only when `size` covers it.
    pub error_code: *const c_char,
}

pub type airops_log_callback =
    Option<unsafe extern "C" fn(level: airops_log_level, message: *const c_char, user_data: *mut c_void)>;
pub type airops_event_callback = Option<unsafe extern "C" fn(event: *const airops_event, user_data: *mut c_void)>;
pub type airops_execution_callback = Option<
    unsafe extern "C" fn(
        code: airops_code,
        execution: *mut airops_execution,
        error: *const airops_error,
        user_data: *mut c_void,
    ),
>;
pub type airops_json_callback = Option<
    unsafe extern "C" fn(code: airops_code, json: *const c_char, error: *const airops_error, user_data: *mut c_void),
>;
pub type airops_result_callback = Option<
    unsafe extern "C" fn(
        code: airops_code,
        result: *mut airops_result,
        error: *const airops_error,
        user_data: *mut c_void,
    ),
>;

extern "C" {
    // Version
    pub fn airops_version() -> *const c_char;
    pub fn airops_version_number() -> c_int;

    // Errors
    pub fn airops_error_code(error: *const airops_error) -> airops_code;
    pub fn airops_error_http_status(error: *const airops_error) -> c_int;
    pub fn airops_error_message(error: *const airops_error) -> *const c_char;
    pub fn airops_error_free(error: *mut airops_error);
    pub fn airops_code_name(code: airops_code) -> *const c_char;

    // Strings
    pub fn airops_string_free(string: *mut c_char);

    // Identity
    pub fn airops_hash_user_id(
        api_key: *const c_char,
        user_id: *const c_char,
        out_hex: *mut *mut c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;

    // Client options
    pub fn airops_options_new() -> *mut airops_options;
    pub fn airops_options_free(options: *mut airops_options);
    pub fn airops_options_set_identity(
        options: *mut airops_options,
        user_id: *const c_char,
        workspace_id: *const c_char,
        hashed_user_id: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_host(
        options: *mut airops_options,
        host: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_request_timeout(
        options: *mut airops_options,
        timeout_ms: i64,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_load_environment(options: *mut airops_options, error: *mut *mut airops_error) -> airops_code;
    pub fn airops_options_set_realtime_url(
        options: *mut airops_options,
        url: *const c_char,
        key: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_pusher(
        options: *mut airops_options,
        key: *const c_char,
        cluster: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_subscription_timeout(
        options: *mut airops_options,
        timeout_ms: i64,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_max_buffered_events(
        options: *mut airops_options,
        max_events: usize,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_ca_file(
        options: *mut airops_options,
        path: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_max_retries(
        options: *mut airops_options,
        max_retries: c_int,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_log_callback(
        options: *mut airops_options,
        min_level: airops_log_level,
        callback: airops_log_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_delivery(
        options: *mut airops_options,
        delivery: airops_delivery,
        error: *mut *mut airops_error,
    ) -> airops_code;

    // Network: proxies, redirects, transport security
    pub fn airops_options_set_proxy(
        options: *mut airops_options,
        proxy_url: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_no_proxy(
        options: *mut airops_options,
        hosts: *const c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_set_redirects(
        options: *mut airops_options,
        redirects: airops_redirects,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_options_allow_insecure_http(
        options: *mut airops_options,
        allow: c_int,
        error: *mut *mut airops_error,
    ) -> airops_code;

    // Client
    pub fn airops_client_new(
        options: *const airops_options,
        out: *mut *mut airops_client,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_client_free(client: *mut airops_client);
    pub fn airops_app_get(
        client: *mut airops_client,
        app_id: *const c_char,
        out_json: *mut *mut c_char,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_app_get_async(
        client: *mut airops_client,
        app_id: *const c_char,
        on_done: airops_json_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;

    // Executions
    pub fn airops_app_execute(
        client: *mut airops_client,
        app_id: *const c_char,
        inputs_json: *const c_char,
        version: i64,
        out: *mut *mut airops_execution,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_open(
        client: *mut airops_client,
        execution_id: *const c_char,
        out: *mut *mut airops_execution,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_id(execution: *const airops_execution) -> *const c_char;
    pub fn airops_execution_fetch(
        execution: *mut airops_execution,
        out: *mut *mut airops_result,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_wait(
        execution: *mut airops_execution,
        timeout_ms: i64,
        out: *mut *mut airops_result,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_cancel(execution: *mut airops_execution, error: *mut *mut airops_error) -> airops_code;
    pub fn airops_execution_free(execution: *mut airops_execution);

    // Streaming and chat
    pub fn airops_app_execute_stream(
        client: *mut airops_client,
        app_id: *const c_char,
        inputs_json: *const c_char,
        version: i64,
        on_event: airops_event_callback,
        user_data: *mut c_void,
        out: *mut *mut airops_execution,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_app_chat(
        client: *mut airops_client,
        app_id: *const c_char,
        message: *const c_char,
        inputs_json: *const c_char,
        session_id: *const c_char,
        on_event: airops_event_callback,
        user_data: *mut c_void,
        out: *mut *mut airops_execution,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_session_id(execution: *const airops_execution) -> *const c_char;

    // Non-blocking calls
    pub fn airops_app_execute_async(
        client: *mut airops_client,
        app_id: *const c_char,
        inputs_json: *const c_char,
        version: i64,
        stream: c_int,
        on_event: airops_event_callback,
        event_user_data: *mut c_void,
        on_done: airops_execution_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_app_chat_async(
        client: *mut airops_client,
        app_id: *const c_char,
        message: *const c_char,
        inputs_json: *const c_char,
        session_id: *const c_char,
        on_event: airops_event_callback,
        event_user_data: *mut c_void,
        on_done: airops_execution_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_fetch_async(
        execution: *mut airops_execution,
        on_done: airops_result_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_wait_async(
        execution: *mut airops_execution,
        timeout_ms: i64,
        on_done: airops_result_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_execution_cancel_async(
        execution: *mut airops_execution,
        on_done: airops_result_callback,
        user_data: *mut c_void,
        error: *mut *mut airops_error,
    ) -> airops_code;
    pub fn airops_client_event_fd(client: *const airops_client) -> c_int;
    pub fn airops_client_dispatch(
        client: *mut airops_client,
        max_events: usize,
        out_count: *mut usize,
        error: *mut *mut airops_error,
    ) -> airops_code;

    // Results
    pub fn airops_result_state(result: *const airops_result) -> airops_state;
    pub fn airops_result_status_text(result: *const airops_result) -> *const c_char;
    pub fn airops_result_execution_id(result: *const airops_result) -> *const c_char;
    pub fn airops_result_output(result: *const airops_result) -> *const c_char;
    pub fn airops_result_error_code(result: *const airops_result) -> *const c_char;
    pub fn airops_result_error_message(result: *const airops_result) -> *const c_char;
    pub fn airops_result_json(result: *const airops_result) -> *const c_char;
    pub fn airops_result_free(result: *mut airops_result);
}
