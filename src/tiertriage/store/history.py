"""The history of every question answered: one entry each, its queries, and `--since` values."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.errors import InputError
from tiertriage.store.clients import client_key
from tiertriage.store.connection import Connection

if TYPE_CHECKING:
    from tiertriage.store.clients import Client


class HistoryEntry(NamedTuple):
    """One question asked: when (UTC), for whom, and what the matcher made of it."""

    time: str
    client: str | None
    question: str
    topic: str | None
    score: float
    action: str

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


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


class HistoryQueries(Connection):
    """The history table, for `Store`."""

    def record(self, entries: Sequence[HistoryEntry]) -> None:
        """Add history rows in one transaction; `client` is matched to the client by name."""
        with self._write() as db:
            db.executemany(
                "INSERT INTO history (time, client_id, client_name, question, topic, score, action)"
                " VALUES (?, (SELECT id FROM clients WHERE key = ?), ?, ?, ?, ?, ?)",
                [
                    (
                        e.time,
                        client_key(e.client) if e.client else None,
                        e.client,
                        e.question,
                        e.topic,
                        e.score,
                        e.action,
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
        """The most recent entries first."""
        conditions, params = [], []
        if client is not None:
            conditions.append("client_id = (SELECT id FROM clients WHERE key = ?)")
            params.append(client.key)
        if since is not None:
            conditions.append("time >= ?")
            params.append(utc_text(since))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            "SELECT time, client_name, question, topic, score, action "
            f"FROM history {where} ORDER BY id DESC LIMIT ?"
        )
        with self._errors():
            rows = self.db.execute(sql, (*params, -1 if limit is None else limit))
            return [HistoryEntry(*row) for row in rows]

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
