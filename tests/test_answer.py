"""The answer pipeline (`answer.py`): classify, reply_to and Responder, on the shipped catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from tiertriage.answer import Responder, classify, reply_to
from tiertriage.mail.message import parse_message, parse_text
from tiertriage.reply.compose import Recipient
from tiertriage.reply.phrases import SUPPORT_ENDED
from tiertriage.settings import Settings
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace

DNS = "I changed the nameservers at the registrar yesterday, how long until the new site shows?"
REDESIGN = "Could you quote us for a complete redesign of the website? It looks so dated."


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
        parse_message(_message("Jane Roe <jane@acme.example>", DNS))
    )
    assert answer.client == bloom
    assert answer.reply.startswith("Hi Jane,")  # the sender, whom the reply goes to
    assert answer.notices == (
        "jane@acme.example is Acme's address, not Bloom's: answered for Bloom (--client), "
        "greeting the sender",
    )


def test_an_unknown_sender_is_greeted_by_their_own_name_and_domain(home):
    answer = Responder(Workspace()).answer(
        parse_message(_message("Piotr Kowalski <piotr@piekarnia.example>", DNS))
    )
    assert answer.client is None and not answer.support_expired
    assert answer.reply.startswith("Hi Piotr,")
    assert "piekarnia.example" in answer.reply


@pytest.fixture
def acme(home):
    workspace = Workspace()
    workspace.store.add_client(
        Client(
            name="Acme Co",
            contact="Jane Doe",
            emails=["jane@acme.example"],
            domains=["acme.example"],
            stack={"host": "wp-engine"},
        )
    )
    return workspace


def test_a_display_name_never_picks_the_client(acme):
    spoof = "jane@acme.example <attacker@evil.example>"
    answer = Responder(acme).answer(parse_message(_message(spoof, DNS)))
    assert answer.mail.sender is not None
    assert answer.mail.sender.address == "attacker@evil.example"
    assert answer.client is None
    assert "Jane" not in answer.reply and "acme.example" not in answer.reply


def test_a_reply_to_outside_the_client_leaves_their_details_out(acme):
    raw = _message("Jane Doe <jane@acme.example>", "Our site is down, what now?")
    elsewhere = raw.replace(b"Subject:", b"Reply-To: attacker@evil.example\r\nSubject:")
    answer = Responder(acme).answer(parse_message(elsewhere))
    assert answer.client is not None and answer.client.name == "Acme Co"
    assert answer.notices == (
        "Reply-To attacker@evil.example is not one of Acme Co's addresses or domains: "
        "the reply leaves out their name, domain and vendors",
    )
    assert answer.reply.startswith("Hi there,")
    assert "acme.example" not in answer.reply and "WP Engine" not in answer.reply
    # Reply-To at one of the client's domains is theirs: nothing is left out
    theirs = raw.replace(b"Subject:", b"Reply-To: office@mail.acme.example\r\nSubject:")
    kept = Responder(acme).answer(parse_message(theirs))
    assert kept.notices == () and kept.reply.startswith("Hi Jane,")
    assert "WP Engine" in kept.reply


def test_the_draft_is_from_the_settings_address_else_whom_the_client_wrote_to(acme, home):
    message = parse_message(_message("Jane Doe <jane@acme.example>", DNS))
    draft = Responder(acme).answer(message).draft()
    assert "\nFrom: me@studio.example\n" in "\n" + draft
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "settings.yaml").write_text(
        "name: Sam Rivera\nfrom_address: sam@x.example\n"
    )
    answer = Responder(Workspace()).answer(message)
    assert answer.draft().startswith(
        "From: Sam Rivera <sam@x.example>\nTo: Jane Doe <jane@acme.example>\n"
    )
    assert answer.draft_gaps() == []
    assert Responder(Workspace()).answer(parse_text(DNS)).draft_gaps() == ["To"]


def test_questions_embedded_as_a_batch_are_answered_as_one_by_one(home):
    responder = Responder(Workspace())
    unsure = "things feel sluggish and odd lately, what should I check"
    mails = [parse_text(q) for q in (DNS, REDESIGN, unsure)]
    vectors = responder.vectors_for(q for m in mails for q in m.questions)
    assert vectors  # at least one question needed the model
    for mail in mails:
        batched, alone = responder.answer(mail, vectors), responder.answer(mail)
        assert [(o.matched, o.action) for o in batched.outcomes] == [
            (o.matched, o.action) for o in alone.outcomes
        ]
        assert abs(batched.first.score - alone.first.score) < 1e-4


def test_a_pasted_question_has_no_sender(home):
    answer = Responder(Workspace()).answer(parse_text(DNS))
    assert answer.client is None
    assert answer.reply.startswith("Hi there,")
    assert answer.first.question == DNS
