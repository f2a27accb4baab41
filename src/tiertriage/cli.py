"""The `tiertriage` command: wiring only. The one place errors become stderr + exit code."""

import importlib
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from tiertriage import __version__
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
            from tiertriage.render.output import printable

            sys.stderr.write(f"tiertriage: error: {printable(str(error))}\n")
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise  # usage errors are click's to report, with the usage line
        except BrokenPipeError:
            raise typer.Exit(ExitCode.ERROR) from None
        except Exception as error:  # a bug: still one line, traceback on request
            if os.environ.get(DEBUG_ENV):
                raise
            from tiertriage.render.output import one_line

            sys.stderr.write(
                f"tiertriage: internal error: {type(error).__name__}: {one_line(str(error))} "
                f"(set {DEBUG_ENV}=1 for the traceback)\n"
            )
            raise typer.Exit(ExitCode.ERROR) from None


# Every command, in the order `--help` lists them: name -> (module in tiertriage.commands,
# the attribute to register, whether it is a group of subcommands).
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "init": ("init", "init", False),
    "ask": ("ask", "ask", False),
    "triage": ("triage", "triage", False),
    "catalog": ("catalog", "app", True),
    "client": ("client.app", "app", True),
    "log": ("log", "log", False),
    "fix": ("fix", "fix", False),
    "stats": ("stats", "stats", False),
    "topics": ("topics", "app", True),
    "vendors": ("vendors.app", "app", True),
    "config": ("config", "app", True),
    "doctor": ("doctor", "doctor", False),
}
COMPLETION_ENV = "_TIERTRIAGE_COMPLETE"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tiertriage {__version__}\n")
        raise typer.Exit()


def root(
    *,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Triage client questions into ready-to-send, tiered support replies."""


def build(names: list[str] | None = None) -> typer.Typer:
    """The CLI with the named commands (all by default), importing only their modules.

    Typer builds the parser of every registered command before it runs one, and each
    command module costs an import: `main` builds just the command being run.
    """
    cli = typer.Typer(
        cls=_Root,
        name="tiertriage",
        help="Triage client questions into ready-to-send, tiered support replies.",
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    cli.callback()(root)
    for name in names or COMMANDS:
        module, attribute, group = COMMANDS[name]
        target = getattr(importlib.import_module(f"tiertriage.commands.{module}"), attribute)
        if group:
            cli.add_typer(target, name=name)
        else:
            cli.command(name)(target)
    return cli


def main() -> None:
    # Typer checks each argument with a pydantic TypeAdapter, and pydantic's first one
    # looks for plugins in every installed distribution's entry points: ~40 ms of a
    # 200 ms `ask` in a venv with development tools. tiertriage uses no pydantic plugin;
    # setdefault keeps a user's own choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:]
    named = args[0] if args and args[0] in COMMANDS else None
    try:
        # The whole tree for help, --version, completion and unknown names (suggestions).
        build([named] if named and COMPLETION_ENV not in os.environ else None)()
    except SystemExit as done:
        _leave(done.code)


def _leave(code: object) -> NoReturn:
    """Exit without the interpreter's teardown.

    Freeing every module and the loaded catalogue object by object costs a command
    ~25-30 ms, more than the rest of `ask` after start-up, and nothing here needs it:
    output is flushed below, files are written atomically and closed, and SQLite's
    committed transactions are already in its write-ahead log.
    """
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = ExitCode.ERROR
    status = int(code) if isinstance(code, int) else 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the reader has gone
            status = status or ExitCode.ERROR
    os._exit(status)


def __getattr__(name: str) -> Any:
    """`tiertriage.cli.app`: the whole CLI (for tests and tools), built on first use."""
    if name == "app":
        globals()["app"] = app = build()
        return app
    raise AttributeError(name)
