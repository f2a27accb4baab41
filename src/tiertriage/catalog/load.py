"""Load the shipped and user catalogues into one validated `Catalog`.

The sources (`sources`) are merged and validated (`validate`); the compiled catalogue
(models + matcher index) is cached, keyed by the content hash of every source and of
the code that compiles them, so `tiertriage ask` skips YAML and validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tiertriage.cache import cached, content_key
from tiertriage.catalog import learned as learned_module
from tiertriage.catalog import models as models_module
from tiertriage.catalog import validate as validate_module
from tiertriage.catalog.learned import LearnedExample
from tiertriage.catalog.models import Role, Topic, Vendor
from tiertriage.catalog.sources import Source, read_sources
from tiertriage.catalog.validate import check_roles, check_topics, check_vendors, merge, validate
from tiertriage.errors import CatalogError
from tiertriage.matching import features as features_module
from tiertriage.matching import lexical as matcher_module
from tiertriage.matching.lexical import MatchIndex, TopicText


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


def fingerprint(sources: Sequence[Source]) -> str:
    """Content hash of every source, plus the code that compiles them (a new matcher or
    model invalidates the cache even within one version)."""
    return content_key(
        (s.label.encode() + b"\0" + s.content for s in sources),
        code=(
            __file__,
            validate_module.__file__,
            matcher_module.__file__,
            features_module.__file__,
            models_module.__file__,
            learned_module.__file__,
        ),
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
    role_entries = merge(vendor_sources, "roles")
    vendor_entries = merge(vendor_sources, "vendors")
    topic_entries = merge(answer_sources, "topics")
    learned = [example for entry in topic_entries.values() for example in entry.learned]
    roles = {rid: validate(Role, entry, "role", rid) for rid, entry in role_entries.items()}
    vendors = {vid: validate(Vendor, e, "vendor", vid) for vid, e in vendor_entries.items()}
    topics = {tid: validate(Topic, e, "topic", tid) for tid, e in topic_entries.items()}
    if not roles:
        raise CatalogError(f"{vendor_sources[0].label}: no roles defined (expected 'roles:')")
    check_vendors(vendors, roles, vendor_entries)
    check_roles(roles, vendors, role_entries)
    check_topics(topics, roles, vendors, topic_entries)
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
