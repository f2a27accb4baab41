"""New topics from what escalates: the escalated and reviewed questions of the history,
grouped by similarity, each group a draft topic.

Two questions are as similar as the matcher would find them: their words (the matcher's
normalisation, stems and bigrams, weighted by TF-IDF over the questions grouped: the
words a new topic is made of are often ones the catalogue has never seen) and their
meaning (the cosine of the matcher's sentence vectors, English only, as in matching),
mixed with the matcher's own weight. Groups form by average linkage: two groups join
while their questions are, on average, at least `JOIN` alike.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.matching.matcher import MODEL_LANGUAGES, SEMANTIC_WEIGHT
from tiertriage.matching.normalise import (
    STOPWORDS,
    detect_language,
    join_compounds,
    normalise,
    stem,
)

if TYPE_CHECKING:
    import numpy
    import numpy.typing as npt

    from tiertriage.catalog.load import Catalog
    from tiertriage.store.history import HistoryEntry
    from tiertriage.workspace import Workspace

    Matrix = npt.NDArray[numpy.float64]

CANDIDATE_ACTIONS = ("escalate", "review")
MOST = 1000  # the most recent candidate questions grouped (the grouping is quadratic)
MIN_SIZE = 2  # a group is at least this many questions
# The mean similarity at which two groups join. Chosen on the catalogue's own examples
# (5 of each of 25 topics and 20 of others alone, in varied voices): pairs grouped
# together are of one topic 84 in 100 (words only, at its own level: 71 in 100).
JOIN = 0.25
JOIN_WORDS_ONLY = 0.15  # without the model: word overlap alone runs lower
KEYWORDS = 6  # suggested per group
Embed = Callable[[Sequence[str]], Any]  # texts -> unit vectors, one row each


class Cluster(NamedTuple):
    number: int  # 1 = the largest group (`topics add --from-cluster K`)
    entries: list[HistoryEntry]  # the most typical question first
    keywords: list[str]
    role: str | None  # the role of the closest in-scope topic, for most of its questions
    escalated_as: str | None  # the out-of-scope topic most of it was escalated as, if any

    @property
    def size(self) -> int:
        return len(self.entries)

    @property
    def title(self) -> str:
        return " ".join(self.entries[0].question.split())


def candidates(entries: Sequence[HistoryEntry], catalog: Catalog) -> list[HistoryEntry]:
    """The escalated and reviewed questions, newest first, but those the catalogue has
    as an example already (a topic drafted from a group takes its questions away)."""
    known = {
        " ".join(normalise(text))
        for topic in catalog.topics.values()
        for text in [*topic.examples, *(e for b in topic.languages.values() for e in b.examples)]
    }
    found = [
        entry
        for entry in entries
        if entry.action in CANDIDATE_ACTIONS and " ".join(normalise(entry.question)) not in known
    ]
    return found[:MOST]


def features(text: str, catalog: Catalog) -> dict[str, int]:
    """Stems and bigrams of `text`, as the matcher reads a question."""
    language = detect_language(text)
    words = join_compounds(normalise(text), catalog.index.surface.get(language, {}))
    content = [word for word in words if word not in STOPWORDS]
    stems = stem(content, language)
    counts = Counter(stems)
    counts.update(f"{first} {second}" for first, second in itertools.pairwise(stems))
    return dict(counts)


def similarities(texts: Sequence[str], catalog: Catalog, embed: Embed | None) -> Matrix:
    """Pairwise similarity (0..1) of `texts`: words and, between English texts, meaning."""
    import numpy

    bags = [features(text, catalog) for text in texts]
    frequency = Counter(feature for bag in bags for feature in bag)

    def weight(feature: str) -> float:  # presence, by rarity: repetition is not evidence
        return max(math.log((len(texts) + 1) / (frequency[feature] + 0.5)), 0.0)

    # A feature of one question only adds to its length, never to a likeness: the matrix
    # has a column for each shared one (a tenth of them), the lengths count them all.
    shared = {f: column for column, f in enumerate(f for f, n in frequency.items() if n > 1)}
    lexical = numpy.zeros((len(texts), len(shared)))
    norms = numpy.zeros((len(texts), 1))
    for row, bag in enumerate(bags):
        for feature in bag:
            value = weight(feature)
            norms[row, 0] += value * value
            if feature in shared:
                lexical[row, shared[feature]] = value
    lexical = lexical / numpy.where(norms > 0, numpy.sqrt(norms), 1.0)
    result: Matrix = lexical @ lexical.T
    if embed is not None and texts:
        english = numpy.array([detect_language(t) in MODEL_LANGUAGES for t in texts])
        vectors = numpy.asarray(embed(texts), dtype=numpy.float64)
        meaning = numpy.clip(vectors @ vectors.T, 0.0, 1.0)
        both = numpy.outer(english, english)
        mixed = (1 - SEMANTIC_WEIGHT) * result + SEMANTIC_WEIGHT * meaning
        result = numpy.where(both, mixed, result)
    return result


def average_linkage(similarity: Matrix, join: float = JOIN) -> list[list[int]]:
    """Groups of row numbers: the two most alike groups join while their mean pairwise
    similarity is at least `join`."""
    import numpy

    count = len(similarity)
    grid = similarity.astype(numpy.float64)
    numpy.fill_diagonal(grid, -numpy.inf)
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    while len(members) > 1:
        flat = int(numpy.argmax(grid))
        first, second = divmod(flat, count)
        if grid[first, second] < join:
            break
        size_a, size_b = len(members[first]), len(members[second])
        merged = (size_a * grid[first] + size_b * grid[second]) / (size_a + size_b)
        grid[first, :] = merged
        grid[:, first] = merged
        grid[first, first] = -numpy.inf
        grid[second, :] = -numpy.inf
        grid[:, second] = -numpy.inf
        members[first] += members.pop(second)
    return list(members.values())


def group(entries: Sequence[HistoryEntry], catalog: Catalog, embed: Embed | None) -> list[Cluster]:
    """The groups of `entries` of `MIN_SIZE` or more, largest first (then most recent)."""
    if len(entries) < MIN_SIZE:
        return []
    texts = [entry.question for entry in entries]
    similarity = similarities(texts, catalog, embed)
    join = JOIN if embed is not None else JOIN_WORDS_ONLY
    groups = [g for g in average_linkage(similarity, join) if len(g) >= MIN_SIZE]
    groups.sort(key=lambda g: (-len(g), min(g)))
    everyone = [_words(text) for text in texts]
    overall = Counter(word for words in everyone for word in words)
    rarity = _rarity(catalog)
    clusters = []
    for number, rows in enumerate(groups, 1):
        typical = sorted(rows, key=lambda r: (-float(similarity[r, rows].sum()), r))
        members = [entries[r] for r in typical]
        clusters.append(
            Cluster(
                number,
                members,
                _keywords([everyone[r] for r in rows], overall, len(texts), rarity),
                _role(catalog, members),
                _escalated_as(members),
            )
        )
    return clusters


def _words(text: str) -> set[str]:
    return {w for w in normalise(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()}


def _rarity(catalog: Catalog) -> Callable[[str], float]:
    """How rare a word is among the catalogue's topics ("add", "site" tell nothing apart)."""
    from functools import cache

    index = catalog.index
    unseen = math.log(len(index.topic_ids) + 1)  # the rarity of a word no topic has

    @cache
    def rarity(word: str) -> float:
        known = index.features.get(stem([word], detect_language(word))[0])
        return known[0] if known is not None else unseen

    return rarity


def _keywords(
    mine: Sequence[set[str]], overall: Counter[str], total: int, rarity: Callable[[str], float]
) -> list[str]:
    """The words most of the group uses, and neither the other questions (`overall` counts
    the questions using each word, of `total`) nor many of the catalogue's topics do."""
    inside = Counter(word for words in mine for word in words)
    scored = {
        word: count * math.log((total + 1) / (overall[word] + 0.5)) * rarity(word)
        for word, count in inside.items()
        if count >= 2
    }
    return sorted(scored, key=lambda word: (-scored[word], word))[:KEYWORDS]


def _role(catalog: Catalog, members: Sequence[HistoryEntry]) -> str | None:
    from tiertriage.catalog.authoring import guess_role

    roles = Counter(role for e in members if (role := guess_role(catalog, e.question)))
    return roles.most_common(1)[0][0] if roles else None


def _escalated_as(members: Sequence[HistoryEntry]) -> str | None:
    topics = Counter(e.topic for e in members if e.action == "escalate" and e.topic)
    if not topics:
        return None
    topic, count = topics.most_common(1)[0]
    return topic if count * 2 > len(members) else None


def history_clusters(workspace: Workspace) -> tuple[list[Cluster], int]:
    """The groups of the history's escalated and reviewed questions, and how many
    questions were grouped."""
    catalog = workspace.catalog
    found = candidates(workspace.store.history(), catalog)
    stage = workspace.semantic if len(found) >= MIN_SIZE else None
    embed: Embed | None = None
    if stage is not None:
        from tiertriage.catalog.sources import model_dir
        from tiertriage.matching.embedder import model_key
        from tiertriage.matching.semantic import embed_cached

        # The questions' vectors are kept beside the catalogue's (a folder of their own:
        # each folder keeps one model's file), so `topics add --from-cluster` after
        # `topics suggest` encodes nothing again.
        store = workspace.paths.cache_dir / "history" if workspace.use_cache else None
        key = model_key(model_dir())

        def embed(texts: Sequence[str]) -> Any:
            return embed_cached(stage.embedder, texts, store, key)

    return group(found, catalog, embed), len(found)


def cluster(workspace: Workspace, number: int) -> Cluster:
    """Group `number` of `topics suggest`."""
    from tiertriage.errors import NotFoundError

    clusters, considered = history_clusters(workspace)
    if not 1 <= number <= len(clusters):
        raise NotFoundError(
            f"there is no group {number}: `topics suggest` finds {len(clusters)} among "
            f"{considered} escalated or reviewed questions",
            hint="see them with `tiertriage topics suggest`",
        )
    return clusters[number - 1]


def topic_fields(catalog: Catalog, found: Cluster) -> dict[str, Any]:
    """What a group suggests for a new topic: its questions as the examples, its words as
    the keywords and id, its most typical question as the title, and its role."""
    from tiertriage.catalog.authoring import suggest_id
    from tiertriage.learning.examples import EXAMPLE_LIMIT
    from tiertriage.wording import shorten

    examples = list(dict.fromkeys(shorten(e.question, EXAMPLE_LIMIT) for e in found.entries))
    return {
        "id": suggest_id(catalog, found.keywords),
        "title": shorten(found.title, 70),
        "role": found.role,
        "keywords": found.keywords,
        "examples": examples,
    }
