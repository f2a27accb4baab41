"""Printing: plain text and JSON on stdout, warnings on stderr, tables (Rich on demand).

Results go to stdout, diagnostics to stderr. When stdout is not a terminal, output is
plain so `| pbcopy` or a mail client gets a clean reply. Rich honours NO_COLOR.

Text from outside — questions, emails, subjects, names, file names — can hold escape
sequences (ESC, OSC, CSI) that a terminal would obey, and Rich markup. `printable` is
the one sanitiser: every plain line, warning and table cell passes through it, and
what Rich prints comes as `Text` (`shown`), never as markup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F: a
# terminal may read U+009B as CSI and U+009D as OSC).
_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in range(127, 160)}


def printable(text: str) -> str:
    """`text` without control characters (newline and tab are kept): safe to show."""
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """`printable(text)` on one line: tabs and line breaks become spaces (table cells)."""
    return " ".join(printable(text).split())


def shown(text: str, style: str = "") -> Text:
    """`text` for Rich: printable, and never read as markup ("[/b]", "[link=...]")."""
    from rich.text import Text

    return Text(printable(text), style=style)


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
    sys.stdout.write(_json(data, indent=2) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(_json(data) + "\n")


def _json(data: Any, indent: int | None = None) -> str:
    """JSON escapes C0 controls itself; DEL and C1 get their `\\u` escapes too (only a
    string can hold them, so the data read back is the same)."""
    import json

    return json.dumps(data, indent=indent, ensure_ascii=False).translate(_JSON_ESCAPES)


def print_text(text: str) -> None:
    text = printable(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """CSV (RFC 4180, for spreadsheets) on stdout; None is an empty cell."""
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else printable(str(cell)) for cell in row])


def warn(message: str) -> None:
    sys.stderr.write(f"tiertriage: {printable(message)}\n")


def plain_row(cells: Iterable[str]) -> str:
    """A table row as one tab-separated line."""
    return "\t".join(one_line(cell) for cell in cells)


# Rich lays a table out at roughly half a millisecond a row: a longer table is printed
# as plain aligned columns, so `client list` with 10,000 clients still takes well under 1 s.
RICH_TABLE_ROWS = 500


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A Rich table on a terminal; tab-separated lines otherwise (easy to cut/grep)."""
    if not stdout_is_terminal():
        for row in rows:
            print_text(plain_row(row))
        return
    rows = list(rows)
    if len(rows) > RICH_TABLE_ROWS:
        _print_columns(title, columns, rows)
        return
    from rich.table import Table

    table = Table(title=shown(title), title_justify="left")
    for column in columns:
        table.add_column(shown(column), overflow="fold")
    for row in rows:
        table.add_row(*(shown(cell) for cell in row))
    console().print(table)


def _print_columns(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in enumerate(columns)]
    rule = ["-" * width for width in widths]
    lines = [title] + [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (columns, rule, *rows)
    ]
    sys.stdout.write(printable("\n".join(lines)) + "\n")
