"""Options shared by several commands, defined once."""

from typing import Annotated, Any

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print only the reply text, even on a terminal.")
]

# The option naming each shipped role's vendor, shared by `init` and `client add/edit`.
# `email` is `--email-provider` because `--email` is a client's address.
ROLE_FLAGS = {
    "registrar": "--registrar",
    "email": "--email-provider",
    "newsletter": "--newsletter",
    "cms": "--cms",
    "theme": "--theme",
    "shop": "--shop",
    "host": "--host",
    "ssl": "--ssl",
}


def vendor_option(role: str, help: str) -> Any:
    """`--host VENDOR` and its kin: the vendor id of one role, completed from the catalogue."""
    from tiertriage.commands.completion import vendors_of

    return typer.Option(
        ROLE_FLAGS[role],
        metavar="VENDOR",
        help=help,
        show_default=False,
        autocompletion=vendors_of(role),
    )
