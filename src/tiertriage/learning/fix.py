"""Corrections: the right outcome of a question in the history, and the example it teaches.

`fix(workspace, n, target)` records the right outcome of entry n (as `tiertriage log`
numbers it) and adds its question to learned.yaml as an example of the right topic, so
the next similar question matches; `undo(workspace, n)` takes both back. The target is
a topic id, `escalate` (the closest out-of-scope topic learns it) or `review` (nothing
fits: nothing to learn). The file is changed first and put back if the history cannot
be, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, NamedTuple

from tiertriage.errors import NotFoundError
from tiertriage.learning.examples import Example, LearnedFile, example_of

if TYPE_CHECKING:
    from tiertriage.store.history import HistoryEntry
    from tiertriage.workspace import Workspace

ESCALATE, REVIEW = "escalate", "review"
TARGETS = (ESCALATE, REVIEW)  # besides topic ids
Change = Literal["added", "present", "removed", "kept", "absent"]


class Outcome(NamedTuple):
    topic: str | None
    action: str


class Correction(NamedTuple):
    """What `fix` or `fix --undo` did to one history entry and to learned.yaml."""

    entry: HistoryEntry  # as it is now
    before: Outcome  # the entry's outcome before this command
    # each example concerned, and what happened to it in learned.yaml: an earlier fix's
    # taken back, then the new one added
    examples: tuple[tuple[Example, Change], ...]
    file: str  # learned.yaml, as messages name it
    note: str | None = None  # why nothing was learned


def target_outcome(workspace: Workspace, question: str, target: str) -> tuple[Outcome, str | None]:
    """The outcome `target` stands for, and why it teaches nothing (None when it does)."""
    catalog = workspace.catalog
    wanted = target.strip()
    if wanted == REVIEW:
        return Outcome(None, REVIEW), "review means no topic fits: there is nothing to learn"
    if wanted == ESCALATE:
        for scored in workspace.matcher.rank(question):
            if scored.out_of_scope:
                return Outcome(scored.topic, ESCALATE), None
        return Outcome(None, ESCALATE), (
            "no out-of-scope topic is close to it: name one to learn it, e.g. "
            "`tiertriage fix N oos.new-feature`"
        )
    topic = catalog.topics.get(wanted)
    if topic is None:
        from tiertriage.wording import closest

        known = [*catalog.topics, *TARGETS]
        raise NotFoundError(
            f"unknown topic '{target}'{closest(target, known)}",
            hint="a topic id (`tiertriage topics list`), escalate or review",
        )
    return Outcome(topic.id, topic.action), None


def fix(workspace: Workspace, number: int, target: str) -> Correction:
    """Record `target` as the right outcome of entry `number`, and learn its question."""
    store = workspace.store
    entry = store.entry(number)
    outcome, note = target_outcome(workspace, entry.question, target)
    learned = LearnedFile(workspace.paths)
    changes: list[tuple[Example, Change]] = []
    if entry.fixed is not None and entry.topic and entry.topic != outcome.topic:
        changes.append(_release(workspace, learned, entry, entry.topic))  # the earlier fix's
    if outcome.topic and not note:
        example = example_of(outcome.topic, entry.question)
        changes.append((example, "added" if learned.add(example) else "present"))
    fixed = _save_then(learned, lambda: store.correct(entry, outcome.topic, outcome.action))
    before = Outcome(entry.topic, entry.action)
    return Correction(fixed, before, tuple(changes), learned.label, note)


def undo(workspace: Workspace, number: int) -> Correction:
    """Put back what the matcher said about entry `number`, and forget its example."""
    store = workspace.store
    entry = store.entry(number)
    learned = LearnedFile(workspace.paths)
    changes = []
    if entry.fixed is not None and entry.topic:
        changes.append(_release(workspace, learned, entry, entry.topic))
    restored = _save_then(learned, lambda: store.uncorrect(entry))
    before = Outcome(entry.topic, entry.action)
    return Correction(restored, before, tuple(changes), learned.label)


def _release(
    workspace: Workspace, learned: LearnedFile, entry: HistoryEntry, topic: str
) -> tuple[Example, Change]:
    """Take the example `entry` taught `topic` out of the file, unless another fixed
    entry with the same question still needs it."""
    example = example_of(topic, entry.question)
    if workspace.store.fixed_to(entry.question, topic) > 1:
        return example, "kept"
    return example, "removed" if learned.remove(example) else "absent"


def _save_then(learned: LearnedFile, update: Callable[[], HistoryEntry]) -> HistoryEntry:
    """Write learned.yaml, then the history; the file is put back if the history fails."""
    learned.save()
    try:
        return update()
    except BaseException:
        learned.restore()
        raise
