""" "Did you mean ...?" suggestions for unknown names."""

from __future__ import annotations

from collections.abc import Sequence


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
