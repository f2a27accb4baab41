"""The JSON shapes of results, built in one place from the typed records.

`ask --json`, each line of `triage --json` and `vendors --json` all come from here, so
a field is named and filled the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tiertriage.answer import Answer, QuestionOutcome
    from tiertriage.catalog.models import Vendor
    from tiertriage.mail.message import Sender
    from tiertriage.matching.lexical import Scored
    from tiertriage.store.clients import Client


def vendor_json(vendor: Vendor) -> dict[str, Any]:
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


def client_json(client: Client) -> dict[str, Any]:
    return client.model_dump(mode="json")


def outcome_json(outcome: QuestionOutcome) -> dict[str, Any]:
    """One question's fields of `ask --json`."""
    return {
        "topic": outcome.topic.id if outcome.topic else None,
        "title": outcome.matched.title if outcome.matched else "Out of scope",
        "score": outcome.score,
        "action": outcome.action,
        "escalate": outcome.escalate,
        "review": outcome.action == "review",
        "ambiguous": outcome.decision.verdict == "ambiguous",
        "matched_topic": outcome.matched.id if outcome.matched else None,
        "vendor": vendor_json(outcome.vendor) if outcome.vendor else None,
        "alternatives": [
            {"topic": s.topic, "score": s.score} for s in outcome.decision.alternatives
        ],
        "question": outcome.question,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """`ask --json`: the first question's fields, the reply, the client; `items` when the
    message asks several things; `from`, `subject`, `forwarded`, `cut` for a raw message."""
    data: dict[str, Any] = {}
    mail = answer.mail
    if mail.raw:
        data["from"] = sender_text(mail.sender) if mail.sender else None
        data["subject"] = mail.subject
    data.update(outcome_json(answer.first))
    data["reply"] = answer.reply
    data["language"] = answer.language
    data["client"] = client_json(answer.client) if answer.client else None
    data["support_expired"] = answer.support_expired
    if len(answer.outcomes) > 1:
        data["items"] = [outcome_json(o) for o in answer.outcomes]
    if mail.raw:
        data["forwarded"] = mail.forwarded
        data["cut"] = list(mail.cut)
    return data


def explain_json(ranking: Iterable[Scored]) -> list[dict[str, Any]]:
    return [
        {
            "topic": s.topic,
            "score": s.score,
            "lexical": s.lexical,
            "semantic": s.semantic,
            "matched": list(s.matched),
            "out_of_scope": s.out_of_scope,
        }
        for s in ranking
    ]


def sender_text(sender: Sender) -> str:
    """ "Anna Nowak <anna@example.pl>", or whichever half is known."""
    if sender.name and sender.address:
        return f"{sender.name} <{sender.address}>"
    return sender.address or sender.name
