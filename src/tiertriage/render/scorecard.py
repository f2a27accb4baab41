"""Printing scorecards and support tests: JSON shapes, Rich tables on a terminal, plain
text when piped. The HTML report is `render.scorecard_html`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tiertriage.render import output
from tiertriage.scorecard.score import test_command
from tiertriage.scorecard.summary import duration_text
from tiertriage.store.vendor_tests import RATINGS

if TYPE_CHECKING:
    from tiertriage.scorecard.score import Scorecard
    from tiertriage.settings import ScoreCriterion
    from tiertriage.store.vendor_tests import VendorTest


def _share(counted: tuple[int, int]) -> float | None:
    yes, of = counted
    return round(yes / of, 3) if of else None


def scorecard_json(card: Scorecard, rank: int) -> dict[str, Any]:
    vendor, tests, usage = card.vendor, card.tests, card.usage
    return {
        "id": vendor.id,
        "name": vendor.name,
        "roles": list(vendor.roles),
        "rank": rank,
        "score": card.score,
        "tests": tests.total,
        "median_first_response": tests.median_first_response,
        "median_first_response_by_channel": tests.median_first_response_by_channel,
        "median_resolution": tests.median_resolution,
        "mean_ratings": {name: round(mean, 2) for name, mean in tests.mean_ratings.items()},
        "good_questions_share": _share(tests.good_questions),
        "sales_pitch_share": _share(tests.sales_pitches),
        "escalated_share": _share(tests.escalated),
        "mean_transfers": tests.mean_transfers,
        "last_test": tests.last_test.isoformat() if tests.last_test else None,
        "clients": usage.clients,
        "questions": usage.questions,
        "consults": usage.consults,
        "channels": card.channels,
        "trial": vendor.trial,
        "money_back": vendor.money_back,
        "reviews": vendor.reviews.model_dump(exclude_none=True) if vendor.reviews else {},
        "checked": vendor.checked,
        "parts": [
            {
                "criterion": part.criterion,
                "weight": part.weight,
                "value": round(part.value, 3),
                "known": part.known,
                "points": round(part.points, 2),
                "evidence": part.evidence,
            }
            for part in card.parts
        ],
        "reasons": card.reasons,
    }


def compare_json(
    cards: Sequence[Scorecard], role: str | None, weights: Mapping[ScoreCriterion, float]
) -> dict[str, Any]:
    return {
        "role": role,
        "weights": weights,
        "vendors": [scorecard_json(card, rank) for rank, card in enumerate(cards, 1)],
    }


def facts(card: Scorecard) -> list[tuple[str, str]]:
    """What the scorecard shows besides its criteria: tests, reviews, when it was checked."""
    vendor, tests = card.vendor, card.tests
    rows = [
        (
            "Your tests",
            f"{tests.total}, the last on {tests.last_test.isoformat()}"
            if tests.last_test
            else f"none yet: `{test_command(vendor)}`",
        )
    ]
    if tests.median_resolution is not None:
        rows.append(("Resolution", f"median {duration_text(tests.median_resolution * 60)}"))
    if vendor.reviews:
        links = [
            f"{site} {url}"
            for site, url in (
                ("Trustpilot", vendor.reviews.trustpilot),
                ("Reviews.io", vendor.reviews.reviews_io),
            )
            if url
        ]
        if links:
            rows.append(("Reviews (read for the trend)", ", ".join(links)))
    if vendor.checked:
        rows.append(("Facts checked", f"{vendor.checked}, {len(vendor.sources)} with their source"))
    return rows


def heading(card: Scorecard, rank: int) -> str:
    return f"{rank}. {card.vendor.name} ({card.vendor.id}): {card.score:g}/100"


def print_scorecards(cards: Sequence[Scorecard]) -> None:
    """One scorecard per vendor, best first: its criteria as rows, with their points."""
    if not output.stdout_is_terminal():
        output.print_text("\n\n".join(_plain(card, rank) for rank, card in enumerate(cards, 1)))
        return
    from rich.table import Table
    from rich.text import Text

    console = output.console()
    for rank, card in enumerate(cards, 1):
        table = Table(title=heading(card, rank), title_justify="left", show_header=False)
        table.add_column("", style="bold", no_wrap=True)
        table.add_column("", overflow="fold")
        table.add_column("", justify="right", no_wrap=True)
        for part in card.parts:
            if part.weight:
                points = f"{part.points:.1f}/{part.weight:g}" + ("" if part.known else " ?")
                table.add_row(Text(part.label), Text(part.evidence), Text(points))
        for label, value in facts(card):
            table.add_row(Text(label), Text(value), Text(""))
        console.print(table)


def _plain(card: Scorecard, rank: int) -> str:
    lines = [heading(card, rank), *(f"  {reason}" for reason in card.reasons)]
    lines += [f"  {label}: {value}" for label, value in facts(card)]
    return "\n".join(lines)


def print_recommendations(role_label: str, cards: Sequence[Scorecard]) -> None:
    """The best vendors of a role, each with the reasons to give a client."""
    blocks = [f"The best {role_label} on your scorecard:"]
    for rank, card in enumerate(cards, 1):
        blocks.append("\n".join([heading(card, rank), *(f"  - {r}" for r in card.reasons)]))
    output.print_text("\n\n".join(blocks))


def print_tests(tests: Sequence[VendorTest]) -> None:
    def yes_no(value: bool | None) -> str:
        return "" if value is None else "yes" if value else "no"

    output.print_table(
        f"Support tests ({len(tests)})",
        [
            "id",
            "date",
            "vendor",
            "channel",
            "first reply",
            "resolved in",
            "ratings (" + "/".join(name[0] for name in RATINGS) + ")",
            "good questions",
            "sales pitch",
            "transfers",
            "question",
        ],
        (
            [
                str(test.id),
                test.date.isoformat(),
                test.vendor,
                test.channel,
                duration_text(test.first_response) if test.first_response is not None else "",
                duration_text(test.resolution * 60) if test.resolution is not None else "",
                "/".join(str(test.ratings.get(name, "-")) for name in RATINGS)
                if test.ratings
                else "",
                yes_no(test.good_questions),
                yes_no(test.sales_pitch),
                "" if test.transfers is None else str(test.transfers),
                test.question or "",
            ]
            for test in tests
        ),
    )
