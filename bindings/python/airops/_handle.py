"""Ownership of one native handle: freed exactly once, by ``close()`` or as a safety net."""

from __future__ import annotations

import threading
from typing import Any, Callable

__all__ = ["NativeHandle"]


class NativeHandle:
    """Owns a pointer returned by the library and the function that frees it.

    ``close()`` is idempotent and thread-safe; after it, :attr:`pointer` is None.
    """

    __slots__ = ("_pointer", "_free", "_lock", "__weakref__")

    def __init__(self, pointer: Any, free: Callable[[Any], None]) -> None:
        self._pointer: Any = pointer
        self._free = free
        self._lock = threading.Lock()

    @property
    def pointer(self) -> Any:
        """The native pointer, or None once closed."""
        return self._pointer

    @property
    def closed(self) -> bool:
        """Whether the handle has been freed."""
        return self._pointer is None

    def close(self) -> None:
        """Frees the native object (once; later calls do nothing)."""
        with self._lock:
            pointer, self._pointer = self._pointer, None
        if pointer:
            self._free(pointer)
