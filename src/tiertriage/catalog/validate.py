"""Merge catalogue sources entry by entry and validate them: each role, vendor and topic
into its typed model, then the rules across entries (roles and vendors that exist,
placeholders, escalate topics without directions). Every error names the file, the YAML
line, the topic or vendor and the field. A user entry with a shipped id replaces just
the fields it gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from tiertriage.catalog.learned import LearnedExample, add_learned
from tiertriage.catalog.models import (
    DEFAULT_VENDOR,
    LANGUAGE_CODE,
    NO_VENDOR,
    PLACEHOLDER,
    Role,
    Topic,
    Vendor,
)
from tiertriage.catalog.sources import Source
from tiertriage.errors import CatalogError
from tiertriage.wording import field_path, first_problem

# Besides each role's name: the topic's vendor, the domain, and that vendor's best
# channel and guide for the task (filled by `reply`).
EXTRA_PLACEHOLDERS = ("vendor", "domain", "vendor_contact", "vendor_guide")
RESERVED_VENDOR_IDS = (NO_VENDOR, DEFAULT_VENDOR)


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


class Entry(NamedTuple):
    """One role, vendor or topic merged from its sources, with where each field came from."""

    data: dict[str, Any]
    origin: Origin  # where the entry was first defined
    fields: dict[str, Origin]
    learned: list[LearnedExample]


def merge(sources: Sequence[Source], section: str) -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
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
                merged[entry_id] = Entry(dict(item), origin, field_origins, [])
    return merged


def _learn(
    merged: dict[str, Entry], origin: Origin, entry_id: str, item: dict[str, Any]
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


def validate(model: type[Any], entry: Entry, kind: str, entry_id: str) -> Any:
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


def _fail(entry: Entry, kind: str, entry_id: str, field_name: str | None, message: str) -> None:
    where = entry.fields.get(field_name, entry.origin) if field_name else entry.origin
    raise CatalogError(
        f"{where.where()}: {kind} '{entry_id}': "
        + (f"field '{field_name}': " if field_name else "")
        + message
    )


def check_vendors(
    vendors: dict[str, Vendor], roles: dict[str, Role], entries: dict[str, Entry]
) -> None:
    for vendor in vendors.values():
        entry = entries[vendor.id]
        if vendor.id in RESERVED_VENDOR_IDS:
            _fail(entry, "vendor", vendor.id, "id", "reserved: clients use it")
        for required in vendor.requires:
            if required not in vendors:
                _fail(entry, "vendor", vendor.id, "requires", f"unknown vendor '{required}'")
        for role in vendor.roles:
            if role not in roles:
                known = ", ".join(roles)
                _fail(
                    entry, "vendor", vendor.id, "roles", f"unknown role '{role}' (known: {known})"
                )


def check_roles(
    roles: dict[str, Role], vendors: dict[str, Vendor], entries: dict[str, Entry]
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


def check_topics(
    topics: dict[str, Topic],
    roles: dict[str, Role],
    vendors: dict[str, Vendor],
    entries: dict[str, Entry],
) -> None:
    allowed = set(EXTRA_PLACEHOLDERS) | set(roles)
    for topic in topics.values():
        entry = entries[topic.id]

        def fail(field_name: str | None, message: str, tid: str = topic.id) -> None:
            _fail(entries[tid], "topic", tid, field_name, message)

        if not topic.examples and not topic.keywords:
            fail("examples", "a topic needs examples or keywords to be matched")
        if topic.escalates:
            for name in (
                "directions",
                "vendor_directions",
                "vendor_links",
                "sources",
                "unverified",
                "search",
                "next_step",
                "role",
            ):
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
        keyed = {
            "vendor_directions": topic.vendor_directions,
            "vendor_links": topic.vendor_links,
            "sources": topic.sources,
            "unverified": dict.fromkeys(topic.unverified, ""),
        }
        for code, block in topic.languages.items():
            keyed[code] = {**block.vendor_directions, **block.vendor_links}
        for name, by_vendor in keyed.items():
            for vendor_id in by_vendor:
                vendor = vendors.get(vendor_id)
                if vendor is None or topic.role not in vendor.roles:
                    fail(name, f"'{vendor_id}' is not a vendor with role '{topic.role}'")
        for name, text in topic.templates.items():
            for placeholder in PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")):
                if placeholder not in allowed:
                    fail(
                        name.split(".")[0],
                        f"unknown placeholder '{{{placeholder}}}' "
                        f"(allowed: {', '.join('{' + p + '}' for p in sorted(allowed))})",
                    )
