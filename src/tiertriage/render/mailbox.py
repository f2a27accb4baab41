"""`triage` output: a progress bar on stderr, the message table and the counts at the end."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from tiertriage.render.ask import ACTION_STYLE
from tiertriage.render.output import (
    console,
    one_line,
    plain_row,
    print_table,
    print_text,
    shown,
    stdout_is_terminal,
    warn,
)

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
            print_text(plain_row(row))
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
            cells = (shown(one_line(cell)) for cell in row)
            table.add_row(*cells, style=ACTION_STYLE.get(row[-1], "red"))
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
