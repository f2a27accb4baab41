"""THE answer pipeline: a message and its client -> one outcome per question -> the reply.

`Responder.answer(mail)` is what `ask` and `triage` call: it finds the client behind the
sender (unless one is given), classifies each question against the catalogue, picks the
client's vendor for it and composes one reply. Everything it returns is typed; the
`--json` shape is built from these records in `render.shapes`, and nowhere else.

The client is the one the actual sender address belongs to, never what a display name
claims; a reply whose Reply-To leads outside that client's addresses and domains is
written without their personal details (name, domain, vendors), with a notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.catalog.models import Action, Topic, Vendor
from tiertriage.matching.decide import SHOWN, Decision, decide
from tiertriage.reply.compose import Recipient, Section, compose, wording

if TYPE_CHECKING:
    from tiertriage.catalog.load import Catalog
    from tiertriage.mail.message import Mail, Sender
    from tiertriage.matching.matcher import Matcher
    from tiertriage.matching.semantic import Vectors
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
    # What the user must hear: a --client the sender contradicts, a Reply-To elsewhere.
    notices: tuple[str, ...] = ()
    reply_from: Sender | None = None  # the draft's From: settings, else whom the client wrote to

    @property
    def first(self) -> QuestionOutcome:
        return self.outcomes[0]

    def draft(self) -> str:
        """The reply as a complete RFC 822 message (From, To, Re: subject, threading)."""
        from tiertriage.mail.draft import reply_draft

        return reply_draft(self.mail, self.reply, sender=self.reply_from)

    def draft_gaps(self) -> list[str]:
        """The address fields the draft lacks ("From", "To"): it cannot be sent as it is."""
        from tiertriage.mail.draft import recipient_of

        gaps = [] if self.reply_from and self.reply_from.address else ["From"]
        return gaps + ([] if recipient_of(self.mail) else ["To"])


def classify(
    matcher: Matcher,
    catalog: Catalog,
    question: str,
    stack: Mapping[str, Vendor],
    vector: Vectors | None = None,
) -> QuestionOutcome:
    """Rank the catalogue for `question` (`vector`: its embedding, when already known),
    decide, and pick the vendor of the topic's role.

    A client without a vendor for that role (no shop, no WordPress theme) gets a review,
    never another vendor's directions.
    """
    decision = decide(matcher.rank(question, limit=SHOWN, vector=vector))
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
    vectors: Mapping[str, Vectors] | None = None,
    language: str = "en",
) -> tuple[list[QuestionOutcome], str]:
    """Classify each question of one message and compose the one reply answering them all."""
    if not questions:
        raise ValueError("reply_to() needs at least one question")
    known = vectors or {}
    outcomes = [classify(matcher, catalog, q, stack, known.get(q)) for q in questions]
    sections = [
        Section(o.question, o.action, o.topic, o.vendor, o.consult_in(language)) for o in outcomes
    ]
    reply = compose(sections, recipient, settings, stack, language=language, roles=catalog.roles)
    return outcomes, reply


class Responder:
    """Answers mail in one workspace; remembers each client's stack across a mailbox.

    An explicit `client` (``ask --client``) wins over the sender's address, with a
    notice when the sender's address belongs to another client.
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

    def answer(self, mail: Mail, vectors: Mapping[str, Vectors] | None = None) -> Answer:
        """The reply to `mail`; `vectors` holds embeddings already computed (`vectors_for`)."""
        sender = mail.sender
        found = self.client_of(sender)
        client = self.client or found
        notices: list[str] = []
        greet_sender = False
        if self.client is not None and found is not None and found.key != self.client.key:
            assert sender is not None  # found from its address
            notices.append(
                f"{sender.address} is {found.name}'s address, not {self.client.name}'s: "
                f"answered for {self.client.name} (--client), greeting the sender"
            )
            greet_sender = True
        personal = client
        recipient = self.recipient(client, sender, greet_sender=greet_sender)
        elsewhere = mail.reply_to.address if mail.reply_to else ""
        if client is not None and elsewhere and not belongs_to(client, elsewhere):
            notices.append(
                f"Reply-To {elsewhere} is not one of {client.name}'s addresses or domains: "
                "the reply leaves out their name, domain and vendors"
            )
            personal, recipient = None, Recipient()
        key = personal.name if personal else None
        if key not in self._stacks:
            self._stacks[key] = self.workspace.stack_for(personal)
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
            vectors=vectors,
            language=language,
        )
        expired = recipient.support_ended is not None
        return Answer(
            mail, client, outcomes, reply, expired, language, tuple(notices), self._from(mail)
        )

    def vectors_for(self, questions: Iterable[str]) -> dict[str, Vectors]:
        """Embeddings of the questions the lexical stage is not sure of, encoded as one
        batch: about twice as fast per question as one at a time."""
        matcher = self.matcher
        unsure = [
            q for q in dict.fromkeys(questions) if not matcher.is_sure(matcher.lexical.posterior(q))
        ]
        stage = matcher.stage if unsure else None
        if stage is None:
            return {}
        return dict(zip(unsure, stage.encode(unsure), strict=True))

    def client_of(self, sender: Sender | None) -> Client | None:
        if sender is None or not sender.address:
            return None
        return self.workspace.store.client_for_address(sender.address)

    def recipient(
        self, client: Client | None, sender: Sender | None, *, greet_sender: bool = False
    ) -> Recipient:
        """The client's contact when known, else the sender's own first name and domain."""
        first_name = sender.first_name if sender else None
        if client is not None:
            known = Recipient.of(client, self.today)
            if greet_sender:
                return known._replace(first_name=first_name)
            return known._replace(first_name=known.first_name or first_name)
        return Recipient(first_name=first_name, domain=_own_domain(sender))

    def _from(self, mail: Mail) -> Sender | None:
        """The draft's sender: `from_address` in the settings, else whom the client wrote to."""
        from tiertriage.mail.message import Sender

        settings = self.workspace.settings
        if settings.from_address:
            return Sender(settings.name or "", settings.from_address)
        return mail.recipient if mail.recipient and mail.recipient.address else None


def belongs_to(client: Client, address: str) -> bool:
    """Whether `address` is one of the client's, or at one of their domains (a public
    mailbox provider's domain counts only as a recorded address)."""
    from tiertriage.store.addresses import PUBLIC_MAIL_DOMAINS, bare_address, parent_domains

    address = bare_address(address)
    if address in client.emails:
        return True
    domains = set(parent_domains(address.rpartition("@")[2]))
    own = set(client.domains) | {d.removeprefix("www.") for d in client.domains}
    own |= {e.rpartition("@")[2] for e in client.emails} - PUBLIC_MAIL_DOMAINS
    return bool(domains & own)


def _own_domain(sender: Sender | None) -> str | None:
    """The sender's domain stands for their website unless it is a public mailbox's."""
    domain = sender.domain if sender else None
    if domain is None:
        return None
    from tiertriage.store.addresses import PUBLIC_MAIL_DOMAINS

    return domain if domain not in PUBLIC_MAIL_DOMAINS else None
