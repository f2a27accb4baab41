"""The freelancer's own support tests of vendors: the model and its queries.

One row per test (`vendors test VENDOR`): the channel, how long the first human reply
and the resolution took, 1-5 ratings of the staff, and what the chat was like.

No `from __future__ import annotations` here: pydantic would evaluate every field's
annotation from a string at import (see `catalog.models`).
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from tiertriage.catalog.models import Model, Slug, Text
from tiertriage.errors import InputError, NotFoundError
from tiertriage.store.connection import Connection

if TYPE_CHECKING:
    import sqlite3

Channel = Literal["chat", "phone", "ticket", "email"]
CHANNELS: tuple[Channel, ...] = ("chat", "phone", "ticket", "email")
# The five ratings of the staff, each 1-5, in the order they are asked.
RATINGS = ("welcome", "knowledge", "patience", "clarity", "concise")

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object, unit: str) -> float | None:
    """A duration in `unit` ("s" or "m"): a bare number is in `unit`; "90s", "3m",
    "1h30m" and "2d" are converted. None and "" stay None."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value).strip().lower().replace(" ", "")
    if not text:
        return None
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"not a duration: {value!r} (e.g. 45, 90s, 3m, 1h30m)")
    seconds = sum(float(number) * _SECONDS[given or unit] for number, given in parts)
    return seconds / _SECONDS[unit]


def _iso_date(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def _empty_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


Seconds = Annotated[
    Annotated[float, Field(ge=0)] | None, BeforeValidator(lambda v: parse_duration(v, "s"))
]
Minutes = Annotated[
    Annotated[float, Field(ge=0)] | None, BeforeValidator(lambda v: parse_duration(v, "m"))
]
Rating = Annotated[Annotated[int, Field(ge=1, le=5)] | None, BeforeValidator(_empty_is_none)]
Count = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_empty_is_none)]


class VendorTest(Model):
    """One support test; `id` is set once it is recorded."""

    id: int | None = None
    vendor: Slug
    channel: Channel
    date: Annotated[dt.date, BeforeValidator(_iso_date)]
    first_response: Seconds = None  # seconds to the first human reply
    resolution: Minutes = None  # minutes until the problem was solved
    welcome: Rating = None
    knowledge: Rating = None
    patience: Rating = None
    clarity: Rating = None
    concise: Rating = None
    good_questions: bool | None = None  # asked intuitive, useful questions
    sales_pitch: bool | None = None  # the chat was littered with sales offers
    escalated: bool | None = None  # passed on to a second tier
    transfers: Count = None  # transfers between agents or tiers
    question: Text | None = None  # what was asked
    notes: Text | None = None

    @property
    def ratings(self) -> dict[str, int]:
        """The ratings given, by name."""
        return {name: value for name in RATINGS if (value := getattr(self, name)) is not None}

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def make_test(data: Mapping[str, Any], label: Callable[[str], str]) -> VendorTest:
    """Validate `data`; an error names the field as `label(field)` (e.g. its option)."""
    from pydantic import ValidationError

    from tiertriage.wording import field_path, first_problem

    try:
        return VendorTest.model_validate(data)
    except ValidationError as exc:
        location, message = first_problem(exc, tuple(VendorTest.model_fields))
        raise InputError(f"{label(field_path(location))}: {message}") from None


# Every column but `id`, in the table's order: the model's fields are named the same.
_COLUMNS = tuple(name for name in VendorTest.model_fields if name != "id")
_BOOLEANS = ("good_questions", "sales_pitch", "escalated")


class VendorTestQueries(Connection):
    """The vendor_tests table, for `Store`."""

    def add_vendor_test(self, test: VendorTest) -> VendorTest:
        """Record `test`; returns it with its id."""
        with self._write() as db:
            cursor = db.execute(
                f"INSERT INTO vendor_tests ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})",
                _row(test),
            )
        return test.model_copy(update={"id": cursor.lastrowid})

    def update_vendor_test(self, test: VendorTest) -> None:
        """Replace the recorded test with `test.id` by `test`."""
        assignments = ", ".join(f"{name} = ?" for name in _COLUMNS)
        with self._write() as db:
            cursor = db.execute(
                f"UPDATE vendor_tests SET {assignments} WHERE id = ?", (*_row(test), test.id)
            )
            if cursor.rowcount == 0:
                raise _unknown(test.id)

    def remove_vendor_test(self, test_id: int) -> VendorTest:
        """Remove the test `test_id`; returns what it was."""
        with self._write() as db:
            test = _load(db, "WHERE id = ?", (test_id,))
            if not test:
                raise _unknown(test_id)
            db.execute("DELETE FROM vendor_tests WHERE id = ?", (test_id,))
        return test[0]

    def vendor_test(self, test_id: int) -> VendorTest:
        with self._errors():
            found = _load(self.db, "WHERE id = ?", (test_id,))
        if not found:
            raise _unknown(test_id)
        return found[0]

    def vendor_tests(self, vendor: str | None = None) -> list[VendorTest]:
        """Every test (of `vendor`), the most recent first."""
        where, params = ("WHERE vendor = ?", (vendor,)) if vendor else ("", ())
        with self._errors():
            return _load(self.db, f"{where} ORDER BY date DESC, id DESC", params)


def _row(test: VendorTest) -> tuple[Any, ...]:
    values = test.model_dump(include=set(_COLUMNS))
    values["date"] = test.date.isoformat()
    for name in _BOOLEANS:
        if values[name] is not None:
            values[name] = int(values[name])
    return tuple(values[name] for name in _COLUMNS)


def _load(db: "sqlite3.Connection", clause: str, params: tuple[Any, ...] = ()) -> list[VendorTest]:
    rows = db.execute(f"SELECT id, {', '.join(_COLUMNS)} FROM vendor_tests {clause}", params)
    tests = []
    for test_id, *values in rows:
        fields = dict(zip(_COLUMNS, values, strict=True))
        fields["date"] = dt.date.fromisoformat(fields["date"])
        for name in _BOOLEANS:
            if fields[name] is not None:
                fields[name] = bool(fields[name])
        # Rows were validated when written: construct without validating again.
        tests.append(VendorTest.model_construct(id=test_id, **fields))
    return tests


def _unknown(test_id: int | None) -> NotFoundError:
    return NotFoundError(
        f"no vendor test with id {test_id}", hint="`tiertriage vendors tests` lists them"
    )
