"""The answer pipeline (`answer.py`): classify, reply_to and Responder, on the shipped catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from tiertriage.answer import Responder, classify, reply_to
from tiertriage.mail.message import parse_message, parse_text
from tiertriage.reply import SUPPORT_ENDED, Recipient
from tiertriage.settings import Settings
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace

DNS = "I changed the nameservers at the registrar yesterday, how long until the new site shows?"
REDESIGN = "Could you quote us for a complete redesign of the website? It looks so dated."


@pytest.fixture
def stack(shipped):
    return {role: shipped.default_vendor(role) for role in shipped.roles}


def test_classify_answers_with_the_vendor_of_the_topics_role(matcher, shipped, stack):
    outcome = classify(matcher, shipped, DNS, stack)
    assert outcome.topic is not None and outcome.topic.id == "dns.propagation"
    assert outcome.matched == outcome.topic
    assert outcome.action == "answer" and not outcome.escalate
    assert outcome.vendor == stack["registrar"]
    assert outcome.consult is None
    assert 0.5 <= outcome.score <= 1.0


def test_classify_escalates_out_of_scope_work_with_its_reason(matcher, shipped, stack):
    outcome = classify(matcher, shipped, REDESIGN, stack)
    assert outcome.escalate and outcome.topic is None and outcome.vendor is None
    assert outcome.matched is not None and outcome.matched.id == "oos.redesign"
    assert outcome.consult == outcome.matched.consult


def test_reply_to_answers_every_question_in_one_reply(matcher, shipped, stack):
    outcomes, reply = reply_to(
        matcher,
        shipped,
        [DNS, REDESIGN],
        settings=Settings(),
        stack=stack,
        recipient=Recipient("Ana"),
    )
    assert [o.action for o in outcomes] == ["answer", "escalate"]
    assert reply.startswith("Hi Ana,\n\n")
    assert f"> {DNS}" in reply and f"> {REDESIGN}" in reply
    assert "This one needs more than a quick email; see below." in reply
    assert outcomes[1].consult in reply
    assert reply.rstrip().endswith("Best wishes")


def test_reply_to_needs_a_question(matcher, shipped, stack):
    with pytest.raises(ValueError, match="at least one question"):
        reply_to(matcher, shipped, [], settings=Settings(), stack=stack, recipient=Recipient())


def _message(sender: str, body: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: me@studio.example\r\nSubject: question\r\n"
        f"Message-ID: <m1@example>\r\n\r\n{body}\r\n"
    ).encode()


def test_responder_finds_the_client_by_sender_and_uses_their_stack(home):
    workspace = Workspace()
    client = Client(
        name="Acme Co",
        contact="Jane Doe",
        emails=["jane@acme.example"],
        domains=["acme.example"],
        stack={"registrar": "godaddy"},
        support_until=date(2020, 1, 31),
    )
    workspace.store.add_client(client)
    responder = Responder(workspace, today=date(2024, 5, 1))
    answer = responder.answer(parse_message(_message("Jane <jane@acme.example>", DNS)))
    assert answer.client is not None and answer.client.name == "Acme Co"
    assert answer.first.vendor is not None and answer.first.vendor.id == "godaddy"
    assert answer.reply.startswith("Hi Jane,")
    assert "acme.example" in answer.reply
    assert answer.support_expired
    assert SUPPORT_ENDED.format(date="31 January 2020") in answer.reply


def test_an_explicit_client_wins_over_the_sender(home):
    workspace = Workspace()
    workspace.store.add_client(Client(name="Acme", emails=["jane@acme.example"]))
    workspace.store.add_client(Client(name="Bloom", contact="Ola Nowak"))
    bloom = workspace.store.find_client("bloom")
    answer = Responder(workspace, client=bloom).answer(
        parse_message(_message("jane@acme.example", DNS))
    )
    assert answer.client == bloom
    assert answer.reply.startswith("Hi Ola,")


def test_an_unknown_sender_is_greeted_by_their_own_name_and_domain(home):
    answer = Responder(Workspace()).answer(
        parse_message(_message("Piotr Kowalski <piotr@piekarnia.example>", DNS))
    )
    assert answer.client is None and not answer.support_expired
    assert answer.reply.startswith("Hi Piotr,")
    assert "piekarnia.example" in answer.reply


def test_a_pasted_question_has_no_sender(home):
    answer = Responder(Workspace()).answer(parse_text(DNS))
    assert answer.client is None
    assert answer.reply.startswith("Hi there,")
    assert answer.first.question == DNS
