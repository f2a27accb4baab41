"""Measure matching quality on a labelled set (the format of shared/eval/dev.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiertriage.catalog.load import Catalog
from tiertriage.errors import InputError
from tiertriage.matching.lexical import MatchIndex


@dataclass(frozen=True)
class Labelled:
    text: str
    expected: str | None  # None: out of scope


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str | None
    predicted: str | None  # the best-ranked topic, even when the action is escalate
    score: float
    action: str

    @property
    def answered(self) -> str | None:
        """The topic the reply answers: None when escalated."""
        return None if self.action == "escalate" else self.predicted

    @property
    def correct(self) -> bool:
        return self.answered == self.expected

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "expected": self.expected,
            "predicted": self.predicted,
            "score": self.score,
            "action": self.action,
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
        labelled.append(Labelled(item["text"], topic))
    return labelled


def predict(
    catalog: Catalog, items: list[Labelled], index: MatchIndex | None = None
) -> list[Prediction]:
    """Triage each item with the catalogue's index, or with `index` (e.g. one built
    without some examples, for cross-validation)."""
    from tiertriage.answer import classify

    predictions = []
    for item in items:
        outcome = classify(catalog, item.text, {}, index=index)
        best = outcome.decision.best
        predictions.append(
            Prediction(
                item.text,
                item.expected,
                best.topic if best else None,
                outcome.score,
                outcome.action,
            )
        )
    return predictions


def summarise(predictions: list[Prediction]) -> dict[str, Any]:
    in_scope = [p for p in predictions if p.expected is not None]
    out_scope = [p for p in predictions if p.expected is None]
    escalated = [p for p in predictions if p.action == "escalate"]

    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    return {
        "items": len(predictions),
        "in_scope": len(in_scope),
        "out_of_scope": len(out_scope),
        "in_scope_top1": share(sum(p.correct for p in in_scope), len(in_scope)),
        "overall_accuracy": share(sum(p.correct for p in predictions), len(predictions)),
        "out_of_scope_recall": share(
            sum(p.action == "escalate" for p in out_scope), len(out_scope)
        ),
        "out_of_scope_precision": share(sum(p.expected is None for p in escalated), len(escalated)),
        "in_scope_wrongly_escalated": share(
            sum(p.action == "escalate" for p in in_scope), len(in_scope)
        ),
        "misses": sum(not p.correct for p in predictions),
    }


def unknown_labels(catalog: Catalog, items: list[Labelled]) -> list[str]:
    return sorted({i.expected for i in items if i.expected and i.expected not in catalog.topics})
