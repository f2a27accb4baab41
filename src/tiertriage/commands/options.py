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


def added_options(
    parameters: list[inspect.Parameter], into: str, collect: Callable[[dict[str, Any]], Any]
) -> Callable[[Command], Command]:
    """Give a command the options `parameters` (keyword-only, after its own); their values
    reach it as one keyword argument `into`, built by `collect(values by parameter name)`."""

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != into]
        names = [p.name for p in parameters]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {name: kwargs.pop(name, None) for name in names}
            return command(*args, **{into: collect(values)}, **kwargs)

        # Typer reads the options from the signature: the command's own, then these.
        wrapper.__signature__ = signature.replace(parameters=[*own, *parameters])  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def option(name: str, annotation: Any) -> inspect.Parameter:
    """A keyword-only option parameter `name` (default None) for `added_options`."""
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


def role_options(describe: Callable[[str], str]) -> Callable[[Command], Command]:
    """Give a command one `--host VENDOR`-style option per role, described by `describe(role)`.

    The command receives the roles given as one keyword argument, `stack` (role ->
    vendor id as typed): no positional zips, and a new role needs one line above.
    """
    names = {_parameter(role): role for role in ROLE_FLAGS}

    def collect(values: dict[str, Any]) -> dict[str, str]:
        return {names[name]: vendor for name, vendor in values.items() if vendor is not None}

    parameters = [
        option(name, Annotated[str | None, vendor_option(role, describe(role))])
        for name, role in names.items()
    ]
    return added_options(parameters, "stack", collect)


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
