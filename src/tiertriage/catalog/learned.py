"""The learned overlay, answers.d/learned.yaml: examples `tiertriage fix` learned.

It is a user catalogue file like any other (a `topics:` list, the same validation),
with one difference: it is read after every other file, and the examples it gives (in
English, or in a language block such as `pl:`) are added to the topic's instead of
replacing them, so a learned example never hides the shipped ones or the user's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from tiertriage.catalog.models import LANGUAGE_CODE
from tiertriage.errors import CatalogError

LEARNED_FILE = "learned.yaml"


class LearnedExample(NamedTuple):
    """One example of learned.yaml: the topic and language it adds to, and where it is."""

    topic: str
    language: str  # "en", or the code of the language block it is written in
    text: str
    label: str  # the file
    position: int  # the topic entry's index in the file's `topics:` list
    number: int  # its index in that entry's examples (of that language)


def add_learned(
    data: dict[str, Any],
    item: dict[str, Any],
    *,
    label: str,
    position: int,
    line: Callable[[Sequence[str | int]], int],
) -> tuple[dict[str, Any], list[LearnedExample]]:
    """Add the examples of `item` (a learned.yaml entry) to `data` (the topic as merged
    so far); return the rest of `item`, to override field by field as usual, and the
    examples. `line(location)` is the file's line of a location within the entry."""
    entry_id = str(item.get("id", "")).strip()
    rest = dict(item)
    learned: list[LearnedExample] = []
    blocks = [("en", item, ["examples"])] + [
        (code, value, [code, "examples"])
        for code, value in item.items()
        if LANGUAGE_CODE.match(code) and isinstance(value, dict)
    ]
    for language, block, location in blocks:
        texts = block.get("examples")
        if not isinstance(texts, list):
            continue  # not a list: validation reports it, as in any other file
        target = data if language == "en" else data.setdefault(language, {})
        if not isinstance(target, dict):
            continue
        known = list(target.get("examples") or [])
        for number, text in enumerate(texts):
            if not isinstance(text, str) or not text.strip():
                raise CatalogError(
                    f"{label}:{line([*location, number])}: topic '{entry_id}': field "
                    f"'{'.'.join(location)}.{number}': a learned example must be a text"
                )
            example = text.strip()
            learned.append(LearnedExample(entry_id, language, example, label, position, number))
            if example not in known:
                known.append(example)
        target["examples"] = known
        if language == "en":
            rest.pop("examples")
        elif len(block) > 1:
            rest[language] = {k: v for k, v in block.items() if k != "examples"}
        else:
            rest.pop(language)
    return rest, learned
