"""`client add` and `client edit`: record a client, or change what is recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiertriage.catalog.models import DEFAULT_VENDOR, NO_VENDOR
from tiertriage.commands.client.options import (
    ClientRoles,
    ExistingName,
    Name,
    client_fields,
    option_name,
)
from tiertriage.commands.options import InteractiveOption

if TYPE_CHECKING:
    from tiertriage.store.clients import Client
    from tiertriage.workspace import Workspace


@ClientRoles
@client_fields
def add(
    name: Name,
    *,
    interactive: InteractiveOption = False,
    fields: dict[str, Any],
    stack: dict[str, str],
) -> None:
    """Record a client; roles not given follow the platform they use, else your default stack.

    Example: tiertriage client add "Acme Co" --contact "Jane Doe" --email jane@acme.example
    --domain acme.example --host siteground --email-provider microsoft-365
    """
    from tiertriage.commands import prompts
    from tiertriage.store.client_file import apply_changes
    from tiertriage.workspace import Workspace

    changes = _with_stack(fields, stack)
    workspace = Workspace()
    if interactive or (not changes and prompts.on_terminal()):
        changes = _ask_changes(workspace, None)
    client = apply_changes(workspace, {"name": name}, changes, option_name)
    workspace.store.add_client(client)
    _done(workspace, f"Added client '{client.name}'", client)


@ClientRoles
@client_fields
def edit(
    name: ExistingName,
    *,
    rename: Annotated[
        str | None, typer.Option("--rename", metavar="NEW", help="A new name.", show_default=False)
    ] = None,
    interactive: InteractiveOption = False,
    fields: dict[str, Any],
    stack: dict[str, str],
) -> None:
    """Change a client: options given replace what is recorded ('' clears a field).

    Example: tiertriage client edit acme --host wp-engine --email-provider default
    """
    from tiertriage.commands import prompts
    from tiertriage.errors import InputError
    from tiertriage.store.client_file import apply_changes
    from tiertriage.workspace import Workspace

    changes = _with_stack(fields, stack)
    if rename is not None:
        changes["name"] = rename
    workspace = Workspace()
    current = workspace.store.find_client(name)
    if interactive or (not changes and prompts.on_terminal()):
        changes = _ask_changes(workspace, current)
    elif not changes:
        raise InputError("nothing to change", hint="give options such as --host VENDOR, or -i")
    client = apply_changes(workspace, current.model_dump(), changes, option_name)
    workspace.store.update_client(current.name, client)
    _done(workspace, f"Updated client '{client.name}'", client)


def _with_stack(fields: dict[str, Any], stack: dict[str, str]) -> dict[str, Any]:
    return {**fields, "stack": stack} if stack else fields


def _ask_changes(workspace: Workspace, current: Client | None) -> dict[str, Any]:
    """Every field, asked in turn; each role offers the catalogue's vendors for it."""
    from tiertriage.commands import prompts
    from tiertriage.store.client_file import make_client

    typer.echo(prompts.HOW_TO_ANSWER)

    def check(field: str, value: Any) -> None:
        make_client({"name": "-", field: value}, option_name)

    def split(answer: str) -> list[str]:
        return [part.strip() for part in answer.split(",") if part.strip()]

    until = current.support_until.isoformat() if current and current.support_until else None
    changes: dict[str, Any] = {
        "contact": prompts.ask("Contact name", current.contact if current else None),
        "emails": split(
            prompts.ask(
                "Email addresses (comma-separated)",
                ", ".join(current.emails) if current else None,
                check=lambda answer: check("emails", split(answer)),
            )
            or ""
        ),
        "domains": split(
            prompts.ask(
                "Domains (comma-separated)",
                ", ".join(current.domains) if current else None,
                check=lambda answer: check("domains", split(answer)),
            )
            or ""
        ),
        "support_until": prompts.ask(
            "Support included until (YYYY-MM-DD)",
            until,
            check=lambda answer: check("support_until", answer),
        ),
        "notes": prompts.ask("Notes", current.notes if current else None),
        "greeting": prompts.ask(
            "Greeting line (blank: 'Hi <first name>')", current.greeting if current else None
        ),
        "language": prompts.ask(
            "Reply language, pl or en (blank: the question's)",
            current.language if current else None,
            check=lambda answer: check("language", answer or None),
        ),
    }
    from tiertriage.commands.vendors.compare import RANKED_NOTE, ranked_choices

    defaults = workspace.default_stack()
    recorded = current.stack if current else {}
    stack: dict[str, str] = {}
    typer.echo(RANKED_NOTE)
    ranked = ranked_choices(workspace)
    for role, info in workspace.catalog.roles.items():
        vendor_ids = [*ranked[role], NO_VENDOR]
        default = defaults[role].id if role in defaults else NO_VENDOR
        chosen = prompts.choose(
            info.label[0].upper() + info.label[1:], vendor_ids, recorded.get(role, default)
        )
        # Keeping the default vendor leaves the role to follow the default stack.
        stack[role] = chosen if role in recorded or chosen != default else DEFAULT_VENDOR
    changes["stack"] = stack
    return changes


def _done(workspace: Workspace, message: str, client: Client) -> None:
    """Say what was recorded; warn (stderr) about vendors that cannot work together."""
    from tiertriage.render import output as render

    for problem in workspace.stack_problems(client):
        render.warn(f"warning: {problem}")
    vendors = ", ".join(f"{role}: {vendor}" for role, vendor in client.stack.items())
    tail = f" ({vendors}; other roles: your default stack)" if vendors else " (your default stack)"
    render.print_text(message + tail + ".")
