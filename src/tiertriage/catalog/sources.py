"""Where the catalogue's files are, and reading them: the shipped ``vendors.yaml`` /
``answers.yaml`` (inside the package, read through importlib.resources), then the
user's ``vendors.d/*.yaml`` and ``answers.d/*.yaml`` sorted by name; and the sentence
model's folder. `TIERTRIAGE_CATALOG` and `TIERTRIAGE_MODEL` replace the shipped ones.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.learned import LEARNED_FILE
from tiertriage.errors import CatalogError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CATALOG_ENV = "TIERTRIAGE_CATALOG"  # a directory replacing the shipped catalogue
MODEL_ENV = "TIERTRIAGE_MODEL"  # a directory replacing the shipped sentence model
VENDORS_FILE, ANSWERS_FILE = "vendors.yaml", "answers.yaml"


class Source(NamedTuple):
    """One catalogue file: how to name it in messages, and its bytes."""

    label: str
    content: bytes
    shipped: bool
    learned: bool = False  # answers.d/learned.yaml: examples that add to a topic's


def shipped_dir() -> Traversable:
    override = os.environ.get(CATALOG_ENV)
    if override:
        return Path(override).expanduser()
    packaged = files("tiertriage").joinpath("data")
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree, where data/ sits at the top.
    return Path(__file__).resolve().parents[3] / "data"


def model_dir() -> Path:
    """The sentence model's folder: `data/model` inside the package (or the source tree)."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return Path(override).expanduser()
    packaged = Path(str(files("tiertriage").joinpath("data", "model")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "model"


def read_sources(user_config_dir: Path | None) -> tuple[list[Source], list[Source]]:
    """(vendor sources, answer sources), shipped first, then user files sorted by name."""
    base = shipped_dir()
    vendor_sources = [_read(base.joinpath(VENDORS_FILE), shipped=True)]
    answer_sources = [_read(base.joinpath(ANSWERS_FILE), shipped=True)]
    if user_config_dir is not None:
        vendor_sources += _read_user_dir(user_config_dir / "vendors.d")
        answer_sources += _read_user_dir(user_config_dir / "answers.d")
    return vendor_sources, answer_sources


def _read(path: Traversable, *, shipped: bool) -> Source:
    label = source_label(path)
    try:
        return Source(label, path.read_bytes(), shipped)
    except FileNotFoundError:
        raise CatalogError(f"{label}: catalogue file not found") from None
    except OSError as exc:
        raise CatalogError(f"{label}: cannot read catalogue file: {exc.strerror}") from None


def _read_user_dir(directory: Path) -> list[Source]:
    return [user_source(p, _read(p, shipped=False).content) for p in user_files(directory)]


def user_source(path: Path, content: bytes) -> Source:
    """A user catalogue file as a source; learned.yaml of answers.d/ is the overlay."""
    learned = path.name == LEARNED_FILE and path.parent.name == "answers.d"
    return Source(source_label(path), content, shipped=False, learned=learned)


def user_files(directory: Path) -> list[Path]:
    """The catalogue files of a user folder (answers.d/, vendors.d/), in the order read:
    by name, learned.yaml last (its examples add to the topics the others define)."""
    try:
        if not directory.is_dir():
            return []
        found = [p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")]
        return sorted(found, key=lambda p: (p.name == LEARNED_FILE, p.name))
    except OSError as exc:
        raise CatalogError(f"{directory}: cannot read the folder: {exc.strerror}") from None


def source_label(path: Traversable) -> str:
    if isinstance(path, Path):
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return f"tiertriage/data/{path.name}"
