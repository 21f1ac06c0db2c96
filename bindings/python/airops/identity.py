"""Identity helpers for your backend."""

from __future__ import annotations

import ctypes

from ._call import call
from ._convert import c_string, take_string
from ._library import OwnedString, library

__all__ = ["hash_user_id"]


def hash_user_id(api_key: str, user_id: str) -> str:
    """The hashed user id that identifies an end user: hex HMAC-SHA256 of `user_id` keyed
    with the workspace `api_key` (64 lowercase hex characters).

    Compute it on your backend: the API key must never reach an end user's device.

    Raises:
        InvalidArgumentError: an empty or unencodable argument.
    """
    key = c_string(api_key, "api_key")
    user = c_string(user_id, "user_id")
    out = OwnedString()
    call(library().airops_hash_user_id, key, user, ctypes.byref(out))
    return take_string(out)
