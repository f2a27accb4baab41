"""Build the ready-to-send reply. Pure: text in, text out.

Catalogue text is filled by plain substitution of known ``{placeholder}`` names,
never by ``str.format``, so a catalogue can never reach attributes or run code.
Anything unset in the user's settings becomes a neutral sentence, never "None".

A reply shows the client's own vendor only: the topic's `vendor_directions` for that
vendor, else the generic directions and that vendor's own guide for the task (or its
help centre). It is written in one language: a topic's `pl:` block replaces the
English reply fields it gives, and every sentence the program adds is in that language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import PLACEHOLDER, Action, Role, Topic, Vendor
from tiertriage.reply.channels import ENGLISH, help_url, in_language, support_line, vendor_contact
from tiertriage.reply.phrases import CURRENCY_SYMBOLS, POLISH_CURRENCY, POLISH_MONTHS, text
from tiertriage.wording import shorten

if TYPE_CHECKING:
    from tiertriage.settings import Settings
    from tiertriage.store.clients import Client

# A URL directly followed by punctuation, which mail clients would make part of the link.
_GLUED = re.compile(r"(https?://[^\s()<>]+)([.,;:!?]+)(?=\s|$|\))")
DASH = "\u2013"  # an en dash: stands in for a comma or colon right after a URL
_SENTENCE_AFTER_URL = re.compile(r"(https?://[^\s()<>]+?)\. +(?=\S)")


class Section(NamedTuple):
    """One question's part of the reply."""

    question: str
    action: Action
    topic: Topic | None = None  # the in-scope topic answered
    vendor: Vendor | None = None
    consult: str | None = None  # why a consult is offered (the catalogue's wording)


class Recipient(NamedTuple):
    first_name: str | None = None
    domain: str | None = None
    support_ended: date | None = None  # set once the included support is over
    greeting: str | None = None  # the client's own greeting ("Dear Dr Kowalski")

    @classmethod
    def of(cls, client: Client | None, today: date) -> Recipient:
        """Who a reply for `client` greets, whose domain it names, and their support."""
        if client is None:
            return cls()
        ended = client.support_until if client.support_expired(today) else None
        return cls(client.first_name, client.domain, ended, client.greeting)


class Wording(NamedTuple):
    """A topic's reply fields in one language."""

    directions: str
    vendor_directions: Mapping[str, str]
    vendor_links: Mapping[str, str]
    links: Sequence[str]
    search: str | None
    next_step: str | None
    consult: str | None


def wording(topic: Topic, language: str = ENGLISH) -> Wording:
    """`topic`'s reply fields in `language`, each falling back to English when the
    language block does not give it (lint warns about those). Vendor directions follow
    the generic ones: with Polish generic text, a vendor without Polish directions gets
    the Polish generic text and its guide rather than English screens."""
    block = topic.languages.get(language) if language != ENGLISH else None
    if block is None:
        return Wording(
            topic.directions or "",
            topic.vendor_directions,
            topic.vendor_links,
            topic.links,
            topic.search,
            topic.next_step,
            topic.consult,
        )
    return Wording(
        block.directions or topic.directions or "",
        block.vendor_directions if block.directions else topic.vendor_directions,
        {**topic.vendor_links, **block.vendor_links},
        block.links or topic.links,
        block.search or topic.search,
        block.next_step or topic.next_step,
        block.consult or topic.consult,
    )


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known ``{name}`` placeholders; ``{{`` and ``}}`` stand for braces."""
    escaped = template.replace("{{", "\0").replace("}}", "\1")
    filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), escaped)
    return filled.replace("\0", "{").replace("\1", "}")


def unglue_urls(paragraph: str) -> str:
    """No punctuation glued to a URL, so every mail client links exactly the address: a
    full stop ending a line goes, one ending a sentence inside a line becomes a line
    break, a comma, colon or semicolon becomes a dash, and other marks get a space."""

    def fix(match: re.Match[str]) -> str:
        url, marks = match.groups()
        rest = paragraph[match.end() :]
        if marks == "." and (not rest or rest.startswith("\n")):
            return url
        if marks in (",", ":", ";"):
            return f"{url} {DASH}"
        return f"{url} {marks}"

    return _GLUED.sub(fix, _SENTENCE_AFTER_URL.sub(r"\1\n", paragraph))


def placeholder_values(
    stack: Mapping[str, Vendor],
    vendor: Vendor | None,
    domain: str | None,
    *,
    language: str = ENGLISH,
    roles: Mapping[str, Role] | None = None,
    guide: str | None = None,
    urgent: bool = False,
) -> dict[str, str]:
    """What each placeholder stands for in one section: the names of the client's vendors
    (a role they do not have: "your web host"), the domain, and the vendor's channel and
    guide for the task."""
    values = {
        role: text(language, "no_vendor", label=info.label_in(language))
        for role, info in (roles or {}).items()
    }
    values.update({role: v.name for role, v in stack.items()})
    values["vendor"] = vendor.name if vendor else text(language, "any_vendor")
    values["domain"] = domain or text(language, "no_domain")
    if vendor is not None:
        values["vendor_contact"] = vendor_contact(vendor, language, urgent=urgent)
        values["vendor_guide"] = guide or help_url(vendor.support, language)
    return values


def rate_text(settings: Settings, language: str = ENGLISH) -> str | None:
    if settings.hourly_rate is None:
        return None
    amount = f"{settings.hourly_rate:,.2f}".removesuffix(".00")
    currency = (settings.currency or "").upper()
    if language == "pl":
        amount = amount.replace(",", " ").replace(".", ",")
        unit = POLISH_CURRENCY.get(currency, currency)
        return text(language, "rate", amount=f"{amount} {unit}".strip())
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol:
        return text(language, "rate", amount=f"{symbol}{amount}")
    return text(language, "rate", amount=f"{amount} {currency}".strip())


def consult_invitation(settings: Settings, language: str = ENGLISH) -> str:
    rate = rate_text(settings, language)
    offer = text(language, "offer")
    offer += f" ({rate})." if rate else "."
    if settings.booking_link:
        return f"{offer} {text(language, 'book', link=settings.booking_link)}"
    return f"{offer} {text(language, 'reply_to_book')}"


def reply_by(today: date, language: str = ENGLISH) -> str:
    """When a holding reply promises an answer: the next working day."""
    weekday = today.weekday()  # Monday is 0
    return text(language, "monday" if weekday >= 4 else "tomorrow")


def long_date(day: date, language: str = ENGLISH) -> str:
    if language == "pl":
        return f"{day.day} {POLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {day:%B %Y}"


def section_text(
    section: Section,
    stack: Mapping[str, Vendor],
    recipient: Recipient,
    *,
    language: str = ENGLISH,
    roles: Mapping[str, Role] | None = None,
    office_hours: str | None = None,
) -> list[str]:
    """The paragraphs answering one question (none for an escalation or a review)."""
    topic, vendor = section.topic, section.vendor
    if section.action in ("escalate", "review") or topic is None:
        return []
    words = wording(topic, language)
    guide = words.vendor_links.get(vendor.id) if vendor else None
    values = placeholder_values(
        stack,
        vendor,
        recipient.domain,
        language=language,
        roles=roles,
        guide=guide,
        urgent=topic.urgent,
    )
    own = words.vendor_directions.get(vendor.id) if vendor else None
    template = own or words.directions
    paragraphs = [fill(template, values).strip()]
    if vendor is not None and "{vendor_guide}" not in template:
        # The vendor's page for the task; without their own directions, at least the
        # help centre, so a client whose vendor the catalogue does not know has a guide.
        owner = possessive(vendor.name) if language == ENGLISH else vendor.name
        if guide:
            paragraphs.append(text(language, "guide", owner=owner, url=guide))
        elif not own:
            url = help_url(vendor.support, language)
            paragraphs.append(text(language, "help_centre", owner=owner, url=url))
    paragraphs.extend(text(language, "explainer", url=url) for url in words.links)
    if words.search:
        paragraphs.append(text(language, "search", term=fill(words.search, values)))
    if vendor is not None:
        paragraphs.append(support_line(vendor, language))
    if words.next_step:
        paragraphs.append(fill(words.next_step, values).strip())
    if topic.urgent and office_hours and vendor is not None:
        hours = in_language(office_hours, language)
        paragraphs.append(text(language, "office_hours", hours=hours, vendor=vendor.name))
    return paragraphs


def possessive(name: str) -> str:
    """ "Hover's", "Squarespace Domains'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def greeting(recipient: Recipient, language: str = ENGLISH) -> str:
    """The client's own greeting; else the first name in English, or the polite Polish
    "Dzień dobry," (a Polish name needs its vocative, which only a greeting gives)."""
    if recipient.greeting:
        return recipient.greeting.strip().rstrip(",") + ","
    if recipient.first_name and language == ENGLISH:
        return text(language, "greeting", name=recipient.first_name)
    return text(language, "greeting_anyone")


def compose(
    sections: Sequence[Section],
    recipient: Recipient,
    settings: Settings,
    stack: Mapping[str, Vendor],
    *,
    today: date | None = None,
    language: str = ENGLISH,
    roles: Mapping[str, Role] | None = None,
) -> str:
    """The whole reply: greeting, each question in turn, the consult offer, sign-off.

    A question under review gets a holding sentence instead of an answer or a pitch.
    """
    paragraphs = [greeting(recipient, language)]
    several = len(sections) > 1
    when = reply_by(today or date.today(), language)
    reasons: list[str] = []
    for section in sections:
        body = section_text(
            section,
            stack,
            recipient,
            language=language,
            roles=roles,
            office_hours=settings.office_hours,
        )
        if several:
            paragraphs.append(f"> {shorten(section.question, 160)}")
        if body:
            paragraphs.extend(body)
        elif section.action == "review":
            paragraphs.append(text(language, "holding_one" if several else "holding", when=when))
        elif several:
            paragraphs.append(text(language, "see_below"))
        if section.action in ("answer+consult", "escalate"):
            values = placeholder_values(
                stack, section.vendor, recipient.domain, language=language, roles=roles
            )
            reason = section.consult or text(language, "generic_consult")
            reasons.append(fill(reason, values))
    if recipient.support_ended:
        ended = long_date(recipient.support_ended, language)
        reasons.append(text(language, "support_ended", date=ended))
    if reasons:
        unique = list(dict.fromkeys(reasons))
        paragraphs.append(" ".join([*unique, consult_invitation(settings, language)]))
    paragraphs.append(sign_off(settings, language))
    # Quoted questions stay as the client wrote them.
    shown = [p if p.startswith("> ") else unglue_urls(p) for p in paragraphs if p]
    return "\n\n".join(shown) + "\n"


def sign_off(settings: Settings, language: str = ENGLISH) -> str:
    """The signature, else "Best," and the name, else a sign-off that stands alone.

    A Polish reply says "Pozdrawiam,": a signature's own first line is replaced when it
    is a sign-off ("Cheers,"), and the lines after it (name, phone) are kept."""
    closing = text(language, "sign_off")
    if settings.signature:
        if language == ENGLISH:
            return settings.signature
        first, _, rest = settings.signature.partition("\n")
        if first.rstrip().endswith(","):
            return f"{closing}\n{rest}" if rest else closing
        return f"{closing}\n{settings.signature}"
    if settings.name:
        return f"{closing}\n{settings.name}"
    return text(language, "sign_off_alone")
