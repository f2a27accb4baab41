"""The client's "who to call" card: for each vendor in their stack, what it looks after,
how to reach its support best first, and what to have ready; then the freelancer's terms.

Pure: the client, their stack and the settings in, a typed `Card` out; `render.card`
prints it as plain text, Markdown or HTML. Every word comes from `card.texts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.card.texts import ENGLISH, LANGUAGE_NAMES, has, text

if TYPE_CHECKING:
    from tiertriage.catalog.models import Role, Vendor
    from tiertriage.settings import Settings
    from tiertriage.store.clients import Client


class Reach(NamedTuple):
    """One way to reach a vendor's support."""

    kind: str  # chat, phone, ticket, email, help, forum
    label: str
    value: str  # a web address, a phone number or an email address
    detail: str | None = None  # published hours, or the plans it depends on

    @property
    def is_url(self) -> bool:
        return self.value.startswith(("https://", "http://"))


class Entry(NamedTuple):
    """One vendor on the card, with every role it fills for the client."""

    vendor: Vendor
    roles: list[str]
    handles: list[str]  # what it looks after, in plain words
    reach: list[Reach]  # best first
    status: str | None  # the status page
    ready: list[str]  # what to have ready when contacting it
    note: str | None  # e.g. the languages its support answers in


class Card(NamedTuple):
    language: str
    client: Client
    entries: list[Entry]
    terms: list[str]  # the freelancer's own terms, one sentence each
    booking_link: str | None
    freelancer: str | None  # the freelancer's name
    signature: str  # how an email of the card ends

    def text(self, key: str, **values: str) -> str:
        return text(self.language, key, **values)

    @property
    def title(self) -> str:
        return self.text("title", client=self.client.name)


def long_date(day: date, language: str) -> str:
    """ "31 December 2025", "31 grudnia 2025"."""
    months = text(language, "months").split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _reach(vendor: Vendor, language: str) -> list[Reach]:
    support = vendor.support
    chat_detail = "; ".join(d for d in (support.chat_hours, support.chat_plans) if d) or None
    # The help centre in the client's language where the vendor has one.
    help_url = support.help_pl if language == "pl" and support.help_pl else support.help
    found = [
        ("chat", support.chat, chat_detail),
        ("phone", support.phone, support.phone_hours),
        ("ticket", support.contact, None),
        ("email", support.email, None),
        ("help", help_url, None),
        ("forum", support.community, None),
    ]
    seen: set[str] = set()  # one chat-or-ticket page is listed once, as its best channel
    reach = []
    for kind, value, detail in found:
        if value and value not in seen:
            seen.add(value)
            reach.append(Reach(kind, text(language, kind), value, detail))
    return reach


def _support_note(vendor: Vendor, language: str) -> str | None:
    """Which languages its support answers in, when the catalogue says and it matters:
    only for a client whose language is not among them."""
    spoken = vendor.support.languages
    if not spoken or language in spoken:
        return None
    names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES[ENGLISH])
    return text(language, "support_language", languages=", ".join(names.get(c, c) for c in spoken))


def _entry(
    vendor: Vendor, roles: list[str], labels: Mapping[str, Role], client: Client, language: str
) -> Entry:
    domain = client.domain
    handles = [
        text(language, f"handles.{role}", domain=f" ({domain})" if domain else "")
        if has(language, f"handles.{role}")
        else text(language, "handles.other", label=labels[role].label)
        for role in roles
    ]
    ready = [text(language, "ready.login", vendor=vendor.name)]
    if domain:
        ready.append(text(language, "ready.domain", domain=domain))
    for role in roles:
        if has(language, f"ready.{role}"):
            ready.append(text(language, f"ready.{role}"))
    return Entry(
        vendor,
        roles,
        handles,
        _reach(vendor, language),
        vendor.support.status,
        list(dict.fromkeys(ready)),
        _support_note(vendor, language),
    )


def rate(settings: Settings, language: str) -> str | None:
    """The consult rate in words: "$90 an hour", "90 PLN za godzinę"."""
    if settings.hourly_rate is None:
        return None
    if language == ENGLISH:
        from tiertriage.reply.compose import rate_text

        return rate_text(settings)
    amount = f"{settings.hourly_rate:,.2f}".removesuffix(".00").replace(",", " ")
    return text(language, "rate", amount=f"{amount} {(settings.currency or '').upper()}".strip())


def terms(
    client: Client, settings: Settings, language: str, today: date, office_hours: str | None
) -> list[str]:
    """The freelancer's terms: email directions until the support-until date, office
    hours, and the consult with its rate and booking link."""
    until = client.support_until
    if until is None:
        lines = [text(language, "support_open")]
    elif client.support_expired(today):
        lines = [text(language, "support_ended", date=long_date(until, language))]
    else:
        lines = [text(language, "support_until", date=long_date(until, language))]
    if office_hours:
        lines.append(text(language, "office_hours", hours=office_hours))
    price = rate(settings, language)
    consult = text(
        language, "consult", rate=text(language, "consult_rate", rate=price) if price else ""
    )
    link = settings.booking_link
    lines.append(
        consult + (text(language, "book", link=link) if link else text(language, "no_link"))
    )
    return lines


def build_card(
    client: Client,
    stack: Mapping[str, Vendor | None],
    roles: Mapping[str, Role],
    settings: Settings,
    *,
    language: str = ENGLISH,
    today: date | None = None,
    office_hours: str | None = None,
) -> Card:
    """The card for `client`: one entry per vendor of `stack` (role -> vendor; a role
    without one is left out), in the catalogue's role order; a vendor filling several
    roles (a hosted platform) is one entry."""
    grouped: dict[str, tuple[Vendor, list[str]]] = {}
    for role in roles:
        vendor = stack.get(role)
        if vendor is not None:
            grouped.setdefault(vendor.id, (vendor, []))[1].append(role)
    entries = [_entry(vendor, held, roles, client, language) for vendor, held in grouped.values()]
    signature = settings.signature or "\n".join(
        line for line in (text(language, "sign_off"), settings.name) if line
    )
    return Card(
        language,
        client,
        entries,
        terms(client, settings, language, today or date.today(), office_hours),
        settings.booking_link,
        settings.name,
        signature,
    )
