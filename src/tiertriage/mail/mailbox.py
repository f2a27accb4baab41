"""The messages of a mailbox, one at a time: an mbox file, a Maildir, or a folder of .eml files.

Streaming: a single message is held in memory at a time, and only its first
`mail.MAX_MESSAGE` bytes, so memory stays flat however large the mailbox. A message
that cannot be read is yielded with an error instead of stopping the iteration; a
symlink pointing outside the mailbox is yielded as skipped, never followed.
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
OUTSIDE = "symlink-outside"  # why a message is skipped: it links out of the mailbox
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class Item:
    """One message: its key in the mailbox, its bytes (or why they could not be read)."""

    key: str
    data: bytes
    error: str | None = None
    skipped: str | None = None  # why it is not read at all
    size: int = 0  # bytes of the mailbox file it took (an mbox's progress)


@dataclass(frozen=True)
class Mailbox:
    path: Path
    kind: Literal["mbox", "maildir", "eml"]

    @property
    def key_field(self) -> str:
        """The JSON field naming a message: `file` for .eml files, `key` in a mailbox."""
        return "file" if self.kind == "eml" else "key"

    def count(self) -> int | None:
        """How many messages there are, when that is cheap to know (not for an mbox)."""
        if self.kind == "mbox":
            return None
        return sum(1 for _ in self._files())

    def bytes(self) -> int:
        """The mbox file's size (the progress of reading it), 0 for other kinds."""
        return self.path.stat().st_size if self.kind == "mbox" else 0

    def __iter__(self) -> Iterator[Item]:
        if self.kind == "mbox":
            yield from _mbox(self.path)
            return
        root = os.path.realpath(self.path if self.path.is_dir() else self.path.parent)
        for key, file, linked in self._files():
            yield _read(key, file, linked, root)

    def _files(self) -> Iterator[tuple[str, Path, bool]]:
        """(key, path, is a symlink) of each message file."""
        if self.kind == "eml" and self.path.is_file():
            yield self.path.name, self.path, False
            return
        if self.kind == "eml":
            for name, linked in sorted(_names(self.path)):
                if name.lower().endswith(".eml"):
                    yield name, self.path / name, linked
            return
        for folder in ("new", "cur"):
            for name, linked in sorted(_names(self.path / folder)):
                if not name.startswith("."):
                    yield name.split(":", 1)[0], self.path / folder / name, linked


def _read(key: str, file: Path, linked: bool, root: str) -> Item:
    if linked:
        target = os.path.realpath(file)
        if os.path.commonpath([root, target]) != root:
            return Item(key, b"", skipped=OUTSIDE)
    try:
        # A file that was not a symlink when listed must not have become one since.
        descriptor = os.open(file, os.O_RDONLY | (0 if linked else _NOFOLLOW))
        with os.fdopen(descriptor, "rb") as stream:
            return Item(key, stream.read(MAX_MESSAGE))
    except OSError as exc:
        return Item(key, b"", f"cannot read {file}: {exc.strerror}")


def _names(folder: Path) -> Iterator[tuple[str, bool]]:
    """The regular files in `folder` (a symlink to one included), and which are symlinks."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_file():
                yield entry.name, entry.is_symlink()


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
                    yield Item(str(index), b"".join(parts), size=read - len(line))
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
        yield Item(str(index), b"".join(parts), size=read)
