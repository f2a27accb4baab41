"""Matching quality: on a labelled set (if given), and on questions the index has never
seen, by 4-fold cross-validation over the catalogue's own examples.

    python benchmarks/bench_quality.py [LABELLED.yaml]   # default: ../shared/eval/dev.yaml

Cross-validation holds out a quarter of every topic's examples, builds the index from the
rest (keywords included) and triages the held-out ones: a stricter estimate than the
labelled set, since catalogue examples are deliberately varied and out-of-scope ones share
vocabulary with in-scope topics.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tiertriage.catalog.evaluate import Labelled, Prediction, load_labelled, predict, summarise
from tiertriage.catalog.load import load_catalog
from tiertriage.matching.lexical import MatchIndex, TopicText

FOLDS = 4
DEFAULT_LABELLED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.yaml"


def cross_validate(seed: int = 1) -> list[Prediction]:
    catalog = load_catalog()
    rng = random.Random(seed)
    fold_of: dict[tuple[str, int], int] = {}
    for topic in catalog.topics.values():
        order = list(range(len(topic.examples)))
        rng.shuffle(order)
        for position, example in enumerate(order):
            fold_of[(topic.id, example)] = position % FOLDS
    predictions: list[Prediction] = []
    for fold in range(FOLDS):
        index = MatchIndex(
            [
                TopicText(
                    t.id,
                    [t.title, *t.keywords],
                    [e for n, e in enumerate(t.examples) if fold_of[(t.id, n)] != fold],
                    t.near_misses,
                    t.escalates,
                )
                for t in catalog.topics.values()
            ]
        )
        held_out = [
            Labelled(example, None if topic.escalates else topic.id)
            for topic in catalog.topics.values()
            for n, example in enumerate(topic.examples)
            if fold_of[(topic.id, n)] == fold
        ]
        predictions += predict(catalog, held_out, index)
    return predictions


def report(title: str, predictions: list[Prediction]) -> None:
    summary = summarise(predictions)
    print(
        f"{title}: {summary['items']} questions "
        f"({summary['in_scope']} in scope, {summary['out_of_scope']} out of scope)"
    )
    for key in (
        "in_scope_top1",
        "overall_accuracy",
        "out_of_scope_recall",
        "out_of_scope_precision",
        "in_scope_wrongly_escalated",
    ):
        print(f"  {key:28} {summary[key]}")


def main() -> None:
    labelled = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_LABELLED
    if labelled.exists():
        report(f"labelled set {labelled.name}", predict(load_catalog(), load_labelled(labelled)))
    else:
        print(f"labelled set {labelled}: not found, skipped")
    report(f"{FOLDS}-fold cross-validation over the catalogue's examples", cross_validate())


if __name__ == "__main__":
    main()
