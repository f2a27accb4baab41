"""The wording shared by many messages: "did you mean", a validation problem, short text.

One place for each, so every command words the same problem the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

# The hint for a file that exists but cannot be looked at, read or opened.
PERMISSIONS = "check the permissions of the file and of the folders above it"


def closest(
    name: str, candidates: Sequence[str], *, known: Sequence[str] = (), limit: int = 3
) -> str:
    """A message tail: "; did you mean 'x' or 'y'?", or the known names when nothing is close."""
    from rapidfuzz import fuzz, process, utils

    # Compared ignoring case and punctuation; shown as the candidates are spelled.
    found = process.extract(
        name,
        list(candidates),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    if found:
        names = [f"'{match}'" for match, _, _ in found]
        return "; did you mean " + " or ".join(names) + "?"
    if known:
        return f" (known: {', '.join(known)})"
    return ""


def unknown(kind: str, name: str, candidates: Sequence[str], *, list_known: bool = False) -> str:
    """ "unknown role 'hots'; did you mean 'host'?" (the known names when nothing is close)."""
    known = candidates if list_known else ()
    return f"unknown {kind} '{name}'{closest(name, candidates, known=known)}"


def field_path(location: Iterable[str | int]) -> str:
    """A validation error's location as the user writes it: `stack.host`, `emails.0`
    (pydantic's `[key]` marker of a bad mapping key is left out)."""
    return ".".join(str(part) for part in location if part != "[key]")


def first_problem(
    error: ValidationError, known: tuple[str, ...] = ()
) -> tuple[tuple[str | int, ...], str]:
    """Where a validation error's first problem is, and what it is in plain words.

    The one wording of every validation message (catalogues, settings, clients);
    `known` lists the valid field names for an unknown one.
    """
    problem = error.errors()[0]
    kind = problem["type"]
    if kind == "extra_forbidden":
        message = "unknown field" + (f" (known: {', '.join(known)})" if known else "")
    elif kind == "missing":
        message = "required field is missing"
    else:
        message = str(problem["msg"]).removeprefix("Value error, ")
    return tuple(problem["loc"]), message


def shorten(text: str, limit: int = 100) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
