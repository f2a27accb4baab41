"""`tiertriage catalog`: validate the catalogues and measure matching quality."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
    from tiertriage.catalog.load import build_catalog
    from tiertriage.catalog.sources import read_sources
    from tiertriage.errors import LintError
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    workspace = Workspace(notify=render.warn)
    vendor_sources, answer_sources = read_sources(workspace.paths.config_dir)
    catalog = build_catalog(vendor_sources, answer_sources)
    warnings = lint(
        catalog,
        [*vendor_sources, *answer_sources],
        reached=_reached(workspace),
        stage=workspace.semantic,
    )
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning.code] = counts.get(warning.code, 0) + 1
    failed = strict and bool(warnings)
    summary = {
        "ok": not failed,
        "roles": len(catalog.roles),
        "vendors": len(catalog.vendors),
        "topics": len(catalog.topics),
        "examples": sum(len(t.phrasings_for_embedding()) - 1 for t in catalog.texts()),
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
    file: Annotated[
        Path | None,
        typer.Argument(help="Labelled questions: items: [{text, topic}].", show_default=False),
    ] = None,
    *,
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cross-validate",
            help="Also rank every catalogue example with a matcher built without it.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Measure matching on labelled questions (topic: null means out of scope), or on the
    catalogue's own examples held out fold by fold.

    Example: tiertriage catalog eval ../shared/eval/dev-hard.yaml --cross-validate
    """
    from tiertriage.catalog import evaluate as measure
    from tiertriage.errors import InputError
    from tiertriage.render import output as render
    from tiertriage.workspace import Workspace

    if file is None and not cross_validate:
        raise InputError("give a labelled file, --cross-validate, or both")
    workspace = Workspace(notify=render.warn)
    catalog = workspace.catalog
    results: dict[str, list[measure.Prediction]] = {}
    if file is not None:
        items = measure.load_labelled(file)
        unknown = measure.unknown_labels(catalog, items)
        if unknown:
            raise InputError(f"{file}: labels not in the catalogue: {', '.join(unknown)}")
        results[str(file)] = measure.predict(catalog, workspace.matcher, items)
    if cross_validate:
        results["cross-validation"] = measure.cross_validate(catalog, workspace.semantic)
    if json_output:
        render.print_json(
            {
                name: {
                    "items": [p.to_dict() for p in predictions],
                    "summary": measure.summarise(predictions),
                }
                for name, predictions in results.items()
            }
            if len(results) > 1
            else {
                "items": [p.to_dict() for p in next(iter(results.values()))],
                "summary": measure.summarise(next(iter(results.values()))),
            }
        )
        return
    for name, predictions in results.items():
        _print_evaluation(name, predictions)


def _print_evaluation(name: str, predictions: list[Any]) -> None:
    from tiertriage.catalog.evaluate import SUMMARY_LABELS, summarise
    from tiertriage.render import output as render
    from tiertriage.wording import shorten

    misses = [p for p in predictions if not p.correct]
    render.print_table(
        f"Misses ({len(misses)})",
        ["expected", "answered", "best-ranked", "score", "question"],
        (
            [
                p.expected or "(out of scope)",
                p.answered or p.action.upper(),
                p.predicted or "-",
                f"{p.score:.2f}",
                shorten(p.text, 90),
            ]
            for p in misses
        ),
    )
    summary = summarise(predictions)
    render.print_text(
        f"{name}: {summary['items']} questions ({summary['in_scope']} in scope, "
        f"{summary['out_of_scope']} out of scope)"
    )
    for key, label in SUMMARY_LABELS.items():
        value = summary[key]
        render.print_text(f"{label + ':':30} {'n/a' if value is None else f'{value:.3f}'}")
