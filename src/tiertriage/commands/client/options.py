"""The options of `tiertriage client` verbs, and how a field is named in messages."""

from typing import Annotated, Any

import typer

from tiertriage.commands.completion import client_names
from tiertriage.commands.options import ROLE_FLAGS, added_options, option, role_options

FIELD_OPTIONS = {
    "name": "NAME",
    "contact": "--contact",
    "emails": "--email",
    "domains": "--domain",
    "notes": "--notes",
    "support_until": "--support-until",
    "greeting": "--greeting",
    "language": "--language",
}


ROLE_EXAMPLES = {"registrar": "godaddy", "email": "microsoft-365", "host": "siteground"}


def _describe_role(role: str) -> str:
    example = f", e.g. {ROLE_EXAMPLES[role]}" if role in ROLE_EXAMPLES else ""
    return (
        f"The client's {role} vendor id{example} ('default': your default stack; "
        "'none': they have none)."
    )


ClientRoles = role_options(_describe_role)
Contact = Annotated[
    str | None,
    typer.Option(
        "--contact",
        metavar="NAME",
        help="The contact's name; replies greet the first name.",
        show_default=False,
    ),
]
Emails = Annotated[
    list[str] | None,
    typer.Option(
        "--email",
        metavar="ADDRESS",
        help="An address the client writes from (repeatable).",
        show_default=False,
    ),
]
Domains = Annotated[
    list[str] | None,
    typer.Option(
        "--domain",
        metavar="DOMAIN",
        help="A domain of the client; replies name the first (repeatable).",
        show_default=False,
    ),
]
Greeting = Annotated[
    str | None,
    typer.Option(
        "--greeting",
        metavar="TEXT",
        help="Their own greeting line, e.g. 'Dzień dobry Pani Anno' or 'Dear Dr Kowalski'.",
        show_default=False,
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--language",
        metavar="pl|en",
        help="Reply in this language whatever they write in ('': detect from the question).",
        show_default=False,
    ),
]
Notes = Annotated[
    str | None, typer.Option("--notes", metavar="TEXT", help="Free notes.", show_default=False)
]
SupportUntil = Annotated[
    str | None,
    typer.Option(
        "--support-until",
        metavar="DATE",
        help="Last day of included email support (YYYY-MM-DD); later replies offer a consult.",
        show_default=False,
    ),
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


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    """The fields the options give; an empty value clears its field."""
    changes: dict[str, Any] = {}
    for field, value in values.items():
        if isinstance(value, list):
            if value:
                changes[field] = [v for v in value if v.strip()]
        elif value is not None:
            changes[field] = value if value.strip() else None
    return changes


# `client add` and `client edit` take the same fields, as one keyword argument `fields`
# (field -> value given; '' clears it). Parameter names are the clients' field names.
client_fields = added_options(
    [
        option("contact", Contact),
        option("emails", Emails),
        option("domains", Domains),
        option("notes", Notes),
        option("support_until", SupportUntil),
        option("greeting", Greeting),
        option("language", Language),
    ],
    "fields",
    _changes,
)


def option_name(field: str) -> str:
    """The option a field (or 'stack.role', 'emails.0') is given with, for messages."""
    head, _, rest = field.partition(".")
    if head == "stack":
        return ROLE_FLAGS.get(rest, f"stack.{rest}")
    return FIELD_OPTIONS.get(head, head)
