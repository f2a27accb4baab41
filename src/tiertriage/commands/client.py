"""`tiertriage client`: record each client's contact, domains and vendors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiertriage.commands.completion import client_names
from tiertriage.commands.options import ROLE_FLAGS, JsonOption, vendor_option

if TYPE_CHECKING:
    from tiertriage.store.clients import Client
    from tiertriage.workspace import Workspace

app = typer.Typer(
    help="Record each client's contact, domains and vendors, so replies use their stack.",
    no_args_is_help=True,
)

FIELD_OPTIONS = {
    "name": "NAME",
    "contact": "--contact",
    "emails": "--email",
    "domains": "--domain",
    "notes": "--notes",
    "support_until": "--support-until",
}


def _vendor(role: str, example: str) -> Any:
    help = f"The client's {role} vendor id, e.g. {example} ('default': your default stack)."
    return vendor_option(role, help)


Registrar = Annotated[str | None, _vendor("registrar", "godaddy")]
EmailProvider = Annotated[str | None, _vendor("email", "microsoft-365")]
Newsletter = Annotated[str | None, _vendor("newsletter", "kit")]
Cms = Annotated[str | None, _vendor("cms", "wordpress")]
Theme = Annotated[str | None, _vendor("theme", "genesis")]
Shop = Annotated[str | None, _vendor("shop", "woocommerce")]
Host = Annotated[str | None, _vendor("host", "siteground")]
Ssl = Annotated[str | None, _vendor("ssl", "letsencrypt")]
Contact = Annotated[
    str | None,
    typer.Option(
        "--contact", help="The contact's name; replies greet the first name.", show_default=False
    ),
]
Emails = Annotated[
    list[str] | None,
    typer.Option(
        "--email", help="An address the client writes from (repeatable).", show_default=False
    ),
]
Domains = Annotated[
    list[str] | None,
    typer.Option(
        "--domain",
        help="A domain of the client; replies name the first (repeatable).",
        show_default=False,
    ),
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes.", show_default=False)]
SupportUntil = Annotated[
    str | None,
    typer.Option(
        "--support-until",
        metavar="DATE",
        help="Last day of included email support (YYYY-MM-DD); later replies offer a consult.",
        show_default=False,
    ),
]
Interactive = Annotated[
    bool,
    typer.Option("--interactive", "-i", help="Ask for each field, offering each role's vendors."),
]
Name = Annotated[str, typer.Argument(help="The client's name (any unique prefix will do later).")]
ExistingName = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The client's name, or a unique prefix of it.",
        autocompletion=client_names,
    ),
]


@app.command("add")
def add(
    name: Name,
    *,
    contact: Contact = None,
    email: Emails = None,
    domain: Domains = None,
    notes: Notes = None,
    support_until: SupportUntil = None,
    registrar: Registrar = None,
    email_provider: EmailProvider = None,
    newsletter: Newsletter = None,
    cms: Cms = None,
    theme: Theme = None,
    shop: Shop = None,
    host: Host = None,
    ssl: Ssl = None,
    interactive: Interactive = False,
) -> None:
    """Record a client; roles not given follow your default stack.

    Example: tiertriage client add "Acme Co" --contact "Jane Doe" --email jane@acme.example
    --domain acme.example --host siteground --email-provider microsoft-365
    """
    from tiertriage.commands import prompts
    from tiertriage.store.client_file import apply_changes
    from tiertriage.workspace import Workspace

    vendors = [registrar, email_provider, newsletter, cms, theme, shop, host, ssl]
    changes = _changes(contact, email, domain, notes, support_until, vendors)
    workspace = Workspace()
    if interactive or (not changes and prompts.on_terminal()):
        changes = _ask_changes(workspace, None)
    client = apply_changes(workspace, {"name": name}, changes, _option)
    workspace.store.add_client(client)
    _done(f"Added client '{client.name}'", client)


@app.command("edit")
def edit(
    name: ExistingName,
    *,
    rename: Annotated[
        str | None, typer.Option("--rename", metavar="NEW", help="A new name.", show_default=False)
    ] = None,
    contact: Contact = None,
    email: Emails = None,
    domain: Domains = None,
    notes: Notes = None,
    support_until: SupportUntil = None,
    registrar: Registrar = None,
    email_provider: EmailProvider = None,
    newsletter: Newsletter = None,
    cms: Cms = None,
    theme: Theme = None,
    shop: Shop = None,
    host: Host = None,
    ssl: Ssl = None,
    interactive: Interactive = False,
) -> None:
    """Change a client: options given replace what is recorded ('' clears a field).

    Example: tiertriage client edit acme --host wp-engine --email-provider default
    """
    from tiertriage.commands import prompts
    from tiertriage.errors import InputError
    from tiertriage.store.client_file import apply_changes
    from tiertriage.workspace import Workspace

    vendors = [registrar, email_provider, newsletter, cms, theme, shop, host, ssl]
    changes = _changes(contact, email, domain, notes, support_until, vendors)
    if rename is not None:
        changes["name"] = rename
    workspace = Workspace()
    current = workspace.store.find_client(name)
    if interactive or (not changes and prompts.on_terminal()):
        changes = _ask_changes(workspace, current)
    elif not changes:
        raise InputError("nothing to change", hint="give options such as --host VENDOR, or -i")
    client = apply_changes(workspace, current.model_dump(), changes, _option)
    workspace.store.update_client(current.name, client)
    _done(f"Updated client '{client.name}'", client)


@app.command("list")
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


@app.command("show")
def show(name: ExistingName, *, json_output: JsonOption = False) -> None:
    """Show one client and the vendor each role's replies point to.

    Example: tiertriage client show acme
    """
    from datetime import date

    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    client = workspace.store.find_client(name)
    stack = workspace.stack_for(client)
    expired = client.support_expired(date.today())
    if json_output:
        render.print_json(
            client.model_dump(mode="json")
            | {
                "support_expired": expired,
                "vendors": {role: vendor.id for role, vendor in stack.items()},
            }
        )
        return
    until = client.support_until.isoformat() if client.support_until else ""
    rows = [
        ["name", client.name],
        ["contact", client.contact or ""],
        ["emails", ", ".join(client.emails)],
        ["domains", ", ".join(client.domains)],
        ["support until", until + (" (ended: replies offer a consult)" if expired else "")],
        ["notes", client.notes or ""],
    ]
    rows += [
        [role, f"{vendor.name} ({vendor.id})" + ("" if role in client.stack else ", default")]
        for role, vendor in stack.items()
    ]
    render.print_table(client.name, ["field", "value"], rows)


@app.command("remove")
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


@app.command("export")
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


@app.command("import")
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


def _changes(
    contact: str | None,
    emails: list[str] | None,
    domains: list[str] | None,
    notes: str | None,
    support_until: str | None,
    vendors: list[str | None],
) -> dict[str, Any]:
    """The fields the options give; an empty value clears its field."""
    changes: dict[str, Any] = {}
    for field, value in (("contact", contact), ("notes", notes), ("support_until", support_until)):
        if value is not None:
            changes[field] = value if value.strip() else None
    for field, values in (("emails", emails), ("domains", domains)):
        if values:
            changes[field] = [v for v in values if v.strip()]
    stack = {role: v for role, v in zip(ROLE_FLAGS, vendors, strict=True) if v is not None}
    if stack:
        changes["stack"] = stack
    return changes


def _option(field: str) -> str:
    """The option a field (or 'stack.role', 'emails.0') is given with, for messages."""
    head, _, rest = field.partition(".")
    if head == "stack":
        return ROLE_FLAGS.get(rest, f"stack.{rest}")
    return FIELD_OPTIONS.get(head, head)


def _ask_changes(workspace: Workspace, current: Client | None) -> dict[str, Any]:
    """Every field, asked in turn; each role offers the catalogue's vendors for it."""
    from tiertriage.commands import prompts
    from tiertriage.store.client_file import make_client

    typer.echo(prompts.HOW_TO_ANSWER)

    def check(field: str, value: Any) -> None:
        make_client({"name": "-", field: value}, _option)

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
    }
    defaults = workspace.default_stack()
    recorded = current.stack if current else {}
    stack: dict[str, str] = {}
    for role, info in workspace.catalog.roles.items():
        vendor_ids = [v.id for v in workspace.catalog.vendors_for(role)]
        chosen = prompts.choose(
            info.label[0].upper() + info.label[1:],
            vendor_ids,
            recorded.get(role, defaults[role].id),
        )
        # Keeping the default vendor leaves the role to follow the default stack.
        stack[role] = chosen if role in recorded or chosen != defaults[role].id else "default"
    changes["stack"] = stack
    return changes


def _done(message: str, client: Client) -> None:
    from tiertriage.render import output as render

    vendors = ", ".join(f"{role}: {vendor}" for role, vendor in client.stack.items())
    tail = f" ({vendors}; other roles: your default stack)" if vendors else " (your default stack)"
    render.print_text(message + tail + ".")


def _write_atomically(path: Path, text: str) -> None:
    from tiertriage.errors import InputError
    from tiertriage.paths import write_atomically

    try:
        write_atomically(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror}") from None
