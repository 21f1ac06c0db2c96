"""Identity helpers for your backend."""

from __future__ import annotations

import ctypes

from ._convert import c_bytes, call, take_string
from ._library import OwnedString, library

__all__ = ["hash_user_id"]


def hash_user_id(api_key: str | bytes, user_id: str | bytes) -> str:
    """The hashed user id of an end user: the hex HMAC-SHA256 of `user_id` (text as UTF-8)
    under the workspace's `api_key`. Compute it on your backend: the API key must never reach
    an end user's device. InvalidArgumentError for an empty or unencodable argument."""
    key = c_bytes(api_key, "api_key")
    user = c_bytes(user_id, "user_id")
    out = OwnedString()
    call(library().airops_hash_user_id, key, user, ctypes.byref(out))
    return take_string(out)
