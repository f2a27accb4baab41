"""Which learned example makes another topic's examples lose (lint `outranked-example`).

A learned example (answers.d/learned.yaml) can pull questions of another topic over to
its own. For every held-out example the lint found outranked by a topic with learned
examples, the same fold is ranked again without those learned examples, in both stages;
if the example then gets its own reply (or a review), the learned examples are to blame,
and the one nearest to it (in meaning when the model is loaded, else in shared words) is
named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.learned import LearnedExample
from tiertriage.matching.holdout import HeldOut, examples, training_texts
from tiertriage.matching.lexical import MatchIndex, Scored, TopicText
from tiertriage.matching.matcher import Matcher
from tiertriage.matching.normalise import normalise

if TYPE_CHECKING:
    from tiertriage.catalog.load import Catalog
    from tiertriage.matching.semantic import SemanticStage


class Blame(NamedTuple):
    """A learned example, and the example of another topic it makes lose."""

    learned: LearnedExample
    loser: HeldOut
    winner: str


def blame_learned(
    catalog: Catalog,
    stage: SemanticStage | None,
    losers: Sequence[tuple[HeldOut, str]],
    loses: Callable[[HeldOut, list[Scored]], bool],
    *,
    limit: int | None = None,
) -> list[Blame]:
    """For each (held-out example, the topic it lost to), the learned example to blame,
    if any. `loses(held, ranking)` is the lint's own test of a lost example."""
    import numpy

    learned_by_topic: dict[str, list[LearnedExample]] = {}
    for example in catalog.learned:
        learned_by_topic.setdefault(example.topic, []).append(example)
    suspects = [(held, winner) for held, winner in losers if winner in learned_by_topic]
    if not suspects:
        return []
    topics = catalog.texts()
    everything = examples(topics)
    numbers = {topic.id: number for number, topic in enumerate(topics)}
    rows = {(e.topic, e.language, e.number): e.row for e in everything}
    learned_rows = {
        (e.topic, e.language, e.text): e.row
        for e in everything
        if any(
            learned.language == e.language and learned.text == e.text
            for learned in learned_by_topic.get(topics[e.topic].id, ())
        )
    }
    blamed: list[Blame] = []
    for fold in sorted({held.fold for held, _ in suspects}):
        training = _without_learned(training_texts(topics, everything, fold), learned_by_topic)
        matcher = Matcher(MatchIndex(training), (lambda: stage) if stage is not None else None)
        exclude = None
        if stage is not None:
            exclude = numpy.zeros(len(stage.index.rows), dtype=bool)
            exclude[[e.row for e in everything if e.fold == fold]] = True
            exclude[list(learned_rows.values())] = True
        for held, winner in suspects:
            if held.fold != fold:
                continue
            row = rows[(numbers[held.topic], held.language, held.number)]
            vector = stage.index.vectors[row] if stage is not None else None
            ranking = matcher.rank(held.text, limit=limit, vector=vector, exclude=exclude)
            if loses(held, ranking):
                continue  # it loses without them too: the learned examples are not why
            candidates = learned_by_topic[winner]
            if stage is not None and vector is not None:
                at = [learned_rows.get((numbers[winner], e.language, e.text)) for e in candidates]
                cosines = [
                    float(stage.index.vectors[r] @ vector) if r is not None else -1.0 for r in at
                ]
                nearest = candidates[max(range(len(candidates)), key=cosines.__getitem__)]
            else:
                words = set(normalise(held.text))
                nearest = max(candidates, key=lambda e: len(words & set(normalise(e.text))))
            blamed.append(Blame(nearest, held, winner))
    return blamed


def _without_learned(
    topics: list[TopicText], learned: dict[str, list[LearnedExample]]
) -> list[TopicText]:
    result = []
    for topic in topics:
        mine = learned.get(topic.id)
        if not mine:
            result.append(topic)
            continue
        gone = {(e.language, e.text) for e in mine}
        result.append(
            topic._replace(
                examples=[t for t in topic.examples if ("en", t) not in gone],
                localised={
                    code: (keywords, [t for t in texts if (code, t) not in gone], near)
                    for code, (keywords, texts, near) in topic.localised.items()
                },
            )
        )
    return result
