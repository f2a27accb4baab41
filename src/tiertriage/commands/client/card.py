"""`client card`: the client's "who to call" sheet, in their language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiertriage.commands.client.options import ExistingName
from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.card.build import Card


def card(
    name: ExistingName,
    *,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print it as Markdown.")] = False,
    html_file: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write it as one printable HTML page ('-': stdout).",
            show_default=False,
        ),
    ] = None,
    as_email: Annotated[
        bool, typer.Option("--as-email", help="Print it as an email draft to the client's contact.")
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            metavar="CODE",
            help="The card's language: en or pl (default: the client's).",
            show_default=False,
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Print a client's "who to call" card: for each vendor in their stack, what it looks
    after, how to reach its support best first and what to have ready; then your terms.

    Plain text to paste into an email when piped.
    Example: tiertriage client card acme --html acme.html
    """
    from tiertriage.card.build import build_card
    from tiertriage.card.texts import ENGLISH, LANGUAGES
    from tiertriage.errors import InputError
    from tiertriage.render import card as render_card
    from tiertriage.render import output
    from tiertriage.workspace import Workspace

    if sum((markdown, as_email, json_output)) > 1:
        raise InputError("choose one of --markdown, --as-email and --json")
    if language is not None and language.strip().lower() not in LANGUAGES:
        raise InputError(
            f"--language: unknown language '{language}' (known: {', '.join(LANGUAGES)})"
        )
    workspace = Workspace()
    client = workspace.store.find_client(name)
    if as_email and not client.emails:
        raise InputError(
            f"no email address recorded for '{client.name}'",
            hint=f"add one: tiertriage client edit '{client.name}' --email ADDRESS",
        )
    # A client's own language and the office hours come with per-client languages.
    chosen = (language or getattr(client, "language", None) or ENGLISH).strip().lower()
    sheet = build_card(
        client,
        workspace.stack_for(client),
        workspace.catalog.roles,
        workspace.settings,
        language=chosen,
        office_hours=getattr(workspace.settings, "office_hours", None),
    )
    if html_file is not None:
        from tiertriage.render.html import save

        page = render_card.card_html(sheet)
        if str(html_file) == "-":
            output.print_text(page)
            return
        save(html_file, page)
    if json_output:
        output.print_json(render_card.card_json(sheet))
    elif markdown:
        output.print_text(render_card.card_markdown(sheet))
    elif as_email:
        output.print_text(_draft(sheet))
    elif html_file is not None:
        output.print_text(f"Wrote {html_file}")
    else:
        render_card.print_card(sheet)


def _draft(sheet: Card) -> str:
    """An email to the client's contact, at their first address, with the card."""
    from tiertriage.mail.draft import message_draft
    from tiertriage.mail.message import Sender
    from tiertriage.render.card import card_email_body

    client = sheet.client
    recipient = Sender(client.contact or client.name, client.emails[0])
    return message_draft(recipient, sheet.text("subject"), card_email_body(sheet))
