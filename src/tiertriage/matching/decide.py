"""The decision on a ranking: answer, an ambiguous answer, escalate, or review. Pure.

- answer: the best topic is in scope and clearly ahead;
- ambiguous: answered, with the close alternatives shown beside the reply;
- escalate: an out-of-scope topic wins clearly: the consult invitation;
- review: nothing fits well enough; the freelancer reads this one. A review is never
  sent as a consult pitch, and a wrong how-to reply is worse than a review.

Thresholds are on the final score (0..1), chosen by hold-out ranking of the catalogue's
own examples (`catalog eval --cross-validate`), never on an evaluation set's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from tiertriage.matching.lexical import Scored

# A decision reports the best topic and the runners-up up to this many in all.
SHOWN = 3
ANSWER_MINIMUM = 0.35  # an in-scope best below this: review
ESCALATE_MINIMUM = 0.35  # an out-of-scope best below this: review, not a consult pitch
CONFIDENT = 0.6  # below, or within MARGIN of the runner-up: ambiguous
MARGIN = 0.2

Verdict = Literal["answer", "ambiguous", "escalate", "review"]


class Decision(NamedTuple):
    verdict: Verdict
    best: Scored | None
    alternatives: tuple[Scored, ...]


def decide(ranking: Sequence[Scored]) -> Decision:
    """Turn a ranking into answer / ambiguous / escalate / review."""
    if not ranking:
        return Decision("review", None, ())
    best, rest = ranking[0], tuple(ranking[1:SHOWN])
    if best.out_of_scope:
        verdict: Verdict = "escalate" if best.score >= ESCALATE_MINIMUM else "review"
        return Decision(verdict, best, rest)
    if best.score < ANSWER_MINIMUM:
        return Decision("review", best, rest)
    runner_up = rest[0].score if rest else 0.0
    if best.score < CONFIDENT or best.score - runner_up < MARGIN:
        return Decision("ambiguous", best, rest)
    return Decision("answer", best, rest)
