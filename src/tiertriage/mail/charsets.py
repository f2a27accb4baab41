"""Bytes of a mail body or header as text: the declared charset, else a careful fallback."""

from __future__ import annotations

import re

from tiertriage.mail.inputs import without_controls

_C1 = "[\x80-\x9f]"
_UNICODE = frozenset({"utf-8", "utf8", "utf_8"})
_FALLBACKS = ("utf-8", "windows-1250", "iso-8859-2")


def decode(data: bytes, charset: str | None) -> str:
    """Bytes as text: the declared charset, then UTF-8, then windows-1250 and ISO-8859-2.

    C1 control characters after a single-byte (Latin/ISO) decode mean the declared
    charset is wrong: Polish mail labelled ISO-8859-2 or Latin-1 is often windows-1250.
    """
    declared = (charset or "").strip().strip("\"'").lower()
    candidates = [declared, *_FALLBACKS] if declared else list(_FALLBACKS)
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeError, ValueError):
            continue
        if encoding not in _UNICODE and re.search(_C1, text):
            continue
        return text
    return data.decode("iso-8859-2")


def header_text(raw: str) -> str:
    """An RFC 2047 header value as one line of text; undeclared 8-bit bytes decoded like
    bodies; control characters (an encoded NUL or ESC) dropped."""
    from email.header import decode_header

    try:
        chunks = decode_header(raw)
    except Exception:  # malformed encoded words: read the value as it is
        chunks = [(raw, None)]
    parts: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            data = chunk.encode("utf-8", "surrogateescape")
        elif charset is None:
            # decode_header returns unencoded runs as raw-unicode-escape bytes
            data = chunk.decode("raw-unicode-escape").encode("utf-8", "surrogateescape")
        else:
            data = chunk
        parts.append(decode(data, charset))
    text = "".join(parts) if len(chunks) == 1 else " ".join(p.strip() for p in parts)
    return " ".join(without_controls(text).split())
