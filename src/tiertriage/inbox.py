"""Answering mail: the client behind the sender, every question triaged, the reply draft.

Library API of `ask`; `mailbox_triage` runs it over a whole mailbox.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.answer import Result
from tiertriage.answer import ask as triage_ask
from tiertriage.mail.message import Mail, Sender
from tiertriage.reply import Recipient

if TYPE_CHECKING:
    from tiertriage.catalog.models import Client, Vendor
    from tiertriage.workspace import Workspace


class Answer(NamedTuple):
    mail: Mail
    client: Client | None
    result: Result

    def draft(self) -> str:
        """The reply as a complete RFC 822 message (To, Re: subject, threading headers)."""
        from tiertriage.mail.draft import reply_draft

        return reply_draft(self.mail, self.result.reply)

    def to_dict(self) -> dict[str, Any]:
        """`from`, `subject` and the `ask --json` fields (with `client`)."""
        sender = self.mail.sender
        return {
            "from": format_sender(sender) if sender else None,
            "subject": self.mail.subject,
            **self.result.to_dict(),
            "forwarded": self.mail.forwarded,
        }


def format_sender(sender: Sender) -> str:
    if sender.name and sender.address:
        return f"{sender.name} <{sender.address}>"
    return sender.address or sender.name


class Responder:
    """Answers mail in one workspace; remembers each client's stack across a mailbox.

    An explicit `client` (``ask --client``) wins over the sender's address.
    """

    def __init__(
        self, workspace: Workspace, *, client: Client | None = None, today: date | None = None
    ) -> None:
        self.workspace = workspace
        self.catalog = workspace.catalog  # loaded now: a catalogue error comes first
        self.client = client
        self.today = today or date.today()
        self._stacks: dict[str | None, dict[str, Vendor]] = {}

    def answer(self, mail: Mail) -> Answer:
        client = self.client or self.client_of(mail.sender)
        key = client.name if client else None
        if key not in self._stacks:
            self._stacks[key] = self.workspace.stack_for(client)
        result = triage_ask(
            self.catalog,
            list(mail.questions),
            settings=self.workspace.settings,
            stack=self._stacks[key],
            recipient=self.recipient(client, mail.sender),
            client=client,
            today=self.today,
        )
        return Answer(mail, client, result)

    def client_of(self, sender: Sender | None) -> Client | None:
        if sender is None or not sender.address:
            return None
        return self.workspace.client_for_address(sender.address)

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
