"""Cold start of `tiertriage ask` against a minimal Typer app in the same virtualenv.

Runs the commands alternately (so machine noise hits all alike) and reports the median
wall time of each, their ratio to the minimal app and each one's peak memory (RSS).
Targets: a question the lexical stage is sure of <= 1.2x; one that needs the semantic
stage (the model loads) <= 2.5x; peak RSS of `ask` <= 200 MB.

    python benchmarks/bench_startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = """
import typer

app = typer.Typer()


@app.command()
def main(text: str) -> None:
    print(text)


app()
"""

QUESTION = "how long does it take for DNS changes to show up?"
# No catalogue phrasing is this close: the lexical stage is unsure and the model loads.
UNSURE = "things feel sluggish and odd lately, what should I check"


PEAK_RSS: dict[str, int] = {}


def wall(command: list[str], env: dict[str, str], *, measured: bool = True) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status:
        raise SystemExit(f"{command}: exit status {status}")
    if measured:  # the warm-up builds the caches: its memory is not a run's
        key = " ".join(command)
        PEAK_RSS[key] = max(PEAK_RSS.get(key, 0), usage.ru_maxrss)  # KiB on Linux
    return elapsed


def alternate(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, list[float]]:
    """Wall times of each command, run in turn `runs` times after one warm-up run each
    (OS cache, .pyc files, the catalogue cache), so machine noise hits all alike."""
    for command in commands.values():
        wall(command, env, measured=False)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command, env))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "TIERTRIAGE_HOME": str(Path(scratch) / "home")}
        # As after `pip install`: bytecode is written once and reused, for both apps.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        minimal = Path(scratch) / "minimal.py"
        minimal.write_text(MINIMAL_APP)
        python = sys.executable
        # The installed console script, as a user runs it (beside this interpreter).
        script = str(Path(python).with_name("tiertriage"))
        commands = {
            "minimal typer app": [python, str(minimal), QUESTION],
            "tiertriage ask": [script, "ask", "--no-log", QUESTION],
            "tiertriage ask (logged)": [script, "ask", QUESTION],
            "ask, semantic stage": [script, "ask", "--no-log", UNSURE],
        }
        times = alternate(commands, env, args.runs)
    base = statistics.median(times["minimal typer app"])
    print(f"{'command':28} {'median ms':>10} {'ratio':>7} {'peak MB':>8}")
    for name, samples in times.items():
        median = statistics.median(samples)
        peak = PEAK_RSS[" ".join(commands[name])] / 1024
        print(f"{name:28} {median * 1000:10.1f} {median / base:7.2f} {peak:8.1f}")
    print("targets: ask <= 1.2x, ask with the semantic stage <= 2.5x; peak RSS of ask <= 200 MB")


if __name__ == "__main__":
    main()
