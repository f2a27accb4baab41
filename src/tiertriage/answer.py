"""Triage questions: match, decide, pick the vendor, build the reply. Library API of `ask`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from tiertriage.catalog.load import Catalog
from tiertriage.catalog.models import Action, Client, Settings, Topic, Vendor
from tiertriage.matching.lexical import SHOWN, Decision, decide
from tiertriage.reply import Recipient, Section, compose


class Outcome(NamedTuple):
    """What the matcher made of one question."""

    question: str
    decision: Decision
    topic: Topic | None  # the in-scope topic answered; None when escalated
    matched: Topic | None  # the best-ranked topic, in or out of scope
    action: Action
    vendor: Vendor | None

    @property
    def escalate(self) -> bool:
        return self.action == "escalate"

    @property
    def consult(self) -> str | None:
        """The catalogue's reason to offer a consult, when the matched topic gives one."""
        if self.action == "escalate":
            return self.matched.consult if self.matched and self.matched.escalates else None
        return self.topic.consult if self.topic else None

    @property
    def score(self) -> float:
        return self.decision.best.score if self.decision.best else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic.id if self.topic else None,
            "title": (self.matched.title if self.matched else "Out of scope"),
            "score": self.score,
            "action": self.action,
            "escalate": self.escalate,
            "ambiguous": self.decision.outcome == "ambiguous",
            "matched_topic": self.matched.id if self.matched else None,
            "vendor": vendor_dict(self.vendor) if self.vendor else None,
            "alternatives": [
                {"topic": s.topic, "score": s.score} for s in self.decision.alternatives
            ],
            "question": self.question,
        }


class Result(NamedTuple):
    items: list[Outcome]
    reply: str
    extra: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        first = self.items[0].to_dict()
        data = {**first, "reply": self.reply, **(self.extra or {})}
        if len(self.items) > 1:
            data["items"] = [item.to_dict() for item in self.items]
        return data


def vendor_dict(vendor: Vendor) -> dict[str, Any]:
    support = vendor.support
    return {
        "id": vendor.id,
        "name": vendor.name,
        "roles": list(vendor.roles),
        "chat_url": support.chat,
        "chat_hours": support.chat_hours,
        "help_url": support.help,
        "contact_url": support.contact,
        "phone": support.phone,
        "status_url": support.status,
        "community_url": support.community,
        "response_time": support.response_time,
    }


def classify(catalog: Catalog, question: str, stack: Mapping[str, Vendor]) -> Outcome:
    decision = decide(catalog.index.rank(question, limit=SHOWN))
    matched = catalog.topics[decision.best.topic] if decision.best else None
    if decision.outcome == "escalate" or matched is None:
        return Outcome(question, decision, None, matched, "escalate", None)
    vendor = stack.get(matched.role) if matched.role else None
    return Outcome(question, decision, matched, matched, matched.action, vendor)


def ask(
    catalog: Catalog,
    questions: Sequence[str],
    *,
    settings: Settings,
    stack: Mapping[str, Vendor],
    recipient: Recipient | None = None,
    client: Client | None = None,
    today: date | None = None,
) -> Result:
    """Triage one or more questions from the same message into one reply.

    With a `client`, the reply greets their contact and names their domain (unless a
    `recipient` says otherwise) and, once their support has ended, offers a consult.
    """
    if not questions:
        raise ValueError("ask() needs at least one question")
    items = [classify(catalog, q, stack) for q in questions]
    sections = [Section(o.question, o.action, o.topic, o.vendor, o.consult) for o in items]
    if recipient is None:
        recipient = Recipient.of(client, today or date.today())
    reply = compose(sections, recipient, settings, stack)
    extra = {
        "client": client.model_dump(mode="json") if client else None,
        "support_expired": recipient.support_ended is not None,
    }
    return Result(items, reply, extra)
