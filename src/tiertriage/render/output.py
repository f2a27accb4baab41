"""Everything printed: plain text and JSON (no Rich), Rich panels and tables (Rich on demand).

Results go to stdout, diagnostics to stderr. When stdout is not a terminal, output is
plain so `| pbcopy` or a mail client gets a clean reply. Rich honours NO_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from tiertriage.answer import Result
    from tiertriage.matching.lexical import Scored


def stdout_is_terminal() -> bool:
    # TTY_COMPATIBLE=1 is Rich's documented way to force terminal output.
    forced = os.environ.get("TTY_COMPATIBLE")
    if forced in ("0", "1"):
        return forced == "1"
    return sys.stdout.isatty()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_json_line(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def warn(message: str) -> None:
    sys.stderr.write(f"tiertriage: {message}\n")


ACTION_STYLE = {"answer": "green", "answer+consult": "yellow", "escalate": "bold red"}


def action_label(action: str) -> str:
    return "ESCALATE → paid consult" if action == "escalate" else action


def print_ask_panel(result: Result) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    out = console()
    extra = result.extra or {}
    client = extra.get("client")
    for item in result.items:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        matched = item.matched
        if client:
            ended = " [yellow](support ended: consult offered)[/]"
            name = escape(client["name"])
            grid.add_row("Client", name + (ended if extra.get("support_expired") else ""))
        grid.add_row("Question", shorten(item.question))
        grid.add_row("Topic", f"{matched.id} — {matched.title}" if matched else "none")
        confidence = f"{item.score:.2f}"
        if item.decision.outcome == "ambiguous":
            confidence += " (ambiguous: check the alternatives)"
        grid.add_row("Confidence", confidence)
        grid.add_row("Vendor", item.vendor.name if item.vendor else "—")
        grid.add_row("Action", f"[{ACTION_STYLE[item.action]}]{action_label(item.action)}[/]")
        if item.decision.alternatives:
            grid.add_row(
                "Alternatives",
                ", ".join(f"{s.topic} ({s.score:.2f})" for s in item.decision.alternatives),
            )
        border = ACTION_STYLE[item.action].split()[-1]
        out.print(Panel(grid, title="tiertriage", border_style=border, expand=False))
    # soft_wrap: the terminal wraps long lines, so a reply copied from it has none added
    out.print(result.reply, markup=False, highlight=False, soft_wrap=True)


def print_explain(question: str, ranking: Sequence[Scored]) -> None:
    """The top topics, their scores and the words that matched (stderr: a diagnostic)."""
    if not ranking:
        warn(f"explain: no topic shares a word with {shorten(question)!r}")
        return
    from rich.table import Table

    table = Table(title=f"Top topics for: {shorten(question, 70)}", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("topic")
    table.add_column("score", justify="right")
    table.add_column("matched words")
    for number, scored in enumerate(ranking, start=1):
        label = scored.topic + (" (out of scope)" if scored.out_of_scope else "")
        table.add_row(str(number), label, f"{scored.score:.3f}", ", ".join(scored.matched))
    console(stderr=True).print(table)


def explain_dicts(ranking: Iterable[Scored]) -> list[dict[str, Any]]:
    return [
        {
            "topic": s.topic,
            "score": s.score,
            "matched": list(s.matched),
            "out_of_scope": s.out_of_scope,
        }
        for s in ranking
    ]


# Rich lays a table out at roughly half a millisecond a row: a longer table is printed
# as plain aligned columns, so `client list` with 10,000 clients still takes well under 1 s.
RICH_TABLE_ROWS = 500


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A Rich table on a terminal; tab-separated lines otherwise (easy to cut/grep)."""
    if not stdout_is_terminal():
        for row in rows:
            print_text("\t".join(row))
        return
    rows = list(rows)
    if len(rows) > RICH_TABLE_ROWS:
        _print_columns(title, columns, rows)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # data, never markup
    console().print(table)


def _print_columns(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    rule = ["-" * width for width in widths]
    lines = [title] + [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (columns, rule, *rows)
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def shorten(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- `tiertriage triage`: a progress bar on stderr, the summary tables at the end ------
# The message table is printed in chunks whose columns share the console's width in
# fixed ratios, so they line up as one table and a 100,000-message mailbox never needs
# one giant Rich table in memory.

COLUMNS = ("message", "from", "client", "subject", "topic", "action")
_RATIOS = (2, 5, 3, 6, 4, 3)
_CHUNK = 500


@contextmanager
def progress(total: int, *, bytes_total: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (only when it is a terminal); yields `advance(n)`."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    count = DownloadColumn() if bytes_total else MofNCompleteColumn()
    bar = Progress(
        TextColumn("triage"),
        BarColumn(),
        count,
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
        # Rich would otherwise capture stdout while the bar runs: the JSON lines too
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with bar:
        task = bar.add_task("triage", total=total or None)
        yield lambda n: bar.advance(task, n)


def print_messages(rows: Iterable[Sequence[str]]) -> None:
    """One row per message: a Rich table on a terminal, tab-separated lines otherwise."""
    if not stdout_is_terminal():
        for row in rows:
            print_text("\t".join(cell.replace("\t", " ") for cell in row))
        return
    from rich import box
    from rich.table import Table

    out = console()
    chunk: list[Sequence[str]] = []
    first = True

    def flush() -> None:
        table = Table(box=box.SIMPLE, show_header=first, expand=True)
        for column, ratio in zip(COLUMNS, _RATIOS, strict=True):
            table.add_column(column, ratio=ratio, no_wrap=True, overflow="ellipsis")
        for row in chunk:
            table.add_row(*row, style=ACTION_STYLE.get(row[-1], "red"))
        out.print(table)

    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            flush()
            chunk, first = [], False
    if chunk or first:
        flush()


def print_counts(counts: Mapping[str, int], *, stderr: bool) -> None:
    """Messages per action (and unreadable messages), on stdout or as a diagnostic."""
    rows = [[action, str(count)] for action, count in counts.items()]
    rows.append(["total", str(sum(counts.values()))])
    if stderr:
        summary = ", ".join(f"{action}: {count}" for action, count in counts.items())
        warn(f"triaged {sum(counts.values())} messages ({summary})")
        return
    print_table("Messages per action", ["action", "messages"], rows)
