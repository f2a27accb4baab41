"""Triaging a whole mailbox, message by message: a JSON-ready record each, drafts, history.

Library API of `tiertriage triage`, on top of `answer` (one message) and `mail.mailbox`
(streaming the messages). Before a message is parsed, its header fields say whether
it was handled already (its Message-ID, or a hash of it, is in the history) or is
automated mail; either way it is skipped. The rest are answered a window at a time,
so the questions the lexical stage is unsure of are embedded as one batch; each
window's drafts are written, then its history recorded in one transaction, so an
interrupted run never leaves a recorded message without its draft. Nothing is kept
per message but the tally; the records wait, in listing order, in temporary files.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from tiertriage.catalog.models import ACTIONS
from tiertriage.errors import InputError, TiertriageError
from tiertriage.mail.automated import automated
from tiertriage.mail.headers import fields, message_key
from tiertriage.mail.mailbox import Item, Mailbox
from tiertriage.mail.message import Mail, envelope, read

if TYPE_CHECKING:
    from tiertriage.answer import Answer, Responder
    from tiertriage.mail.outbox import Outbox
    from tiertriage.workspace import Workspace

WINDOW = 32  # messages answered together (embedding beyond 32 at once gains nothing)
HANDLED = "handled"  # why a message is skipped: the history has it
# The listing order: urgent first, then what needs the freelancer most.
RANKS = ("urgent", "review", "answer+consult", "answer", "escalate", "error", "skipped")
Status = Literal["answered", "error", "skipped"]


class Triaged(NamedTuple):
    """One message's outcome: its JSON-ready record and where it is listed."""

    record: dict[str, Any]
    rank: int  # index in RANKS
    status: Status
    size: int  # bytes of the mailbox file it took (an mbox's progress)


@dataclass
class Tally:
    """What a run did so far: for the counts at the end, and for an interrupted run."""

    seen: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    urgent: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    drafts: int = 0
    draft_errors: int = 0
    recorded: int = 0


class _Pending(NamedTuple):
    base: dict[str, Any]
    header: dict[str, str]
    key: str  # what names the message in the history
    mail: Mail
    size: int


class MailboxTriage:
    """Triages a mailbox's messages: skips the handled and the automated, answers the
    rest, writes their drafts and records them.

    A message that cannot be read becomes a record with an `error`, a draft that cannot
    be written a `draft_error`; only errors that concern the whole run (catalogue,
    settings, database) stop it.
    """

    def __init__(
        self,
        mailbox: Mailbox,
        workspace: Workspace,
        *,
        outbox: Outbox | None = None,
        include_automated: bool = False,
        again: bool = False,
        log: bool = True,
    ) -> None:
        self.mailbox = mailbox
        self.workspace = workspace
        self.outbox = outbox
        self.include_automated = include_automated
        self.log = log
        # Without logging, a history that does not exist yet is not created to be asked.
        self.check_handled = not again and (log or workspace.paths.database.is_file())
        self.where = str(mailbox.path.resolve())
        self.tally = Tally()

    @cached_property
    def responder(self) -> Responder:
        """Loaded when a message needs answering: a rerun of handled mail never loads
        the catalogue."""
        from tiertriage.answer import Responder

        return Responder(self.workspace)

    def run(
        self, items: Iterable[Item], stop: Callable[[], bool] = lambda: False
    ) -> Iterator[Triaged]:
        """Each message's outcome, until the items end or `stop()` says so (checked
        between messages: a window already read is still answered and recorded)."""
        window: list[_Pending] = []
        for item in items:
            if stop():
                break
            self.tally.seen += 1
            screened = self._screen(item)
            if isinstance(screened, Triaged):
                yield screened
                continue
            window.append(screened)
            if len(window) == WINDOW:
                yield from self._answer(window)
                window = []
        yield from self._answer(window)

    def _screen(self, item: Item) -> Triaged | _Pending:
        """A skipped or unreadable message's outcome, or the parsed message to answer."""
        base: dict[str, Any] = {self.mailbox.key_field: item.key}
        if item.skipped:
            return self._skipped(base, {}, item.skipped, item.size)
        if item.error:
            return self._failed(base, {}, item.error, item.size)
        header = fields(item.data)
        key = message_key(header, item.data)
        if self.check_handled and self.workspace.store.handled(key):
            return self._skipped(base, header, HANDLED, item.size)
        reason = None if self.include_automated else automated(header)
        if reason:
            return self._skipped(base, header, reason, item.size)
        try:
            mail = read(item.data)
        except InputError as error:
            return self._failed(base, header, str(error), item.size)
        except Exception as error:  # a bug must not cost the rest of the mailbox
            return self._failed(base, header, _internal(error), item.size)
        return _Pending(base, header, key, mail, item.size)

    def _answer(self, window: list[_Pending]) -> Iterator[Triaged]:
        if not window:
            return
        from tiertriage.store.history import entries_for

        responder = self.responder
        try:
            vectors = responder.vectors_for(q for p in window for q in p.mail.questions)
        except TiertriageError:
            raise
        except Exception:  # each message then embeds its own questions, or reports why not
            vectors = {}
        done: list[Triaged] = []
        entries = []
        for pending in window:
            try:
                answer = responder.answer(pending.mail, vectors)
            except TiertriageError:
                raise
            except Exception as error:  # a bug must not cost the rest of the mailbox
                done.append(
                    self._failed(pending.base, pending.header, _internal(error), pending.size)
                )
                continue
            record = self._answered(pending, answer)
            if self.log and "draft_error" not in record:
                entries += entries_for(
                    answer, source="triage", message=pending.key, mailbox=self.where
                )
                self.tally.recorded += 1
            done.append(Triaged(record, _rank(record), "answered", pending.size))
        if entries:
            self.workspace.store.record(entries)
        yield from done

    def _answered(self, pending: _Pending, answer: Answer) -> dict[str, Any]:
        from tiertriage.mail.urgency import is_urgent
        from tiertriage.render.shapes import answer_json

        urgent = is_urgent(answer)
        record = {**pending.base, **answer_json(answer), "urgent": urgent}
        if pending.mail.cut:
            record["cut"] = list(pending.mail.cut)
        if answer.notices:
            record["notices"] = list(answer.notices)
        self.tally.actions[record_action(record)] += 1
        self.tally.urgent += urgent
        if self.outbox is not None:
            from tiertriage.mail.outbox import DraftError, draft_stem

            try:
                path = self.outbox.write(draft_stem(pending.mail, pending.key), answer.draft())
            except DraftError as error:
                record["draft_error"] = str(error)
                self.tally.draft_errors += 1
            else:
                record["draft"] = str(path)
                self.tally.drafts += 1
        return record

    def _failed(
        self, base: dict[str, Any], header: dict[str, str], error: str, size: int
    ) -> Triaged:
        self.tally.errors += 1
        sender, subject = envelope(header)
        from tiertriage.render.shapes import sender_text

        found = {"from": sender_text(sender) if sender else None, "client": None}
        record = {**base, **found, "subject": subject, "error": error}
        return Triaged(record, RANKS.index("error"), "error", size)

    def _skipped(
        self, base: dict[str, Any], header: dict[str, str], why: str, size: int
    ) -> Triaged:
        self.tally.skipped[why] += 1
        sender, subject = envelope(header)
        from tiertriage.render.shapes import sender_text

        record = {**base, "from": sender_text(sender) if sender else None, "subject": subject}
        return Triaged({**record, "skipped": why}, RANKS.index("skipped"), "skipped", size)


def _internal(error: Exception) -> str:
    return f"internal error: {type(error).__name__}: {error}"


def record_action(record: dict[str, Any]) -> str:
    """The action of an answered message: the most involved of its questions'."""
    items = record.get("items") or [record]
    return str(max((i["action"] for i in items), key=ACTIONS.index))


def _rank(record: dict[str, Any]) -> int:
    return 0 if record["urgent"] else RANKS.index(record_action(record))


def summary_row(record: dict[str, Any], key_field: str) -> list[str]:
    """(message, from, client, subject, topic, action, urgent) of an answered or
    unreadable message's record."""
    client = record.get("client")
    cells = [str(record[key_field]), record.get("from") or "", client["name"] if client else ""]
    cells.append(record.get("subject") or "")
    if "error" in record:
        return [*cells, record["error"], "error", ""]
    items = record.get("items") or [record]
    topic = record.get("matched_topic") or "-"
    if len(items) > 1:
        topic += f" +{len(items) - 1}"
    return [*cells, topic, record_action(record), "urgent" if record["urgent"] else ""]


class Spool:
    """Lines kept in temporary files rather than in memory, one file per rank, read back
    rank by rank in the order they came; the longest value of each column is tracked."""

    def __init__(self, files: list[IO[bytes]]) -> None:
        self._files = files
        self.longest: list[int] = []

    @classmethod
    @contextmanager
    def temporary(cls) -> Iterator[Spool]:
        with ExitStack() as stack:
            yield cls([stack.enter_context(tempfile.TemporaryFile()) for _ in RANKS])

    def add(self, rank: int, value: Any) -> None:
        if isinstance(value, list):
            self.longest += [0] * (len(value) - len(self.longest))
            for index, cell in enumerate(value):
                self.longest[index] = max(self.longest[index], len(cell))
        self._files[rank].write(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")

    def __iter__(self) -> Iterator[Any]:
        for file in self._files:
            file.seek(0)
            for line in file:
                yield json.loads(line)
