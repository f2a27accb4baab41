"""Reading a question: an argument, a file or stdin; refusing empty and binary input."""

from __future__ import annotations

import sys
from pathlib import Path

from tiertriage.errors import InputError

NO_TEXT = "no question text found"
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def read_stdin() -> bytes:
    """All of stdin as bytes. Refuses a terminal: a question must be piped or given."""
    stream = sys.stdin
    if stream is None or stream.isatty():
        raise InputError(
            "no question given", hint='pass it as an argument or pipe it: tiertriage ask "..."'
        )
    buffer = getattr(stream, "buffer", None)
    return buffer.read() if buffer is not None else stream.read().encode("utf-8")


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a message") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > max(8, len(sample) // 20)


def decode_text(data: bytes) -> str:
    """Pasted text: UTF-8 (with or without BOM), falling back to Windows-1252."""
    if looks_binary(data):
        raise InputError("input is binary data, not a question or an email")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    if not text.strip():
        raise InputError(NO_TEXT)
    return text
