"""`tiertriage log`: the history of questions asked, most recent first."""

from __future__ import annotations

from typing import Annotated

import typer

from tiertriage.commands.completion import client_names
from tiertriage.commands.options import JsonOption

SHOWN = 20  # entries listed without --limit

# The history's filters, shared by `log` and `stats`.
ClientFilter = Annotated[
    str | None,
    typer.Option(
        "--client",
        "-c",
        metavar="NAME",
        help="Only this client's questions.",
        show_default=False,
        autocompletion=client_names,
    ),
]
SinceFilter = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="WHEN",
        help="Only questions since a date (2025-01-31) or for an age (7d, 12h, 30m, 2w).",
        show_default=False,
    ),
]


def log(
    *,
    client: ClientFilter = None,
    since: SinceFilter = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            help="Show at most this many entries (default: 20; --csv: all).",
            show_default=False,
        ),
    ] = None,
    csv_output: Annotated[
        bool, typer.Option("--csv", help="Export the entries as CSV, every field.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Show the questions answered, newest first and numbered (1 = the latest): time,
    where from (ask, or the mailbox triaged), client, topic, score and action.

    The number is what `fix N` and `topics add --from-log N` take. Piped, every field
    is printed in full, tab-separated; --csv exports every entry for a spreadsheet.

    Example: tiertriage log --client acme --since 7d
    """
    from datetime import datetime, timezone

    from tiertriage.render import output as render
    from tiertriage.store.history import parse_since
    from tiertriage.workspace import Workspace

    start = parse_since(since, datetime.now(timezone.utc)) if since else None
    workspace = Workspace()
    chosen = workspace.store.find_client(client) if client else None
    if limit is None and not csv_output:
        limit = SHOWN
    entries = workspace.store.history(client=chosen, since=start, limit=limit)
    if csv_output:
        from tiertriage.store.history import HistoryEntry

        # the number first: it is what `fix N` and `topics add --from-log N` take
        header = ["number", *(name for name in HistoryEntry._fields if name != "number")]
        render.print_csv(header, ([e.to_dict()[name] for name in header] for e in entries))
        return
    if json_output:
        render.print_json([entry.to_dict() for entry in entries])
        return
    if not render.stdout_is_terminal():
        for entry in entries:
            cells = [
                str(entry.number),
                entry.time,
                entry.source,
                entry.mailbox or "",
                entry.client or "",
                entry.topic or "",
                f"{entry.score:.2f}",
                entry.action,
                entry.subject or "",
                entry.question,
            ]
            render.print_text("\t".join(" ".join(cell.split()) for cell in cells))
        return
    from tiertriage.render.table import Column, print_fitted

    rows = [
        [
            str(entry.number),
            _local(entry.time),
            _source(entry.source, entry.mailbox),
            entry.client or "",
            entry.topic or "",
            entry.action + (" (fixed)" if entry.fixed else ""),
            " ".join(entry.question.split()),
        ]
        for entry in entries
    ]
    columns = [
        Column("#", fixed=True, justify="right"),
        Column("time", fixed=True),
        Column("from", share=1),
        Column("client", share=2),
        Column("topic", fixed=True),
        Column("action", fixed=True),
        Column("question", share=6),
    ]
    longest = [max((len(row[i]) for row in rows), default=0) for i in range(len(columns))]
    print_fitted(columns, rows, longest, title="History")


def _source(source: str, mailbox: str | None) -> str:
    """ "ask", or "triage <mailbox name>"."""
    from pathlib import Path

    return f"{source} {Path(mailbox).name}" if mailbox else source


def _local(utc: str) -> str:
    """'2025-01-31T09:30:00Z' as local time: '01-31 10:30' this year, else '2024-01-31'."""
    from datetime import datetime

    moment = datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone()
    return moment.strftime("%m-%d %H:%M" if moment.year == datetime.now().year else "%Y-%m-%d")
