"""Hostile HTML mail: the time to read each crafted message (target: <= 1 s each).

    python benchmarks/bench_hostile.py [--repeat 3]

Every message is a text/html email of up to ~4 MB built to make an HTML parser slow
(deep nesting, a million formatting tags, unterminated quotes and comments, flat tag
floods) with one question at the top. Each is read by `tiertriage.mail.message.read`,
as `ask` and `triage` read a message; the best of `--repeat` runs is reported, with
what the limits cut.
"""

from __future__ import annotations

import argparse
import time

from tiertriage.errors import InputError
from tiertriage.mail.message import read

QUESTION = "<p>Where do I change the links in the menu?</p>"
CASES = {
    "80,000 nested <div>": "<div>" * 80_000 + "x" + "</div>" * 80_000,
    "200,000 nested <div>": "<div>" * 200_000 + "x",
    "1,000,000 nested <b>": "<b>" * 1_000_000 + "x",
    "nested tables": "<table><tr><td>" * 100_000,
    "<option><div> pairs": "<option><div>" * 200_000,
    "flat <a>x</a> flood": "<a>x</a>" * 400_000,
    "stray end tags": "</x>" * 1_000_000,
    "unterminated quotes": '<a "' * 1_000_000,
    "unterminated comments": "<!--" * 1_000_000,
    "'<' without tags": "<a<a<a" * 600_000,
    "one long text": "<p>" + "word " * 800_000,
}


def message(html: str) -> bytes:
    return (
        b"From: Jane <jane@example.com>\nSubject: menu\nMIME-Version: 1.0\n"
        b'Content-Type: text/html; charset="utf-8"\n\n' + (QUESTION + html).encode()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    read(message("<p>warm-up</p>"))
    print(f"{'message':26} {'size':>9} {'best s':>7}  cut")
    worst = 0.0
    for name, html in CASES.items():
        data = message(html)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            try:
                cut = ", ".join(read(data).cut) or "-"
            except InputError as error:
                cut = f"refused: {error}"
            times.append(time.perf_counter() - start)
        worst = max(worst, min(times))
        print(f"{name:26} {len(data):9,} {min(times):7.3f}  {cut}")
    print(f"slowest: {worst:.3f} s (target <= 1 s)")


if __name__ == "__main__":
    main()
