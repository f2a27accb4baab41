"""Printing what the history taught: corrections (`fix`) and topic suggestions
(`topics suggest`), as text and JSON. Statistics are `render.stats`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tiertriage.render import output

if TYPE_CHECKING:
    from tiertriage.learning.clusters import Cluster
    from tiertriage.learning.fix import Correction, Outcome

# What happened to a correction's example, in words.
_CHANGES = {
    "added": "learned as an example of '{topic}' in {file}",
    "present": "already an example of '{topic}' in {file}",
    "removed": "its example of '{topic}' is gone from {file}",
    "kept": "its example of '{topic}' stays in {file}: another fixed entry asks the same",
    "absent": "{file} had no example of '{topic}' for it",
}


def outcome_text(outcome: Outcome) -> str:
    return f"{outcome.topic} ({outcome.action})" if outcome.topic else outcome.action


def correction_json(correction: Correction) -> dict[str, Any]:
    entry = correction.entry
    return {
        "number": entry.number,
        "question": entry.question,
        "before": {"topic": correction.before.topic, "action": correction.before.action},
        "after": {"topic": entry.topic, "action": entry.action},
        "fixed": entry.fixed,
        "examples": [
            {
                "topic": example.topic,
                "language": example.language,
                "text": example.text,
                "file": correction.file,
                "change": change,
            }
            for example, change in correction.examples
        ],
        "note": correction.note,
    }


def correction_lines(correction: Correction) -> list[str]:
    """What a correction did, one line each: the entry's outcome, then its example."""
    from tiertriage.learning.fix import Outcome

    entry = correction.entry
    after = Outcome(entry.topic, entry.action)
    lines = [f"entry {entry.number}: {outcome_text(correction.before)} -> {outcome_text(after)}"]
    for example, change in correction.examples:
        lines.append(_CHANGES[change].format(topic=example.topic, file=correction.file))
    if correction.note:
        lines.append(correction.note)
    return lines


def print_correction(correction: Correction, *, json_output: bool = False) -> None:
    if json_output:
        output.print_json(correction_json(correction))
        return
    output.print_text("\n".join(correction_lines(correction)))


def warn_correction(correction: Correction) -> None:
    """A correction made at `ask`'s prompt: on stderr, so stdout keeps only the reply."""
    for line in correction_lines(correction):
        output.warn(line)


def cluster_json(cluster: Cluster) -> dict[str, Any]:
    return {
        "number": cluster.number,
        "size": cluster.size,
        "title": cluster.title,
        "keywords": list(cluster.keywords),
        "role": cluster.role,
        "escalated_as": cluster.escalated_as,
        "questions": [
            {
                "number": entry.number,
                "question": entry.question,
                "action": entry.action,
                "topic": entry.topic,
                "client": entry.client,
            }
            for entry in cluster.entries
        ],
    }


SAMPLES = 3  # questions shown under each cluster


def print_clusters(clusters: Sequence[Cluster], considered: int) -> None:
    """Each cluster: its number, size, suggested keywords and role, a few questions."""
    from tiertriage.wording import shorten

    if not output.stdout_is_terminal():
        for cluster in clusters:
            for entry in cluster.entries:
                cells = [str(cluster.number), str(cluster.size), str(entry.number), entry.question]
                output.print_text(output.plain_row(cells))
        return
    if not clusters:
        output.print_text(
            f"No group of similar questions among the {considered} escalated or reviewed."
        )
        return
    blocks = []
    for cluster in clusters:
        head = f"{cluster.number}. {cluster.size} questions, e.g. {shorten(cluster.title, 70)!r}"
        facts = [f"   keywords: {', '.join(cluster.keywords) or '-'}"]
        facts.append(f"   role: {cluster.role or '-'}")
        if cluster.escalated_as:
            facts.append(f"   mostly escalated as: {cluster.escalated_as}")
        samples = [
            f"   #{entry.number}: {shorten(entry.question, 90)}"
            for entry in cluster.entries[:SAMPLES]
        ]
        blocks.append("\n".join([head, *facts, *samples]))
    blocks.append(
        f"{len(clusters)} group(s) among {considered} escalated or reviewed questions; "
        "draft a topic from one: tiertriage topics add --from-cluster K"
    )
    output.print_text("\n\n".join(blocks))
