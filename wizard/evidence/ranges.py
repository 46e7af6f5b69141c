"""Single byte-range requests (RFC 9110 section 14) for evidence files served by Django.

In X-Accel-Redirect mode nginx answers Range itself; this covers the Django-served
mode (`make run`), where iPhone Safari will not play a video without 206 answers.

Only one range is honoured. A multi-range request, another unit or a malformed
header is ignored and the whole file is served, which RFC 9110 allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.http import parse_http_date_safe

# first-pos "-" [ last-pos ], or "-" suffix-length. ASCII digits only: int() would
# also accept other Unicode digits.
RANGE_SPEC = re.compile(r"([0-9]*)-([0-9]*)")


class RangeNotSatisfiable(Exception):
    """The Range header is well formed but selects no byte of the file: answer 416."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one byte range a Range header asks for, clamped to a file of `size` bytes.

    None means: ignore the header and serve the whole file (no header, another unit,
    several ranges, bad syntax, last-pos before first-pos). Raises RangeNotSatisfiable
    when the range starts at or after the end of the file, or for `bytes=-0`.
    """
    if not header:
        return None
    unit, equals, range_set = header.partition("=")
    if not equals or unit.strip().lower() != "bytes":
        return None
    # A list may hold empty elements ("0-9, ,"); only one real range is served.
    specs = [spec.strip() for spec in range_set.split(",") if spec.strip()]
    if len(specs) != 1:
        return None
    match = RANGE_SPEC.fullmatch(specs[0])
    if match is None:
        return None
    first, last = match.groups()
    try:
        start = int(first) if first else None
        end = int(last) if last else None
    except ValueError:  # more digits than int() accepts
        return None
    if start is None:
        if end is None:  # "bytes=-"
            return None
        if end == 0:
            raise RangeNotSatisfiable
        if size == 0:
            return None  # nothing to select: serve the empty file whole
        return ByteRange(max(size - end, 0), size - 1)
    if end is not None and end < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable
    return ByteRange(start, size - 1 if end is None else min(end, size - 1))


def if_range_allows(if_range: str | None, *, etag: str | None, last_modified: int) -> bool:
    """Whether Range may be honoured under If-Range (RFC 9110 section 13.1.5).

    Without If-Range, yes. An entity tag must equal our strong ETag (a weak tag never
    matches); a date must equal Last-Modified (`last_modified`, epoch seconds). Anything
    else means the client's copy may be stale: serve the whole file.
    """
    if if_range is None:
        return True
    value = if_range.strip()
    if value.startswith(('"', "W/")):
        return etag is not None and value == etag
    date = parse_http_date_safe(value)
    return date is not None and date == last_modified


class RangeFile:
    """A read-only window on bytes [start, end] of an open binary file.

    Given to FileResponse, which reads it in blocks, so a range is never loaded whole.
    It has no fileno() on purpose: WSGI servers would otherwise sendfile() from the
    offset to the end of the file instead of stopping at the end of the range.
    """

    def __init__(self, file: BinaryIO, byte_range: ByteRange) -> None:
        file.seek(byte_range.start)
        self._file = file
        self._remaining = byte_range.length

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        if size is None or size < 0 or size > self._remaining:
            size = self._remaining
        data = self._file.read(size)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        self._file.close()
