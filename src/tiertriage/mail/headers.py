"""A raw message's header fields, read straight from its bytes, and the key that names it.

What `triage` needs before it reads a message at all: its Message-ID (has it been
handled?), the fields that mark automated mail, and the sender and subject that a
skipped or unreadable message is reported with. A scan of the header block costs a
small fraction of the stdlib's MIME parser.
"""

from __future__ import annotations

import hashlib
import re

from tiertriage.mail.sniff import SCAN

_MESSAGE_ID = re.compile(r"<[!-;=?-~]{1,250}>")
_FIELD_NAME = re.compile(r"[!-9;-~]{1,76}")


def fields(data: bytes) -> dict[str, str]:
    """The first value of each header field (lower-case names), unfolded, undecoded.

    Bytes beyond ASCII are kept as surrogate escapes, as the stdlib's parser keeps them,
    so `charsets.header_text` decodes a value the same way whichever read it.
    """
    end = data.find(b"\n\n", 0, SCAN)
    crlf = data.find(b"\r\n\r\n", 0, SCAN)
    if crlf >= 0 and (end < 0 or crlf < end):
        end = crlf
    head = data[: end if end >= 0 else SCAN].decode("ascii", "surrogateescape")
    lines = head.split("\n")
    if lines and lines[0].startswith("From ") and ":" not in lines[0][:6]:
        lines = lines[1:]  # an mbox "From " line
    found: dict[str, str] = {}
    name: str | None = None
    for raw in lines:
        line = raw.rstrip("\r")
        if not line:
            break
        if line[0] in " \t":
            if name is not None:
                found[name] = f"{found[name]} {line.strip()}".strip()
            continue
        field, colon, value = line.partition(":")
        field = field.strip().lower()
        if not colon or not _FIELD_NAME.fullmatch(field):
            break  # not a header: the stdlib starts the body here too
        if field in found:
            name = None  # only the first value counts, continuations included
            continue
        name = field
        found[field] = value.strip()
    return found


def message_id(header: dict[str, str]) -> str | None:
    """The `<...>` of the Message-ID field, if there is a well-formed one."""
    match = _MESSAGE_ID.search(header.get("message-id", ""))
    return match.group() if match else None


def message_key(header: dict[str, str], data: bytes) -> str:
    """What names a message in the history: its Message-ID, else a hash of its bytes."""
    return message_id(header) or "sha256:" + hashlib.sha256(data).hexdigest()
