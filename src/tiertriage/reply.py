"""Build the ready-to-send reply. Pure: text in, text out.

Catalogue text is filled by plain substitution of known ``{placeholder}`` names,
never by ``str.format``, so a catalogue can never reach attributes or run code.
Anything unset in the user's settings becomes a neutral sentence, never "None".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import PLACEHOLDER, Action, Topic, Vendor
from tiertriage.wording import shorten

if TYPE_CHECKING:
    from tiertriage.settings import Settings
    from tiertriage.store.clients import Client

CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}
GENERIC_CONSULT = (
    "This goes beyond a quick how-to: it deserves a proper look rather than a rushed email."
)
SUPPORT_ENDED = (
    "The email support included with your project ended on {date}, "
    "so from here I offer help as paid time."
)
# The holding reply for a question nothing in the catalogue fits: never a consult pitch.
HOLDING = "Thanks for your message. I'll look into this and come back to you {when}."
HOLDING_ONE_OF_SEVERAL = "I'll look into this one and come back to you {when}."


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

    @classmethod
    def of(cls, client: Client | None, today: date) -> Recipient:
        """Who a reply for `client` greets, whose domain it names, and their support."""
        if client is None:
            return cls()
        ended = client.support_until if client.support_expired(today) else None
        return cls(client.first_name, client.domain, ended)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known ``{name}`` placeholders; ``{{`` and ``}}`` stand for braces."""
    escaped = template.replace("{{", "\0").replace("}}", "\1")
    filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), escaped)
    return filled.replace("\0", "{").replace("\1", "}")


def placeholder_values(
    stack: Mapping[str, Vendor], vendor: Vendor | None, domain: str | None
) -> dict[str, str]:
    values = {role: v.name for role, v in stack.items()}
    values["vendor"] = vendor.name if vendor else "your provider"
    values["domain"] = domain or "your domain"
    return values


def support_line(vendor: Vendor) -> str:
    """ "Hover support: live chat https://... (24/7) · help centre https://..."."""
    support = vendor.support
    channels: list[str] = []
    if support.chat:
        hours = f" ({support.chat_hours})" if support.chat_hours else ""
        channels.append(f"live chat {support.chat}{hours}")
    channels.append(f"help centre {support.help}")
    if support.contact and not support.chat:
        channels.append(f"contact form {support.contact}")
    if support.phone:
        hours = f" ({support.phone_hours})" if support.phone_hours else ""
        channels.append(f"phone {support.phone}{hours}")
    line = f"{vendor.name} support: " + ", ".join(channels) + "."
    if support.status:
        line += f" Service status: {support.status}"
    return line


def rate_text(settings: Settings) -> str | None:
    if settings.hourly_rate is None:
        return None
    amount = f"{settings.hourly_rate:,.2f}".removesuffix(".00")
    currency = (settings.currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol:
        return f"{symbol}{amount} an hour"
    return f"{amount} {currency} an hour".replace("  ", " ")


def consult_invitation(settings: Settings) -> str:
    rate = rate_text(settings)
    offer = "I'd be glad to go through it with you in a paid consult"
    offer += f" ({rate})." if rate else "."
    if settings.booking_link:
        return f"{offer} You can book a time here: {settings.booking_link}"
    return f"{offer} Just reply to this email and we'll find a time."


def reply_by(today: date) -> str:
    """When a holding reply promises an answer: the next working day."""
    weekday = today.weekday()  # Monday is 0
    return "on Monday" if weekday >= 4 else "by tomorrow"


def section_text(section: Section, values: Mapping[str, str]) -> list[str]:
    """The paragraphs answering one question (none for an escalation or a review)."""
    topic = section.topic
    if section.action in ("escalate", "review") or topic is None:
        return []
    vendor_id = section.vendor.id if section.vendor else None
    directions = topic.vendor_directions.get(vendor_id or "", topic.directions or "")
    paragraphs = [fill(directions, values).strip()]
    if topic.search:
        paragraphs.append(f'If you want to read more, search for "{fill(topic.search, values)}".')
    if section.vendor:
        paragraphs.append(support_line(section.vendor))
    if topic.next_step:
        paragraphs.append(fill(topic.next_step, values).strip())
    return paragraphs


def compose(
    sections: Sequence[Section],
    recipient: Recipient,
    settings: Settings,
    stack: Mapping[str, Vendor],
    *,
    today: date | None = None,
) -> str:
    """The whole reply: greeting, each question in turn, the consult offer, sign-off.

    A question under review gets a holding sentence instead of an answer or a pitch.
    """
    paragraphs = [f"Hi {recipient.first_name}," if recipient.first_name else "Hi there,"]
    several = len(sections) > 1
    when = reply_by(today or date.today())
    reasons: list[str] = []
    for section in sections:
        values = placeholder_values(stack, section.vendor, recipient.domain)
        body = section_text(section, values)
        if several:
            paragraphs.append(f"> {shorten(section.question, 160)}")
        if body:
            paragraphs.extend(body)
        elif section.action == "review":
            holding = HOLDING_ONE_OF_SEVERAL if several else HOLDING
            paragraphs.append(holding.format(when=when))
        elif several:
            paragraphs.append("This one needs more than a quick email; see below.")
        if section.action in ("answer+consult", "escalate"):
            reasons.append(fill(section.consult, values) if section.consult else GENERIC_CONSULT)
    if recipient.support_ended:
        ended = recipient.support_ended
        reasons.append(SUPPORT_ENDED.format(date=f"{ended.day} {ended:%B %Y}"))
    if reasons:
        unique = list(dict.fromkeys(reasons))
        paragraphs.append(" ".join([*unique, consult_invitation(settings)]))
    paragraphs.append(sign_off(settings))
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def sign_off(settings: Settings) -> str:
    if settings.signature:
        return settings.signature
    return f"Best,\n{settings.name}" if settings.name else "Best,"
