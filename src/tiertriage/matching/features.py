"""The lexical index's features packed into flat arrays: what the catalogue cache stores."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

# feature -> (idf, log P(feature), the topics that have it, their lifts)
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
