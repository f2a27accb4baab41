"""`client remove`: forget a client (their history stays, under their name)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiertriage.commands.client.options import ExistingName


def remove(
    name: ExistingName,
    *,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a client (its history stays, under its name).

    Example: tiertriage client remove acme --yes
    """
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    client = workspace.store.find_client(name)
    if not yes:
        typer.confirm(f"Remove client '{client.name}'?", abort=True, err=True)
    workspace.store.remove_client(client.name)
    render.print_text(f"Removed client '{client.name}'.")
