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
    "review": "magenta",
}


def action_label(action: str) -> str:
    return "ESCALATE → paid consult" if action == "escalate" else action


def print_ask_panel(answer: Answer) -> None:
    """One panel per question (topic, confidence, vendor, action), then the reply itself.

    Every value is `shown`: a question saying "[/bold]" is shown as typed, and escape
    sequences in it never reach the terminal.
    """
    from rich.panel import Panel
    from rich.table import Table

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
        grid.add_row("Topic", shown(f"{matched.id} — {matched.title}" if matched else "none"))
        confidence = f"{item.score:.2f}"
        if item.decision.verdict == "ambiguous":
            confidence += " (ambiguous: check the alternatives)"
        grid.add_row("Confidence", shown(confidence))
        grid.add_row("Vendor", shown(item.vendor.name if item.vendor else "—"))
        grid.add_row("Action", shown(action_label(item.action), ACTION_STYLE[item.action]))
        if item.decision.alternatives:
            alternatives = ", ".join(
                f"{s.topic} ({s.score:.2f})" for s in item.decision.alternatives
            )
            grid.add_row("Alternatives", shown(alternatives))
        border = ACTION_STYLE[item.action].split()[-1]
        out.print(Panel(grid, title="tiertriage", border_style=border, expand=False))
    # soft_wrap: the terminal wraps long lines, so a reply copied from it has none added
    out.print(shown(answer.reply), soft_wrap=True)


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
    table.add_column("matched words")
    for number, scored in enumerate(ranking, start=1):
        label = scored.topic + (" (out of scope)" if scored.out_of_scope else "")
        matched = shown(", ".join(scored.matched))
        table.add_row(str(number), shown(label), f"{scored.score:.3f}", matched)
    console(stderr=True).print(table)
