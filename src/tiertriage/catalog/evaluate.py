"""Measure matching quality: on a labelled set (the format of shared/eval/dev.yaml), and on
the catalogue's own examples held out one fold at a time (cross-validation).

A labelled question goes through exactly what `tiertriage ask` does with it (the mail
reader finds the question in a pasted email, then the matcher and the decision), so
the figures are the product's, not the matcher's alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiertriage.catalog.load import Catalog
from tiertriage.errors import InputError, TiertriageError

if TYPE_CHECKING:
    from tiertriage.answer import QuestionOutcome
    from tiertriage.matching.matcher import Matcher
    from tiertriage.matching.semantic import SemanticStage

ANSWERED = ("answer", "answer+consult")


@dataclass(frozen=True)
class Labelled:
    text: str
    expected: str | None  # None: out of scope
    language: str | None = None  # as labelled (`lang:`), if it is


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str | None
    predicted: str | None  # the best-ranked topic, whatever the action
    score: float
    action: str  # answer, answer+consult, escalate or review
    language: str | None = None

    @property
    def answered(self) -> str | None:
        """The topic the reply answers: None when escalated or sent to review."""
        return self.predicted if self.action in ANSWERED else None

    @property
    def correct(self) -> bool:
        """An in-scope question answered with its topic; an out-of-scope one not answered."""
        return self.answered == self.expected

    @property
    def wrong_sent(self) -> bool:
        """A how-to reply that answers another question than the one asked."""
        return self.answered is not None and self.answered != self.expected

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "expected": self.expected,
            "predicted": self.predicted,
            "score": self.score,
            "action": self.action,
            "language": self.language,
        }


def load_labelled(path: Path) -> list[Labelled]:
    from tiertriage.yamlfile import YamlSyntaxError, parse

    try:
        data = parse(path.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except YamlSyntaxError as exc:
        raise InputError(exc.describe(str(path))) from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError(f"{path}: expected 'items:' with a list of {{text, topic}}")
    labelled = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"{path}: item {number}: expected a mapping with 'text' and 'topic'")
        topic = item.get("topic")
        if topic is not None and not isinstance(topic, str):
            raise InputError(f"{path}: item {number}: 'topic' must be a topic id or null")
        language = item.get("lang")
        labelled.append(
            Labelled(item["text"], topic, language if isinstance(language, str) else None)
        )
    return labelled


def predict(catalog: Catalog, matcher: Matcher, items: Iterable[Labelled]) -> list[Prediction]:
    """Each item as `ask` would answer it: the question(s) read from the text, then the
    outcome of its main question (the best-scored one when the text asks several)."""
    from tiertriage.answer import classify
    from tiertriage.mail.message import read

    # The recommended stack: every role has a vendor, so no answer turns into a review.
    stack = {role: catalog.default_vendor(role) for role in catalog.roles}
    predictions = []
    for item in items:
        try:
            questions: Sequence[str] = read(item.text.encode("utf-8")).questions
        except TiertriageError:
            questions = [item.text]
        outcomes = [classify(matcher, catalog, q, stack) for q in questions]
        main = max(outcomes, key=lambda o: o.score)
        predictions.append(_prediction(item, main))
    return predictions


def _prediction(item: Labelled, outcome: QuestionOutcome) -> Prediction:
    best = outcome.decision.best
    return Prediction(
        item.text,
        item.expected,
        best.topic if best else None,
        outcome.score,
        outcome.action,
        item.language,
    )


# Folds assigned with another seed than the lint's: examples the lint made the catalogue
# drop or fix cannot make this figure look better than it is.
CROSS_VALIDATION_SEED = 2


def cross_validate(catalog: Catalog, stage: SemanticStage | None) -> list[Prediction]:
    """Every catalogue example ranked by a matcher built without it (see `matching.holdout`)."""
    from tiertriage.matching.decide import SHOWN, decide
    from tiertriage.matching.holdout import hold_out

    predictions = []
    for held in hold_out(catalog.texts(), stage=stage, limit=SHOWN, seed=CROSS_VALIDATION_SEED):
        decision = decide(held.ranking)
        best = decision.best
        action: str = decision.verdict
        if decision.verdict not in ("review", "escalate") and best is not None:
            action = catalog.topics[best.topic].action
        predictions.append(
            Prediction(
                held.text,
                None if held.out_of_scope else held.topic,
                best.topic if best else None,
                best.score if best else 0.0,
                action,
                held.language,
            )
        )
    return predictions


def summarise(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """The figures `catalog eval` prints and the benchmark reports (shares of 0..1)."""
    in_scope = [p for p in predictions if p.expected is not None]
    out_scope = [p for p in predictions if p.expected is None]
    polish = [p for p in in_scope if p.language == "pl"]
    escalated = [p for p in predictions if p.action == "escalate"]

    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    return {
        "items": len(predictions),
        "in_scope": len(in_scope),
        "out_of_scope": len(out_scope),
        "in_scope_correct": share(sum(p.correct for p in in_scope), len(in_scope)),
        "in_scope_top1": share(sum(p.predicted == p.expected for p in in_scope), len(in_scope)),
        "polish_correct": share(sum(p.correct for p in polish), len(polish)),
        "wrong_sent": share(sum(p.wrong_sent for p in predictions), len(predictions)),
        "review": share(sum(p.action == "review" for p in predictions), len(predictions)),
        "out_of_scope_held": share(
            sum(p.action in ("escalate", "review") for p in out_scope), len(out_scope)
        ),
        "out_of_scope_precision": share(sum(p.expected is None for p in escalated), len(escalated)),
        "in_scope_escalated": share(sum(p.action == "escalate" for p in in_scope), len(in_scope)),
        "overall_accuracy": share(sum(p.correct for p in predictions), len(predictions)),
        "misses": sum(not p.correct for p in predictions),
    }


# The summary lines, in the order printed (the last lines are the headline figures).
SUMMARY_LABELS = {
    "overall_accuracy": "overall accuracy",
    "in_scope_top1": "in-scope best-ranked right",
    "out_of_scope_precision": "out-of-scope precision",
    "in_scope_correct": "in-scope answered right",
    "polish_correct": "Polish answered right",
    "wrong_sent": "wrong replies sent",
    "review": "sent to review",
    "out_of_scope_held": "out of scope held back",
    "in_scope_escalated": "in-scope escalated",
}


def unknown_labels(catalog: Catalog, items: list[Labelled]) -> list[str]:
    return sorted({i.expected for i in items if i.expected and i.expected not in catalog.topics})
