"""Catalogue lint: valid entries that will still answer badly. Pure: returns warnings.

Validation (catalog.py) rejects what cannot load; lint finds what loads but hurts
matching or replies: the same example in two topics, examples the matcher files
under another topic once they are left out of their own (leave-one-out), keywords
too many topics share, near misses that still match their own topic, vendors no
reply can ever point to, links that are not https, and scaffold TODOs left in; the
rules about replies true to the client's stack and language live in `lint_stack`.
Every warning names the file and line it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from tiertriage.catalog.authoring import TODO_MARKER
from tiertriage.catalog.learned import LearnedExample
from tiertriage.catalog.load import Catalog
from tiertriage.catalog.models import Topic
from tiertriage.catalog.sources import Source
from tiertriage.matching.normalise import normalise

if TYPE_CHECKING:
    from tiertriage.matching.holdout import HeldOut
    from tiertriage.matching.lexical import Scored
    from tiertriage.matching.semantic import SemanticStage

# A keyword in this many topics or more cannot tell them apart.
SHARED_KEYWORD_TOPICS = 3

_INSECURE_URL = re.compile(r"\bhttp://[^\s)>\]]+")
TOPIC_TEXT_FIELDS = ("title", "directions", "search", "next_step", "consult")
_SECTION = {"topic": "topics", "vendor": "vendors", "role": "roles"}
CODES = {
    "duplicate-example": "the same example phrasing in two topics",
    "outranked-example": "an example that, held out, would get another topic's reply",
    "shared-keyword": f"a keyword shared by {SHARED_KEYWORD_TOPICS} or more topics",
    "near-miss-matches": "a near miss that would get its own topic's reply",
    "unreachable-vendor": "a vendor no topic, role default, setting or client points to",
    "insecure-url": "a link that is not https",
    "todo": f"a scaffolded topic with {TODO_MARKER} text left in",
    "foreign-vendor": "generic text naming a vendor, or a vendor's directions naming another",
    "no-vendor-guide": "a vendor of a topic's role with no vendor_directions, vendor_links or "
    "`unverified` entry",
    "missing-translation": "a reply field without text in a language the catalogue writes",
    "literal-channel": "a template promising a channel ('live chat') instead of {vendor_contact}",
}


@dataclass(frozen=True)
class LintWarning:
    code: str  # one of CODES
    file: str
    line: int
    kind: str  # "topic" or "vendor"
    id: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: warning: {self.kind} '{self.id}'"
        return f"{where}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Locator:
    """File and line of any entry, field or list item, from the sources the catalogue merged.

    Each source is composed into YAML nodes once, so thousands of look-ups stay cheap.
    """

    def __init__(self, catalog: Catalog, sources: Sequence[Source]) -> None:
        from tiertriage.yamlfile import compose, parse

        self._origins = catalog.origins
        self._trees: dict[str, Any] = {}
        self._positions: dict[tuple[str, str, str], int | str] = {}
        for source in sources:
            self._trees[source.label] = compose(source.content)
            document = parse(source.content)
            if not isinstance(document, dict):
                continue
            for kind, section in _SECTION.items():
                items = document.get(section)
                if isinstance(items, dict):
                    for key in items:
                        self._positions[(source.label, kind, str(key))] = str(key)
                elif isinstance(items, list):
                    for index, item in enumerate(items):
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            self._positions[(source.label, kind, item["id"].strip())] = index

    def where(
        self,
        kind: str,
        entry_id: str,
        field: str | None = None,
        *path: str | int,
        label: str | None = None,
    ) -> tuple[str, int]:
        """(file label, line) of `field` (and `path` within it) of an entry; the entry's
        own line when no field is given. The file is the one the field's value came from,
        or `label` (a learned example is in learned.yaml, whatever else its topic is)."""
        from tiertriage.yamlfile import node_line

        fields = self._origins.get((kind, entry_id), {})
        label = label or fields.get(field or "id") or fields.get("id") or "?"
        position = self._positions.get((label, kind, entry_id))
        if position is None:
            return label, 0
        location: list[str | int] = [_SECTION[kind], position]
        if field:
            location += [field, *path]
        return label, node_line(self._trees.get(label), location)


def lint(
    catalog: Catalog,
    sources: Sequence[Source],
    *,
    reached: Mapping[str, str] | None = None,
    stage: SemanticStage | None = None,
) -> list[LintWarning]:
    """Every warning about `catalog` (built from `sources`), in file order per check.

    `reached` maps vendor ids that something outside the catalogue points to (the
    settings' default stack, clients' stacks) to who does, e.g. "client Acme".
    """
    from tiertriage.catalog import lint_stack

    locator = Locator(catalog, sources)
    warnings = [
        *duplicate_examples(catalog, locator),
        *outranked_examples(catalog, locator, stage),
        *shared_keywords(catalog, locator),
        *matching_near_misses(catalog, locator, stage),
        *unreachable_vendors(catalog, locator, reached or {}),
        *insecure_urls(catalog, locator),
        *todos(catalog, locator),
        *lint_stack.foreign_vendors(catalog, locator),
        *lint_stack.vendors_without_guide(catalog, locator),
        *lint_stack.missing_translations(catalog, locator),
        *lint_stack.literal_channels(catalog, locator),
    ]
    return warnings


def warning_at(
    locator: Locator,
    code: str,
    kind: str,
    entry_id: str,
    location: Sequence[str | int],
    message: str,
) -> LintWarning:
    """A warning about `location` ((field, *path within it), or () for the entry itself)."""
    field = str(location[0]) if location else None
    file, line = locator.where(kind, entry_id, field, *location[1:])
    return LintWarning(code, file, line, kind, entry_id, field, message)


def _phrase(text: str) -> str:
    return " ".join(normalise(text))


def _shorten(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def duplicate_examples(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    first: dict[str, tuple[str, int]] = {}
    for topic in catalog.topics.values():
        for number, example in enumerate(topic.examples):
            phrase = _phrase(example)
            if phrase not in first:
                first[phrase] = (topic.id, number)
                continue
            other, other_number = first[phrase]
            file, line = locator.where("topic", other, "examples", other_number)
            where = "earlier in this topic" if other == topic.id else f"in topic '{other}'"
            message = f"example {_shorten(example)!r} is also {where} ({file}:{line})"
            yield warning_at(
                locator, "duplicate-example", "topic", topic.id, ("examples", number), message
            )


def outranked_examples(
    catalog: Catalog, locator: Locator, stage: SemanticStage | None
) -> Iterator[LintWarning]:
    """Hold-out: each example, ranked by a matcher that never saw it, must not get another
    topic's reply (or a consult pitch, for a how-to). Landing in review is fine: that
    costs the freelancer a look, not a wrong email. A learned example (learned.yaml) that
    makes one lose is named too, where it is written."""
    from tiertriage.learning.outranking import blame_learned
    from tiertriage.matching.decide import SHOWN, decide
    from tiertriage.matching.holdout import hold_out

    learned = {(e.topic, e.language, e.text): e for e in catalog.learned}
    losers = []
    for held in hold_out(catalog.texts(), stage=stage, limit=SHOWN):
        if not _loses(held, held.ranking):
            continue
        decision = decide(held.ranking)
        assert decision.best is not None  # it lost to a topic
        best = decision.best
        losers.append((held, best.topic))
        own = next((s.score for s in held.ranking if s.topic == held.topic), 0.0)
        outcome = "escalated" if decision.verdict == "escalate" else "answered"
        message = (
            f"example {_shorten(held.text)!r} is {outcome} as '{best.topic}' "
            f"({best.score:.2f}; its own topic {own:.2f}) by a matcher that has not seen it"
        )
        mine = learned.get((held.topic, held.language, held.text))
        if mine is None:
            yield warning_at(
                locator, "outranked-example", "topic", held.topic, _where(held), message
            )
        else:
            yield _learned_warning(locator, mine, message)
    for blame in blame_learned(catalog, stage, losers, _loses, limit=SHOWN):
        loser = blame.loser
        field_name, *path = _where(loser)
        file, line = locator.where("topic", loser.topic, str(field_name), *path)
        message = (
            f"learned example {_shorten(blame.learned.text)!r} makes {_shorten(loser.text)!r} "
            f"(an example of '{loser.topic}', {file}:{line}) get the reply of '{blame.winner}'"
        )
        yield _learned_warning(locator, blame.learned, message)


def _learned_warning(locator: Locator, learned: LearnedExample, message: str) -> LintWarning:
    """An outranked-example warning about a learned example, where learned.yaml has it."""
    path: list[str | int] = [learned.number]
    field = "examples"
    if learned.language != "en":
        field, path = learned.language, ["examples", learned.number]
    file, line = locator.where("topic", learned.topic, field, *path, label=learned.label)
    return LintWarning("outranked-example", file, line, "topic", learned.topic, "examples", message)


def _where(held: HeldOut) -> tuple[str | int, ...]:
    """The location of a held-out example within its topic."""
    if held.language == "en":
        return ("examples", held.number)
    return (held.language, "examples", held.number)


def _loses(held: HeldOut, ranking: Sequence[Scored]) -> bool:
    """Whether `held`, ranked so, gets another topic's reply (or a consult pitch)."""
    from tiertriage.matching.decide import decide

    decision = decide(ranking)
    best = decision.best
    if best is None or best.topic == held.topic or decision.verdict == "review":
        return False
    # another consult topic: the client still gets the invitation
    return not (held.out_of_scope and best.out_of_scope)


def shared_keywords(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    owners: dict[str, list[tuple[str, int]]] = {}
    for topic in catalog.topics.values():
        for number, keyword in enumerate(topic.keywords):
            phrase = _phrase(keyword)
            places = owners.setdefault(phrase, [])
            if phrase and all(owner != topic.id for owner, _ in places):
                places.append((topic.id, number))
    for phrase, places in owners.items():
        if len(places) < SHARED_KEYWORD_TOPICS:
            continue
        (topic_id, number), others = places[0], ", ".join(owner for owner, _ in places[1:])
        message = (
            f"keyword {phrase!r} is shared by {len(places)} topics (also {others}): "
            "it cannot tell them apart"
        )
        yield warning_at(
            locator, "shared-keyword", "topic", topic_id, ("keywords", number), message
        )


def matching_near_misses(
    catalog: Catalog, locator: Locator, stage: SemanticStage | None
) -> Iterator[LintWarning]:
    """A near miss (a phrasing that must not get this topic's reply) that would get it."""
    from tiertriage.matching.decide import SHOWN, decide
    from tiertriage.matching.matcher import Matcher

    matcher = Matcher(catalog.index, (lambda: stage) if stage is not None else None)
    for topic in catalog.topics.values():
        for number, near in enumerate(topic.near_misses):
            decision = decide(matcher.rank(near, limit=SHOWN))
            best = decision.best
            if best is None or best.topic != topic.id or decision.verdict == "review":
                continue
            message = (
                f"near miss {_shorten(near)!r} would get this very topic's reply ({best.score:.2f})"
            )
            location = ("near_misses", number)
            yield warning_at(locator, "near-miss-matches", "topic", topic.id, location, message)


def reachable_vendors(catalog: Catalog, reached: Mapping[str, str]) -> set[str]:
    """Vendors a reply can point to: a topic's vendor_directions, a role default, `reached`."""
    found = {role.default for role in catalog.roles.values()}
    for topic in catalog.topics.values():
        found.update(topic.vendor_directions)
        found.update(topic.vendor_links)
        found.update(topic.unverified)  # their clients get the generic text and help centre
    found.update(reached)
    return found


def unreachable_vendors(
    catalog: Catalog, locator: Locator, reached: Mapping[str, str]
) -> Iterator[LintWarning]:
    reachable = reachable_vendors(catalog, reached)
    message = (
        "no reply can point to it: no topic has vendor_directions, vendor_links or an "
        "`unverified` entry for it, it is no role's default, and neither the default stack "
        "nor any client uses it"
    )
    for vendor in catalog.vendors.values():
        if vendor.id not in reachable:
            yield warning_at(locator, "unreachable-vendor", "vendor", vendor.id, (), message)


def insecure_urls(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    for vendor in catalog.vendors.values():
        links = {"website": vendor.website, **vendor.support.model_dump()}
        for name, value in links.items():
            if isinstance(value, str) and value.startswith("http://"):
                location = ("website",) if name == "website" else ("support", name)
                message = f"{name}: {value} is not https"
                yield warning_at(locator, "insecure-url", "vendor", vendor.id, location, message)
    for topic in catalog.topics.values():
        urls = [(f"vendor_links.{v}", url) for v, url in topic.vendor_links.items()]
        urls += [(f"links.{n}", url) for n, url in enumerate(topic.links)]
        for name, text in [*_topic_texts(topic), *urls]:
            for url in _INSECURE_URL.findall(text):
                message = f"{name}: {url} is not https"
                yield warning_at(
                    locator, "insecure-url", "topic", topic.id, name.split("."), message
                )


def todos(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    for topic in catalog.topics.values():
        for name in unfinished(topic):
            message = f"{name} still says {TODO_MARKER}: replies would show it"
            yield warning_at(locator, "todo", "topic", topic.id, name.split("."), message)


def unfinished(topic: Topic) -> list[str]:
    """The fields of `topic` that still hold a scaffold's TODO text."""
    return [name for name, text in _topic_texts(topic) if TODO_MARKER in text]


def _topic_texts(topic: Topic) -> Iterator[tuple[str, str]]:
    """(field name, text) of every text a reply may show; `vendor_directions.<id>`."""
    for name in TOPIC_TEXT_FIELDS:
        value = getattr(topic, name)
        if value:
            yield name, value
    for vendor_id, text in topic.vendor_directions.items():
        yield f"vendor_directions.{vendor_id}", text
