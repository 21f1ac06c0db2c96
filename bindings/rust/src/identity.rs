//! The hashed user id that identifies an end user.

use std::ptr;

use crate::error::{call, Result};
use crate::strings::{c_string, take};
use crate::sys;

/// The lowercase hex HMAC-SHA256 of `user_id` keyed with the workspace `api_key`: the hashed
/// user id of [`ClientBuilder::identity`](crate::ClientBuilder::identity). Compute it on your
/// backend; the API key must never reach an end user's device.
///
/// Fails with an invalid-argument error when either is empty.
pub fn hash_user_id(api_key: impl AsRef<[u8]>, user_id: impl AsRef<[u8]>) -> Result<String> {
    let api_key = c_string(api_key.as_ref(), "api_key")?;
    let user_id = c_string(user_id.as_ref(), "user_id")?;
    let mut out = ptr::null_mut();
    call(|error| unsafe { sys::airops_hash_user_id(api_key.as_ptr(), user_id.as_ptr(), &mut out, error) })?;
    // SAFETY: the call handed the string over.
    Ok(unsafe { take(out) })
}
