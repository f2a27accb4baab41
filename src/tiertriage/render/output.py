"""Printing: plain text and JSON on stdout, warnings on stderr, tables (Rich on demand).

Results go to stdout, diagnostics to stderr. When stdout is not a terminal, output is
plain so `| pbcopy` or a mail client gets a clean reply. Rich honours NO_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def stdout_is_terminal() -> bool:
    # TTY_COMPATIBLE=1 is Rich's documented way to force terminal output.
    forced = os.environ.get("TTY_COMPATIBLE")
    if forced in ("0", "1"):
        return forced == "1"
    return sys.stdout.isatty()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_json_line(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_text(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def warn(message: str) -> None:
    sys.stderr.write(f"tiertriage: {message}\n")


# Rich lays a table out at roughly half a millisecond a row: a longer table is printed
# as plain aligned columns, so `client list` with 10,000 clients still takes well under 1 s.
RICH_TABLE_ROWS = 500


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A Rich table on a terminal; tab-separated lines otherwise (easy to cut/grep)."""
    if not stdout_is_terminal():
        for row in rows:
            print_text("\t".join(row))
        return
    rows = list(rows)
    if len(rows) > RICH_TABLE_ROWS:
        _print_columns(title, columns, rows)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # data, never markup
    console().print(table)


def _print_columns(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    rule = ["-" * width for width in widths]
    lines = [title] + [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (columns, rule, *rows)
    ]
    sys.stdout.write("\n".join(lines) + "\n")
