"""`tiertriage client`: record each client's contact, domains and vendors (one file per verb)."""

from __future__ import annotations

import typer

from tiertriage.commands.client import card, record, remove, transfer, view

app = typer.Typer(
    help="Record each client's contact, domains and vendors, so replies use their stack.",
    no_args_is_help=True,
)
app.command("add")(record.add)
app.command("edit")(record.edit)
app.command("list")(view.list_clients)
app.command("show")(view.show)
app.command("card")(card.card)
app.command("remove")(remove.remove)
app.command("export")(transfer.export)
app.command("import")(transfer.import_clients)
