"""The history of every question answered: one entry each, its queries, and `--since` values.

Entries are numbered from the most recent (1 = the latest), over the whole history
whatever a listing filters, so the number `tiertriage log` shows is the one
`topics add --from-log N` (and any command taking a log number) finds with `entry`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from tiertriage.errors import InputError, NotFoundError, TiertriageError
from tiertriage.store.clients import client_key
from tiertriage.store.connection import Connection

if TYPE_CHECKING:
    from tiertriage.answer import Answer
    from tiertriage.store.clients import Client

Source = Literal["ask", "triage"]
# The most of a question (and of a subject) the history keeps: enough to recognise it
# and to start a topic from it, never a pasted novel.
STORED_QUESTION = 4000
STORED_SUBJECT = 300


class HistoryEntry(NamedTuple):
    """One question answered: when (UTC), for whom, what the matcher made of it, and
    where it came from (`ask`, or `triage` of a mailbox: which message)."""

    time: str
    client: str | None
    question: str
    topic: str | None
    score: float
    action: str
    source: Source = "ask"
    mailbox: str | None = None
    message: str | None = None  # Message-ID, or sha256:<hex> of the message
    subject: str | None = None
    # `tiertriage fix`: when (UTC) the outcome was corrected, and what the matcher had said
    fixed: str | None = None
    matched_topic: str | None = None
    matched_action: str | None = None
    number: int = 0  # 1 = the most recent entry; 0 until it is recorded

    @property
    def corrected(self) -> bool:
        """Fixed to another outcome than the matcher's (not merely confirmed)."""
        return self.fixed is not None and (self.matched_topic, self.matched_action) != (
            self.topic,
            self.action,
        )

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


def entries_for(
    answer: Answer,
    *,
    source: Source,
    message: str | None = None,
    mailbox: str | None = None,
) -> list[HistoryEntry]:
    """One entry per question of `answer`, stamped now."""
    stamp = now_text()
    name = answer.client.name if answer.client else None
    subject = answer.mail.subject
    return [
        HistoryEntry(
            stamp,
            name,
            item.question,
            item.matched.id if item.matched else None,
            item.score,
            item.action,
            source,
            mailbox,
            message,
            subject,
        )
        for item in answer.outcomes
    ]


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_text() -> str:
    return utc_text(datetime.now(timezone.utc))


_AGE = re.compile(r"(\d+)\s*([mhdw])")
_AGE_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime) -> datetime:
    """An age ("7d", "12h", "30m", "2w") before `now`, or a local date or date-time."""
    value = text.strip().lower()
    age = _AGE.fullmatch(value)
    if age:
        return now - timedelta(**{_AGE_UNITS[age.group(2)]: int(age.group(1))})
    try:
        return datetime.combine(date.fromisoformat(value), time.min).astimezone()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.upper()).astimezone()
    except ValueError:
        raise InputError(
            f"--since: not a date or an age: {text!r} (e.g. 2025-01-31, 7d, 12h or 30m)"
        ) from None


def _bounded(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


_COLUMNS = (
    "time, client_name, question, topic, score, action, source, mailbox, message, subject, "
    "fixed, matched_topic, matched_action"
)


class HistoryQueries(Connection):
    """The history table, for `Store`."""

    def record(self, entries: Sequence[HistoryEntry]) -> None:
        """Add history rows in one transaction; `client` is matched to the client by name.
        Questions and subjects are kept up to `STORED_QUESTION`/`STORED_SUBJECT` characters."""
        with self._write() as db:
            db.executemany(
                f"INSERT INTO history (client_id, {_COLUMNS}) VALUES "
                "((SELECT id FROM clients WHERE key = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        client_key(e.client) if e.client else None,
                        e.time,
                        e.client,
                        _bounded(e.question, STORED_QUESTION),
                        e.topic,
                        e.score,
                        e.action,
                        e.source,
                        e.mailbox,
                        e.message,
                        _bounded(e.subject, STORED_SUBJECT),
                        e.fixed,
                        e.matched_topic,
                        e.matched_action,
                    )
                    for e in entries
                ],
            )

    def history(
        self,
        *,
        client: Client | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[HistoryEntry]:
        """The most recent entries first, each with its number in the whole history."""
        conditions, params = [], []
        if client is not None:
            conditions.append("client_id = (SELECT id FROM clients WHERE key = ?)")
            params.append(client.key)
        if since is not None:
            conditions.append("time >= ?")
            params.append(utc_text(since))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        # Numbered over the whole history before filtering; a window function numbers
        # 10,000 rows in ~15 ms, where counting the newer rows of each took ~1.8 s.
        sql = (
            f"SELECT {_COLUMNS}, number FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY id DESC) "
            f"AS number FROM history) AS history {where} ORDER BY id DESC LIMIT ?"
        )
        with self._errors():
            rows = self.db.execute(sql, (*params, -1 if limit is None else limit))
            return [HistoryEntry(*row) for row in rows]

    def entry(self, number: int) -> HistoryEntry:
        """The entry `tiertriage log` numbers `number` (1 = the most recent)."""
        with self._errors():
            row = self.db.execute(
                f"SELECT {_COLUMNS} FROM history ORDER BY id DESC LIMIT 1 OFFSET ?",
                (max(number - 1, 0),),
            ).fetchone()
            if row is not None and number >= 1:
                return HistoryEntry(*row)._replace(number=number)
            count = self.db.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        raise NotFoundError(
            f"the history has no entry {number} (entries are numbered 1 to {count}, "
            "1 the most recent)"
            if count
            else "the history is empty: every `tiertriage ask` and `triage` is recorded there",
            hint="see the numbers with `tiertriage log`",
        )

    def correct(self, entry: HistoryEntry, topic: str | None, action: str) -> HistoryEntry:
        """Record `topic` and `action` as the right outcome of `entry` (as `entry(n)` read
        it), keeping the matcher's own outcome from before any earlier fix."""
        with self._write() as db:
            row_id = self._row_of(db, entry)
            db.execute(
                "UPDATE history SET fixed = ?, matched_topic = CASE WHEN fixed IS NULL "
                "THEN topic ELSE matched_topic END, matched_action = CASE WHEN fixed IS NULL "
                "THEN action ELSE matched_action END, topic = ?, action = ? WHERE id = ?",
                (now_text(), topic, action, row_id),
            )
        return self.entry(entry.number)

    def uncorrect(self, entry: HistoryEntry) -> HistoryEntry:
        """Put the matcher's outcome of a fixed `entry` back (`fix --undo`)."""
        if entry.fixed is None:
            raise InputError(
                f"entry {entry.number} was never fixed: nothing to undo",
                hint="fix it with `tiertriage fix N TOPIC`",
            )
        with self._write() as db:
            row_id = self._row_of(db, entry)
            db.execute(
                "UPDATE history SET topic = matched_topic, action = matched_action, "
                "fixed = NULL, matched_topic = NULL, matched_action = NULL WHERE id = ?",
                (row_id,),
            )
        return self.entry(entry.number)

    def fixed_to(self, question: str, topic: str) -> int:
        """How many fixed entries have `question` and `topic` (a learned example stays
        while one of them still needs it)."""
        with self._errors():
            row = self.db.execute(
                "SELECT COUNT(*) FROM history WHERE fixed IS NOT NULL AND question = ? "
                "AND topic = ?",
                (question, topic),
            ).fetchone()
        return int(row[0])

    def _row_of(self, db: Any, entry: HistoryEntry) -> int:
        """The row id of `entry`, still numbered as it was read: a question recorded in
        between (a `triage` running meanwhile) renumbers the history."""
        row = db.execute(
            "SELECT id, time, question FROM history ORDER BY id DESC LIMIT 1 OFFSET ?",
            (entry.number - 1,),
        ).fetchone()
        if row is None or (row[1], row[2]) != (entry.time, entry.question):
            raise TiertriageError(
                f"the history changed while entry {entry.number} was being fixed",
                hint="check its number with `tiertriage log` and run the command again",
            )
        return int(row[0])

    def handled(self, message: str) -> bool:
        """Whether the message (Message-ID or content hash) is in the history already."""
        with self._errors():
            found = self.db.execute(
                "SELECT 1 FROM history WHERE message = ? LIMIT 1", (message,)
            ).fetchone()
        return found is not None

    def topic_counts(self) -> list[tuple[str | None, str, str, int]]:
        """(client key or None, topic, action, how many) over the whole history: which
        questions each client's vendors generated. A removed client's rows have None."""
        sql = (
            "SELECT clients.key, history.topic, history.action, COUNT(*) FROM history "
            "LEFT JOIN clients ON clients.id = history.client_id "
            "WHERE history.topic IS NOT NULL GROUP BY 1, 2, 3"
        )
        with self._errors():
            return [tuple(row) for row in self.db.execute(sql)]
