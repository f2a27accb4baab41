"""`tiertriage catalog`: validate the catalogues and measure matching quality."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiertriage.commands.options import JsonOption

if TYPE_CHECKING:
    from tiertriage.workspace import Workspace

app = typer.Typer(
    help="Validate the catalogues and measure matching quality.", no_args_is_help=True
)


@app.command()
def check(
    *,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 7) when there are warnings.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Validate the shipped and user catalogues, then lint them: warnings (on stderr,
    with file and line) for duplicate or misfiled examples, keywords many topics share,
    near misses that match, unreachable vendors, links that are not https, TODOs left.

    Example: tiertriage catalog check --strict
    """
    from tiertriage.catalog.lint import lint
    from tiertriage.catalog.load import build_catalog, read_sources
    from tiertriage.errors import LintError
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace()
    vendor_sources, answer_sources = read_sources(workspace.paths.config_dir)
    catalog = build_catalog(vendor_sources, answer_sources)
    warnings = lint(catalog, [*vendor_sources, *answer_sources], reached=_reached(workspace))
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning.code] = counts.get(warning.code, 0) + 1
    failed = strict and bool(warnings)
    summary = {
        "ok": not failed,
        "roles": len(catalog.roles),
        "vendors": len(catalog.vendors),
        "topics": len(catalog.topics),
        "examples": sum(len(t.examples) for t in catalog.topics.values()),
        "warnings": len(warnings),
        "by_code": counts,
    }
    if json_output:
        render.print_json({**summary, "items": [w.to_dict() for w in warnings]})
    else:
        for warning in warnings:
            typer.echo(str(warning), err=True)
        if not failed:
            tally = ", ".join(f"{n} {code}" for code, n in counts.items())
            render.print_text(
                f"catalogue OK: {summary['topics']} topics, {summary['examples']} examples, "
                f"{summary['vendors']} vendors, {summary['roles']} roles; "
                f"{len(warnings)} warning(s)" + (f" ({tally})" if tally else "")
            )
    if failed:
        raise LintError(f"{len(warnings)} catalogue warning(s) and --strict")


def _reached(workspace: Workspace) -> dict[str, str]:
    """Vendors the settings' default stack and the clients' stacks point to. A broken
    settings file or database is `doctor`'s to report: here it only reaches nothing."""
    from contextlib import suppress

    from tiertriage.errors import TiertriageError

    reached: dict[str, str] = {}
    with suppress(TiertriageError):
        for vendor_id in workspace.settings.default_stack.values():
            reached[vendor_id] = "your default stack"
    if workspace.paths.database.is_file():
        with suppress(TiertriageError):
            for client in workspace.store.clients():
                reached.update({v: f"client {client.name}" for v in client.stack.values()})
    return reached


@app.command("eval")
def evaluate(
    file: Annotated[Path, typer.Argument(help="Labelled questions: items: [{text, topic}].")],
    *,
    json_output: JsonOption = False,
) -> None:
    """Measure matching on labelled questions (topic: null means out of scope).

    Example: tiertriage catalog eval ../shared/eval/dev.yaml
    """
    from tiertriage.catalog.evaluate import load_labelled, predict, summarise, unknown_labels
    from tiertriage.errors import InputError
    from tiertriage.render import output as render
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
