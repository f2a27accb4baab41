"""Hold-out ranking: each catalogue example ranked by a matcher that never saw it.

`catalog check` (outranked examples) and `catalog eval --cross-validate` both ask how
the catalogue does on questions it has not seen. Each example is put in one of `folds`
groups (shuffled per topic, with a fixed seed); for each group a lexical index is built
without it and the semantic rows of its examples are masked out, so no example helps
rank itself. Both stages run exactly as they do for a real question.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.matching.lexical import MatchIndex, Scored, TopicText
from tiertriage.matching.matcher import Matcher

if TYPE_CHECKING:
    from tiertriage.matching.semantic import SemanticStage

FOLDS = 4
SEED = 1


class HeldOut(NamedTuple):
    """One example, and how the matcher built without it ranks it."""

    topic: str
    language: str  # "en", or the code of the topic's language block
    number: int  # position among that language's examples
    text: str
    out_of_scope: bool
    fold: int
    ranking: list[Scored]


class Example(NamedTuple):
    topic: int  # the topic's number in catalogue order
    language: str
    number: int
    text: str
    row: int  # its row in the semantic index (rows follow `phrasings_for_embedding`)
    fold: int


def examples(topics: Sequence[TopicText], folds: int = FOLDS, seed: int = SEED) -> list[Example]:
    """Every example of `topics`, with its semantic row and its fold."""
    found: list[Example] = []
    row = 0
    for number, topic in enumerate(topics):
        row += 1 if topic.title else 0
        for language, _, texts, _ in topic.phrasings():
            for position, text in enumerate(texts):
                found.append(Example(number, language, position, text, row, 0))
                row += 1
    rng = random.Random(seed)
    by_topic: dict[int, list[int]] = {}
    for position, example in enumerate(found):
        by_topic.setdefault(example.topic, []).append(position)
    for positions in by_topic.values():
        rng.shuffle(positions)
        for order, position in enumerate(positions):
            found[position] = found[position]._replace(fold=order % folds)
    return found


def training_texts(
    topics: Sequence[TopicText], everything: Sequence[Example], fold: int
) -> list[TopicText]:
    """`topics` without the examples of `fold`."""
    kept: list[dict[str, list[str]]] = [{} for _ in topics]
    for example in everything:
        if example.fold != fold:
            kept[example.topic].setdefault(example.language, []).append(example.text)
    return [
        topic._replace(
            examples=kept[number].get("en", []),
            localised={
                language: (keywords, kept[number].get(language, []), near)
                for language, (keywords, _, near) in topic.localised.items()
            },
        )
        for number, topic in enumerate(topics)
    ]


def hold_out(
    topics: Sequence[TopicText],
    *,
    stage: SemanticStage | None = None,
    folds: int = FOLDS,
    seed: int = SEED,
    limit: int | None = None,
) -> Iterator[HeldOut]:
    """Every example of `topics`, ranked without its fold."""
    import numpy

    everything = examples(topics, folds, seed)
    for fold in range(folds):
        held = [example for example in everything if example.fold == fold]
        if not held:
            continue
        index = MatchIndex(training_texts(topics, everything, fold))
        matcher = Matcher(index, (lambda: stage) if stage is not None else None)
        exclude = None
        if stage is not None:
            exclude = numpy.zeros(len(stage.index.rows), dtype=bool)
            exclude[[example.row for example in held]] = True
        for example in held:
            vector = stage.index.vectors[example.row] if stage is not None else None
            ranking = matcher.rank(example.text, limit=limit, vector=vector, exclude=exclude)
            topic = topics[example.topic]
            yield HeldOut(
                topic.id,
                example.language,
                example.number,
                example.text,
                topic.out_of_scope,
                fold,
                ranking,
            )
