"""The decision on a ranking: answer, an ambiguous answer, or escalate. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from tiertriage.matching.lexical import Scored

# Decision thresholds on the posterior, calibrated by cross-validation over the
# catalogue's own examples and on the development set.
# A decision reports the best topic and the runners-up up to this many in all.
SHOWN = 3
MINIMUM = 0.15  # below: nothing fits well enough, escalate
CONFIDENT = 0.5  # below, or within MARGIN of the runner-up: ambiguous
MARGIN = 0.2

Verdict = Literal["answer", "ambiguous", "escalate"]


class Decision(NamedTuple):
    verdict: Verdict
    best: Scored | None
    alternatives: tuple[Scored, ...]


def decide(ranking: Sequence[Scored]) -> Decision:
    """Turn a ranking into answer / ambiguous / escalate."""
    if not ranking:
        return Decision("escalate", None, ())
    best, rest = ranking[0], tuple(ranking[1:SHOWN])
    if best.out_of_scope:
        return Decision("escalate", best, rest)
    if best.score < MINIMUM:
        return Decision("escalate", best, rest)
    runner_up = rest[0].score if rest else 0.0
    if best.score < CONFIDENT or best.score - runner_up < MARGIN:
        return Decision("ambiguous", best, rest)
    return Decision("answer", best, rest)
