"""Reply drafts written into a folder, or into a Maildir that mutt or aerc opens as a mailbox.

A draft is never lost and never written anywhere but the folder: each is written to a
temporary file created exclusively (`O_EXCL`, `O_NOFOLLOW`), flushed to disk, then
linked under its final name, which fails rather than replaces when the name is taken,
by a draft, a symlink or a folder alike; the next free name is used instead. A reader
never sees half a draft. Names say what the draft answers: the message's date, its
sender, its subject and a short hash of the message
(`2024-03-04_maria.lopez_nightly-backups_3fa2c1.eml`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tiertriage.errors import InputError
from tiertriage.mail.message import Mail

_SLUG = re.compile(r"[^a-z0-9]+")
_SENDER = re.compile(r"[^a-z0-9._-]+")
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|sv|odp|pd|tr|wg)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_SUBJECT_CHARS = 40
_TRIES = 1000
# Filesystems without hard links (FAT, some network shares) refuse os.link with these.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


class DraftError(Exception):
    """One draft could not be written (a full disk, no permission): reported in its row."""


def draft_stem(mail: Mail, key: str) -> str:
    """`<date>_<sender>_<subject>_<hash>`: readable, sorted by date, and distinct per message."""
    when = _date(mail.date).strftime("%Y-%m-%d")
    address = mail.sender.address if mail.sender else ""
    sender = _SENDER.sub("-", _ascii(address.split("@", 1)[0]).lower()).strip("-.") or "unknown"
    subject = _REPLY_PREFIX.sub("", mail.subject or "")
    slug = _SLUG.sub("-", _ascii(subject).lower()).strip("-")[:_SUBJECT_CHARS].strip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return "_".join([when, sender[:30], slug or "no-subject", digest])


def _date(value: str | None) -> datetime:
    if value:
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return datetime.now()


# Letters NFKD does not take apart into a base letter and an accent.
_FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return folded.encode("ascii", "ignore").decode("ascii")


@dataclass
class Outbox:
    """The folder drafts go to: plain (`NAME.eml`), or a Maildir (`tmp/`, then `new/NAME`)."""

    path: Path
    maildir: bool
    _taken: set[str] = field(default_factory=set)  # Maildir names already used in cur/

    @classmethod
    def open(cls, path: Path) -> Outbox:
        """The folder at `path`, created when missing; a Maildir when it has cur/ new/ tmp/."""
        try:
            path.mkdir(parents=True, exist_ok=True)
            if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
                with os.scandir(path / "cur") as entries:
                    taken = {entry.name.split(":", 1)[0] for entry in entries}
                return cls(path, True, taken)
        except OSError as exc:
            raise InputError(f"{path}: cannot use the drafts folder: {exc.strerror}") from None
        return cls(path, False)

    def write(self, stem: str, text: str) -> Path:
        """Write one draft under the first free name built from `stem`; its path."""
        staging = self.path / "tmp" if self.maildir else self.path
        target = self.path / "new" if self.maildir else self.path
        suffix = "" if self.maildir else ".eml"
        try:
            handle, temporary = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=staging)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(text.encode("utf-8"))
                    stream.flush()
                    os.fsync(stream.fileno())
                return self._publish(Path(temporary), target, stem, suffix)
            finally:
                Path(temporary).unlink(missing_ok=True)
        except OSError as exc:
            where = exc.filename or staging
            raise DraftError(f"cannot write the draft in {where}: {exc.strerror}") from None

    def _publish(self, temporary: Path, target: Path, stem: str, suffix: str) -> Path:
        for number in range(1, _TRIES + 1):
            name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
            if name in self._taken:
                continue
            final = target / name
            try:
                os.link(temporary, final, follow_symlinks=False)
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                if not _claim(temporary, final):
                    continue
            self._taken.add(name)
            return final
        raise DraftError(f"{target}: {_TRIES} drafts named {stem}{suffix} already")


def _claim(temporary: Path, final: Path) -> bool:
    """Without hard links: create `final` exclusively (never through a symlink), then move
    the draft onto it; False when the name is taken."""
    try:
        descriptor = os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        return False
    os.close(descriptor)
    os.replace(temporary, final)
    return True


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
