"""`vendors list` and `vendors show`: the vendor catalogue and each vendor's support channels."""

from __future__ import annotations

from typing import Annotated

import typer

from tiertriage.commands import completion
from tiertriage.commands.options import JsonOption


def list_vendors(
    *,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Only vendors with this role.",
            show_default=False,
            autocompletion=completion.roles,
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List vendors: id, name, roles, and whether each is a role's default.

    Example: tiertriage vendors list --role registrar
    """
    from tiertriage.errors import NotFoundError
    from tiertriage.render import output as render
    from tiertriage.render.shapes import vendor_json
    from tiertriage.wording import closest
    from tiertriage.workspace import Workspace

    catalog = Workspace().catalog
    if role is not None and role not in catalog.roles:
        raise NotFoundError(f"unknown role '{role}'{closest(role, list(catalog.roles))}")
    vendors = catalog.vendors_for(role) if role else list(catalog.vendors.values())
    if json_output:
        render.print_json([vendor_json(v) for v in vendors])
        return
    render.print_table(
        "Vendors",
        ["id", "name", "roles", "default for", "live chat"],
        (
            [
                v.id,
                v.name,
                ", ".join(v.roles),
                ", ".join(r for r, info in catalog.roles.items() if info.default == v.id) or "",
                v.support.chat_hours or ("yes" if v.support.chat else "no"),
            ]
            for v in vendors
        ),
    )


def show_vendor(
    vendor_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The vendor id, e.g. hover.", autocompletion=completion.vendor_ids
        ),
    ],
    *,
    json_output: JsonOption = False,
) -> None:
    """Show one vendor's support channels.

    Example: tiertriage vendors show hover
    """
    from tiertriage.render import output as render
    from tiertriage.render.shapes import vendor_json
    from tiertriage.workspace import Workspace

    vendor = Workspace().vendor(vendor_id)
    data = vendor_json(vendor) | {
        "website": vendor.website,
        "notes": vendor.notes,
        "aliases": list(vendor.aliases),
        "phone_hours": vendor.support.phone_hours,
    }
    if json_output:
        render.print_json(data)
        return
    render.print_table(
        vendor.name,
        ["field", "value"],
        (
            [key, ", ".join(value) if isinstance(value, list) else str(value)]
            for key, value in data.items()
            if value
        ),
    )
