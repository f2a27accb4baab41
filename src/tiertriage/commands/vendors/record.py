"""`vendors test` and `vendors edit-test`: record one of your own support tests, or change it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiertriage.commands.options import InteractiveOption, JsonOption
from tiertriage.commands.vendors.options import TestId, VendorArgument, option_name, test_options

if TYPE_CHECKING:
    from tiertriage.store.vendor_tests import VendorTest


@test_options
def record_test(
    vendor_id: VendorArgument,
    *,
    interactive: InteractiveOption = False,
    json_output: JsonOption = False,
    fields: dict[str, Any],
) -> None:
    """Record one of your own support tests of a vendor: how fast a human answered,
    how they did, whether they pitched sales. On a terminal without options, asks.

    Example: tiertriage vendors test siteground --channel chat --first-response 40
    --welcome 5 --knowledge 4 --patience 5 --clarity 4 --concise 4 --no-sales-pitch
    """
    from datetime import date

    from tiertriage.commands import prompts
    from tiertriage.store.vendor_tests import make_test
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    vendor = workspace.vendor(vendor_id)
    base: dict[str, Any] = {"vendor": vendor.id, "channel": "chat", "date": date.today()}
    if interactive or (not fields and prompts.on_terminal()):
        fields = _ask(base)
    test = workspace.store.add_vendor_test(make_test({**base, **_cleared(fields)}, option_name))
    _done(f"Recorded test {test.id} of {vendor.name}", test, json_output)


@test_options
def edit_test(
    test_id: TestId,
    *,
    vendor_id: Annotated[
        str | None,
        typer.Option(
            "--vendor", metavar="VENDOR", help="Move it to another vendor.", show_default=False
        ),
    ] = None,
    interactive: InteractiveOption = False,
    json_output: JsonOption = False,
    fields: dict[str, Any],
) -> None:
    """Change a recorded test: options given replace what is recorded ('' clears a field).

    Example: tiertriage vendors edit-test 3 --resolution 25 --notes "fixed on the second try"
    """
    from tiertriage.commands import prompts
    from tiertriage.errors import InputError
    from tiertriage.store.vendor_tests import make_test
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    current = workspace.store.vendor_test(test_id)
    if vendor_id is not None:
        fields["vendor"] = workspace.vendor(vendor_id).id
    if interactive or (not fields and prompts.on_terminal()):
        fields = _ask(current.model_dump())
    elif not fields:
        raise InputError("nothing to change", hint="give options such as --welcome 4, or -i")
    test = make_test({**current.model_dump(), **_cleared(fields)}, option_name)
    workspace.store.update_vendor_test(test)
    _done(f"Updated test {test.id}", test, json_output)


def _cleared(fields: dict[str, Any]) -> dict[str, Any]:
    """An empty option value ('') clears its field."""
    return {f: None if isinstance(v, str) and not v.strip() else v for f, v in fields.items()}


def _ask(current: dict[str, Any]) -> dict[str, Any]:
    """Every field, asked in turn, with `current` values as defaults."""
    from tiertriage.commands import prompts
    from tiertriage.store.vendor_tests import CHANNELS, make_test

    typer.echo(prompts.HOW_TO_ANSWER)

    def check(field: str) -> Any:
        return lambda answer: make_test({**current, field: answer}, option_name)

    def shown(field: str) -> str | None:
        value = current.get(field)
        if value is None:
            return None
        if isinstance(value, bool):
            return "y" if value else "n"
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def yes_no(field: str, label: str) -> bool | None:
        def valid(answer: str) -> None:
            if answer.lower() not in ("y", "n", "yes", "no"):
                raise ValueError("answer y or n")

        answer = prompts.ask(f"{label} (y/n)", shown(field), check=valid)
        return None if answer is None else answer.lower().startswith("y")

    answers: dict[str, Any] = {
        "channel": prompts.choose("Channel", CHANNELS, shown("channel")),
        "date": prompts.ask("Date (YYYY-MM-DD)", shown("date"), required=True, check=check("date")),
        "first_response": prompts.ask(
            "Seconds to the first human reply (or 3m, 2h)",
            shown("first_response"),
            check=check("first_response"),
        ),
        "resolution": prompts.ask(
            "Minutes to a resolution (or 2h)", shown("resolution"), check=check("resolution")
        ),
    }
    for field, label in (
        ("welcome", "Welcoming"),
        ("knowledge", "Knowledgeable"),
        ("patience", "Patient"),
        ("clarity", "Clear language"),
        ("concise", "Concise, to the point"),
    ):
        answers[field] = prompts.ask(f"{label}, 1-5", shown(field), check=check(field))
    answers["good_questions"] = yes_no("good_questions", "Asked good questions")
    answers["sales_pitch"] = yes_no("sales_pitch", "Littered with sales offers")
    answers["escalated"] = yes_no("escalated", "Escalated to a second tier")
    answers["transfers"] = prompts.ask("Transfers", shown("transfers"), check=check("transfers"))
    answers["question"] = prompts.ask("The question you asked", shown("question"))
    answers["notes"] = prompts.ask("Notes", shown("notes"))
    return answers


def _done(message: str, test: VendorTest, json_output: bool) -> None:
    from tiertriage.render import output as render

    if json_output:
        render.print_json(test.to_dict())
        return
    render.print_text(f"{message} ({test.channel}, {test.date.isoformat()}).")
