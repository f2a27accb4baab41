"""`reply.compose` and its parts: pure text from outcomes, a stack and the settings."""

from __future__ import annotations

from datetime import date

from tiertriage.catalog.models import Support, Topic, Vendor
from tiertriage.reply import (
    GENERIC_CONSULT,
    Recipient,
    Section,
    compose,
    consult_invitation,
    fill,
    rate_text,
    sign_off,
    support_line,
)
from tiertriage.settings import Settings

HOVER = Vendor(
    id="hover",
    name="Hover",
    roles=["registrar"],
    support=Support(help="https://help.hover.example", chat="https://chat.hover.example"),
)
PORKBUN = Vendor(
    id="porkbun",
    name="Porkbun",
    roles=["registrar"],
    support=Support(help="https://kb.porkbun.example", contact="https://porkbun.example/contact"),
)
TOPIC = Topic(
    id="dns.records",
    role="registrar",
    title="DNS records",
    examples=["add a txt record"],
    directions="{vendor} > {domain} > DNS > Add a record.",
    vendor_directions={"porkbun": "Porkbun > Domain Management > {domain} > DNS."},
    search="add DNS record",
    next_step="If it still fails, ask {registrar}.",
)
STACK = {"registrar": HOVER}


def test_answer_section_fills_the_clients_vendor_and_domain():
    reply = compose(
        [Section("q", "answer", TOPIC, HOVER)], Recipient("Jane", "acme.example"), Settings(), STACK
    )
    assert reply == (
        "Hi Jane,\n\n"
        "Hover > acme.example > DNS > Add a record.\n\n"
        'If you want to read more, search for "add DNS record".\n\n'
        "Hover support: live chat https://chat.hover.example, help centre "
        "https://help.hover.example.\n\n"
        "If it still fails, ask Hover.\n\n"
        "Best,\n"
    )


def test_a_vendors_own_directions_replace_the_general_ones():
    stack = {"registrar": PORKBUN}
    reply = compose([Section("q", "answer", TOPIC, PORKBUN)], Recipient(), Settings(), stack)
    assert "Porkbun > Domain Management > your domain > DNS." in reply
    assert "Add a record" not in reply
    assert reply.startswith("Hi there,")
    assert "contact form https://porkbun.example/contact" in reply  # no chat: the form


def test_escalation_offers_the_consult_with_rate_and_booking_link():
    settings = Settings(hourly_rate=90, currency="gbp", booking_link="https://cal.example/me")
    reply = compose([Section("q", "escalate")], Recipient("Jo"), settings, STACK)
    assert reply == (
        f"Hi Jo,\n\n{GENERIC_CONSULT} I'd be glad to go through it with you in a paid consult "
        "(£90 an hour). You can book a time here: https://cal.example/me\n\nBest,\n"
    )


def test_support_ended_adds_the_reason_once():
    recipient = Recipient(support_ended=date(2024, 3, 31))
    reply = compose([Section("q", "answer", TOPIC, HOVER)], recipient, Settings(), STACK)
    assert reply.count("ended on 31 March 2024") == 1
    assert "Just reply to this email and we'll find a time." in reply


def test_rate_and_invitation_wording():
    assert rate_text(Settings()) is None
    assert rate_text(Settings(hourly_rate=1250.5, currency="PLN")) == "1,250.50 PLN an hour"
    assert rate_text(Settings(hourly_rate=95, currency="usd")) == "$95 an hour"
    assert consult_invitation(Settings()).endswith(
        "Just reply to this email and we'll find a time."
    )


def test_sign_off():
    assert sign_off(Settings(signature="Cheers,\nSam")) == "Cheers,\nSam"
    assert sign_off(Settings(name="Sam Rivera")) == "Best,\nSam Rivera"


def test_fill_substitutes_known_names_only_and_never_runs_code():
    values = {"vendor": "Hover"}
    assert fill("{vendor} {{literal}} {unknown} {vendor.__class__}", values) == (
        "Hover {literal} {unknown} {vendor.__class__}"
    )


def test_support_line_lists_channels_best_first():
    assert support_line(HOVER) == (
        "Hover support: live chat https://chat.hover.example, help centre https://help.hover.example."
    )
