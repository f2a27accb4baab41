"""`tiertriage init`: your name, sign-off, rate, booking link and default stack."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiertriage.commands.options import ROLE_FLAGS, InteractiveOption, role_options

if TYPE_CHECKING:
    from pathlib import Path

    from tiertriage.settings import Settings
    from tiertriage.workspace import Workspace


PERSONAL_FIELDS = ("name", "signature", "hourly_rate", "currency", "booking_link")


@role_options(lambda role: f"Default {role} vendor: see `tiertriage vendors list --role {role}`.")
def init(
    *,
    name: Annotated[
        str | None, typer.Option("--name", help="Your name, for the sign-off.", show_default=False)
    ] = None,
    signature: Annotated[
        str | None,
        typer.Option(
            "--signature",
            help=r"How replies end; \n starts a new line, e.g. 'Best,\nSam'.",
            show_default=False,
        ),
    ] = None,
    hourly_rate: Annotated[
        str | None,
        typer.Option(
            "--hourly-rate", metavar="AMOUNT", help="Your consult rate: 95.", show_default=False
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option("--currency", help="Currency of the rate, e.g. USD.", show_default=False),
    ] = None,
    booking_link: Annotated[
        str | None,
        typer.Option(
            "--booking-link", metavar="URL", help="Where clients book a call.", show_default=False
        ),
    ] = None,
    interactive: InteractiveOption = False,
    stack: dict[str, str],
) -> None:
    """Set up your name, sign-off, rate, booking link and default stack.

    Run again, it shows the current values as defaults; an empty option value
    (--booking-link "") clears a field. Roles left at the recommended vendor follow
    the catalogue. Example: tiertriage init --name Sam --hourly-rate 95 --currency USD
    """
    from tiertriage.commands import prompts
    from tiertriage.commands.config import settings_rows
    from tiertriage.render import output as render
    from tiertriage.settings import back_up_settings, save_settings, updated_settings
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    current, broken = _current_settings(workspace.paths.settings_file)
    given: dict[str, Any] = {
        "name": name,
        "signature": _unescape(signature),
        "hourly_rate": hourly_rate,
        "currency": currency,
        "booking_link": booking_link,
    }
    any_given = stack or any(value is not None for value in given.values())
    if interactive or (not any_given and prompts.on_terminal()):
        changes, stack = _dialogue(workspace, current, given, stack)
    else:
        changes = {field: value or None for field, value in given.items() if value is not None}
    if changes.get("currency"):
        changes["currency"] = changes["currency"].upper()
    changes["default_stack"] = _default_stack(workspace, current, stack)
    settings = updated_settings(current, changes)
    path = workspace.paths.settings_file
    if broken is not None:
        backup = back_up_settings(path, broken)
        render.warn(f"the old, invalid settings file is kept as {backup}")
    save_settings(path, settings)
    render.print_text(f"Saved {path}")
    workspace = Workspace(workspace.paths)  # re-read: the stack shown is the one saved
    render.print_table("Settings", ["field", "value"], settings_rows(workspace))


def _current_settings(path: Path) -> tuple[Settings, bytes | None]:
    """(the saved settings, the content of an invalid file): `init` is how an invalid
    file gets replaced, so it starts from the defaults instead of failing. A file that
    cannot be read is not known to be invalid: that stays an error."""
    from tiertriage.errors import ConfigError
    from tiertriage.render import output as render
    from tiertriage.settings import Settings, parse_settings, read_settings_file

    content = read_settings_file(path)
    if content is None:
        return Settings(), None
    try:
        return parse_settings(content, str(path)), None
    except ConfigError as error:
        render.warn(f"{error.message}; starting from the defaults")
        return Settings(), content


def _dialogue(
    workspace: Workspace, current: Settings, given: dict[str, Any], stack: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Ask for every field; defaults are the options given, else the saved values."""
    from tiertriage.commands import prompts
    from tiertriage.settings import updated_settings

    def default(field: str) -> str | None:
        value = given[field] if given[field] is not None else getattr(current, field)
        if isinstance(value, float):
            return f"{value:g}"
        return _escape(value) if value else None

    def valid(field: str) -> Any:
        return lambda answer: updated_settings(current, {field: answer})

    typer.echo(f"Setting up tiertriage: {workspace.paths.settings_file}")
    typer.echo(prompts.HOW_TO_ANSWER)
    labels = {
        "name": "Your name",
        "signature": r"Sign-off (\n for a new line)",
        "hourly_rate": "Hourly rate for a consult",
        "currency": "Currency (USD, EUR, GBP...)",
        "booking_link": "Booking link (https://...)",
    }
    changes: dict[str, Any] = {}
    for field in PERSONAL_FIELDS:
        answer = prompts.ask(labels[field], default(field), check=valid(field))
        changes[field] = _unescape(answer) if field == "signature" else answer

    from tiertriage.commands.vendors.compare import RANKED_NOTE, ranked_choices

    catalog = workspace.catalog
    typer.echo("Default stack: the vendors replies point to, unless a client has their own.")
    typer.echo(RANKED_NOTE)
    ranked = ranked_choices(workspace)
    chosen: dict[str, str] = {}
    for role, info in catalog.roles.items():
        choices = ranked[role]
        saved = stack.get(role) or current.default_stack.get(role)
        chosen[role] = prompts.choose(
            f"{role} ({info.label})", choices, saved if saved in choices else info.default
        )
    return changes, chosen


def _default_stack(
    workspace: Workspace, current: Settings, chosen: dict[str, str]
) -> dict[str, str]:
    """The saved `default_stack` with `chosen` applied; only roles that differ from the
    catalogue's recommendation are kept, so the others follow it when it changes."""
    catalog = workspace.catalog
    stack = dict(current.default_stack)
    for role, vendor_id in chosen.items():
        flag = ROLE_FLAGS.get(role, role)
        vendor = workspace.vendor(vendor_id, role=role, context=flag)
        if vendor.id == catalog.roles[role].default:
            stack.pop(role, None)
        else:
            stack[role] = vendor.id
    return stack


def _unescape(text: str | None) -> str | None:
    return text.replace("\\n", "\n") if text is not None else None


def _escape(text: str) -> str:
    return text.replace("\n", "\\n")
