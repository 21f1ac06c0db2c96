//! Conversions between Rust strings and the C strings of the ABI.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;

use crate::error::{Error, Result};
use crate::sys;

/// A string argument as a C string; a NUL byte inside it is an invalid argument.
pub(crate) fn c_string(value: impl Into<Vec<u8>>, what: &str) -> Result<CString> {
    CString::new(value).map_err(|_| Error::invalid_argument(format!("{} contains a NUL byte", what)))
}

/// An optional string argument: NULL when absent.
pub(crate) fn c_string_or_null(value: Option<&str>, what: &str) -> Result<Option<CString>> {
    value.map(|value| c_string(value, what)).transpose()
}

/// The pointer to pass for an optional C string.
pub(crate) fn as_ptr_or_null(value: &Option<CString>) -> *const c_char {
    value.as_ref().map_or(std::ptr::null(), |value| value.as_ptr())
}

/// A string borrowed from a library object, None for NULL.
///
/// # Safety
/// `pointer` is NULL or a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn borrowed<'a>(pointer: *const c_char) -> Option<&'a str> {
    if pointer.is_null() {
        return None;
    }
    // The header promises UTF-8; a violation is a library bug, not bad input.
    Some(
        CStr::from_ptr(pointer)
            .to_str()
            .expect("libairops returned a string that is not UTF-8"),
    )
}

/// A string of static storage (names, the version).
///
/// # Safety
/// `pointer` is a static NUL-terminated string, never NULL.
pub(crate) unsafe fn static_str(pointer: *const c_char) -> &'static str {
    borrowed(pointer).unwrap_or_default()
}

/// Copies a string the callback receives into an owned one ("" for NULL).
///
/// # Safety
/// `pointer` is NULL or a NUL-terminated string valid during the call.
pub(crate) unsafe fn copied(pointer: *const c_char) -> String {
    if pointer.is_null() {
        return String::new();
    }
    CStr::from_ptr(pointer).to_string_lossy().into_owned()
}

/// Copies a string the callback receives where NULL means "none".
///
/// # Safety
/// As for [`copied`].
pub(crate) unsafe fn copied_optional(pointer: *const c_char) -> Option<String> {
    if pointer.is_null() {
        None
    } else {
        Some(copied(pointer))
    }
}

/// Takes ownership of a string returned through a `char **`, copies and frees it.
///
/// # Safety
/// `pointer` is NULL or a string the library handed over.
pub(crate) unsafe fn take(pointer: *mut c_char) -> String {
    let text = copied(pointer);
    sys::airops_string_free(pointer);
    text
}
