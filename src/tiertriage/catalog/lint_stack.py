"""Lint rules for replies true to the client's stack and language: generic text that names
a vendor, vendors with no guide for a topic, reply fields missing in a language, and
templates that promise a channel. Pure: returns warnings (`lint.lint` runs them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from tiertriage.catalog.lint import TOPIC_TEXT_FIELDS, LintWarning, Locator, warning_at
from tiertriage.catalog.load import Catalog
from tiertriage.catalog.models import Topic, Vendor

# What the client reads: the title only labels the topic for the freelancer.
_REPLY_TEXT_FIELDS = TOPIC_TEXT_FIELDS[1:]
# A channel named in a template: the vendor may not have it (use {vendor_contact}).
_LITERAL_CHANNEL = re.compile(r"\blive[- ]chat\b|\bczat\w*", re.IGNORECASE)
# Names of languages in messages.
LANGUAGE_NAMES = {"pl": "Polish", "en": "English"}


def _generic_texts(topic: Topic) -> Iterator[tuple[tuple[str, ...], str]]:
    """(location, text) of everything a reply shows the client whatever their vendor."""
    for name in _REPLY_TEXT_FIELDS:
        if value := getattr(topic, name):
            yield (name,), value
    for number, url in enumerate(topic.links):
        yield ("links", str(number)), url
    for code, block in topic.languages.items():
        for name in _REPLY_TEXT_FIELDS:
            if value := getattr(block, name):
                yield (code, name), value
        for number, url in enumerate(block.links):
            yield (code, "links", str(number)), url


def _vendor_pattern(vendor: Vendor) -> re.Pattern[str]:
    """The vendor's name (as spelled), its aliases and its sites' hosts (any case)."""
    hosts = {
        urlsplit(url).netloc.lower().removeprefix("www.")
        for url in (
            vendor.website,
            vendor.support.help,
            vendor.support.chat,
            vendor.support.contact,
        )
        if url
    }
    loose = "|".join(
        re.escape(term) for term in sorted({*vendor.aliases, *hosts}, key=len, reverse=True)
    )
    name = re.escape(vendor.name)
    return re.compile(
        rf"(?<!\w)(?:{name}|(?i:{loose}))(?!\w)" if loose else rf"(?<!\w){name}(?!\w)"
    )


def foreign_vendors(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    """A reply must never show another vendor's name, screens or site. Generic text may
    name only what every vendor of the role runs on (WordPress, for WordPress themes);
    one vendor's directions may not name another vendor of the role."""
    patterns = {vendor.id: _vendor_pattern(vendor) for vendor in catalog.vendors.values()}
    for topic in catalog.topics.values():
        role_vendors = catalog.vendors_for(topic.role) if topic.role else []
        shared = (
            set.intersection(*(set(v.requires) for v in role_vendors)) if role_vendors else set()
        )
        for location, text in _generic_texts(topic):
            for vendor in catalog.vendors.values():
                if vendor.id not in shared and patterns[vendor.id].search(text):
                    message = (
                        f"{'.'.join(location)} names {vendor.name}: generic text is shown "
                        "to every vendor's clients"
                    )
                    yield warning_at(
                        locator, "foreign-vendor", "topic", topic.id, location, message
                    )
        own_texts: list[tuple[tuple[str, ...], str, str]] = [
            (("vendor_directions", vid), vid, text) for vid, text in topic.vendor_directions.items()
        ]
        for code, block in topic.languages.items():
            own_texts += [
                ((code, "vendor_directions", vid), vid, text)
                for vid, text in block.vendor_directions.items()
            ]
        for location, owner, text in own_texts:
            for vendor in role_vendors:
                if vendor.id != owner and patterns[vendor.id].search(text):
                    message = (
                        f"{'.'.join(location)} names {vendor.name}, another {topic.role} vendor"
                    )
                    yield warning_at(
                        locator, "foreign-vendor", "topic", topic.id, location, message
                    )


def vendors_without_guide(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    for topic in catalog.topics.values():
        if topic.role is None or topic.escalates:
            continue
        missing = [
            vendor.id
            for vendor in catalog.vendors_for(topic.role)
            if vendor.id not in topic.vendor_directions
            and vendor.id not in topic.vendor_links
            and vendor.id not in topic.unverified
        ]
        if missing:
            message = (
                f"no vendor_directions or vendor_links for {', '.join(missing)}: their clients "
                "get the generic text and the help centre (list them under `unverified:` once "
                "their own page for this was looked for and not found)"
            )
            location = ("vendor_links",) if topic.vendor_links else ()
            yield warning_at(locator, "no-vendor-guide", "topic", topic.id, location, message)


def missing_translations(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    """Every language some topic is written in (`pl:` blocks) should have every topic's
    reply fields: a reply in that language falls back to English where one is missing."""
    languages = sorted({code for topic in catalog.topics.values() for code in topic.languages})
    for topic in catalog.topics.values():
        for code in languages:
            block = topic.languages.get(code)
            missing = [
                name
                for name in TOPIC_TEXT_FIELDS
                if getattr(topic, name) and not (block and getattr(block, name))
            ]
            given = block.vendor_directions if block else {}
            missing += [f"vendor_directions.{v}" for v in topic.vendor_directions if v not in given]
            if missing:
                language = LANGUAGE_NAMES.get(code, code)
                message = (
                    f"no {language} text for {', '.join(missing)}: "
                    f"a {language} reply shows the English"
                )
                location = (code,) if block else ()
                yield warning_at(
                    locator, "missing-translation", "topic", topic.id, location, message
                )


def literal_channels(catalog: Catalog, locator: Locator) -> Iterator[LintWarning]:
    for topic in catalog.topics.values():
        for name, text in topic.templates.items():
            found = _LITERAL_CHANNEL.search(text)
            if found:
                message = (
                    f"{name} says {found.group(0)!r}: not every vendor has one; "
                    "write {vendor_contact} for the vendor's best channel"
                )
                yield warning_at(
                    locator, "literal-channel", "topic", topic.id, tuple(name.split(".")), message
                )
