"""`client list` and `client show`: what is recorded, and each role's vendor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tiertriage.commands.client.options import ExistingName
from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.workspace import Resolved


def list_clients(*, json_output: JsonOption = False) -> None:
    """List every client: contact, addresses, domains, support and recorded vendors.

    Example: tiertriage client list --json
    """
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    clients = Workspace().store.clients()
    if json_output:
        render.print_json([c.model_dump(mode="json") for c in clients])
        return
    render.print_table(
        f"Clients ({len(clients)})",
        ["name", "contact", "emails", "domains", "support until", "vendors"],
        (
            [
                c.name,
                c.contact or "",
                ", ".join(c.emails),
                ", ".join(c.domains),
                c.support_until.isoformat() if c.support_until else "",
                ", ".join(f"{role}={vendor}" for role, vendor in c.stack.items()),
            ]
            for c in clients
        ),
    )


def show(name: ExistingName, *, json_output: JsonOption = False) -> None:
    """Show one client and the vendor each role's replies point to.

    Example: tiertriage client show acme
    """
    from datetime import date

    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    client = workspace.store.find_client(name)
    stack = workspace.resolved_stack(client)
    problems = workspace.stack_problems(client)
    expired = client.support_expired(date.today())
    if json_output:
        render.print_json(
            client.model_dump(mode="json")
            | {
                "support_expired": expired,
                "vendors": {
                    role: found.vendor.id if found.vendor else None for role, found in stack.items()
                },
                "stack_problems": problems,
            }
        )
        return
    for problem in problems:
        render.warn(f"warning: {problem}")
    until = client.support_until.isoformat() if client.support_until else ""
    rows = [
        ["name", client.name],
        ["contact", client.contact or ""],
        ["emails", ", ".join(client.emails)],
        ["domains", ", ".join(client.domains)],
        ["support until", until + (" (ended: replies offer a consult)" if expired else "")],
        ["notes", client.notes or ""],
        ["greeting", client.greeting or ""],
        ["language", client.language or "the question's"],
    ]
    rows += [[role, _vendor_cell(found)] for role, found in stack.items()]
    render.print_table(client.name, ["field", "value"], rows)


def _vendor_cell(found: Resolved) -> str:
    """ "Squarespace (squarespace), with Squarespace", "none (recorded)"."""
    if found.vendor is None:
        return f"none ({found.origin})"
    shown = f"{found.vendor.name} ({found.vendor.id})"
    return shown if found.origin == "recorded" else f"{shown}, {found.origin}"
