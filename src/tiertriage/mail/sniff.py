"""What a blob of input is: a known binary file, an RFC 822 message, or (otherwise) text."""

from __future__ import annotations

import re

SCAN = 64 * 1024  # how much of the input the sniffing looks at
_FIELD = re.compile(rb"^[!-9;-~]{1,76}:")
_MAIL_FIELDS = frozenset(
    b"""from to cc subject date message-id received return-path mime-version delivered-to
    reply-to sender content-type in-reply-to references x-mailer user-agent""".split()
)
_BINARY_KINDS = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Outlook .msg file (OLE compound document)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
MSG_HINT = (
    "export the message as .eml instead (Outlook on the web and the new Outlook: "
    "... > Download), or copy its text and pipe that"
)


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, from its signature; None for anything else."""
    head = data[:16]
    return next((kind for magic, kind in _BINARY_KINDS if head.startswith(magic)), None)


def is_message(data: bytes) -> bool:
    """True when `data` starts with an RFC 822 header block naming at least one mail field."""
    head = data[:SCAN].lstrip(b"\xef\xbb\xbf")
    lines = head.split(b"\n")
    if lines and lines[0].startswith(b"From ") and b":" not in lines[0][:6]:
        lines = lines[1:]  # an mbox "From " line
    fields = known = 0
    complete = len(data) <= SCAN
    for index, line in enumerate(lines):
        line = line.rstrip(b"\r")
        if not line:
            return known > 0 and fields >= 2
        if line[:1] in (b" ", b"\t") and fields:
            continue
        match = _FIELD.match(line)
        if not match:
            return False
        fields += 1
        known += match.group()[:-1].strip().lower() in _MAIL_FIELDS
        if index == len(lines) - 1 and not complete:
            break
    return known > 0 and fields >= 2
