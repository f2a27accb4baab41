"""A big message without the bodies of its attachments, before it is parsed. Pure.

The stdlib's MIME parser reads every line of every part: a 20 MB attachment costs over
a second and several copies of itself in memory, and the attachment is never read.
Above `SKIM_ABOVE` bytes, the bodies of parts that cannot hold the client's text (not
text/*, multipart/* or message/*, or marked as attachments) are dropped, their headers
kept, so the parser sees the same structure in a fraction of the bytes. Delimiter
lines are found with `bytes.find`, never line by line.
"""

from __future__ import annotations

import re

SKIM_ABOVE = 1024 * 1024
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', re.I)
_CONTENT_TYPE = re.compile(rb"^content-type\s*:\s*([^;\s]+)", re.I | re.M)
_ATTACHMENT = re.compile(rb"^content-disposition\s*:\s*attachment", re.I | re.M)
_READABLE = (b"text/", b"multipart/", b"message/")


def skim(data: bytes) -> bytes:
    """`data` with the attachments' bodies left out (unchanged when small or single-part)."""
    if len(data) <= SKIM_ABOVE:
        return data
    start = _end_of_headers(data, 0)
    keep, boundary = _part(data[:start])
    if boundary is None:
        return data if keep else data[:start]
    boundaries = {boundary}
    pieces = [data[:start]]
    position = start
    keep = True  # the preamble (the parser ignores it, and it is small)
    while True:
        found = _next_delimiter(data, position, boundaries)
        if found is None:
            if keep:
                pieces.append(data[position:])
            break
        line_start, line_end, closing = found
        if keep:
            pieces.append(data[position:line_start])
        pieces.append(data[line_start:line_end])
        position = line_end
        if closing:
            keep = True  # the epilogue, or the rest of the enclosing part
            continue
        headers_end = _end_of_headers(data, position)
        headers = data[position:headers_end]
        pieces.append(headers)
        position = headers_end
        keep, boundary = _part(headers)
        if boundary is not None:
            boundaries.add(boundary)
    return b"".join(pieces)


def _part(headers: bytes) -> tuple[bool, bytes | None]:
    """(whether the part's body may hold text, its multipart boundary)."""
    found = _CONTENT_TYPE.search(headers)
    kind = found.group(1).lower() if found else b"text/plain"
    readable = kind.startswith(_READABLE) and not _ATTACHMENT.search(headers)
    boundary = _BOUNDARY.search(headers) if kind.startswith(b"multipart/") else None
    return readable, (boundary.group(1) or boundary.group(2)) if boundary else None


def _end_of_headers(data: bytes, start: int) -> int:
    """Where the body after the header block starting at `start` begins."""
    if data.startswith((b"\n", b"\r\n"), start):
        return data.index(b"\n", start) + 1
    ends = [i for i in (data.find(b"\n\n", start), data.find(b"\n\r\n", start)) if i >= 0]
    if not ends:
        return len(data)
    end = min(ends)
    return data.index(b"\n", end + 1) + 1


def _next_delimiter(
    data: bytes, start: int, boundaries: set[bytes]
) -> tuple[int, int, bool] | None:
    """(line start, line end, closing?) of the next `--boundary` line at or after `start`,
    which always follows a line end."""
    search = start - 1
    while True:
        index = data.find(b"\n--", search)
        if index < 0:
            return None
        line_start = index + 1
        newline = data.find(b"\n", line_start)
        line_end = len(data) if newline < 0 else newline + 1
        token = data[line_start + 2 : line_end].rstrip()
        if token in boundaries:
            return line_start, line_end, False
        if token.endswith(b"--") and token[:-2] in boundaries:
            return line_start, line_end, True
        search = line_start
