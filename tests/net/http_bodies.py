"""Reading request bodies (Content-Length or chunked) for the test servers, within a limit."""

from __future__ import annotations

from email.message import Message
from typing import BinaryIO

# The SDK's requests are small JSON documents; anything larger is refused, never buffered.
MAX_BODY = 1 << 20
MAX_LINE = 8192


class BodyError(Exception):
    """A body that is malformed or larger than MAX_BODY; the connection cannot be reused."""


def read_exact(stream: BinaryIO, size: int) -> bytes:
    """Reads exactly `size` bytes (the stream may be unbuffered and return short reads)."""
    parts, left = [], size
    while left > 0:
        part = stream.read(left)
        if not part:
            raise BodyError(f"the body ended {left} bytes early")
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _read_line(stream: BinaryIO) -> bytes:
    line = stream.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE or not line.endswith(b"\n"):
        raise BodyError("a chunked body has a malformed or overlong line")
    return line


def _read_chunked(stream: BinaryIO) -> bytes:
    parts, total = [], 0
    while True:
        size_text = _read_line(stream).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise BodyError(f"bad chunk size {size_text!r}") from None
        if size == 0:
            break
        total += size
        if total > MAX_BODY:
            raise BodyError(f"the body is larger than {MAX_BODY} bytes")
        parts.append(read_exact(stream, size))
        if read_exact(stream, 2) != b"\r\n":
            raise BodyError("a chunk does not end with CRLF")
    while _read_line(stream) not in (b"\r\n", b"\n"):  # trailers
        pass
    return b"".join(parts)


def read_body(stream: BinaryIO, headers: Message) -> bytes:
    """The request body that `headers` announce (b"" when they announce none)."""
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        return _read_chunked(stream)
    length_text = headers.get("Content-Length")
    if length_text is None:
        return b""
    try:
        length = int(length_text)
    except ValueError:
        raise BodyError(f"bad Content-Length {length_text!r}") from None
    if not 0 <= length <= MAX_BODY:
        raise BodyError(f"Content-Length {length} is out of range (at most {MAX_BODY})")
    return read_exact(stream, length)
