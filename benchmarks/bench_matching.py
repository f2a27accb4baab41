"""Matching speed: milliseconds per query on the shipped catalogue and on a generated
10,000-topic catalogue (targets: <= 5 ms and <= 50 ms a query).

    python benchmarks/bench_matching.py [--topics 10000] [--queries 200]

The generated catalogue is written as real YAML files and loaded through the same path
as the shipped one (TIERTRIAGE_CATALOG), so build and cached-load times are reported too.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from tiertriage.catalog.load import load_catalog
from tiertriage.catalog.sources import shipped_dir
from tiertriage.yamlfile import dump


def fake_words(rng: random.Random, count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return sorted(words)


def generate(directory: Path, topics: int, rng: random.Random) -> list[str]:
    """Write vendors.yaml (shipped) and answers.yaml with `topics` topics; return queries."""
    directory.mkdir(parents=True, exist_ok=True)
    directory.joinpath("vendors.yaml").write_bytes(
        shipped_dir().joinpath("vendors.yaml").read_bytes()
    )
    vocabulary = fake_words(rng, 30000)
    common = "site page email domain shop order change add update website help new".split()
    roles = ["registrar", "email", "newsletter", "cms", "theme", "shop", "host", "ssl"]
    entries = []
    queries = []
    for number in range(topics):
        own = rng.sample(vocabulary, 12)

        def sentence(own: list[str] = own) -> str:
            words = rng.sample(own, 5) + rng.sample(common, 3) + rng.sample(vocabulary, 4)
            rng.shuffle(words)
            return " ".join(words)

        entries.append(
            {
                "id": f"gen.topic-{number}",
                "role": roles[number % len(roles)],
                "title": " ".join(own[:3]),
                "keywords": own[:8],
                "examples": [sentence() for _ in range(8)],
                "directions": "Dashboard > Settings > General.",
                "search": own[0],
                "next_step": "If that does not work, ask {vendor} on their live chat.",
            }
        )
        if len(queries) < 400:
            queries.append(sentence() + " " + own[0][:-1] + "x")  # a typo'd word too
    directory.joinpath("answers.yaml").write_text(dump({"topics": entries}), encoding="utf-8")
    return queries


def per_query_ms(catalog, queries: list[str]) -> tuple[float, float]:
    timings = []
    for query in queries:
        start = time.perf_counter()
        catalog.index.rank(query, limit=4)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)

    shipped = load_catalog()
    questions = [
        "how long does it take for dns changes to show up",
        "can my product come in different sizes and colours",
        "the site is really slow on my phone, is it the hosting?",
        "i forgot my emial pasword and cant get in",
        "could you redesign our homepage to look more modern",
    ] * (args.queries // 5)
    median, p95 = per_query_ms(shipped, questions)
    print(
        f"shipped catalogue ({len(shipped.topics)} topics): "
        f"median {median:.2f} ms, p95 {p95:.2f} ms a query (target <= 5 ms)"
    )

    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch) / "catalogue"
        queries = generate(directory, args.topics, rng)[: args.queries]
        os.environ["TIERTRIAGE_CATALOG"] = str(directory)
        cache = Path(scratch) / "cache"
        start = time.perf_counter()
        big = load_catalog(cache_dir=cache)
        built = time.perf_counter() - start
        start = time.perf_counter()
        load_catalog(cache_dir=cache)
        cached = time.perf_counter() - start
        median, p95 = per_query_ms(big, queries)
        print(
            f"generated catalogue ({len(big.topics)} topics): build {built:.1f} s, "
            f"cached load {cached * 1000:.0f} ms, "
            f"median {median:.2f} ms, p95 {p95:.2f} ms a query (target <= 50 ms)"
        )


if __name__ == "__main__":
    main()
