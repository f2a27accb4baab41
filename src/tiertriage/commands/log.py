"""`tiertriage log`: the history of questions asked, most recent first."""

from __future__ import annotations

from typing import Annotated

import typer

from tiertriage.commands.options import JsonOption


def log(
    *,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            "-c",
            metavar="NAME",
            help="Only this client's questions.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="WHEN",
            help="Only questions since a date (2025-01-31) or for an age (7d, 12h, 30m, 2w).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many entries.")
    ] = 20,
    json_output: JsonOption = False,
) -> None:
    """Show the questions asked, newest first: time, client, topic, score and action.

    Example: tiertriage log --client acme --since 7d
    """
    from datetime import datetime, timezone

    from tiertriage.render import output as render
    from tiertriage.store.history import parse_since
    from tiertriage.wording import shorten
    from tiertriage.workspace import Workspace

    start = parse_since(since, datetime.now(timezone.utc)) if since else None
    workspace = Workspace()
    chosen = workspace.store.find_client(client) if client else None
    entries = workspace.store.history(client=chosen, since=start, limit=limit)
    if json_output:
        render.print_json([entry.to_dict() for entry in entries])
        return
    render.print_table(
        "History",
        ["time", "client", "topic", "score", "action", "question"],
        (
            [
                _local(entry.time),
                entry.client or "",
                entry.topic or "",
                f"{entry.score:.2f}",
                entry.action,
                shorten(entry.question, 80),
            ]
            for entry in entries
        ),
    )


def _local(utc: str) -> str:
    """'2025-01-31T09:30:00Z' as local time, '2025-01-31 10:30'."""
    from datetime import datetime

    return (
        datetime.fromisoformat(utc.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    )
