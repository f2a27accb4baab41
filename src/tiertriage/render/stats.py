"""Printing `tiertriage stats`: Rich tables with small bar charts on a terminal, plain
tab-separated rows when piped, and the JSON shape."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tiertriage.render import output

if TYPE_CHECKING:
    from tiertriage.learning.stats import Stats

BAR_WIDTH = 20  # characters of the longest bar
TOP = 10  # rows of each "most frequent" table
_EIGHTHS = " ▏▎▍▌▋▊▉"


def stats_json(stats: Stats) -> dict[str, Any]:
    return {
        "questions": stats.questions,
        "by_action": stats.by_action,
        "by_topic": stats.by_topic,
        "by_client": stats.by_client,
        "by_vendor": stats.by_vendor,
        "consults_offered": stats.consults_offered,
        "minutes_saved": stats.minutes_saved,
        "weeks": [
            {
                "week": week.start.isoformat(),
                "questions": week.questions,
                "by_action": week.by_action,
            }
            for week in stats.weeks
        ],
    }


def bar(value: float, biggest: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar `value/biggest` of `width`, to an eighth of a character."""
    if biggest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / biggest * width * 8))
    whole, part = divmod(eighths, 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


def duration(minutes: float) -> str:
    """'3 h 20 min', '45 min', or '-10 min' when tiertriage cost more than it saved."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(round(abs(minutes)), 60)
    return f"{sign}{hours} h {rest} min" if hours else f"{sign}{rest} min"


def print_stats(stats: Stats, minutes_per_reply: float) -> None:
    if not output.stdout_is_terminal():
        for row in plain_rows(stats):
            output.print_text(output.plain_row(row))
        return
    if not stats.questions:
        output.print_text("No questions in the history for this period.")
        return
    from rich.table import Table

    console = output.console()
    actions = [
        (action, count, f"{stats.share(action):.0%}") for action, count in stats.by_action.items()
    ]
    console.print(_table(f"{stats.questions} questions", ["action", "questions", "share"], actions))
    weeks = [(week.start.isoformat(), week.questions) for week in stats.weeks]
    console.print(_table("Per week (from Monday)", ["week", "questions"], weeks))
    for title, column, counts in (
        ("Most frequent topics", "topic", stats.by_topic),
        ("Clients", "client", stats.by_client),
        ("Vendors whose topics were asked about", "vendor", stats.by_vendor),
    ):
        if counts:
            rows = list(counts.items())[:TOP]
            console.print(_table(title, [column, "questions"], rows))
    summary = Table(show_header=False, box=None)
    summary.add_row(output.shown("Consults offered"), output.shown(str(stats.consults_offered)))
    summary.add_row(
        output.shown("Time saved"),
        output.shown(f"{duration(stats.minutes_saved)} (at {minutes_per_reply:g} min a reply)"),
    )
    console.print(summary)


def _table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Any:
    """A table whose second column (a count) also gets a bar."""
    from rich.table import Table

    rows = list(rows)
    biggest = max((row[1] for row in rows), default=0)
    table = Table(title=output.shown(title), title_justify="left")
    for position, name in enumerate(columns):
        table.add_column(output.shown(name), justify="right" if position else "left")
    table.add_column("", no_wrap=True)
    for row in rows:
        cells = [output.shown(str(cell)) for cell in row]
        table.add_row(*cells, output.shown(bar(row[1], biggest), style="cyan"))
    return table


def plain_rows(stats: Stats) -> list[list[str]]:
    """One row per figure, its kind first: `grep '^topic'` or `cut -f2,3` take what they need."""
    rows = [["questions", "", str(stats.questions)]]
    rows += [
        ["action", action, str(count), f"{stats.share(action):.3f}"]
        for action, count in stats.by_action.items()
    ]
    rows += [["week", week.start.isoformat(), str(week.questions)] for week in stats.weeks]
    for kind, counts in (
        ("topic", stats.by_topic),
        ("client", stats.by_client),
        ("vendor", stats.by_vendor),
    ):
        rows += [[kind, name, str(count)] for name, count in counts.items()]
    rows.append(["consults_offered", "", str(stats.consults_offered)])
    rows.append(["minutes_saved", "", f"{stats.minutes_saved:g}"])
    return rows
