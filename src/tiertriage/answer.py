"""THE answer pipeline: a message and its client -> one outcome per question -> the reply.

`Responder.answer(mail)` is what `ask` and `triage` call: it finds the client behind the
sender (unless one is given), classifies each question against the catalogue, picks the
client's vendor for it and composes one reply. Everything it returns is typed; the
`--json` shape is built from these records in `render.shapes`, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import Action, Topic, Vendor
from tiertriage.matching.decide import SHOWN, Decision, decide
from tiertriage.reply import Recipient, Section, compose, wording

if TYPE_CHECKING:
    from tiertriage.catalog.load import Catalog
    from tiertriage.mail.message import Mail, Sender
    from tiertriage.matching.matcher import Matcher
    from tiertriage.settings import Settings
    from tiertriage.store.clients import Client
    from tiertriage.workspace import Workspace


NO_NAME = (
    'note: replies sign off without your name; set it with `tiertriage init --name "Your Name"`'
)


class QuestionOutcome(NamedTuple):
    """What the catalogue made of one question, and whose support its answer points to."""

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
        return self.consult_in("en")

    def consult_in(self, language: str) -> str | None:
        """The consult reason in `language` (the English one where it has none)."""
        if self.action == "escalate":
            giver = self.matched if self.matched and self.matched.escalates else None
        else:
            giver = self.topic
        return wording(giver, language).consult if giver else None

    @property
    def score(self) -> float:
        return self.decision.best.score if self.decision.best else 0.0


class Answer(NamedTuple):
    """The reply to one message (or pasted question): every question's outcome and the text."""

    mail: Mail
    client: Client | None
    outcomes: list[QuestionOutcome]
    reply: str
    support_expired: bool
    language: str  # the reply's: "en", "pl"

    @property
    def first(self) -> QuestionOutcome:
        return self.outcomes[0]

    def draft(self) -> str:
        """The reply as a complete RFC 822 message (To, Re: subject, threading headers)."""
        from tiertriage.mail.draft import reply_draft

        return reply_draft(self.mail, self.reply)


def classify(
    matcher: Matcher, catalog: Catalog, question: str, stack: Mapping[str, Vendor]
) -> QuestionOutcome:
    """Rank the catalogue for `question`, decide, and pick the vendor of the topic's role.

    A client without a vendor for that role (no shop, no WordPress theme) gets a review,
    never another vendor's directions.
    """
    decision = decide(matcher.rank(question, limit=SHOWN))
    matched = catalog.topics[decision.best.topic] if decision.best else None
    if decision.verdict == "review" or matched is None:
        return QuestionOutcome(question, decision, None, matched, "review", None)
    if decision.verdict == "escalate":
        return QuestionOutcome(question, decision, None, matched, "escalate", None)
    vendor = stack.get(matched.role) if matched.role else None
    if matched.role and vendor is None:
        return QuestionOutcome(question, decision, None, matched, "review", None)
    return QuestionOutcome(question, decision, matched, matched, matched.action, vendor)


def reply_language(questions: Sequence[str], chosen: str | None, fallback: str | None) -> str:
    """The language of the reply: the client's, else the one the questions are written
    in, else (no sign either way) the settings' default, else English."""
    if chosen:
        return chosen
    from tiertriage.matching.normalise import language_signal

    return language_signal(" ".join(questions)) or fallback or "en"


def reply_to(
    matcher: Matcher,
    catalog: Catalog,
    questions: Sequence[str],
    *,
    settings: Settings,
    stack: Mapping[str, Vendor],
    recipient: Recipient,
    language: str = "en",
) -> tuple[list[QuestionOutcome], str]:
    """Classify each question of one message and compose the one reply answering them all."""
    if not questions:
        raise ValueError("reply_to() needs at least one question")
    outcomes = [classify(matcher, catalog, q, stack) for q in questions]
    sections = [
        Section(o.question, o.action, o.topic, o.vendor, o.consult_in(language)) for o in outcomes
    ]
    reply = compose(sections, recipient, settings, stack, language=language, roles=catalog.roles)
    return outcomes, reply


class Responder:
    """Answers mail in one workspace; remembers each client's stack across a mailbox.

    An explicit `client` (``ask --client``) wins over the sender's address.
    """

    def __init__(
        self, workspace: Workspace, *, client: Client | None = None, today: date | None = None
    ) -> None:
        self.workspace = workspace
        self.catalog = workspace.catalog  # loaded now: a catalogue error comes first
        self.matcher = workspace.matcher
        self.client = client
        self.today = today or date.today()
        self._stacks: dict[str | None, dict[str, Vendor]] = {}
        settings = workspace.settings
        # Replies end with a bare sign-off until the freelancer's name is set (NO_NAME).
        self.unsigned = not settings.name and not settings.signature

    def answer(self, mail: Mail) -> Answer:
        client = self.client or self.client_of(mail.sender)
        key = client.name if client else None
        if key not in self._stacks:
            self._stacks[key] = self.workspace.stack_for(client)
        recipient = self.recipient(client, mail.sender)
        settings = self.workspace.settings
        questions = list(mail.questions)
        language = reply_language(questions, client.language if client else None, settings.language)
        outcomes, reply = reply_to(
            self.matcher,
            self.catalog,
            questions,
            settings=settings,
            stack=self._stacks[key],
            recipient=recipient,
            language=language,
        )
        ended = recipient.support_ended is not None
        return Answer(mail, client, outcomes, reply, ended, language)

    def client_of(self, sender: Sender | None) -> Client | None:
        if sender is None or not sender.address:
            return None
        return self.workspace.store.client_for_address(sender.address)

    def recipient(self, client: Client | None, sender: Sender | None) -> Recipient:
        """The client's contact when known, else the sender's own first name and domain."""
        first_name = sender.first_name if sender else None
        if client is not None:
            known = Recipient.of(client, self.today)
            return known._replace(first_name=known.first_name or first_name)
        return Recipient(first_name=first_name, domain=_own_domain(sender))


def _own_domain(sender: Sender | None) -> str | None:
    """The sender's domain stands for their website unless it is a public mailbox's."""
    domain = sender.domain if sender else None
    if domain is None:
        return None
    from tiertriage.store.addresses import PUBLIC_MAIL_DOMAINS

    return domain if domain not in PUBLIC_MAIL_DOMAINS else None
