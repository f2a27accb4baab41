"""`triage` output: a progress bar on stderr, the message table, and the counts on stderr.

The table lists urgent messages first, then review, answer+consult, answer, escalate and
unreadable ones (the order `mail.batch` spools them in); on a terminal it fits the
width with topic ids and actions whole, piped it is tab-separated. The counts are a
diagnostic: always on stderr, so `triage | cut -f5` sees rows only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tiertriage.render.ask import ACTION_STYLE
from tiertriage.render.output import console, plain_row, print_text, stdout_is_terminal, warn
from tiertriage.render.table import Column, print_fitted

if TYPE_CHECKING:
    from tiertriage.mail.batch import Tally

# The cells of `mail.batch.summary_row`, as the terminal shows them.
COLUMNS = (
    Column("message", share=2),
    Column("from", share=5),
    Column("client", share=3),
    Column("subject", share=6),
    Column("topic", fixed=True),
    Column("action", fixed=True),
    Column("!", fixed=True, style="bold red"),
)
_ACTION = 5
_URGENT = 6
ROW_STYLES = {**ACTION_STYLE, "error": "red"}


@contextmanager
def progress(total: int | None, mbox_bytes: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (only when it is a terminal) counting messages, out of
    `total` when known; an mbox's bar follows the bytes read. Yields `advance(bytes)`,
    called once per message."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    count = "{task.fields[messages]:,}" + (f"/{total:,}" if total else "") + " messages"
    bar = Progress(
        TextColumn("triage"),
        BarColumn(),
        TextColumn(count),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
        # Rich would otherwise capture stdout while the bar runs: the JSON lines too
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with bar:
        task = bar.add_task("triage", total=(mbox_bytes or total) or None, messages=0)
        done = 0

        def advance(size: int) -> None:
            nonlocal done
            done += 1
            bar.update(task, advance=size if mbox_bytes else 1, messages=done)

        yield advance


def print_messages(rows: Iterable[Sequence[str]], longest: Sequence[int]) -> None:
    """One row per message: a table that fits the terminal, tab-separated lines otherwise."""
    if not stdout_is_terminal():
        for row in rows:
            print_text(plain_row(row))
        return
    shown = ([*row[:_URGENT], "!" if row[_URGENT] else ""] for row in rows)
    print_fitted(COLUMNS, shown, [*longest[:_URGENT], 1], styles=ROW_STYLES, style_column=_ACTION)


def print_counts(tally: Tally) -> None:
    """What the run did, on stderr: "triaged 40 messages (answer: 30, ...); skipped 12
    (mailing-list: 8, handled: 4)"."""
    answered = sum(tally.actions.values())
    parts = [f"{action}: {count}" for action, count in tally.actions.most_common()]
    if tally.urgent:
        parts.insert(0, f"urgent: {tally.urgent}")
    if tally.errors:
        parts.append(f"error: {tally.errors}")
    line = f"triaged {answered + tally.errors} messages" + (
        f" ({', '.join(parts)})" if parts else ""
    )
    if tally.skipped:
        reasons = ", ".join(f"{why}: {count}" for why, count in tally.skipped.most_common())
        line += f"; skipped {sum(tally.skipped.values())} ({reasons})"
    if tally.drafts or tally.draft_errors:
        line += f"; {tally.drafts} drafts written"
        if tally.draft_errors:
            line += f", {tally.draft_errors} could not be"
    warn(line)
    if tally.skipped.get("handled"):
        warn("messages already handled were skipped: --all answers them again")


def print_stopped(tally: Tally, total: int | None) -> None:
    """An interrupted run: how far it got, and that what it did is kept."""
    of = f" of {total}" if total else ""
    warn(
        f"stopped after {tally.seen}{of} messages: {tally.drafts} drafts written, "
        f"{tally.recorded} recorded"
    )
