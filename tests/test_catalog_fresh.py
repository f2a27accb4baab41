"""The catalogue's phrasings are written fresh: none resembles a text of the evaluation sets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SIMILAR = 75  # rapidfuzz token_set_ratio above this: too close to an evaluation text


@pytest.mark.skipif(not EVAL.is_dir(), reason="the shared evaluation sets are not beside the repo")
def test_no_example_resembles_an_evaluation_text(shipped):
    from rapidfuzz import fuzz, process

    evaluation = [
        item["text"]
        for path in sorted(EVAL.glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    ]
    examples = [(t.id, e) for t in shipped.texts() for e in t.phrasings_for_embedding()[1:]]
    scores = process.cdist(
        [text for _, text in examples],
        evaluation,
        scorer=fuzz.token_set_ratio,
        score_cutoff=SIMILAR,
        workers=-1,
    )
    close = [examples[i] for i in range(len(examples)) if (scores[i] > SIMILAR).any()]
    assert not close, f"{len(close)} examples resemble evaluation texts, e.g. {close[:3]}"
