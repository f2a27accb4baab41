"""Disk size of a fresh virtualenv after `pip install .` (target: <= 300 MB), and what in it
is heavy.

    python benchmarks/bench_size.py [--keep DIR]

Builds a virtualenv in a temporary folder with this interpreter, installs the project
from this checkout with pip as it is configured here (its cache, index or local
wheels), then reports the size on disk of the whole venv and of the ten largest
distributions in it. When the install fails (offline, no wheel for a dependency) it
says so and why, and exits 0: there is nothing to measure, and nothing failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 300
SHOWN = 10
INSTALL_TIMEOUT = 900  # seconds; a cold cache downloads onnxruntime and numpy


def disk_usage(path: Path) -> int:
    """Bytes on disk under `path` (allocated blocks, each hard-linked file once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            stat = os.lstat(os.path.join(folder, name))
            if (stat.st_dev, stat.st_ino) not in seen:
                seen.add((stat.st_dev, stat.st_ino))
                total += stat.st_blocks * 512
    return total


def distributions(venv: Path) -> Counter[str]:
    """Bytes on disk per installed distribution, from each one's RECORD file."""
    [site] = venv.glob("lib/python*/site-packages")
    sizes: Counter[str] = Counter()
    for record in site.glob("*.dist-info/RECORD"):
        name = record.parent.name.split("-")[0]
        for line in record.read_text(encoding="utf-8").splitlines():
            path = site / line.split(",")[0]
            if path.is_file() and not path.is_symlink():
                sizes[name] += path.stat().st_blocks * 512
    return sizes


def build(venv: Path) -> str | None:
    """Create `venv` and install the project into it; None, or why it could not."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    try:
        done = subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(ROOT)],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"pip install did not finish in {INSTALL_TIMEOUT} s"
    if done.returncode:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        return (errors or done.stderr.strip().splitlines() or ["no output"])[-1]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the venv here and keep it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        venv = options.keep or Path(scratch) / "venv"
        why = build(venv)
        if why is not None:
            print(f"skipped: `pip install .` into a fresh venv failed (offline?): {why}")
            return
        total = disk_usage(venv)
        print(f"fresh venv after `pip install .`: {total / 1e6:.1f} MB (target <= {TARGET_MB} MB)")
        print(f"{'distribution':24} {'MB':>7}")
        for name, size in distributions(venv).most_common(SHOWN):
            print(f"{name:24} {size / 1e6:7.1f}")


if __name__ == "__main__":
    main()
