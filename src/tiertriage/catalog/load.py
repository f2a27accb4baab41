"""Load the shipped and user catalogues into one validated `Catalog`.

Sources, in order: the shipped ``vendors.yaml`` / ``answers.yaml`` (inside the
package, read through importlib.resources), then the user's ``vendors.d/*.yaml``
and ``answers.d/*.yaml``. A user entry with a shipped id replaces just the fields
it gives. Every error names the file, the YAML line, the topic or vendor and the
field. The compiled catalogue (models + matcher index) is cached, keyed by the
content hash of every source, so `tiertriage ask` skips YAML and validation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.cache import cached, content_key
from tiertriage.catalog import learned as learned_module
from tiertriage.catalog import models as models_module
from tiertriage.catalog.learned import LEARNED_FILE, LearnedExample, add_learned
from tiertriage.catalog.models import LANGUAGE_CODE, PLACEHOLDER, Role, Topic, Vendor
from tiertriage.errors import CatalogError
from tiertriage.matching import lexical as matcher_module
from tiertriage.matching.lexical import MatchIndex, TopicText
from tiertriage.wording import field_path, first_problem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CATALOG_ENV = "TIERTRIAGE_CATALOG"  # a directory replacing the shipped catalogue
MODEL_ENV = "TIERTRIAGE_MODEL"  # a directory replacing the shipped sentence model
VENDORS_FILE, ANSWERS_FILE = "vendors.yaml", "answers.yaml"
EXTRA_PLACEHOLDERS = ("vendor", "domain")


class Source(NamedTuple):
    """One catalogue file: how to name it in messages, and its bytes."""

    label: str
    content: bytes
    shipped: bool
    learned: bool = False  # answers.d/learned.yaml: examples that add to a topic's


class Origin(NamedTuple):
    """Where one field of an entry was defined."""

    source: Source
    section: str  # "topics", "vendors" or "roles"
    position: int | str  # index in the list (or the role name)
    field: str | None = None

    @property
    def line(self) -> int:
        from tiertriage.yamlfile import line_of

        location: list[str | int] = [self.section, self.position]
        if self.field:
            location.append(self.field)
        return line_of(self.source.content, location)

    def where(self) -> str:
        return f"{self.source.label}:{self.line}"


class Catalog:
    """The merged, validated catalogues and the matcher index built from them."""

    def __init__(
        self,
        roles: dict[str, Role],
        vendors: dict[str, Vendor],
        topics: dict[str, Topic],
        index: MatchIndex,
        origins: dict[tuple[str, str], dict[str, str]] | None = None,
        learned: Sequence[LearnedExample] = (),
    ) -> None:
        self.roles = roles
        self.vendors = vendors
        self.topics = topics
        self.index = index
        # (kind, id) -> field -> label of the file it came from
        self.origins = origins or {}
        self.learned = list(learned)  # the examples learned.yaml adds, in file order

    def texts(self) -> list[TopicText]:
        """What the matcher indexes of each topic, in catalogue order."""
        return [topic_text(t) for t in self.topics.values()]

    def vendors_for(self, role: str) -> list[Vendor]:
        return [v for v in self.vendors.values() if role in v.roles]

    def default_vendor(self, role: str) -> Vendor:
        return self.vendors[self.roles[role].default]


# -- locating sources ------------------------------------------------------------


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
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.suffix in (".yaml", ".yml")]
    return sorted(found, key=lambda p: (p.name == LEARNED_FILE, p.name))


def source_label(path: Traversable) -> str:
    if isinstance(path, Path):
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return f"tiertriage/data/{path.name}"


def fingerprint(sources: Sequence[Source]) -> str:
    """Content hash of every source, plus the code that compiles them (a new matcher or
    model invalidates the cache even within one version)."""
    return content_key(
        (s.label.encode() + b"\0" + s.content for s in sources),
        code=(__file__, matcher_module.__file__, models_module.__file__, learned_module.__file__),
    )


# -- loading ---------------------------------------------------------------------


def load_catalog(user_config_dir: Path | None = None, cache_dir: Path | None = None) -> Catalog:
    """Load, merge and validate every catalogue source (cached when `cache_dir` is given)."""
    vendor_sources, answer_sources = read_sources(user_config_dir)
    key = fingerprint([*vendor_sources, *answer_sources])
    return cached(
        cache_dir,
        "catalog",
        key,
        lambda: build_catalog(vendor_sources, answer_sources),
        Catalog,
    )


def build_catalog(vendor_sources: Sequence[Source], answer_sources: Sequence[Source]) -> Catalog:
    role_entries = _merge(vendor_sources, "roles")
    vendor_entries = _merge(vendor_sources, "vendors")
    topic_entries = _merge(answer_sources, "topics")
    learned = [example for entry in topic_entries.values() for example in entry.learned]
    roles = {rid: _validate(Role, entry, "role", rid) for rid, entry in role_entries.items()}
    vendors = {vid: _validate(Vendor, e, "vendor", vid) for vid, e in vendor_entries.items()}
    topics = {tid: _validate(Topic, e, "topic", tid) for tid, e in topic_entries.items()}
    if not roles:
        raise CatalogError(f"{vendor_sources[0].label}: no roles defined (expected 'roles:')")
    _check_vendors(vendors, roles, vendor_entries)
    _check_roles(roles, vendors, role_entries)
    _check_topics(topics, roles, vendors, topic_entries)
    index = MatchIndex([topic_text(t) for t in topics.values()])
    origins = {
        (kind, entry_id): {name: o.source.label for name, o in entry.fields.items()}
        for kind, entries in (
            ("role", role_entries),
            ("vendor", vendor_entries),
            ("topic", topic_entries),
        )
        for entry_id, entry in entries.items()
    }
    return Catalog(roles, vendors, topics, index, origins, learned)


def topic_text(topic: Topic, examples: Sequence[str] | None = None) -> TopicText:
    """What the matcher indexes of `topic`; `examples` replaces its English examples (for
    hold-out evaluation)."""
    localised = {
        code: ([*([b.title] if b.title else []), *b.keywords], b.examples, b.near_misses)
        for code, b in topic.languages.items()
    }
    return TopicText(
        topic.id,
        [topic.title, *topic.keywords],
        topic.examples if examples is None else examples,
        topic.near_misses,
        topic.escalates,
        localised,
        topic.title,
    )


class _Entry(NamedTuple):
    """One role, vendor or topic merged from its sources, with where each field came from."""

    data: dict[str, Any]
    origin: Origin  # where the entry was first defined
    fields: dict[str, Origin]
    learned: list[LearnedExample]


def _merge(sources: Sequence[Source], section: str) -> dict[str, _Entry]:
    merged: dict[str, _Entry] = {}
    for source in sources:
        defined_here: set[str] = set()
        for index, entry_id, item in _section_items(source, section):
            origin = Origin(source, section, index)
            if entry_id in defined_here:
                kind = section.rstrip("s")
                raise CatalogError(f"{origin.where()}: {kind} '{entry_id}': duplicate id")
            defined_here.add(entry_id)
            if source.learned and section == "topics":
                item = _learn(merged, origin, entry_id, item)
            field_origins = {name: Origin(source, section, index, name) for name in item}
            if entry_id in merged:
                # An override's `id` only names the entry: it stays where it was defined.
                field_origins.pop("id", None)
                data = merged[entry_id].data
                for name, value in item.items():
                    if LANGUAGE_CODE.match(name) and isinstance(data.get(name), dict):
                        # a language block overrides field by field, like the topic itself
                        value = {**data[name], **value} if isinstance(value, dict) else value
                    data[name] = value
                merged[entry_id].fields.update(field_origins)
            else:
                merged[entry_id] = _Entry(dict(item), origin, field_origins, [])
    return merged


def _learn(
    merged: dict[str, _Entry], origin: Origin, entry_id: str, item: dict[str, Any]
) -> dict[str, Any]:
    """A learned.yaml entry's examples join the topic's; the rest is returned to merge."""
    entry = merged.get(entry_id)
    if entry is None:
        raise CatalogError(
            f"{origin.where()}: topic '{entry_id}': examples learned for a topic the "
            "catalogue does not have",
            hint=f"remove them from {origin.source.label}, or add the topic again",
        )
    rest, learned = add_learned(
        entry.data,
        item,
        label=origin.source.label,
        position=int(origin.position),
        line=lambda location: _line(origin.source, [origin.section, origin.position, *location]),
    )
    entry.learned.extend(learned)
    return rest


_SECTIONS = {"vendors": ("roles", "vendors"), "topics": ("topics",), "roles": ("roles", "vendors")}


def _section_items(source: Source, section: str) -> Iterator[tuple[int | str, str, dict[str, Any]]]:
    from tiertriage.yamlfile import YamlSyntaxError, parse

    try:
        document = parse(source.content)
    except YamlSyntaxError as exc:
        raise CatalogError(exc.describe(source.label)) from None
    if document is None and not source.shipped:
        return
    allowed = _SECTIONS[section]
    if not isinstance(document, dict):
        expected = " and ".join(f"'{name}:'" for name in allowed)
        raise CatalogError(f"{source.label}:1: expected a mapping with {expected}")
    for key in document:
        if key not in allowed:
            raise CatalogError(
                f"{source.label}:{_line(source, [key])}: unknown section '{key}' "
                f"(expected {', '.join(allowed)})"
            )
    items = document.get(section)
    if items is None:
        return
    if section == "roles":
        if not isinstance(items, dict):
            raise CatalogError(
                f"{source.label}:{_line(source, [section])}: 'roles' must be a mapping"
            )
        for role_id, item in items.items():
            if not isinstance(item, dict):
                raise CatalogError(
                    f"{source.label}:{_line(source, [section, role_id])}: role '{role_id}': "
                    "expected a mapping with 'label' and 'default'"
                )
            yield role_id, str(role_id), item
        return
    if not isinstance(items, list):
        raise CatalogError(f"{source.label}:{_line(source, [section])}: '{section}' must be a list")
    for index, item in enumerate(items):
        kind = section.rstrip("s")
        if not isinstance(item, dict):
            raise CatalogError(
                f"{source.label}:{_line(source, [section, index])}: {kind} #{index + 1}: "
                "expected a mapping"
            )
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id.strip():
            raise CatalogError(
                f"{source.label}:{_line(source, [section, index])}: {kind} #{index + 1}: "
                "field 'id': missing or not a string"
            )
        yield index, entry_id.strip(), item


def _line(source: Source, location: list[str | int]) -> int:
    from tiertriage.yamlfile import line_of

    return line_of(source.content, location)


def _validate(model: type[Any], entry: _Entry, kind: str, entry_id: str) -> Any:
    from pydantic import ValidationError

    data = dict(entry.data)
    if kind == "role":
        data.pop("id", None)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        location, message = first_problem(exc)
        if location[:1] == ("languages",):  # a `pl:` block: point at it as written
            location = location[1:]
        field_name = str(location[0]) if location else None
        where = entry.fields.get(field_name, entry.origin) if field_name else entry.origin
        line = _line(where.source, [where.section, where.position, *location])
        dotted = field_path(location) or "?"
        raise CatalogError(
            f"{where.source.label}:{line}: {kind} '{entry_id}': field '{dotted}': {message}"
        ) from None


def _fail(entry: _Entry, kind: str, entry_id: str, field_name: str | None, message: str) -> None:
    where = entry.fields.get(field_name, entry.origin) if field_name else entry.origin
    raise CatalogError(
        f"{where.where()}: {kind} '{entry_id}': "
        + (f"field '{field_name}': " if field_name else "")
        + message
    )


def _check_vendors(
    vendors: dict[str, Vendor], roles: dict[str, Role], entries: dict[str, _Entry]
) -> None:
    for vendor in vendors.values():
        for role in vendor.roles:
            if role not in roles:
                _fail(
                    entries[vendor.id],
                    "vendor",
                    vendor.id,
                    "roles",
                    f"unknown role '{role}' (known: {', '.join(roles)})",
                )


def _check_roles(
    roles: dict[str, Role], vendors: dict[str, Vendor], entries: dict[str, _Entry]
) -> None:
    for role_id, role in roles.items():
        serving = [v.id for v in vendors.values() if role_id in v.roles]
        if not serving:
            _fail(entries[role_id], "role", role_id, None, "no vendor has this role")
        if role.default not in serving:
            _fail(
                entries[role_id],
                "role",
                role_id,
                "default",
                f"'{role.default}' is not a vendor with this role "
                f"(vendors with it: {', '.join(serving)})",
            )


def _check_topics(
    topics: dict[str, Topic],
    roles: dict[str, Role],
    vendors: dict[str, Vendor],
    entries: dict[str, _Entry],
) -> None:
    allowed = set(EXTRA_PLACEHOLDERS) | set(roles)
    for topic in topics.values():
        entry = entries[topic.id]

        def fail(field_name: str | None, message: str, tid: str = topic.id) -> None:
            _fail(entries[tid], "topic", tid, field_name, message)

        if not topic.examples and not topic.keywords:
            fail("examples", "a topic needs examples or keywords to be matched")
        if topic.escalates:
            for name in ("directions", "vendor_directions", "search", "next_step", "role"):
                if entry.data.get(name):
                    fail(name, "not allowed in an escalate topic")
            if not topic.consult:
                fail("consult", "an escalate topic needs the reason to offer a consult")
            continue
        if topic.role is None:
            fail("role", "required field is missing")
        elif topic.role not in roles:
            fail("role", f"unknown role '{topic.role}' (known: {', '.join(roles)})")
        for name in ("directions", "search", "next_step"):
            if not getattr(topic, name):
                fail(name, "required field is missing")
        if topic.action == "answer+consult" and not topic.consult:
            fail("consult", "an answer+consult topic needs the reason to offer a consult")
        if topic.action == "answer" and topic.consult:
            fail("consult", "only answer+consult and escalate topics offer a consult")
        for vendor_id in topic.vendor_directions:
            vendor = vendors.get(vendor_id)
            if vendor is None or topic.role not in vendor.roles:
                fail("vendor_directions", f"'{vendor_id}' is not a vendor with role '{topic.role}'")
        for name, text in topic.templates.items():
            for placeholder in PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")):
                if placeholder not in allowed:
                    fail(
                        name.split(".")[0],
                        f"unknown placeholder '{{{placeholder}}}' "
                        f"(allowed: {', '.join('{' + p + '}' for p in sorted(allowed))})",
                    )
