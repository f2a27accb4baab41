"""Options shared by several commands, defined once."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Print only the reply text, even on a terminal.")
]
InteractiveOption = Annotated[
    bool,
    typer.Option(
        "--interactive",
        "-i",
        help="Ask for every field (the default on a terminal when no option is given).",
    ),
]

# The option naming each role's vendor, shared by `init` and `client add/edit`: the
# catalogue's roles, each with its flag. `email` is `--email-provider` because
# `--email` is a client's address.
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

Command = TypeVar("Command", bound=Callable[..., Any])


def role_options(describe: Callable[[str], str]) -> Callable[[Command], Command]:
    """Give a command one `--host VENDOR`-style option per role, described by `describe(role)`.

    The command receives the roles given as one keyword argument, `stack` (role ->
    vendor id as typed): no positional zips, and a new role needs one line above.
    """

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "stack"]
        names = {role: _parameter(role) for role in ROLE_FLAGS}
        added = [
            inspect.Parameter(
                names[role],
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[str | None, vendor_option(role, describe(role))],
            )
            for role in ROLE_FLAGS
        ]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            given = {role: kwargs.pop(name, None) for role, name in names.items()}
            stack = {role: vendor for role, vendor in given.items() if vendor is not None}
            return command(*args, stack=stack, **kwargs)

        # Typer reads the options from the signature: the command's own, then the roles'.
        wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _parameter(role: str) -> str:
    return ROLE_FLAGS[role].removeprefix("--").replace("-", "_")


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
