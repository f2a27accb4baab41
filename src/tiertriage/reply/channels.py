"""How a reply names a vendor's support: the channels it really has, in the reply's language.

Pure. Best channel first: live chat > phone > ticket or contact form > email > help
centre (or, for projects without a help desk, their community forum). Hours are shown
as the catalogue has them, except round-the-clock claims ("24/7"), which need a source
in the vendor's `sources`; a channel that depends on the plan says so. No phrase ever
says "live chat" for a vendor without a chat link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tiertriage.catalog.models import Support, Vendor

ENGLISH = "en"

# The phrases, by language. Every URL ends its phrase or is followed by a space.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "via_chat": "on their live chat {url}",
        "via_desk": "by live chat or a message{details} from their support page {url}",
        "via_phone": "by phone on {number}",
        "via_form": "through their support form {url}",
        "via_email": "by email at {address}",
        "via_help": "through their help centre {url}",
        "via_forum": "in their community forum {url}",
        "otherwise": "{first}, otherwise {second}",
        "chat": "live chat {url}",
        "desk": "live chat or message {url}",
        "phone": "phone {number}",
        "form": "support form {url}",
        "email": "email {address}",
        "help": "help centre {url}",
        "docs": "documentation {url}",
        "forum": "community forum {url}",
        "status": "service status {url}",
        "line": "{vendor} support: {channels}",
        "check_hours": "check their site for current hours",
        "language": "in {names}",
    },
    "pl": {
        "via_chat": "przez czat na żywo {url}",
        "via_desk": "przez czat na żywo lub wiadomość{details} na stronie pomocy {url}",
        "via_phone": "telefonicznie pod numerem {number}",
        "via_form": "przez formularz zgłoszeniowy {url}",
        "via_email": "mailowo na adres {address}",
        "via_help": "przez centrum pomocy {url}",
        "via_forum": "na forum społeczności {url}",
        "otherwise": "{first}, a w innym wypadku {second}",
        "chat": "czat na żywo {url}",
        "desk": "czat lub wiadomość {url}",
        "phone": "telefon {number}",
        "form": "formularz zgłoszeniowy {url}",
        "email": "e-mail {address}",
        "help": "centrum pomocy {url}",
        "docs": "dokumentacja {url}",
        "forum": "forum społeczności {url}",
        "status": "status usług {url}",
        "line": "Pomoc {vendor}: {channels}",
        "check_hours": "aktualne godziny są na ich stronie",
        "language": "po {names}",
        # The catalogue words plans in English; a Polish reply says only that they matter.
        "plans": "zależnie od planu",
    },
}
LANGUAGE_NAMES = {
    "en": {"en": "English", "pl": "Polish"},
    "pl": {"en": "angielsku", "pl": "polsku"},
}
# Day names in published hours, for a Polish reply ("Mon-Fri 9-17" -> "pon.-pt. 9-17").
POLISH_DAYS = {
    "weekdays": "w dni robocze",
    "monday": "pon.",
    "tuesday": "wt.",
    "wednesday": "śr.",
    "thursday": "czw.",
    "friday": "pt.",
    "saturday": "sob.",
    "sunday": "niedz.",
    "mon": "pon.",
    "tue": "wt.",
    "wed": "śr.",
    "thu": "czw.",
    "fri": "pt.",
    "sat": "sob.",
    "sun": "niedz.",
}
_DAY = re.compile(r"\b(" + "|".join(POLISH_DAYS) + r")\b", re.IGNORECASE)
# A promise of support at any hour: stated only when the catalogue gives its source.
ROUND_THE_CLOCK = re.compile(
    r"24\s*/\s*7|24\s*x\s*7|24[- ]hours?|round[- ]the[- ]clock|any ?time|całodob", re.IGNORECASE
)


def phrase(language: str, key: str, **values: str) -> str:
    table = PHRASES.get(language, PHRASES[ENGLISH])
    return (table[key] if key in table else PHRASES[ENGLISH][key]).format(**values)


def source_key(field: str) -> str:
    """The key of a support fact in `Vendor.sources`: "support.chat_hours"."""
    return f"support.{field}"


def hours(vendor: Vendor, field: str, language: str) -> str | None:
    """Published hours of a channel (`chat_hours`, `phone_hours`) as a reply may state them:
    a round-the-clock claim without a source is left out."""
    text = getattr(vendor.support, field)
    if not text:
        return None
    if ROUND_THE_CLOCK.search(text) and source_key(field) not in vendor.sources:
        return None
    return in_language(text, language)


def in_language(text: str, language: str) -> str:
    """Hours or office hours in the reply's language (day names; the rest as written)."""
    if language != "pl":
        return text
    return _DAY.sub(lambda m: POLISH_DAYS[m.group(1).lower()], text)


def help_url(support: Support, language: str) -> str:
    """The help centre, in Polish where the vendor has one."""
    return support.help_pl if language == "pl" and support.help_pl else support.help


def _details(vendor: Vendor, language: str, *, hours_field: str | None, plans: bool) -> str:
    """ " (Mon-Fri 9-5, paid plans, in English)", or "" when there is nothing to say."""
    parts: list[str] = []
    if hours_field and (shown := hours(vendor, hours_field, language)):
        parts.append(shown)
    support = vendor.support
    if plans and support.chat_plans:
        parts.append(phrase(language, "plans") if language == "pl" else support.chat_plans)
    if support.languages and language not in support.languages:
        names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES[ENGLISH])
        spoken = [names.get(code, code) for code in support.languages]
        parts.append(phrase(language, "language", names=", ".join(spoken)))
    return f" ({', '.join(parts)})" if parts else ""


def vendor_contact(vendor: Vendor, language: str = ENGLISH, *, urgent: bool = False) -> str:
    """The vendor's best real channel as a phrase: "on their live chat https://... (24/7)".

    A chat that depends on the plan also names the next channel; for an urgent question
    a channel without published hours adds "check their site for current hours".
    """
    support = vendor.support
    if support.chat:
        details = _details(vendor, language, hours_field="chat_hours", plans=True)
        if support.chat_plans:
            chat = phrase(language, "via_chat", url=support.chat) + details
            return phrase(language, "otherwise", first=chat, second=_after_chat(vendor, language))
        soft = _soft_hours(vendor, "chat_hours", language, urgent)
        if support.contact == support.chat:
            # One support page that offers a chat or a message (by the queue, or by choice).
            return phrase(language, "via_desk", url=support.chat, details=details + soft)
        return phrase(language, "via_chat", url=support.chat) + details + soft
    if support.phone:
        call = phrase(language, "via_phone", number=support.phone)
        call += _details(vendor, language, hours_field="phone_hours", plans=False)
        return call + _soft_hours(vendor, "phone_hours", language, urgent)
    return _after_chat(vendor, language)


def _after_chat(vendor: Vendor, language: str) -> str:
    """The best channel that is not chat: for vendors without one, and for clients whose
    plan has none (then the chat's own page is no way in, and the forum is the free one)."""
    support = vendor.support
    if support.phone:
        return phrase(language, "via_phone", number=support.phone) + _details(
            vendor, language, hours_field="phone_hours", plans=False
        )
    if support.contact and support.contact != support.chat:
        return phrase(language, "via_form", url=support.contact)
    if support.email:
        return phrase(language, "via_email", address=support.email)
    if support.community and (not support.helpdesk or support.chat_plans):
        return phrase(language, "via_forum", url=support.community)
    return phrase(language, "via_help", url=help_url(support, language))


def _soft_hours(vendor: Vendor, field: str, language: str, urgent: bool) -> str:
    if not urgent or hours(vendor, field, language):
        return ""
    return f" ({phrase(language, 'check_hours')})"


def support_line(vendor: Vendor, language: str = ENGLISH) -> str:
    """ "Hover support: phone +1 ... · support form https://... · help centre https://..."."""
    support = vendor.support
    channels: list[str] = []
    if support.chat:
        desk = "desk" if support.contact == support.chat and not support.chat_plans else "chat"
        channels.append(
            phrase(language, desk, url=support.chat)
            + _details(vendor, language, hours_field="chat_hours", plans=True)
        )
    if support.phone:
        channels.append(
            phrase(language, "phone", number=support.phone)
            + _details(vendor, language, hours_field="phone_hours", plans=False)
        )
    if support.contact and support.contact != support.chat:
        channels.append(phrase(language, "form", url=support.contact))
    if support.email:
        channels.append(phrase(language, "email", address=support.email))
    desk = "help" if support.helpdesk else "docs"
    channels.append(phrase(language, desk, url=help_url(support, language)))
    if not support.helpdesk and support.community:
        channels.append(phrase(language, "forum", url=support.community))
    if support.status:
        channels.append(phrase(language, "status", url=support.status))
    return phrase(language, "line", vendor=vendor.name, channels=" · ".join(channels))
