"""The scorecard arithmetic: one vendor's evidence -> points per criterion, a total, reasons.

Pure. Three kinds of evidence, after the seed article's checklist:

- the catalogue's facts: which support channels the vendor has, its trial and
  money-back terms (`channels`, `terms`);
- the freelancer's own support tests (`vendors test`): how fast a human answered, how
  the staff rated, whether they asked good questions, pitched sales or passed the
  question around (`first_response`, `staff`, `good_questions`, `sales_pitch`,
  `transfers`);
- the history: of the client questions its topics generated, how many needed a paid
  consult (`consults`).

Each criterion is a value from 0 to 1 times its weight (`DEFAULT_WEIGHTS`, overridden
by the settings' `scorecard_weights`); the score is the points won out of the weights,
out of 100. A criterion without evidence (no tests yet, no questions yet) counts as
`UNKNOWN`, middling, and says so: an untested vendor ranks below a well-tested one and
above a badly tested one.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, get_args

from tiertriage.errors import ConfigError
from tiertriage.scorecard.summary import TestSummary, duration_text, number, summarise
from tiertriage.settings import ScoreCriterion

if TYPE_CHECKING:
    from tiertriage.catalog.models import Vendor
    from tiertriage.store.vendor_tests import VendorTest

CRITERIA: tuple[ScoreCriterion, ...] = get_args(ScoreCriterion)
# Out of 100 in all. Staff and speed weigh most: they are what the client meets.
DEFAULT_WEIGHTS: dict[ScoreCriterion, float] = {
    "channels": 20,  # share of the checklist's channels the vendor has (CHECKLIST)
    "terms": 5,  # a free trial, a money-back guarantee: half each
    "first_response": 20,  # own tests: the first human reply against summary.RESPONSE_MARKS
    "staff": 25,  # own tests: mean of the five 1-5 ratings, 1 -> 0 and 5 -> 1
    "good_questions": 5,  # own tests: share that asked good questions
    "sales_pitch": 10,  # own tests: share free of sales pitches
    "transfers": 5,  # own tests: 1 - mean transfers / MAX_TRANSFERS
    "consults": 10,  # history: share of its client questions answered without a consult
}
CRITERION_LABELS: dict[ScoreCriterion, str] = {
    "channels": "Channels",
    "terms": "Terms",
    "first_response": "First human reply",
    "staff": "Staff",
    "good_questions": "Good questions",
    "sales_pitch": "Sales pitches",
    "transfers": "Transfers",
    "consults": "Client questions",
}
RATING_LABELS = {"concise": "conciseness"}  # the others are named as they are stored
UNKNOWN = 0.5  # the value of a criterion without evidence
TEST_CRITERIA = ("first_response", "staff", "good_questions", "sales_pitch", "transfers")
MAX_TRANSFERS = 3  # a mean of three transfers a test or more earns nothing
CONSULT_ACTIONS = ("answer+consult", "escalate")

_ROUND_THE_CLOCK = re.compile(r"24\s*/\s*7|24\s*(?:hours|h)\b|round[- ]the[- ]clock", re.I)
_NOT_OFFERED = re.compile(r"^\s*(?:no|none)\b", re.I)  # "None: paid accounts are non-refundable"


class Usage(NamedTuple):
    """What the history says of a vendor: clients using it, questions its topics got."""

    clients: int = 0
    questions: int = 0
    consults: int = 0  # of those questions, how many ended in a consult


class Part(NamedTuple):
    """One criterion of one vendor's scorecard."""

    criterion: ScoreCriterion
    weight: float
    value: float  # 0..1; UNKNOWN without evidence
    known: bool
    evidence: str  # in words, for the freelancer to repeat to a client

    @property
    def points(self) -> float:
        return self.weight * self.value

    @property
    def label(self) -> str:
        return CRITERION_LABELS[self.criterion]


class Scorecard(NamedTuple):
    vendor: Vendor
    score: float  # 0..100
    parts: list[Part]
    tests: TestSummary
    usage: Usage
    channels: list[str]  # the checklist's channels it has, as shown

    @property
    def reasons(self) -> list[str]:
        """Each weighed criterion in words with its points; the test criteria of an
        untested vendor as one sentence."""
        reasons: list[str] = []
        weighed = [part for part in self.parts if part.weight]
        untested = [] if self.tests.total else [p for p in weighed if p.criterion in TEST_CRITERIA]
        for part in weighed:
            if untested and part is untested[0]:
                points = sum(p.points for p in untested)
                weight = sum(p.weight for p in untested)
                reasons.append(
                    f"Not tested yet: record a chat test with `{test_command(self.vendor)}` "
                    f"({points:.1f} of {weight:g}, counted as middling)"
                )
            elif part not in untested:
                middling = "" if part.known else ", counted as middling"
                reasons.append(
                    f"{part.label}: {part.evidence} "
                    f"({part.points:.1f} of {part.weight:g}{middling})"
                )
        return reasons


def test_command(vendor: Vendor) -> str:
    return f"tiertriage vendors test {vendor.id}"


def weights(overrides: Mapping[ScoreCriterion, float]) -> dict[ScoreCriterion, float]:
    """The default weights with the settings' `scorecard_weights` applied."""
    merged = {**DEFAULT_WEIGHTS, **overrides}
    if not any(merged.values()):
        raise ConfigError(
            "scorecard_weights: every weight is 0, so nothing would be scored",
            hint="give at least one criterion a weight in settings.yaml",
        )
    return merged


# -- the catalogue's facts ---------------------------------------------------------


def checklist(vendor: Vendor) -> list[tuple[str, float]]:
    """The checklist's channels, each with how much of it the vendor has (0, 0.5, 1)."""
    support = vendor.support
    chat = 0.0 if not support.chat else 0.5 if support.chat_plans else 1.0
    all_day = bool(
        support.chat and support.chat_hours and _ROUND_THE_CLOCK.search(support.chat_hours)
    )
    return [
        ("live chat", chat),
        ("chat around the clock", float(all_day)),
        ("phone", float(bool(support.phone))),
        ("tickets", float(bool(support.contact or support.email))),
        ("status page", float(bool(support.status))),
        ("forum", float(bool(support.community))),
        ("tutorials", float(bool(support.tutorials))),
        ("published response time", float(bool(support.response_time))),
    ]


def channel_names(vendor: Vendor) -> list[str]:
    """The channels it has, with published hours and plans: "live chat (24/7)"."""
    support = vendor.support
    names = ["help centre"]
    if support.chat:
        details = [d for d in (support.chat_hours, support.chat_plans) if d]
        names.append("live chat" + (f" ({'; '.join(details)})" if details else ""))
    if support.phone:
        names.append("phone" + (f" ({support.phone_hours})" if support.phone_hours else ""))
    names += [
        name
        for name, present in (
            ("tickets", support.contact or support.email),
            ("status page", support.status),
            ("forum", support.community),
            ("tutorials", support.tutorials),
        )
        if present
    ]
    if support.transcripts:
        names.append("chat transcripts")
    return names


def offered(terms: str | None) -> bool:
    """Whether published terms offer something ("None: non-refundable" does not)."""
    return bool(terms) and not _NOT_OFFERED.match(terms or "")


def _channels_part(vendor: Vendor, weight: float) -> Part:
    items = checklist(vendor)
    value = sum(share for _, share in items) / len(items)
    missing = [name for name, share in items if not share]
    evidence = ", ".join(channel_names(vendor))
    if missing:
        evidence += "; no " + _joined(missing, "or")
    evidence += f"; {number(sum(share for _, share in items))} of {len(items)} checklist items"
    return Part("channels", weight, value, True, evidence)


def _terms_part(vendor: Vendor, weight: float) -> Part:
    from tiertriage.wording import shorten

    listed = [
        f"{label}: {shorten(terms, 90)}"
        for label, terms in (("free trial", vendor.trial), ("money-back", vendor.money_back))
        if terms
    ]
    missing = [
        label
        for label, terms in (
            ("free trial", vendor.trial),
            ("money-back guarantee", vendor.money_back),
        )
        if not terms
    ]
    if missing:
        listed.append("no " + _joined(missing, "or") + " listed")
    value = (offered(vendor.trial) + offered(vendor.money_back)) / 2
    return Part("terms", weight, value, True, "; ".join(listed))


# -- the freelancer's own tests --------------------------------------------------


def _test_parts(
    vendor: Vendor, summary: TestSummary, weights: Mapping[ScoreCriterion, float]
) -> list[Part]:
    untested = "not tested yet"

    def part(criterion: ScoreCriterion, value: float | None, evidence: str, missing: str) -> Part:
        if value is None:
            return Part(
                criterion,
                weights[criterion],
                UNKNOWN,
                False,
                missing if summary.total else untested,
            )
        return Part(criterion, weights[criterion], value, True, evidence)

    times = "; ".join(
        f"{channel} {duration_text(seconds)}"
        for channel, seconds in summary.median_first_response_by_channel.items()
    )
    ratings = summary.mean_ratings
    staff = statistics.fmean(ratings.values()) if ratings else None
    asked, asked_of = summary.good_questions
    pitched, pitched_of = summary.sales_pitches
    escalated, escalated_of = summary.escalated
    transfers = summary.mean_transfers
    tail = f", escalated in {escalated} of {escalated_of}" if escalated_of else ""
    return [
        part(
            "first_response",
            summary.response_value,
            f"median {times} over {_tests(summary.total)}; full marks within "
            "1 min on chat or phone, 1 h by ticket or email",
            "not timed in its tests",
        ),
        part(
            "staff",
            (staff - 1) / 4 if staff is not None else None,
            ", ".join(
                f"{RATING_LABELS.get(name, name)} {number(mean)}" for name, mean in ratings.items()
            )
            + f" out of 5 over {_tests(summary.total)}",
            "not rated in its tests",
        ),
        part(
            "good_questions",
            asked / asked_of if asked_of else None,
            f"asked in {asked} of {_tests(asked_of)}",
            "not noted in its tests",
        ),
        part(
            "sales_pitch",
            1 - pitched / pitched_of if pitched_of else None,
            f"in {pitched} of {_tests(pitched_of)}" if pitched else f"none in {_tests(pitched_of)}",
            "not noted in its tests",
        ),
        part(
            "transfers",
            max(0.0, 1 - transfers / MAX_TRANSFERS) if transfers is not None else None,
            (f"{number(transfers)} a test on average" if transfers else "none") + tail,
            "not noted in its tests",
        ),
    ]


# -- the history ---------------------------------------------------------------------


def _consults_part(usage: Usage, weight: float) -> Part:
    if not usage.questions:
        used = (
            f"used by {_plural(usage.clients, 'client')}" if usage.clients else "no client uses it"
        )
        return Part("consults", weight, UNKNOWN, False, f"none yet ({used})")
    value = 1 - usage.consults / usage.questions
    evidence = (
        f"{usage.questions} about its services from {_plural(usage.clients, 'client')} "
        f"using it, {usage.consults} ended in a consult"
    )
    return Part("consults", weight, value, True, evidence)


# -- the scorecard -------------------------------------------------------------------


def score(
    vendor: Vendor,
    tests: Sequence[VendorTest],
    usage: Usage,
    weights: Mapping[ScoreCriterion, float],
) -> Scorecard:
    """The scorecard of `vendor` from its tests, its usage and the weights."""
    summary = summarise(tests)
    parts = [
        _channels_part(vendor, weights["channels"]),
        _terms_part(vendor, weights["terms"]),
        *_test_parts(vendor, summary, weights),
        _consults_part(usage, weights["consults"]),
    ]
    total = sum(weights[c] for c in CRITERIA)
    points = sum(p.points for p in parts)
    return Scorecard(
        vendor, round(100 * points / total, 1), parts, summary, usage, channel_names(vendor)
    )


def ranked(cards: Sequence[Scorecard]) -> list[Scorecard]:
    """Best first; a tie goes to the vendor with more tests, then by name."""
    return sorted(cards, key=lambda c: (-c.score, -c.tests.total, c.vendor.name.casefold()))


# -- wording -----------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _tests(count: int) -> str:
    return _plural(count, "test")


def _joined(items: Sequence[str], conjunction: str) -> str:
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} {items[-1]}"
