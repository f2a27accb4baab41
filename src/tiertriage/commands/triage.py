"""`tiertriage triage`: triage every message of an mbox, a Maildir or a folder of .eml files."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer


def triage(
    path: Annotated[
        Path,
        typer.Argument(
            help="An mbox file, a Maildir folder (cur/, new/) or a folder of .eml files.",
            show_default=False,
        ),
    ],
    *,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts",
            metavar="DIR",
            help="Write each reply as a draft into DIR (a Maildir when DIR is one); "
            "existing files are never overwritten.",
            show_default=False,
        ),
    ] = None,
    include_automated: Annotated[
        bool,
        typer.Option(
            "--include-automated",
            help="Answer automated mail too (auto-replies, lists, bounces, no-reply senders).",
        ),
    ] = False,
    again: Annotated[
        bool,
        typer.Option("--all", help="Answer messages the history shows as handled again."),
    ] = False,
    no_log: Annotated[
        bool,
        typer.Option(
            "--no-log", help="Do not record the messages in the history (a rerun answers them)."
        ),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per message (JSON lines).")
    ] = False,
) -> None:
    """Triage every message of a mailbox: urgent first, then review, answer+consult,
    answer and escalate, with from, client, subject, topic and action.

    Automated mail and messages already handled (recorded in the history) are skipped
    and counted; a message that cannot be read is reported in its row. Ctrl-C stops
    after the messages under way, keeping their drafts and history.

    Example: tiertriage triage ~/Mail/clients --drafts ~/Mail/drafts
    """
    from tiertriage.errors import ExitCode
    from tiertriage.mail.batch import MailboxTriage, Spool, summary_row
    from tiertriage.mail.mailbox import open_mailbox
    from tiertriage.mail.outbox import Outbox
    from tiertriage.render import mailbox as shown
    from tiertriage.render.output import print_json_line, warn
    from tiertriage.workspace import Workspace

    mailbox = open_mailbox(path)
    outbox = Outbox.open(drafts) if drafts is not None else None
    run = MailboxTriage(
        mailbox,
        Workspace(notify=warn),
        outbox=outbox,
        include_automated=include_automated,
        again=again,
        log=not no_log,
    )
    total = mailbox.count()
    with Spool.temporary() as spool:
        with shown.progress(total, mailbox.bytes()) as advance, _interruptible() as stopped:
            for done in run.run(mailbox, stopped):
                if json_output:
                    spool.add(done.rank, done.record)
                elif done.status != "skipped":
                    spool.add(done.rank, summary_row(done.record, mailbox.key_field))
                if "draft_error" in done.record:
                    warn(f"{done.record[mailbox.key_field]}: {done.record['draft_error']}")
                advance(done.size)
        if json_output:
            for record in spool:
                print_json_line(record)
        else:
            shown.print_messages(spool, spool.longest)
    shown.print_counts(run.tally)
    if stopped():
        shown.print_stopped(run.tally, total)
        raise typer.Exit(ExitCode.INTERRUPTED)


@contextmanager
def _interruptible() -> Iterator[Callable[[], bool]]:
    """Ctrl-C asks the run to stop between messages (a second one stops at once);
    yields whether it was asked."""
    asked = False

    def ask_to_stop(signum: int, frame: object) -> None:
        nonlocal asked
        asked = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    try:
        previous = signal.signal(signal.SIGINT, ask_to_stop)
    except ValueError:  # not the main thread: Ctrl-C keeps its usual meaning
        yield lambda: False
        return
    try:
        yield lambda: asked
    finally:
        signal.signal(signal.SIGINT, previous)
