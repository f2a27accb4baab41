"""`ask` on a terminal: the panel above the reply, and `--explain`'s ranking table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tiertriage.render.output import console, shown, warn
from tiertriage.wording import shorten

if TYPE_CHECKING:
    from tiertriage.answer import Answer
    from tiertriage.matching.lexical import Scored

ACTION_STYLE = {
    "answer": "green",
    "answer+consult": "yellow",
    "escalate": "bold red",
    "review": "bold magenta",
}
ACTION_LABELS = {"escalate": "ESCALATE → paid consult", "review": "REVIEW → needs you"}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def print_ask_panel(answer: Answer) -> None:
    """One panel per question (topic, confidence, vendor, action), then the reply itself.

    Every value is a `Text`, never markup: a question saying "[/bold]" is shown as typed.
    """
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    out = console()
    for item in answer.outcomes:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        matched = item.matched
        if answer.client:
            name = shown(answer.client.name)
            if answer.support_expired:
                name.append(" (support ended: consult offered)", style="yellow")
            grid.add_row("Client", name)
        grid.add_row("Question", shown(shorten(item.question)))
        if item.action == "review":
            grid.add_row(
                "Review",
                Text("nothing in the catalogue fits well enough: this one needs you", "magenta"),
            )
            closest = ", ".join(
                f"{s.topic} ({s.score:.2f})"
                for s in (item.decision.best, *item.decision.alternatives)
                if s is not None
            )
            grid.add_row("Closest", Text(closest or "none"))
        else:
            grid.add_row("Topic", shown(f"{matched.id} — {matched.title}" if matched else "none"))
        confidence = f"{item.score:.2f}"
        if item.decision.verdict == "ambiguous":
            confidence += " (ambiguous: check the alternatives)"
        grid.add_row("Confidence", Text(confidence + _stages(item.decision.best)))
        grid.add_row("Vendor", Text(item.vendor.name if item.vendor else "—"))
        grid.add_row("Action", Text(action_label(item.action), style=ACTION_STYLE[item.action]))
        if item.decision.alternatives and item.action != "review":
            alternatives = ", ".join(
                f"{s.topic} ({s.score:.2f})" for s in item.decision.alternatives
            )
            grid.add_row("Alternatives", Text(alternatives))
        border = ACTION_STYLE[item.action].split()[-1]
        out.print(Panel(grid, title="tiertriage", border_style=border, expand=False))
    out.print(shown(wrap_words(answer.reply, out.width)), overflow="ignore", crop=False)


def wrap_words(text: str, width: int) -> str:
    """`text` wrapped at spaces only: a word longer than the line (a URL) stays whole on
    a line of its own, for the terminal to fold, so it can still be clicked and copied."""
    import textwrap

    lines: list[str] = []
    for line in text.split("\n"):
        wrapped = textwrap.wrap(
            line, width, break_long_words=False, break_on_hyphens=False, replace_whitespace=False
        )
        lines.extend(wrapped or [""])
    return "\n".join(lines)


def _stages(best: Scored | None) -> str:
    """ " (words 0.41, meaning 0.73)" when the semantic stage took part."""
    if best is None or best.semantic is None:
        return ""
    return f" (words {best.lexical:.2f}, meaning {best.semantic:.2f})"


def print_explain(question: str, ranking: Sequence[Scored]) -> None:
    """The top topics, their scores and the words that matched (stderr: a diagnostic)."""
    if not ranking:
        warn(f"explain: no topic shares a word with {shorten(question)!r}")
        return
    from rich.table import Table

    table = Table(title=shown(f"Top topics for: {shorten(question, 70)}"), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("topic")
    table.add_column("score", justify="right")
    table.add_column("words", justify="right")
    table.add_column("meaning", justify="right")
    table.add_column("matched words")
    for number, scored in enumerate(ranking, start=1):
        label = scored.topic + (" (out of scope)" if scored.out_of_scope else "")
        matched = shown(", ".join(scored.matched))
        meaning = "-" if scored.semantic is None else f"{scored.semantic:.3f}"
        table.add_row(
            str(number), label, f"{scored.score:.3f}", f"{scored.lexical:.3f}", meaning, matched
        )
    console(stderr=True).print(table)
