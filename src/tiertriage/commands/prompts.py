"""Interactive questions for commands that run as a dialogue (`init`, `topics add`).

Enter keeps the value shown in [brackets]; `-` clears an optional value. An answer
that does not parse is explained and asked again, so a typo never ends the dialogue.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import typer

from tiertriage.errors import TiertriageError

CLEAR = "-"
HOW_TO_ANSWER = f"Enter keeps the value in [brackets]; '{CLEAR}' clears an optional one."


def on_terminal() -> bool:
    """Both ends are a person: prompts can be answered and an editor can open."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(
    label: str,
    default: str | None = None,
    *,
    required: bool = False,
    check: Callable[[str], object] | None = None,
) -> str | None:
    """One line of text; `check` raises ValueError or a TiertriageError to refuse it."""
    while True:
        answer = str(typer.prompt(label, default=default or "", show_default=bool(default)))
        answer = answer.strip()
        if answer == CLEAR and not required:
            return None
        if not answer:
            if required:
                typer.echo(f"  {label} is needed.", err=True)
                continue
            return None
        if check is not None:
            try:
                check(answer)
            except (ValueError, TiertriageError) as error:
                typer.echo(f"  {_reason(error)}", err=True)
                continue
        return answer


def choose(label: str, choices: Sequence[str], default: str | None = None) -> str:
    """One of `choices` (listed before the question)."""
    from tiertriage.wording import closest

    typer.echo(f"{label}: {', '.join(choices)}")

    def known(answer: str) -> None:
        if answer not in choices:
            raise ValueError(f"'{answer}' is not one of them{closest(answer, choices)}")

    answer = ask(label, default, required=True, check=known)
    assert answer is not None  # required
    return answer


def ask_list(label: str, default: Sequence[str] = ()) -> list[str]:
    """Comma-separated values."""
    answer = ask(f"{label} (comma-separated)", ", ".join(default) or None)
    return [part.strip() for part in (answer or "").split(",") if part.strip()]


def ask_lines(label: str, default: Sequence[str] = ()) -> list[str]:
    """Several lines, one value each; an empty line ends (at once: keep `default`)."""
    typer.echo(f"{label}, one per line; an empty line ends.")
    for line in default:
        typer.echo(f"  [{line}]")
    lines: list[str] = []
    while True:
        line = str(typer.prompt(">", default="", show_default=False, prompt_suffix=" ")).strip()
        if not line:
            return lines or list(default)
        lines.append(line)


def open_in_editor(path: Path) -> None:
    """Edit `path` in $VISUAL or $EDITOR (vi, or Notepad on Windows, when neither is set)."""
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    editor = editor or ("notepad" if os.name == "nt" else "vi")
    try:
        with _terminal() as tty:
            subprocess.run([*shlex.split(editor), str(path)], check=True, stdin=tty, stdout=tty)
    except (OSError, ValueError, subprocess.CalledProcessError) as error:
        raise TiertriageError(
            f"the editor '{editor}' failed: {error}", hint=f"set $EDITOR, or edit {path} yourself"
        ) from None


@contextmanager
def _terminal() -> Iterator[IO[bytes] | None]:
    """The terminal for an editor whose stdin is a pipe (`ask --edit` under mutt) or whose
    stdout is redirected; None (inherit) when both are terminals or there is none."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        yield None
        return
    try:
        tty = open("/dev/tty", "r+b", buffering=0)  # noqa: SIM115 (closed below)
    except OSError:
        yield None
        return
    with tty:
        yield tty


def _reason(error: Exception) -> str:
    if isinstance(error, TiertriageError):
        return str(error)
    # pydantic wraps a validator's message as "Value error, <message>"
    return str(error).splitlines()[-1].removeprefix("Value error, ")
