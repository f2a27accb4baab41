"""Cold start of `tiertriage ask` against a minimal Typer app in the same virtualenv.

Runs both commands alternately (so machine noise hits both alike) and reports the
median wall time of each and their ratio. Target: ratio <= 1.2.

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


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternate(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, list[float]]:
    """Wall times of each command, run in turn `runs` times after one warm-up run each
    (OS cache, .pyc files, the catalogue cache), so machine noise hits all alike."""
    for command in commands.values():
        wall(command, env)
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
        }
        times = alternate(commands, env, args.runs)
    base = statistics.median(times["minimal typer app"])
    print(f"{'command':28} {'median ms':>10} {'ratio':>7}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:28} {median * 1000:10.1f} {median / base:7.2f}")


if __name__ == "__main__":
    main()
