"""The freelancer's own support tests of one vendor, summed up; pure.

The first human reply is marked against its channel's expectations (`RESPONSE_MARKS`);
the ratings, questions, sales pitches and transfers are averaged or counted.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.store.vendor_tests import RATINGS

if TYPE_CHECKING:
    from tiertriage.store.vendor_tests import VendorTest

# Seconds to the first human reply that earn full marks, and that earn none (linear in
# between): live chat within seconds when first in line, minutes with a queue; a ticket
# within the day (the seed article's marks).
RESPONSE_MARKS = {
    "chat": (60, 15 * 60),
    "phone": (60, 15 * 60),
    "ticket": (3600, 48 * 3600),
    "email": (3600, 48 * 3600),
}


class TestSummary(NamedTuple):
    """A vendor's own support tests, summed up."""

    total: int  # how many tests
    median_first_response: float | None  # seconds, over every test that timed it
    median_first_response_by_channel: dict[str, float]
    median_resolution: float | None  # minutes
    mean_ratings: dict[str, float]  # rating name -> mean, for the ratings given
    good_questions: tuple[int, int]  # (tests that asked good questions, tests noting it)
    sales_pitches: tuple[int, int]
    escalated: tuple[int, int]
    mean_transfers: float | None
    last_test: date | None
    response_value: float | None  # mean of each test's mark against RESPONSE_MARKS


def response_mark(test: VendorTest) -> float | None:
    """0..1: the first human reply against its channel's marks."""
    if test.first_response is None:
        return None
    full, none = RESPONSE_MARKS[test.channel]
    return min(1.0, max(0.0, (none - test.first_response) / (none - full)))


def summarise(tests: Sequence[VendorTest]) -> TestSummary:
    def median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    def tally(name: str) -> tuple[int, int]:
        noted = [getattr(t, name) for t in tests if getattr(t, name) is not None]
        return sum(noted), len(noted)

    timed = [t for t in tests if t.first_response is not None]
    by_channel: dict[str, float] = {}
    for channel in dict.fromkeys(t.channel for t in timed):
        by_channel[channel] = statistics.median(
            t.first_response for t in timed if t.channel == channel and t.first_response is not None
        )
    ratings = {
        name: statistics.fmean(values)
        for name in RATINGS
        if (values := [v for t in tests if (v := getattr(t, name)) is not None])
    }
    marks = [m for t in tests if (m := response_mark(t)) is not None]
    transfers = [t.transfers for t in tests if t.transfers is not None]
    return TestSummary(
        total=len(tests),
        median_first_response=median(
            [t.first_response for t in timed if t.first_response is not None]
        ),
        median_first_response_by_channel=by_channel,
        median_resolution=median([t.resolution for t in tests if t.resolution is not None]),
        mean_ratings=ratings,
        good_questions=tally("good_questions"),
        sales_pitches=tally("sales_pitch"),
        escalated=tally("escalated"),
        mean_transfers=statistics.fmean(transfers) if transfers else None,
        last_test=max((t.date for t in tests), default=None),
        response_value=statistics.fmean(marks) if marks else None,
    )


def duration_text(seconds: float) -> str:
    """45 s, 3 min, 1.5 h, 2 d."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{number(seconds / 3600)} h"
    return f"{number(seconds / 86400)} d"


def number(value: float) -> str:
    """One decimal, without a trailing .0: 4.3, 5."""
    return f"{value:.1f}".removesuffix(".0")
