"""`tiertriage topics`: the answer catalogue."""

from __future__ import annotations

import typer

from tiertriage.commands.options import JsonOption

app = typer.Typer(help="List the topics the catalogue answers.", no_args_is_help=True)


@app.command("list")
def list_topics(*, json_output: JsonOption = False) -> None:
    """List every topic: id, role, action and title.

    Example: tiertriage topics list --json
    """
    from tiertriage import render
    from tiertriage.workspace import Workspace

    topics = Workspace().catalog.topics.values()
    if json_output:
        render.print_json(
            [
                {
                    "id": t.id,
                    "role": t.role,
                    "action": t.action,
                    "title": t.title,
                    "examples": len(t.examples),
                }
                for t in topics
            ]
        )
        return
    render.print_table(
        "Topics",
        ["id", "role", "action", "title"],
        ([t.id, t.role or "-", t.action, t.title] for t in topics),
    )
