"""`tiertriage config`: your settings and where every file lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.workspace import Workspace

app = typer.Typer(
    help="Show your settings and where tiertriage keeps its files.", no_args_is_help=True
)


@app.command("show")
def show(*, json_output: JsonOption = False) -> None:
    """Show your settings and where every file lives: settings, your catalogues,
    the shipped catalogue, the database and the cache.

    Example: tiertriage config show --json
    """
    from tiertriage.errors import TiertriageError
    from tiertriage.health import locations
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    files = locations(workspace.paths)
    if json_output:
        data: dict[str, object] = {"settings": None, "default_stack": None, "error": None}
        try:
            data["settings"] = workspace.settings.model_dump(mode="json")
            data["default_stack"] = {r: v.id for r, v in workspace.default_stack().items()}
        except TiertriageError as error:
            data["error"] = error.message
        data["files"] = {f.name: f.to_dict() for f in files}
        render.print_json(data)
        return
    render.print_table("Settings", ["field", "value"], settings_rows(workspace))
    render.print_table(
        "Files",
        ["what", "where", "state"],
        ([f.name, f.path, f.detail or ("exists" if f.exists else "")] for f in files),
    )


def settings_rows(workspace: Workspace) -> list[list[str]]:
    """The settings as (field, value) rows, the default stack role by role; a broken
    settings file or catalogue shows as its error, so `config show` always answers."""
    from tiertriage.errors import TiertriageError
    from tiertriage.reply.compose import rate_text

    try:
        settings = workspace.settings
    except TiertriageError as error:
        return [["error", f"{error.message} (see `tiertriage doctor`)"]]
    unset = "(not set)"
    rows = [
        ["name", settings.name or unset],
        ["signature", (settings.signature or unset).replace("\n", "\\n")],
        ["hourly rate", rate_text(settings) or unset],
        ["booking link", settings.booking_link or unset],
    ]
    try:
        stack = workspace.default_stack()
        roles = workspace.catalog.roles
    except TiertriageError as error:
        return [*rows, ["default stack", f"{error.message} (see `tiertriage doctor`)"]]
    for role, vendor in stack.items():
        mark = " (recommended)" if vendor.id == roles[role].default else ""
        rows.append([f"stack: {role}", f"{vendor.id}{mark}"])
    return rows
