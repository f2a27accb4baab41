"""Which answered messages cannot wait: `triage` lists them first. Pure.

Urgent: a question about an urgent topic (the catalogue marks them `urgent: true`:
site down, email not delivered, payments failing), a domain or certificate that has
expired, or a subject that says "urgent" or "ASAP" (and not "not urgent").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tiertriage.answer import Answer

# Renewal topics whose question says the thing has already run out.
EXPIRY_TOPICS = frozenset({"domain.renewal", "ssl.renewal"})
_EXPIRED = re.compile(
    r"\b(?:expired|has expired|have expired|run out|ran out|lapsed|expires? today"
    r"|wygas[łl][aoy]?|straci[łl][aoy]? ważność)\b",
    re.IGNORECASE,
)
_URGENT_SUBJECT = re.compile(
    r"(?<!not )(?<!non-)(?<!nie )\b(?:urgent|urgently|asap|emergency|pilne|pilnie)\b",
    re.IGNORECASE,
)


def is_urgent(answer: Answer) -> bool:
    """Whether the message `answer` replies to should be read before the others."""
    subject = answer.mail.subject or ""
    if _URGENT_SUBJECT.search(subject):
        return True
    for outcome in answer.outcomes:
        topic = outcome.matched
        if topic is None or topic.escalates:
            continue
        if topic.urgent:
            return True
        if topic.id in EXPIRY_TOPICS and _EXPIRED.search(outcome.question):
            return True
    return False
