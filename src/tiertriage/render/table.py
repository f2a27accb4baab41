"""Tables that fit the terminal: ids, actions and numbers whole, free text shortened.

Rich shrinks whichever columns it likes and breaks words to fit, so at 80 columns an
action read "answer…" and a vendor id "micr/osoft-365". Here the widths are worked
out first: a fixed column (an id, an action, a number) is as wide as its longest value,
and the free-text columns share what is left, each cut with an ellipsis. The widths
come from every row's lengths, so a long listing printed in chunks lines up as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tiertriage.render.output import console, shown

GAP = 3  # between columns: a space of padding each side of the box's blank divider
MIN_FREE = 4  # the narrowest a free-text column gets: three characters and the ellipsis
CHUNK = 500  # rows laid out per Rich table (Rich takes ~0.5 ms a row)


class Column(NamedTuple):
    header: str
    fixed: bool = False  # shown whole, never cut: an id, an action, a number, a time
    share: int = 1  # a free-text column's part of the width left over
    justify: str = "left"
    style: str | None = None


def widths(columns: Sequence[Column], longest: Sequence[int], total: int) -> list[int]:
    """Each column's width for values at most `longest` long in `total` characters."""
    wanted = [max(n, len(c.header)) for c, n in zip(columns, longest, strict=True)]
    result = [w if c.fixed else 0 for c, w in zip(columns, wanted, strict=True)]
    free = [i for i, c in enumerate(columns) if not c.fixed]
    left = total - sum(result) - GAP * (len(columns) - 1)
    # Hand out the room by share; a column that needs less than its share gives the rest back.
    while free:
        shares = sum(columns[i].share for i in free)
        fits = [i for i in free if wanted[i] <= left * columns[i].share // shares]
        if not fits:
            break
        for i in fits:
            result[i] = wanted[i]
            left -= wanted[i]
        free = [i for i in free if i not in fits]
    if not free:
        return result
    # Each gets a minimum first (less when even that does not fit), then its share of the rest.
    floor = max(1, min(MIN_FREE, left // len(free)))
    rest = max(0, left - floor * len(free))
    shares = sum(columns[i].share for i in free)
    for i in free:
        result[i] = min(wanted[i], floor + rest * columns[i].share // shares)
    return result


def print_fitted(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    longest: Sequence[int],
    *,
    title: str | None = None,
    styles: dict[str, str] | None = None,
    style_column: int = -1,
) -> None:
    """A table on the terminal; a row's style is `styles[row[style_column]]` when given.
    Every cell is data, never markup."""
    from rich import box
    from rich.table import Table

    out = console()
    sizes = widths(columns, longest, out.width)
    first = True
    chunk: list[Sequence[str]] = []

    def flush() -> None:
        table = Table(
            box=box.SIMPLE_HEAD,
            show_header=first,
            show_edge=False,
            pad_edge=False,
            padding=(0, 1),
            title=title if first else None,
            title_justify="left",
        )
        for column, size in zip(columns, sizes, strict=True):
            table.add_column(
                column.header,
                width=size,
                no_wrap=True,
                overflow="ellipsis",
                justify=column.justify,  # type: ignore[arg-type]
                style=column.style,
            )
        for row in chunk:
            style = (styles or {}).get(row[style_column]) if styles else None
            table.add_row(*(shown(cell) for cell in row), style=style)
        out.print(table)

    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            flush()
            chunk, first = [], False
    if chunk or first:
        flush()
