"""The `tiertriage` command: wiring only. The one place errors become stderr + exit code."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tiertriage import __version__
from tiertriage.commands import (
    ask,
    catalog,
    client,
    config,
    doctor,
    init,
    log,
    topics,
    triage,
    vendors,
)
from tiertriage.errors import ExitCode, TiertriageError

DEBUG_ENV = "TIERTRIAGE_DEBUG"


class _Root(TyperGroup):
    """Turns a `TiertriageError` anywhere below into one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TiertriageError as error:
            if os.environ.get(DEBUG_ENV):
                raise
            sys.stderr.write(f"tiertriage: error: {error}\n")
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise  # usage errors are click's to report, with the usage line
        except BrokenPipeError:
            raise typer.Exit(ExitCode.ERROR) from None
        except Exception as error:  # a bug: still one line, traceback on request
            if os.environ.get(DEBUG_ENV):
                raise
            sys.stderr.write(
                f"tiertriage: internal error: {type(error).__name__}: {error} "
                f"(set {DEBUG_ENV}=1 for the traceback)\n"
            )
            raise typer.Exit(ExitCode.ERROR) from None


app = typer.Typer(
    cls=_Root,
    name="tiertriage",
    help="Triage client questions into ready-to-send, tiered support replies.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tiertriage {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    *,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Triage client questions into ready-to-send, tiered support replies."""


app.command()(init.init)
app.command()(ask.ask)
app.command()(triage.triage)
app.add_typer(catalog.app, name="catalog")
app.add_typer(client.app, name="client")
app.command("log")(log.log)
app.add_typer(topics.app, name="topics")
app.add_typer(vendors.app, name="vendors")
app.add_typer(config.app, name="config")
app.command()(doctor.doctor)


def main() -> None:
    _only_the_invoked_command(sys.argv[1:])
    app()


def _only_the_invoked_command(args: list[str]) -> None:
    """Typer builds the parser of every command before it runs one (1-5 ms each, most
    of the CLI's start-up); keep just the one named first. The whole tree stays for
    help, --version, shell completion and an unknown name (which then gets suggestions)."""
    if not args or args[0].startswith("-") or "_TIERTRIAGE_COMPLETE" in os.environ:
        return
    commands = [
        info
        for info in app.registered_commands
        if (info.name or getattr(info.callback, "__name__", "").replace("_", "-")) == args[0]
    ]
    groups = [info for info in app.registered_groups if info.name == args[0]]
    if commands or groups:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups
