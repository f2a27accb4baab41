"""The history of every `ask`: one entry per question, and reading `--since` values."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, NamedTuple

from tiertriage.errors import InputError


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
