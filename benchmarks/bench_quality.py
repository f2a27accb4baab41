"""Matching quality, as `tiertriage catalog eval` reports it: on labelled sets (by default
../shared/eval/dev-hard.yaml, the honest measure, and ../shared/eval/dev.yaml), and on the
catalogue's own examples held out fold by fold (cross-validation, `matching.holdout`).

    python benchmarks/bench_quality.py [LABELLED.yaml ...]

Each labelled question goes through exactly what `ask` does (the mail reader, both
matching stages, the decision). Targets on dev-hard: in-scope answered right >= 0.90,
Polish >= 0.85, wrong replies sent <= 0.04, out of scope held back (escalated or review)
>= 0.85, in-scope escalated <= 0.05; cross-validation best-ranked right >= 0.88.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tiertriage.catalog.evaluate import (
    SUMMARY_LABELS,
    cross_validate,
    load_labelled,
    predict,
    summarise,
)
from tiertriage.paths import Paths
from tiertriage.workspace import Workspace

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_LABELLED = [SHARED / "dev-hard.yaml", SHARED / "dev.yaml"]


def report(title: str, predictions: list, seconds: float) -> None:
    summary = summarise(predictions)
    print(
        f"{title}: {summary['items']} questions ({summary['in_scope']} in scope, "
        f"{summary['out_of_scope']} out of scope), {seconds:.1f} s"
    )
    for key, label in SUMMARY_LABELS.items():
        value = summary[key]
        print(f"  {label + ':':30} {'n/a' if value is None else f'{value:.3f}'}")


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT_LABELLED
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        workspace = Workspace(Paths(root / "config", root / "data", root / "cache"))
        started = time.perf_counter()
        stage = workspace.semantic
        print(f"semantic stage ready in {time.perf_counter() - started:.1f} s (catalogue embedded)")
        for path in files:
            if not path.exists():
                print(f"{path}: not found, skipped")
                continue
            started = time.perf_counter()
            predictions = predict(workspace.catalog, workspace.matcher, load_labelled(path))
            report(path.name, predictions, time.perf_counter() - started)
        started = time.perf_counter()
        predictions = cross_validate(workspace.catalog, stage)
        report("cross-validation (4 folds)", predictions, time.perf_counter() - started)


if __name__ == "__main__":
    main()
