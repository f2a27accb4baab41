"""`tiertriage catalog`: validate the catalogues and measure matching quality."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tiertriage.commands.options import JsonOption

app = typer.Typer(
    help="Validate the catalogues and measure matching quality.", no_args_is_help=True
)


@app.command()
def check(*, json_output: JsonOption = False) -> None:
    """Validate the shipped and user catalogues; exit 0 when they load cleanly.

    Example: tiertriage catalog check
    """
    from tiertriage import render
    from tiertriage.workspace import Workspace

    catalog = Workspace(use_cache=False).catalog
    summary = {
        "ok": True,
        "roles": len(catalog.roles),
        "vendors": len(catalog.vendors),
        "topics": len(catalog.topics),
        "examples": sum(len(t.examples) for t in catalog.topics.values()),
    }
    if json_output:
        render.print_json(summary)
    else:
        render.print_text(
            f"catalogue OK: {summary['topics']} topics, {summary['examples']} examples, "
            f"{summary['vendors']} vendors, {summary['roles']} roles"
        )


@app.command("eval")
def evaluate(
    file: Annotated[Path, typer.Argument(help="Labelled questions: items: [{text, topic}].")],
    *,
    json_output: JsonOption = False,
) -> None:
    """Measure matching on labelled questions (topic: null means out of scope).

    Example: tiertriage catalog eval ../shared/eval/dev.yaml
    """
    from tiertriage import render
    from tiertriage.errors import InputError
    from tiertriage.evaluate import load_labelled, predict, summarise, unknown_labels
    from tiertriage.workspace import Workspace

    items = load_labelled(file)
    catalog = Workspace().catalog
    unknown = unknown_labels(catalog, items)
    if unknown:
        raise InputError(f"{file}: labels not in the catalogue: {', '.join(unknown)}")
    predictions = predict(catalog, items)
    summary = summarise(predictions)
    if json_output:
        render.print_json({"items": [p.to_dict() for p in predictions], "summary": summary})
        return
    misses = [p for p in predictions if not p.correct]
    render.print_table(
        f"Misses ({len(misses)})",
        ["expected", "answered", "best-ranked", "score", "question"],
        (
            [
                p.expected or "(out of scope)",
                p.answered or "ESCALATE",
                p.predicted or "-",
                f"{p.score:.2f}",
                " ".join(p.text.split())[:90],
            ]
            for p in misses
        ),
    )
    labels = {
        "in_scope_top1": "in-scope top-1 accuracy",
        "overall_accuracy": "overall accuracy",
        "out_of_scope_recall": "out-of-scope recall",
        "out_of_scope_precision": "out-of-scope precision",
        "in_scope_wrongly_escalated": "in-scope wrongly escalated",
    }
    render.print_text(
        f"{summary['items']} questions ({summary['in_scope']} in scope, "
        f"{summary['out_of_scope']} out of scope)"
    )
    for key, label in labels.items():
        value = summary[key]
        render.print_text(f"{label + ':':30} {'n/a' if value is None else f'{value:.3f}'}")
