"""Match a client's question to catalogue topics. Pure: no I/O, no printing.

Whole-sentence fuzzy ratios saturate (any shared word scores 85-100) and cannot
separate topics, so the matcher works on words:

1. Normalise: lower-case, strip accents, split into words, drop function words,
   stem (Snowball English via PyStemmer), and join split compounds ("e mail",
   "word press") when the catalogue knows the joined word.
2. Tolerate typos: a word the catalogue has never seen is mapped to its closest
   catalogue word with rapidfuzz (``fuzz.ratio``), weighted by the similarity.
3. Weight informative words over common ones: each question word is weighted by
   TF-IDF (document frequency counted over topics), and every topic scores it by
   how much more likely the word is in that topic than in the catalogue as a whole.
   Adjacent content words also form bigram features ("free shipping").
4. Combine keywords and examples per topic: both feed one smoothed word model per
   topic (a multinomial naive Bayes), keywords counting several times over.

The score is the topic's posterior probability (0..1). The ranking is deterministic
(ties break on catalogue order). `decide` turns it into a confident answer, an
ambiguous answer (the closest alternatives are shown), or an escalation.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import math
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import Stemmer

from tiertriage.matching.normalise import STEM_EXCEPTIONS, STOPWORDS, join_compounds, normalise

# Typo tolerance: similarity (0-100) a word needs to stand for a catalogue word.
FUZZY_CUTOFF = 80.0
FUZZY_CUTOFF_OTHER_INITIAL = 90.0  # typos rarely change the first letter
FUZZY_MIN_LENGTH = 4
FUZZY_MAX_WORDS = 300  # distinct unknown words looked up per question

# The topic model: keywords count as this many examples' worth of words; additive
# smoothing; bigram evidence relative to single words; posterior temperature.
KEYWORD_WEIGHT = 5.0
SMOOTHING = 0.5
BIGRAM_WEIGHT = 0.5
TEMPERATURE = 0.5  # makes the posterior roughly calibrated: 0.8 is right ~4 times in 5


class TopicText(NamedTuple):
    """What the matcher needs of a topic."""

    id: str
    keywords: Sequence[str]
    examples: Sequence[str]
    near_misses: Sequence[str] = ()
    out_of_scope: bool = False


class Scored(NamedTuple):
    """One topic's score for a question and the question words behind it."""

    topic: str
    score: float
    matched: tuple[str, ...]
    out_of_scope: bool


class _Query(NamedTuple):
    vector: dict[str, float]
    # feature -> the question's own words that produced it ("acount~account")
    sources: dict[str, str]


Feature = tuple[float, float, Sequence[int], Sequence[float]]


class PackedFeatures(Mapping[str, Feature]):
    """The index's features as a few flat arrays: what the cache stores.

    A dict of tuples of floats unpickles one Python object per number; flat arrays
    load in one piece each, which cuts `tiertriage ask`'s catalogue load by ~3 ms.
    Looks up like the dict it replaces: feature -> (idf, log P(feature), topics, lifts).
    """

    __slots__ = ("_background", "_idf", "_lifts", "_numbers", "_slot", "_starts")

    def __init__(
        self,
        slot: dict[str, int],
        idf: array[float],
        background: array[float],
        starts: array[int],
        numbers: array[int],
        lifts: array[float],
    ) -> None:
        self._slot, self._idf, self._background = slot, idf, background
        self._starts, self._numbers, self._lifts = starts, numbers, lifts

    @classmethod
    def pack(cls, features: Mapping[str, Feature]) -> PackedFeatures:
        if isinstance(features, PackedFeatures):
            return features
        idf, background = array("d"), array("d")
        starts, numbers, lifts = array("l", [0]), array("l"), array("d")
        for value, prior, topic_numbers, topic_lifts in features.values():
            idf.append(value)
            background.append(prior)
            numbers.extend(topic_numbers)
            lifts.extend(topic_lifts)
            starts.append(len(numbers))
        slot = {feat: position for position, feat in enumerate(features)}
        return cls(slot, idf, background, starts, numbers, lifts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            PackedFeatures,
            (self._slot, self._idf, self._background, self._starts, self._numbers, self._lifts),
        )

    def __getitem__(self, feat: str) -> Feature:
        at = self._slot[feat]
        start, stop = self._starts[at], self._starts[at + 1]
        return (
            self._idf[at],
            self._background[at],
            self._numbers[start:stop],
            self._lifts[start:stop],
        )

    def __contains__(self, feat: object) -> bool:
        return feat in self._slot

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return len(self._slot)


class MatchIndex:
    """Per-topic word models over the catalogue's keywords and examples, as an inverted index."""

    def __init__(self, topics: Sequence[TopicText]) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        self.topic_ids = [t.id for t in topics]
        self.out_of_scope = [t.out_of_scope for t in topics]
        self.surface: dict[str, str] = {}  # every catalogue word -> its stem
        self._word_uses: dict[str, int] = {}  # build-time state, kept for `without`
        counts: list[dict[str, float]] = []
        for topic in topics:
            topic_counts: dict[str, float] = {}
            for texts, weight in ((topic.keywords, KEYWORD_WEIGHT), (topic.examples, 1.0)):
                for text in texts:
                    for feat, count in self._features(normalise(text), learn=True).items():
                        topic_counts[feat] = topic_counts.get(feat, 0.0) + weight * count
            for near in topic.near_misses:  # their words are catalogue words too (typos)
                self._content_stems(normalise(near), learn=True)
            counts.append(topic_counts)
        self.vocabulary = sorted(self.surface)
        self.stems = frozenset(self.surface.values())

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
        self._counts, self._totals = counts, totals
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

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_stemmer"]  # a C object; recreated on load
        for name in _BUILD_STATE:  # only `without` needs them: keep the cache small
            state.pop(name, None)
        state["features"] = PackedFeatures.pack(self.features)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._stemmer = Stemmer.Stemmer("english")

    # -- features ---------------------------------------------------------------

    def _features(self, words: list[str], learn: bool = False) -> dict[str, int]:
        stems = self._content_stems(words, learn)
        feats: dict[str, int] = {}
        for stem in stems:
            feats[stem] = feats.get(stem, 0) + 1
        for first, second in itertools.pairwise(stems):
            bigram = f"{first} {second}"
            feats[bigram] = feats.get(bigram, 0) + 1
        return feats

    def _content_stems(self, words: list[str], learn: bool) -> list[str]:
        content = [w for w in words if w not in STOPWORDS]
        stems = self._stem(content)
        if learn:
            self.surface.update(zip(content, stems, strict=True))
            for word in content:
                self._word_uses[word] = self._word_uses.get(word, 0) + 1
        return list(stems)

    def _stem(self, words: list[str]) -> list[str]:
        stems: list[str] = self._stemmer.stemWords(words)
        return [STEM_EXCEPTIONS.get(w, stem) for w, stem in zip(words, stems, strict=True)]

    def _query(self, text: str) -> _Query:
        """The question as a unit-length TF-IDF vector over catalogue features."""
        words = join_compounds(normalise(text), self.surface)
        content = [w for w in words if w not in STOPWORDS]
        stems: list[str] = []
        weights: list[float] = []
        sources: dict[str, str] = {}
        corrections: dict[str, tuple[str, float] | None] = {}
        for word, stem in zip(content, self._stem(content), strict=True):
            similarity = 1.0
            if stem not in self.stems:
                if word not in corrections:
                    # Bounded: a huge paste of unknown words must not cost seconds.
                    fuzzy = len(corrections) < FUZZY_MAX_WORDS
                    corrections[word] = self._closest_word(word) if fuzzy else None
                found = corrections[word]
                if found is None:
                    stems.append("")  # unknown: breaks bigrams, adds nothing
                    weights.append(0.0)
                    continue
                known, similarity = found
                stem = self.surface[known]
                sources.setdefault(stem, f"{word}~{known}")
            sources.setdefault(stem, word)
            stems.append(stem)
            weights.append(similarity)
        vector: dict[str, float] = {}
        for stem, weight in zip(stems, weights, strict=True):
            if stem in self.features:  # presence, not count: repetition is not evidence
                vector[stem] = max(vector.get(stem, 0.0), self.features[stem][0] * weight)
        for (first, w1), (second, w2) in itertools.pairwise(zip(stems, weights, strict=True)):
            bigram = f"{first} {second}"
            if first and second and bigram in self.features:
                idf = self.features[bigram][0]
                vector[bigram] = max(vector.get(bigram, 0.0), idf * min(w1, w2))
                sources.setdefault(bigram, f"{sources[first]} {sources[second]}")
        return _Query(_unit_length(vector), sources)

    def _closest_word(self, word: str) -> tuple[str, float] | None:
        if len(word) < FUZZY_MIN_LENGTH or word.isdigit():
            return None
        from rapidfuzz import fuzz, process

        found = process.extractOne(
            word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if found is None:
            return None
        known, similarity, _ = found
        if known[0] != word[0] and similarity < FUZZY_CUTOFF_OTHER_INITIAL:
            return None
        return known, similarity / 100.0

    def without(self, topic: str, example: str) -> MatchIndex:
        """This index as if `example` had never been one of `topic`'s examples.

        Leave-one-out checks (`catalog check`) need one such index per example;
        rebuilding each from scratch costs the whole catalogue every time, so this
        updates only what the example touched: its words, its features' postings
        and IDF, and the topic lengths. Ranking with it equals ranking with an index
        built without the example. `background` is left as it is: it shifts every
        topic's score by the same amount, which the posterior cancels. Needs an
        index built in this process (a cached one has dropped the build state).
        """
        if not hasattr(self, "_counts"):
            raise ValueError("without() needs an index built in this process, not a cached one")
        number = self.topic_ids.index(topic)
        words = normalise(example)
        held_out = self._features(words)
        clone = copy.copy(self)

        uses = dict(self._word_uses)
        gone: set[str] = set()
        for word in (w for w in words if w not in STOPWORDS):
            uses[word] -= 1
            if not uses[word]:
                del uses[word]
                gone.add(word)
        clone._word_uses = uses
        if gone:
            clone.surface = {w: s for w, s in self.surface.items() if w not in gone}
            clone.vocabulary = [w for w in self.vocabulary if w not in gone]
            clone.stems = frozenset(clone.surface.values())

        topic_counts = dict(self._counts[number])
        totals = dict(self._totals)
        clone.features = dict(self.features)
        for feat, count in held_out.items():
            topic_counts[feat] -= count
            totals[feat] -= count
            _, background, numbers, lifts = self.features[feat]
            postings = [(n, lift) for n, lift in zip(numbers, lifts, strict=True) if n != number]
            if topic_counts[feat] > 0:
                lift = math.log((topic_counts[feat] + SMOOTHING) / SMOOTHING)
                postings = sorted([*postings, (number, lift)])
            else:
                del topic_counts[feat]
            if postings:
                kept_numbers, kept_lifts = zip(*postings, strict=True)
                idf = _idf(len(self.topic_ids), len(postings))
                clone.features[feat] = (idf, background, kept_numbers, kept_lifts)
            else:  # the feature has left the catalogue
                del clone.features[feat], totals[feat]
        clone._counts = [*self._counts[:number], topic_counts, *self._counts[number + 1 :]]
        clone._totals = totals
        size = len(totals)
        clone.length = [math.log(sum(c.values()) + SMOOTHING * size) for c in clone._counts]
        return clone

    # -- scoring ----------------------------------------------------------------

    def rank(self, text: str, limit: int | None = None) -> list[Scored]:
        """Topics by posterior probability for `text`, best first (none if no word is known)."""
        query = self._query(text)
        if not query.vector:
            return []
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
        total = sum(math.exp((score - top) / TEMPERATURE) for score in scores)
        ranked = sorted(touched, key=lambda n: (-scores[n], n))
        if limit is not None:
            ranked = ranked[:limit]
        return [
            Scored(
                topic=self.topic_ids[number],
                score=round(math.exp((scores[number] - top) / TEMPERATURE) / total, 4),
                matched=self._matched(query, number),
                out_of_scope=self.out_of_scope[number],
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


_BUILD_STATE = ("_word_uses", "_counts", "_totals")


def _idf(topic_count: int, frequency: int) -> float:
    return math.log((topic_count + 1) / (frequency + 0.5))


def _unit_length(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    if norm == 0:
        return {}
    return {feat: w / norm for feat, w in vector.items()}
