"""The semantic stage: sentence embeddings of the catalogue, and a question's nearest topics.

Every catalogue phrasing (each topic's title and examples, in every language) is one row
of a matrix of unit vectors; a topic's similarity to a question is the mean cosine of
its best `BEST_K` rows, so one stray example cannot carry a topic and a topic with many
phrasings is not favoured over one with few. The similarities become a probability per
topic through a softmax, ready to be combined with the lexical posterior.

numpy is imported on first use: a question the lexical stage is sure of never loads it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy
    import numpy.typing as npt

    from tiertriage.matching.embedder import Embedder
    from tiertriage.matching.lexical import TopicText

    Vectors = npt.NDArray[numpy.float32]

BEST_K = 3
NOTICE_AFTER = 200  # phrasings to embed before saying why this run is slow
SEMANTIC_TEMPERATURE = 0.04  # cosine differences of a few hundredths are telling


class Phrasing(NamedTuple):
    """One row of the semantic index: which topic it belongs to, and its text."""

    topic: int  # the topic's number in catalogue order
    text: str


class SemanticIndex:
    """Unit vectors of the catalogue's phrasings, grouped by topic."""

    def __init__(self, topic_count: int, phrasings: Sequence[Phrasing], vectors: Vectors) -> None:
        import numpy

        if len(phrasings) != len(vectors):
            raise ValueError("one vector per phrasing")
        self.topic_count = topic_count
        self.rows = numpy.array([p.topic for p in phrasings], dtype=numpy.int32)
        self.vectors = vectors
        # Each row's cell in a (topic, phrasing) grid, so the best rows of every topic
        # come out of one partition instead of a loop over topics.
        seen = [0] * topic_count
        cells = []
        for p in phrasings:
            cells.append(seen[p.topic])
            seen[p.topic] += 1
        self._width = max(max(seen, default=0), BEST_K)
        self._cells = self.rows.astype(numpy.int64) * self._width + numpy.array(
            cells, dtype=numpy.int64
        )

    def similarities(
        self, query: Vectors, *, exclude: npt.NDArray[numpy.bool_] | None = None
    ) -> Vectors:
        """Each topic's mean cosine over its best rows (rows in `exclude` left out); -1 for
        a topic with no rows."""
        import numpy

        missing = -2.0
        cosines = self.vectors @ query
        if exclude is not None:
            cosines = numpy.where(exclude, missing, cosines)
        flat = numpy.full(self.topic_count * self._width, missing, dtype=numpy.float32)
        flat[self._cells] = cosines
        grid = flat.reshape(self.topic_count, self._width)
        best = -numpy.partition(-grid, BEST_K - 1, axis=1)[:, :BEST_K]
        present = best > missing
        counts = present.sum(axis=1)
        sums = numpy.where(present, best, 0.0).sum(axis=1)
        result: Vectors = numpy.where(counts > 0, sums / numpy.maximum(counts, 1), -1.0).astype(
            numpy.float32
        )
        return result


def probabilities(similarities: Vectors) -> Vectors:
    """A softmax over the topics' similarities: the semantic stage's posterior."""
    import numpy

    scaled = (similarities - similarities.max()) / SEMANTIC_TEMPERATURE
    exps = numpy.exp(scaled)
    result: Vectors = (exps / exps.sum()).astype(numpy.float32)
    return result


class SemanticStage:
    """The model and the catalogue's index, loaded together (see `load_stage`)."""

    def __init__(self, embedder: Embedder, index: SemanticIndex) -> None:
        self.embedder = embedder
        self.index = index

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.embedder.encode(texts)


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def list_key(texts: Sequence[str]) -> bytes:
    """One key for the whole list, in order: far cheaper than a key per text."""
    return hashlib.blake2b(json.dumps(texts).encode("utf-8"), digest_size=16).digest()


def embed_cached(
    embedder: Embedder,
    texts: Sequence[str],
    store: Path | None,
    model_key: str,
    notify: Callable[[str], None] | None = None,
) -> Vectors:
    """Vectors of `texts`, reusing those stored in `store` (one .npz per model).

    The usual case, the very texts stored last time, is recognised by one key for the
    whole list. Otherwise only texts not seen before are encoded, so adding a topic of
    your own costs its own phrasings, not the whole catalogue. The file holds plain
    arrays (loaded with `allow_pickle=False`): nothing in it can run code. Any problem
    reading it is a miss.
    """
    import numpy

    whole = list_key(texts)
    path = store / f"vectors-{model_key}.npz" if store is not None else None
    known: dict[bytes, Vectors] = {}
    if path is not None:
        try:
            with numpy.load(path, allow_pickle=False) as stored:
                stored_vectors = stored["vectors"]
                if stored_vectors.shape[1:] != (embedder.dimensions,):
                    raise ValueError("vectors of another size")
                if stored["texts"].tobytes() == whole and len(stored_vectors) == len(texts):
                    result: Vectors = stored_vectors.astype(numpy.float32, copy=False)
                    return result
                # Keys are rows of 16 bytes: a bytes dtype would drop trailing NULs.
                digests = (row.tobytes() for row in stored["keys"])
                known = dict(zip(digests, stored_vectors, strict=True))
        except Exception:  # missing, damaged, another layout: recompute what is needed
            known = {}
    keys = [text_key(t) for t in texts]
    missing = [i for i, key in enumerate(keys) if key not in known]
    if len(missing) > NOTICE_AFTER and notify is not None:
        notify(f"embedding {len(missing)} catalogue phrasings for the semantic stage (once)")
    if missing:
        fresh = embedder.encode([texts[i] for i in missing])
        for i, vector in zip(missing, fresh, strict=True):
            known[keys[i]] = vector
    vectors = (
        numpy.stack([known[key] for key in keys])
        if keys
        else numpy.zeros((0, embedder.dimensions), dtype=numpy.float32)
    ).astype(numpy.float32)
    if path is not None:  # also when nothing was new: the next run takes the quick way
        rows = numpy.frombuffer(b"".join(keys), dtype=numpy.uint8).reshape(-1, 16)
        _save(path, rows, vectors, numpy.frombuffer(whole, dtype=numpy.uint8))
    return vectors


def _save(
    path: Path, keys: npt.NDArray[numpy.uint8], vectors: Vectors, texts: npt.NDArray[numpy.uint8]
) -> None:
    import io

    import numpy

    from tiertriage.paths import write_atomically

    buffer = io.BytesIO()
    numpy.savez(buffer, keys=keys, vectors=vectors, texts=texts)
    try:
        for stale in path.parent.glob("vectors-*.npz"):
            if stale != path:
                stale.unlink(missing_ok=True)
        write_atomically(path, buffer.getvalue())
    except OSError:  # an unwritable cache only costs time
        pass


def load_stage(
    topics: Sequence[TopicText],
    model_dir: Path,
    cache_dir: Path | None,
    notify: Callable[[str], None] | None = None,
) -> SemanticStage:
    """The model from `model_dir` and the vectors of every phrasing of `topics`.

    Raises `ModelUnavailable` when the model cannot be used."""
    import os

    # Read by numpy's OpenBLAS when numpy is first imported (onnxruntime imports it):
    # OpenBLAS spread each question's 3,000 x 384 cosine product over every CPU, and its
    # idle workers kept spinning against the model, doubling the CPU time of a triage
    # run on two cores. setdefault keeps a user's own choice.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from tiertriage.matching.embedder import model_key, shared_embedder

    # The CPUs this process may run on, not the machine's: two threads on one allowed CPU
    # (taskset, a container's limit) spin against each other and halve the whole run.
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    embedder = shared_embedder(model_dir, threads=min(usable or 1, 4))
    phrasings = [
        Phrasing(number, text)
        for number, topic in enumerate(topics)
        for text in topic.phrasings_for_embedding()
    ]
    texts = [p.text for p in phrasings]
    vectors = embed_cached(embedder, texts, cache_dir, model_key(model_dir), notify)
    return SemanticStage(embedder, SemanticIndex(len(topics), phrasings, vectors))
