"""The two stages together: the lexical posterior always, the semantic stage when it is unsure.

A question the lexical stage is sure of (its best topic at `LEXICAL_SURE` or more; held
out, such questions are answered right about 97 times in 100) is decided by it alone, so
the model is never loaded for it. Otherwise the question is embedded and both posteriors
are mixed, `SEMANTIC_WEIGHT` going to the semantic one; the candidates are the topics
either stage considers, so a paraphrase that shares no word with its topic can still find
it. The shipped model was trained on English only: its vectors of a Polish sentence are
noise, so a Polish question is matched by its words alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tiertriage.matching.lexical import MatchIndex, Posterior, Scored
from tiertriage.matching.normalise import detect_language

if TYPE_CHECKING:
    import numpy
    import numpy.typing as npt

    from tiertriage.matching.semantic import SemanticStage, Vectors

LEXICAL_SURE = 0.8
MODEL_LANGUAGES = frozenset({"en"})  # languages the sentence model understands
SEMANTIC_WEIGHT = 0.5
SEMANTIC_CANDIDATES = 5  # the semantic stage's best topics join the lexical candidates

StageLoader = Callable[[], "SemanticStage | None"]


class Matcher:
    """Ranks topics for a question with the lexical index and, when needed, the model."""

    def __init__(self, lexical: MatchIndex, stage: StageLoader | None = None) -> None:
        self.lexical = lexical
        self._load_stage = stage

    @property
    def stage(self) -> SemanticStage | None:
        return self._load_stage() if self._load_stage is not None else None

    def is_sure(self, found: Posterior | None) -> bool:
        return found is not None and max(found.probabilities) >= LEXICAL_SURE

    def rank(
        self,
        text: str,
        *,
        limit: int | None = None,
        vector: Vectors | None = None,
        exclude: npt.NDArray[numpy.bool_] | None = None,
    ) -> list[Scored]:
        """Topics best first. `vector` is the text's embedding when already known, and
        `exclude` marks semantic rows to leave out (both for hold-out evaluation)."""
        found = self.lexical.posterior(text)
        if found is not None and self.is_sure(found):
            return self.lexical.scored(found, found.probabilities, limit=limit)
        stage = self.stage if detect_language(text) in MODEL_LANGUAGES else None
        if stage is None:
            return self.lexical.scored(found, found.probabilities, limit=limit) if found else []
        query = vector if vector is not None else stage.encode([text])[0]
        return self.combine(found, stage, query, exclude=exclude, limit=limit)

    def combine(
        self,
        found: Posterior | None,
        stage: SemanticStage,
        query: Vectors,
        *,
        exclude: npt.NDArray[numpy.bool_] | None = None,
        limit: int | None = None,
    ) -> list[Scored]:
        from tiertriage.matching.semantic import probabilities

        semantic = probabilities(stage.index.similarities(query, exclude=exclude)).tolist()
        topics = len(semantic)
        if found is None:
            found = self.lexical.empty_posterior()
        combined = [
            (1 - SEMANTIC_WEIGHT) * lex + SEMANTIC_WEIGHT * sem
            for lex, sem in zip(found.probabilities, semantic, strict=True)
        ]
        best_semantic = sorted(range(topics), key=lambda n: -semantic[n])[:SEMANTIC_CANDIDATES]
        candidates = found.touched | frozenset(best_semantic)
        return self.lexical.scored(
            found, combined, semantic=semantic, candidates=candidates, limit=limit
        )
