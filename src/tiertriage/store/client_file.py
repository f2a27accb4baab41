"""Client records as a user writes them: command options and the export/import YAML file.

Validation errors name what the user typed: the option (`--email`), or the file,
YAML line, client and field of an import. The export format is exactly what
`parse_clients` reads back, so export -> import -> export gives the same file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tiertriage.catalog.models import DEFAULT_VENDOR, NO_VENDOR
from tiertriage.errors import InputError, NotFoundError
from tiertriage.store.clients import Client
from tiertriage.wording import field_path, first_problem

if TYPE_CHECKING:
    from tiertriage.workspace import Workspace

SECTION = "clients"


def make_client(data: Mapping[str, Any], label: Callable[[str], str]) -> Client:
    """Validate `data`; an error names the field as `label("emails.0")` (e.g. an option)."""
    from pydantic import ValidationError

    try:
        return Client.model_validate(data)
    except ValidationError as exc:
        location, message = first_problem(exc, tuple(Client.model_fields))
        raise InputError(f"{label(field_path(location))}: {message}") from None


def apply_changes(
    workspace: Workspace,
    base: Mapping[str, Any],
    changes: Mapping[str, Any],
    label: Callable[[str], str],
) -> Client:
    """`base` (a client's fields) with `changes` applied, validated.

    `changes["stack"]` maps roles to vendor ids, checked against the catalogue; the
    vendor `default` drops the role, which then follows the user's default stack, and
    `none` records that the client has no vendor for it.
    """
    data = {**base, **{k: v for k, v in changes.items() if k != "stack"}}
    stack = dict(base.get("stack") or {})
    for role, vendor_id in (changes.get("stack") or {}).items():
        chosen = vendor_id.strip().lower()
        if chosen == DEFAULT_VENDOR:
            stack.pop(role, None)
        elif chosen == NO_VENDOR:
            workspace.check_role(role, context=label(f"stack.{role}"))
            stack[role] = NO_VENDOR
        else:
            stack[role] = workspace.vendor(vendor_id, role=role, context=label(f"stack.{role}")).id
    data["stack"] = stack
    return make_client(data, label)


def client_data(client: Client) -> dict[str, Any]:
    """The fields that are set, in the order of the model: one client in the file."""
    return client.model_dump(exclude_defaults=True)


def dump_clients(clients: Sequence[Client]) -> str:
    from tiertriage.yamlfile import dump

    return dump({SECTION: [client_data(c) for c in clients]})


def parse_clients(content: bytes, label: str, workspace: Workspace) -> list[Client]:
    """Clients from an export file, each validated, vendors checked against the catalogue."""
    from pydantic import ValidationError

    from tiertriage.yamlfile import YamlSyntaxError, line_of, parse

    try:
        document = parse(content)
    except YamlSyntaxError as exc:
        raise InputError(exc.describe(label)) from None
    if not isinstance(document, dict) or set(document) - {SECTION}:
        raise InputError(
            f"{label}:1: expected a mapping with '{SECTION}:' "
            "(as written by `tiertriage client export`)"
        )
    items = document.get(SECTION) or []
    if not isinstance(items, list):
        raise InputError(f"{label}:{line_of(content, [SECTION])}: '{SECTION}' must be a list")

    def where(index: int, *location: str | int) -> str:
        return f"{label}:{line_of(content, [SECTION, index, *location])}"

    clients: list[Client] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        name = item.get("name") if isinstance(item, dict) else None
        who = f"client '{name}'" if isinstance(name, str) else f"client #{index + 1}"
        if not isinstance(item, dict):
            raise InputError(f"{where(index)}: {who}: expected a mapping of field: value")
        try:
            client = Client.model_validate(item)
        except ValidationError as exc:
            location, message = first_problem(exc, tuple(Client.model_fields))
            dotted = field_path(location)
            raise InputError(
                f"{where(index, *location)}: {who}: field '{dotted}': {message}"
            ) from None
        if client.key in seen:
            raise InputError(
                f"{where(index, 'name')}: {who}: the same name as client #{seen[client.key] + 1}"
            )
        seen[client.key] = index
        for role, vendor_id in client.stack.items():
            try:
                if vendor_id == NO_VENDOR:
                    workspace.check_role(role)
                else:
                    workspace.vendor(vendor_id, role=role)
            except NotFoundError as exc:  # lines are looked up only on error: that is slow
                where_ = f"{where(index, 'stack', role)}: {who}: field 'stack.{role}'"
                raise NotFoundError(f"{where_}: {exc.message}", hint=exc.hint) from None
        clients.append(client)
    return clients
