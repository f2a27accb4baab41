"""The learned examples file, answers.d/learned.yaml: adding and removing one example.

Every change is checked against the whole catalogue before the file is replaced (in
one step), exactly as `tiertriage ask` will load it; a broken file is reported with its
line and left as it is. How its examples merge is `catalog.learned`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from tiertriage.catalog.learned import LEARNED_FILE
from tiertriage.errors import CatalogError
from tiertriage.matching.normalise import detect_language
from tiertriage.paths import Paths
from tiertriage.wording import shorten

# A learned example is the question on one line, up to this many characters: the
# question's own words, never a pasted thread.
EXAMPLE_LIMIT = 600
HEADER = """\
# Examples `tiertriage fix` learned from your clients' own questions. Each one adds to
# its topic's examples (shipped or yours); nothing here replaces them. Edit freely:
# `tiertriage catalog check` validates the file, `tiertriage fix --undo N` takes one back.
"""


class Example(NamedTuple):
    """A learned example: the topic it teaches, the language block it goes in, its text."""

    topic: str
    language: str  # "en", or a language block's code ("pl")
    text: str


def example_of(topic: str, question: str) -> Example:
    """`question` as an example of `topic`: one line, in the block of its language."""
    return Example(topic, detect_language(question), shorten(question, EXAMPLE_LIMIT))


def learned_path(paths: Paths) -> Path:
    return paths.user_answers_dir / LEARNED_FILE


class LearnedFile:
    """learned.yaml as read now; `add` and `remove` change it in memory, `save` writes it."""

    def __init__(self, paths: Paths) -> None:
        from tiertriage.catalog.sources import source_label
        from tiertriage.yamlfile import YamlSyntaxError, parse

        self.paths = paths
        self.path = learned_path(paths)
        self.label = source_label(self.path)
        try:
            self.original: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            self.original = None
        except OSError as error:
            raise CatalogError(f"{self.label}: cannot read: {error.strerror}") from None
        try:
            document = parse(self.original) if self.original else None
        except YamlSyntaxError as error:
            raise CatalogError(error.describe(self.label)) from None
        topics = document.get("topics") if isinstance(document, dict) else None
        if document is not None and not isinstance(topics, list):
            raise CatalogError(f"{self.label}:1: expected a mapping with 'topics:' (a list)")
        self.topics: list[dict[str, Any]] = list(topics or [])
        self.changed = False

    def _examples(self, example: Example, *, create: bool) -> list[Any] | None:
        for item in self.topics:
            if isinstance(item, dict) and str(item.get("id", "")).strip() == example.topic:
                entry = item
                break
        else:
            if not create:
                return None
            entry = {"id": example.topic}
            self.topics.append(entry)
        block = entry if example.language == "en" else entry.setdefault(example.language, {})
        if not isinstance(block, dict):
            raise CatalogError(
                f"{self.label}: topic '{example.topic}': field '{example.language}' "
                "is not a mapping"
            )
        return block.setdefault("examples", []) if create else block.get("examples")

    def has(self, example: Example) -> bool:
        texts = self._examples(example, create=False)
        return isinstance(texts, list) and example.text in texts

    def add(self, example: Example) -> bool:
        """Add `example`; False when the file has it already."""
        texts = self._examples(example, create=True)
        assert texts is not None  # created
        if example.text in texts:
            return False
        texts.append(example.text)
        self.changed = True
        return True

    def remove(self, example: Example) -> bool:
        """Remove `example` (and an entry left empty); False when the file does not have it."""
        texts = self._examples(example, create=False)
        if not isinstance(texts, list) or example.text not in texts:
            return False
        texts.remove(example.text)
        self.changed = True
        self.topics = [item for item in self.topics if not _empty(item)]
        return True

    def text(self) -> str:
        from tiertriage.yamlfile import dump

        return HEADER + dump({"topics": self.topics})

    def save(self) -> None:
        """Check the catalogue with the changed file, then replace the file in one step."""
        if not self.changed:
            return
        from tiertriage.catalog.authoring import check_new_file

        text = self.text()
        check_new_file(self.paths.config_dir, self.path, text)
        self._write(text.encode("utf-8"))

    def restore(self) -> None:
        """Put the file back as it was read (the history could not be updated)."""
        if not self.changed:
            return
        if self.original is None:
            self.path.unlink(missing_ok=True)
        else:
            self._write(self.original)

    def _write(self, content: bytes) -> None:
        from tiertriage.paths import write_atomically

        try:
            write_atomically(self.path, content)
        except OSError as error:
            raise CatalogError(f"{self.label}: cannot write: {error.strerror}") from None


def _empty(item: Any) -> bool:
    """An entry with nothing left but its id (and empty example lists)."""
    if not isinstance(item, dict):
        return False
    for key, value in item.items():
        if key == "id":
            continue
        if key == "examples" and value == []:
            continue
        if isinstance(value, dict) and not _empty({**value, "id": None}):
            return False
        if not isinstance(value, dict):
            return False
    return True
