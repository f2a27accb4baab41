"""`client export` and `client import`: every client as YAML, and back in one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def export(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Write to this file instead of stdout ('-': stdout).", show_default=False
        ),
    ] = None,
) -> None:
    """Write every client as YAML that `client import` reads back unchanged.

    Example: tiertriage client export clients.yaml
    """
    from tiertriage.render import output as render
    from tiertriage.store.client_file import dump_clients
    from tiertriage.workspace import Workspace

    clients = Workspace().store.clients()
    text = dump_clients(clients)
    if file is None or str(file) == "-":
        render.print_text(text)
        return
    _write_atomically(file, text)
    render.warn(f"exported {len(clients)} client(s) to {file}")


def import_clients(
    file: Annotated[Path, typer.Argument(help="A file written by `client export` ('-': stdin).")],
    *,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite clients that already exist.")
    ] = False,
) -> None:
    """Add the clients of an export file, all in one go: all of them or, on error, none.

    Example: tiertriage client import clients.yaml
    """
    from tiertriage.mail import inputs
    from tiertriage.render import output as render
    from tiertriage.store.client_file import parse_clients
    from tiertriage.workspace import Workspace

    content = inputs.read_stdin() if str(file) == "-" else inputs.read_file(file)
    workspace = Workspace()
    clients = parse_clients(content, "<stdin>" if str(file) == "-" else str(file), workspace)
    replaced = workspace.store.import_clients(clients, replace=replace)
    render.print_text(
        f"Imported {len(clients)} client(s)" + (f", {replaced} replaced." if replaced else ".")
    )


def _write_atomically(path: Path, text: str) -> None:
    from tiertriage.paths import cannot_write, write_atomically

    try:
        write_atomically(path, text)
    except OSError as exc:
        raise cannot_write(path, exc) from None
