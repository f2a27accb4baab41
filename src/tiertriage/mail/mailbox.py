"""The messages of a mailbox, one at a time: an mbox file, a Maildir, or a folder of .eml files.

Streaming: a single message is held in memory at a time, and only its first
`mail.MAX_MESSAGE` bytes (the text comes before attachments), so memory stays flat
however large the mailbox. A message that cannot be read is yielded with an error
instead of stopping the iteration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tiertriage.errors import InputError
from tiertriage.mail.message import MAX_MESSAGE
from tiertriage.mail.sniff import is_message

_CHUNK = 64 * 1024
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Item:
    """One message: its key in the mailbox, its bytes (or why they could not be read)."""

    key: str
    data: bytes
    error: str | None = None
    advance: int = 1  # progress made: bytes read for an mbox, one message otherwise


@dataclass(frozen=True)
class Mailbox:
    path: Path
    kind: Literal["mbox", "maildir", "eml"]

    @property
    def key_field(self) -> str:
        """The JSON field naming a message: `file` for .eml files, `key` in a mailbox."""
        return "file" if self.kind == "eml" else "key"

    def size(self) -> int:
        """The progress total: bytes for an mbox, messages otherwise."""
        if self.kind == "mbox":
            return self.path.stat().st_size
        return sum(1 for _ in self._files())

    def __iter__(self) -> Iterator[Item]:
        if self.kind == "mbox":
            yield from _mbox(self.path)
            return
        for key, file in self._files():
            try:
                with file.open("rb") as stream:
                    yield Item(key, stream.read(MAX_MESSAGE))
            except OSError as exc:
                yield Item(key, b"", f"cannot read {file}: {exc.strerror}")

    def _files(self) -> Iterator[tuple[str, Path]]:
        if self.kind == "eml" and self.path.is_file():
            yield self.path.name, self.path
            return
        if self.kind == "eml":
            for name in sorted(_names(self.path)):
                if name.lower().endswith(".eml"):
                    yield name, self.path / name
            return
        for folder in ("new", "cur"):
            for name in sorted(_names(self.path / folder)):
                if not name.startswith("."):
                    yield name.split(":", 1)[0], self.path / folder / name


def _names(folder: Path) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file():
                yield entry.name


def open_mailbox(path: Path) -> Mailbox:
    """What `path` is: an mbox file, a Maildir (cur/ and new/), or a folder of .eml files."""
    if path.is_dir():
        if (path / "cur").is_dir() and (path / "new").is_dir():
            return Mailbox(path, "maildir")
        mailbox = Mailbox(path, "eml")
        if next(mailbox._files(), None) is None:
            raise InputError(f"{path}: no .eml files and not a Maildir (no cur/ and new/)")
        return mailbox
    try:
        with path.open("rb") as stream:
            head = stream.read(_CHUNK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if head.startswith(b"From "):
        return Mailbox(path, "mbox")
    if is_message(head):
        return Mailbox(path, "eml")  # a single .eml file: a mailbox of one
    raise InputError(f"{path}: not an mbox file, a Maildir or a folder of .eml files")


def _mbox(path: Path) -> Iterator[Item]:
    """Split at "From " lines that follow a blank line; undo ">From " escaping (mboxrd)."""
    index = -1
    parts: list[bytes] = []
    size = read = 0
    at_line_start = after_blank = True
    with path.open("rb") as stream:
        while True:
            line = stream.readline(_CHUNK)
            if not line:
                break
            read += len(line)
            starts_message = at_line_start and after_blank and line.startswith(b"From ")
            at_line_start = line.endswith(b"\n")
            if starts_message:
                if index >= 0:
                    yield Item(str(index), b"".join(parts), advance=read - len(line))
                    read = len(line)
                index, parts, size = index + 1, [], 0
                after_blank = False
                continue
            after_blank = line in (b"\n", b"\r\n")
            if index >= 0 and size < MAX_MESSAGE:
                line = _ESCAPED_FROM.sub(rb"\1", line)
                parts.append(line)
                size += len(line)
    if index >= 0:
        yield Item(str(index), b"".join(parts), advance=read)


def draft_name(key: str) -> str:
    """A safe file name for the reply draft to the message `key`."""
    stem = _UNSAFE.sub("_", key.removesuffix(".eml")).strip("._") or "message"
    return f"{stem}.eml"
