"""`tiertriage vendors`: the catalogue, your own support tests, and the scorecards that
compare vendors (one file per verb or pair of verbs)."""

from __future__ import annotations

import typer

from tiertriage.commands.vendors import catalogue, compare, record, tests

app = typer.Typer(
    help="List vendors, record your own support tests, and compare them on a scorecard.",
    no_args_is_help=True,
)
app.command("list")(catalogue.list_vendors)
app.command("show")(catalogue.show_vendor)
app.command("test")(record.record_test)
app.command("tests")(tests.list_tests)
app.command("edit-test")(record.edit_test)
app.command("remove-test")(tests.remove_test)
app.command("compare")(compare.compare)
app.command("recommend")(compare.recommend)
