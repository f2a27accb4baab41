"""Run every benchmark in turn: python benchmarks/run_all.py"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = [
    "bench_quality.py",
    "bench_startup.py",
    "bench_matching.py",
    "bench_clients.py",
    "bench_triage.py",
    "bench_hostile.py",
    "bench_size.py",
]

if __name__ == "__main__":
    failed = 0
    for name in BENCHMARKS:
        print(f"\n== {name}", flush=True)
        failed |= subprocess.run([sys.executable, str(HERE / name)], check=False).returncode
    sys.exit(1 if failed else 0)
