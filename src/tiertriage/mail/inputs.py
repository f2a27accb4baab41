"""Reading a question: an argument, a file or stdin; refusing empty, binary and huge input."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from tiertriage.errors import InputError

NO_TEXT = "no question text found"
# The most of a message (or a paste) that is read, attachments included: a 25 MB
# attachment is some 34 MB once base64-encoded. Anything longer is refused rather than
# read into memory (a mailbox's longer message is read this far: its text comes first).
MAX_INPUT = 50 * 1024 * 1024
# The most of the client's own words examined for questions (about 15,000 words): a
# long message keeps its question wherever it is; past this the text is cut, and said so.
MAX_TEXT = 100_000
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
# Control characters dropped from text (NUL, ESC, BEL, DEL, the C1 set): tab, line ends and
# form feed stay.
_DROP_CONTROLS = dict.fromkeys([*_CONTROL, 0x7F, *range(0x80, 0xA0)])


def too_large(what: str) -> InputError:
    return InputError(
        f"{what} is larger than {MAX_INPUT // (1024 * 1024)} MB: not read",
        hint="save the message's text alone and pass that",
    )


def read_stream(stream: BinaryIO, what: str = "the input") -> bytes:
    """All of a buffered `stream`, or an `InputError` once it passes `MAX_INPUT`
    (`/dev/zero` too)."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_INPUT:
        wanted = min(1024 * 1024, MAX_INPUT + 1 - size)
        chunk = stream.read(wanted)
        chunks.append(chunk)
        size += len(chunk)
        # A buffered read comes back short only at the end: on a terminal, one Ctrl-D.
        if len(chunk) < wanted:
            return b"".join(chunks)
    raise too_large(what)


def read_stdin() -> bytes:
    """All of stdin as bytes (a paste on a terminal ends with Ctrl-D)."""
    stream = sys.stdin
    if stream is None:
        raise InputError("no question given", hint='pass it as an argument: tiertriage ask "..."')
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return read_stream(buffer)
    return stream.read(MAX_INPUT + 1).encode("utf-8")[: MAX_INPUT + 1]


def stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def stdin_has_data() -> bool:
    """Whether something is being piped in: a pipe with data waiting, or a file left to read.

    Only asked to refuse a question argument *and* piped input; an idle or empty pipe (a
    script's inherited stdin) is no input. A byte read to find out is lost, which is fine:
    the answer is an error.
    """
    import select
    import stat

    try:
        descriptor = sys.stdin.fileno()
        mode = os.fstat(descriptor).st_mode
    except (AttributeError, OSError, ValueError):  # no real stdin (tests, services)
        return False
    if stat.S_ISREG(mode):
        return os.fstat(descriptor).st_size > os.lseek(descriptor, 0, os.SEEK_CUR)
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return False
    try:
        ready, _, _ = select.select([descriptor], [], [], 0)
        return bool(ready) and os.read(descriptor, 1) != b""
    except OSError:
        return False


def read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return read_stream(stream, str(path))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a message") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes (anywhere), or many control characters near the start, mean this is not text."""
    if b"\x00" in data:
        return True
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, bytes(_CONTROL)))
    return controls > max(8, len(sample) // 20)


def without_controls(text: str) -> str:
    """`text` without control characters (NUL, ESC, BEL...): tab and line ends stay."""
    return text.translate(_DROP_CONTROLS)


def decode_text(data: bytes) -> str:
    """Pasted text: UTF-8 (with or without BOM), else the windows-1250, ISO-8859-2 or
    windows-1252 reading that `charsets.detect` scores best."""
    from tiertriage.mail.charsets import detect

    if looks_binary(data):
        raise InputError("input is binary data, not a question or an email")
    text = without_controls(detect(data.removeprefix(b"\xef\xbb\xbf")))
    if not text.strip():
        raise InputError(NO_TEXT)
    return text
