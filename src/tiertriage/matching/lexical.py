"""Match a client's question to catalogue topics. Pure: no I/O, no printing.

Whole-sentence fuzzy ratios saturate (any shared word scores 85-100) and cannot
separate topics, so the matcher works on words:

1. Normalise (`normalise`): lower-case, fold accents, split into words, drop function
   words, stem in the text's language (English or Polish, Snowball via PyStemmer),
   and join split compounds ("e mail", "word press") when the catalogue knows the
   joined word. A topic's English and Polish phrasings feed the same topic.
2. Tolerate typos: a word the catalogue has never seen is mapped to its closest
   catalogue word with rapidfuzz (``fuzz.ratio``), weighted by the similarity.
3. Weight informative words over common ones: each question word is weighted by
   TF-IDF (document frequency counted over topics), and every topic scores it by
   how much more likely the word is in that topic than in the catalogue as a whole.
   Adjacent content words also form bigram features ("free shipping").
4. Combine keywords and examples per topic: both feed one smoothed word model per
   topic (a multinomial naive Bayes), keywords counting several times over.

The score is the topic's posterior probability (0..1). The ranking is deterministic
(ties break on catalogue order); `matching.decide` turns it into a decision.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from tiertriage.matching.features import Feature, PackedFeatures
from tiertriage.matching.normalise import (
    STOPWORDS,
    detect_language,
    join_compounds,
    normalise,
    stem,
)

# Typo tolerance: similarity (0-100) a word needs to stand for a catalogue word.
FUZZY_CUTOFF = 80.0
FUZZY_CUTOFF_OTHER_INITIAL = 90.0  # typos rarely change the first letter
FUZZY_MIN_LENGTH = 4
FUZZY_MAX_WORDS = 300  # distinct unknown words looked up per question
# Remembered across questions (a mailbox repeats its unknown words: names, places), the
# oldest forgotten first, so a long run's memory stays flat.
REMEMBERED_TYPOS = 4096
# A window of questions is ranked twice (to pick those to embed, then to answer them).
REMEMBERED_POSTERIORS = 256

K = TypeVar("K")
V = TypeVar("V")

# The topic model: keywords count as this many examples' worth of words; additive
# smoothing; bigram evidence relative to single words; posterior temperature.
KEYWORD_WEIGHT = 5.0
SMOOTHING = 0.5
BIGRAM_WEIGHT = 0.5
TEMPERATURE = 0.5  # makes the posterior roughly calibrated: 0.8 is right ~4 times in 5


class TopicText(NamedTuple):
    """What the matcher needs of a topic: English phrasings, and those of other languages."""

    id: str
    keywords: Sequence[str]
    examples: Sequence[str]
    near_misses: Sequence[str] = ()
    out_of_scope: bool = False
    # language -> (keywords, examples, near misses) in that language
    localised: Mapping[str, tuple[Sequence[str], Sequence[str], Sequence[str]]] = {}
    title: str = ""

    def phrasings_for_embedding(self) -> list[str]:
        """What the semantic stage embeds: the title and every example, in every language."""
        texts = [self.title] if self.title else []
        for _, _, examples, _ in self.phrasings():
            texts += examples
        return texts

    def phrasings(self) -> Iterator[tuple[str, Sequence[str], Sequence[str], Sequence[str]]]:
        """(language, keywords, examples, near misses), English first."""
        yield "en", self.keywords, self.examples, self.near_misses
        for language, (keywords, examples, near_misses) in self.localised.items():
            yield language, keywords, examples, near_misses


class Scored(NamedTuple):
    """One topic's score for a question and the question words behind it."""

    topic: str
    score: float  # the final score: the lexical posterior, or both stages combined
    matched: tuple[str, ...]
    out_of_scope: bool
    lexical: float = 0.0  # the lexical stage's posterior
    semantic: float | None = None  # the semantic stage's, when it ran


class Posterior(NamedTuple):
    """The lexical stage's verdict on a question: a probability for every topic."""

    probabilities: list[float]
    touched: frozenset[int]  # topics that share at least one feature with the question
    query: _Query


class _Query(NamedTuple):
    vector: dict[str, float]
    # feature -> the question's own words that produced it ("acount~account")
    sources: dict[str, str]


class MatchIndex:
    """Per-topic word models over the catalogue's keywords and examples, as an inverted index."""

    def __init__(self, topics: Sequence[TopicText]) -> None:
        self.topic_ids = [t.id for t in topics]
        self.out_of_scope = [t.out_of_scope for t in topics]
        # every catalogue word -> its stem, per language (for typo look-ups)
        self.surface: dict[str, dict[str, str]] = {}
        counts: list[dict[str, float]] = []
        for topic in topics:
            topic_counts: dict[str, float] = {}
            for language, keywords, examples, near_misses in topic.phrasings():
                for texts, weight in ((keywords, KEYWORD_WEIGHT), (examples, 1.0)):
                    for text in texts:
                        words = normalise(text)
                        for feat, count in self._features(words, language).items():
                            topic_counts[feat] = topic_counts.get(feat, 0.0) + weight * count
                for near in near_misses:  # their words are catalogue words too (typos)
                    self._content_stems(normalise(near), language)
            counts.append(topic_counts)
        self.vocabulary = {language: sorted(words) for language, words in self.surface.items()}
        self.stems = frozenset(s for words in self.surface.values() for s in words.values())

        totals: dict[str, float] = {}
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for number, topic_counts in enumerate(counts):
            for feat, weighted in topic_counts.items():
                totals[feat] = totals.get(feat, 0.0) + weighted
                numbers, lifts = postings.setdefault(feat, ([], []))
                numbers.append(number)
                # log P(feat | topic) = log(count + a) - length[topic]; stored sparsely
                # as log((count + a) / a), the part that differs from an unseen word.
                lifts.append(math.log((weighted + SMOOTHING) / SMOOTHING))
        size = len(totals)
        grand_total = sum(totals.values())
        self.length = [math.log(sum(c.values()) + SMOOTHING * size) for c in counts]
        # One entry per feature keeps the cached index small and quick to load:
        # (idf, log P(feat) in the whole catalogue, topic numbers, their lifts).
        self.features: Mapping[str, Feature] = {
            feat: (
                _idf(len(topics), len(numbers)),
                math.log((totals[feat] + SMOOTHING) / (grand_total + SMOOTHING * size)),
                tuple(numbers),
                tuple(lifts),
            )
            for feat, (numbers, lifts) in postings.items()
        }
        self._forget()

    def _forget(self) -> None:
        self._typos: dict[tuple[str, str], tuple[str, float] | None] = {}
        self._posteriors: dict[str, Posterior | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["features"] = PackedFeatures.pack(self.features)
        del state["_typos"], state["_posteriors"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._forget()

    # -- features ---------------------------------------------------------------

    def _features(self, words: list[str], language: str) -> dict[str, int]:
        """Stem and bigram counts of a catalogue text; its words join the vocabulary."""
        stems = self._content_stems(words, language)
        feats: dict[str, int] = {}
        for stem_ in stems:
            feats[stem_] = feats.get(stem_, 0) + 1
        for first, second in itertools.pairwise(stems):
            bigram = f"{first} {second}"
            feats[bigram] = feats.get(bigram, 0) + 1
        return feats

    def _content_stems(self, words: list[str], language: str) -> list[str]:
        content = [w for w in words if w not in STOPWORDS]
        stems = stem(content, language)
        self.surface.setdefault(language, {}).update(zip(content, stems, strict=True))
        return stems

    def _query(self, text: str) -> _Query:
        """The question as a unit-length TF-IDF vector over catalogue features."""
        language = detect_language(text)
        surface = self.surface.get(language, {})
        words = join_compounds(normalise(text), surface)
        content = [w for w in words if w not in STOPWORDS]
        stems: list[str] = []
        weights: list[float] = []
        sources: dict[str, str] = {}
        corrections: dict[str, tuple[str, float] | None] = {}
        for word, stem_ in zip(content, stem(content, language), strict=True):
            similarity = 1.0
            if stem_ not in self.stems:
                if word not in corrections:
                    # Bounded: a huge paste of unknown words must not cost seconds.
                    fuzzy = len(corrections) < FUZZY_MAX_WORDS
                    corrections[word] = self._closest_word(word, language) if fuzzy else None
                found = corrections[word]
                if found is None:
                    stems.append("")  # unknown: breaks bigrams, adds nothing
                    weights.append(0.0)
                    continue
                known, similarity = found
                stem_ = surface[known]
                sources.setdefault(stem_, f"{word}~{known}")
            sources.setdefault(stem_, word)
            stems.append(stem_)
            weights.append(similarity)
        vector: dict[str, float] = {}
        for stem_, weight in zip(stems, weights, strict=True):
            if stem_ in self.features:  # presence, not count: repetition is not evidence
                vector[stem_] = max(vector.get(stem_, 0.0), self.features[stem_][0] * weight)
        for (first, w1), (second, w2) in itertools.pairwise(zip(stems, weights, strict=True)):
            bigram = f"{first} {second}"
            if first and second and bigram in self.features:
                idf = self.features[bigram][0]
                vector[bigram] = max(vector.get(bigram, 0.0), idf * min(w1, w2))
                sources.setdefault(bigram, f"{sources[first]} {sources[second]}")
        return _Query(_unit_length(vector), sources)

    def _closest_word(self, word: str, language: str) -> tuple[str, float] | None:
        vocabulary = self.vocabulary.get(language)
        if len(word) < FUZZY_MIN_LENGTH or word.isdigit() or not vocabulary:
            return None
        return _remembered(
            self._typos, (word, language), REMEMBERED_TYPOS, lambda: _fuzzy(word, vocabulary)
        )

    # -- scoring ----------------------------------------------------------------

    def posterior(self, text: str) -> Posterior | None:
        """Every topic's posterior probability for `text`; None when no word is known.

        The result is shared with later calls for the same text: treat it as read-only."""
        return _remembered(
            self._posteriors, text, REMEMBERED_POSTERIORS, lambda: self._posterior(text)
        )

    def _posterior(self, text: str) -> Posterior | None:
        query = self._query(text)
        if not query.vector:
            return None
        evidence = {
            feat: weight * (BIGRAM_WEIGHT if " " in feat else 1.0)
            for feat, weight in query.vector.items()
        }
        # Every topic gets the unseen-word baseline; postings add what each topic has seen.
        mass = sum(evidence.values())
        baseline = mass * math.log(SMOOTHING) - sum(
            w * self.features[f][1] for f, w in evidence.items()
        )
        scores = [baseline - mass * length for length in self.length]
        touched: set[int] = set()
        for feat, weight in evidence.items():
            _, _, numbers, lifts = self.features[feat]
            touched.update(numbers)
            for number, lift in zip(numbers, lifts, strict=True):
                scores[number] += weight * lift
        top = max(scores)
        exps = [math.exp((score - top) / TEMPERATURE) for score in scores]
        total = sum(exps)
        return Posterior([e / total for e in exps], frozenset(touched), query)

    def empty_posterior(self) -> Posterior:
        """No lexical evidence at all: every topic equally likely."""
        share = 1.0 / len(self.topic_ids) if self.topic_ids else 0.0
        return Posterior([share] * len(self.topic_ids), frozenset(), _Query({}, {}))

    def rank(self, text: str, limit: int | None = None) -> list[Scored]:
        """Topics by posterior probability for `text`, best first (none if no word is known)."""
        found = self.posterior(text)
        if found is None:
            return []
        return self.scored(found, found.probabilities, limit=limit)

    def scored(
        self,
        found: Posterior,
        scores: Sequence[float],
        *,
        semantic: Sequence[float] | None = None,
        candidates: frozenset[int] | None = None,
        limit: int | None = None,
    ) -> list[Scored]:
        """The topics `found` touched (or `candidates`), ranked by `scores` (ties: catalogue
        order)."""
        pool = found.touched if candidates is None else candidates
        ranked = sorted(pool, key=lambda n: (-scores[n], n))
        if limit is not None:
            ranked = ranked[:limit]
        return [
            Scored(
                topic=self.topic_ids[number],
                score=round(scores[number], 4),
                matched=self._matched(found.query, number),
                out_of_scope=self.out_of_scope[number],
                lexical=round(found.probabilities[number], 4),
                semantic=round(semantic[number], 4) if semantic is not None else None,
            )
            for number in ranked
        ]

    def _matched(self, query: _Query, number: int) -> tuple[str, ...]:
        """The question's words that topic `number` has seen (postings are in topic order)."""
        words = []
        for feat in query.vector:
            numbers = self.features[feat][2]
            at = bisect.bisect_left(numbers, number)
            if at < len(numbers) and numbers[at] == number:
                words.append(query.sources.get(feat, feat))
        return tuple(words)


def _fuzzy(word: str, vocabulary: Sequence[str]) -> tuple[str, float] | None:
    """The catalogue word closest to `word`, and its similarity (0..1), if close enough."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if found is None:
        return None
    known, similarity, _ = found
    if known[0] != word[0] and similarity < FUZZY_CUTOFF_OTHER_INITIAL:
        return None
    return known, similarity / 100.0


def _remembered(memo: dict[K, V], key: K, limit: int, compute: Callable[[], V]) -> V:
    """`compute()`, or what it gave for `key` before; a full memo forgets its oldest entry."""
    if key not in memo:
        if len(memo) >= limit:
            del memo[next(iter(memo))]
        memo[key] = compute()
    return memo[key]


def _idf(topic_count: int, frequency: int) -> float:
    return math.log((topic_count + 1) / (frequency + 0.5))


def _unit_length(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0:
        return {}
    return {feat: w / norm for feat, w in vector.items()}
