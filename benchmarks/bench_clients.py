"""`client list` with 10,000 clients (target: under 1 s) and the wall time of `ask --client`.

Each command runs as a user would (a fresh process), alternately with the others so
machine noise hits them alike; the median of the runs is reported.

    python benchmarks/bench_clients.py [--clients 10000] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import alternate  # this folder is on sys.path when run as a script
from tiertriage.paths import get_paths
from tiertriage.store.clients import Client
from tiertriage.store.database import Store

QUESTION = "how long does it take for DNS changes to show up?"
HOSTS = ("siteground", "kinsta", "wp-engine", "bluehost")


def fill(count: int) -> None:
    store = Store(get_paths().database)
    store.import_clients(
        [
            Client(
                name=f"Client {n:05d}",
                contact="Jane Doe",
                emails=[f"jane@client{n}.example", f"billing@client{n}.example"],
                domains=[f"client{n}.example"],
                support_until="2030-12-31",
                stack={"host": HOSTS[n % len(HOSTS)], "email": "microsoft-365"},
            )
            for n in range(count)
        ]
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["TIERTRIAGE_HOME"] = str(Path(scratch) / "home")
        env = {**os.environ}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        fill(args.clients)
        tt = [sys.executable, "-m", "tiertriage"]
        commands = {
            "client list (piped: TSV)": [*tt, "client", "list"],
            "client list (terminal)": ["env", "TTY_COMPATIBLE=1", *tt, "client", "list"],
            "client list --json": [*tt, "client", "list", "--json"],
            "ask --no-log": [*tt, "ask", "--no-log", QUESTION],
            "ask (logged)": [*tt, "ask", QUESTION],
            "ask --client (logged)": [*tt, "ask", "--client", "client 04242", QUESTION],
        }
        times = alternate(commands, env, args.runs)
        store = Store(get_paths().database)
        start = time.perf_counter()
        loaded = len(store.clients())
        in_process = time.perf_counter() - start
        store.close()

    print(f"{args.clients:,} clients, median of {args.runs} runs")
    print(f"{'command':28} {'median ms':>10}")
    for name, samples in times.items():
        print(f"{name:28} {statistics.median(samples) * 1000:10.1f}")
    print(f"{'Store.clients() in-process':28} {in_process * 1000:10.1f}  ({loaded:,} loaded)")
    slowest = max(statistics.median(times[n]) for n in times if n.startswith("client list"))
    print(f"client list target < 1000 ms: {'met' if slowest < 1 else 'MISSED'}")
    extra = statistics.median(times["ask --client (logged)"]) - statistics.median(
        times["ask --no-log"]
    )
    print(f"ask --client costs {extra * 1000:+.1f} ms over ask --no-log")


if __name__ == "__main__":
    main()
