"""`reply.compose` and its parts: pure text from outcomes, a stack and the settings."""

from __future__ import annotations

from datetime import date

from tiertriage.catalog.models import Localised, Support, Topic, Vendor
from tiertriage.reply.channels import support_line, vendor_contact
from tiertriage.reply.compose import (
    Recipient,
    Section,
    compose,
    consult_invitation,
    fill,
    greeting,
    rate_text,
    sign_off,
    unglue_urls,
)
from tiertriage.reply.phrases import GENERIC_CONSULT
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
    directions="Open the DNS page for {domain} and add the record.",
    vendor_directions={"porkbun": "Porkbun > Domain Management > {domain} > DNS."},
    vendor_links={"hover": "https://help.hover.example/dns"},
    search="add DNS record",
    next_step="If it still fails, ask {vendor} {vendor_contact}.",
    pl=Localised(
        title="Rekordy DNS",
        directions="Otwórz stronę DNS dla {domain} i dodaj rekord.",
        search="dodawanie rekordu DNS",
        next_step="Jeśli to nie pomoże, napisz do {vendor} {vendor_contact}.",
    ),
)
STACK = {"registrar": HOVER}


def test_generic_directions_come_with_the_vendors_own_guide():
    reply = compose(
        [Section("q", "answer", TOPIC, HOVER)], Recipient("Jane", "acme.example"), Settings(), STACK
    )
    assert reply == (
        "Hi Jane,\n\n"
        "Open the DNS page for acme.example and add the record.\n\n"
        "Hover's own guide to this: https://help.hover.example/dns\n\n"
        'If you want to read more, search for "add DNS record".\n\n'
        "Hover support: live chat https://chat.hover.example · help centre "
        "https://help.hover.example\n\n"
        "If it still fails, ask Hover on their live chat https://chat.hover.example\n\n"
        "Best wishes\n"
    )


def test_a_vendors_own_directions_replace_the_generic_ones():
    stack = {"registrar": PORKBUN}
    reply = compose([Section("q", "answer", TOPIC, PORKBUN)], Recipient(), Settings(), stack)
    assert "Porkbun > Domain Management > your website > DNS." in reply
    assert "Open the DNS page" not in reply and "help centre https://kb.porkbun" in reply
    assert "Porkbun's help centre" not in reply  # they have their own directions
    assert "ask Porkbun through their support form https://porkbun.example/contact\n" in reply
    assert "live chat" not in reply and "Hover" not in reply


def test_a_vendor_the_topic_does_not_know_gets_its_help_centre():
    unknown = TOPIC.model_copy(update={"vendor_links": {}})
    reply = compose([Section("q", "answer", unknown, HOVER)], Recipient(), Settings(), STACK)
    assert "Hover's help centre: https://help.hover.example\n" in reply


def test_polish_reply_uses_the_polish_text_and_phrases():
    settings = Settings(name="Ola", hourly_rate=90, currency="PLN")
    sections = [Section("q", "answer+consult", TOPIC, HOVER, "Warto to omówić.")]
    reply = compose(sections, Recipient("Anna"), settings, STACK, language="pl")
    assert reply.startswith("Dzień dobry,\n\nOtwórz stronę DNS dla adres strony i dodaj rekord.")
    assert "Instrukcja na stronie Hover: https://help.hover.example/dns" in reply
    assert "Więcej informacji można znaleźć, wyszukując hasło „dodawanie rekordu DNS”." in reply
    assert "Pomoc Hover: czat na żywo https://chat.hover.example" in reply
    assert "napisz do Hover przez czat na żywo https://chat.hover.example\n" in reply
    assert "Warto to omówić. Chętnie omówię to na płatnej konsultacji (90 zł za godzinę)." in reply
    assert reply.endswith("Pozdrawiam,\nOla\n")


def test_polish_greeting_only_from_the_clients_own_line():
    assert greeting(Recipient("Anna"), "pl") == "Dzień dobry,"
    assert greeting(Recipient("Anna", greeting="Dzień dobry Pani Anno"), "pl") == (
        "Dzień dobry Pani Anno,"
    )
    assert greeting(Recipient("Piotr", greeting="Dear Dr Kowalski,")) == "Dear Dr Kowalski,"
    assert greeting(Recipient("Jo")) == "Hi Jo,"
    assert greeting(Recipient()) == "Hi there,"


def test_review_and_consult_texts_in_polish():
    reply = compose(
        [Section("q", "review")],
        Recipient(),
        Settings(),
        {},
        language="pl",
        today=date(2026, 12, 4),
    )  # a Friday
    assert "Dziękuję za wiadomość. Przyjrzę się temu i odezwę się w poniedziałek." in reply
    escalated = compose([Section("q", "escalate")], Recipient(), Settings(), {}, language="pl")
    assert "To wykracza poza krótką instrukcję" in escalated
    assert "Wystarczy odpowiedzieć na tę wiadomość, a ustalimy termin." in escalated
    ended = compose(
        [Section("q", "review")],
        Recipient(support_ended=date(2024, 3, 31)),
        Settings(),
        {},
        language="pl",
    )
    assert "zakończyło się 31 marca 2024" in ended


def test_escalation_offers_the_consult_with_rate_and_booking_link():
    settings = Settings(hourly_rate=90, currency="gbp", booking_link="https://cal.example/me")
    reply = compose([Section("q", "escalate")], Recipient("Jo"), settings, STACK)
    assert reply == (
        f"Hi Jo,\n\n{GENERIC_CONSULT} I'd be glad to go through it with you in a paid consult "
        "(£90 an hour). You can book a time here: https://cal.example/me\n\nBest wishes\n"
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
    assert rate_text(Settings(hourly_rate=1250.5, currency="PLN"), "pl") == "1 250,50 zł za godzinę"
    assert rate_text(Settings(hourly_rate=90, currency="EUR"), "pl") == "90 € za godzinę"
    assert consult_invitation(Settings()).endswith(
        "Just reply to this email and we'll find a time."
    )


def test_sign_off_never_dangles():
    assert sign_off(Settings(signature="Cheers,\nSam")) == "Cheers,\nSam"
    assert sign_off(Settings(name="Sam Rivera")) == "Best,\nSam Rivera"
    assert sign_off(Settings()) == "Best wishes"
    assert sign_off(Settings(), "pl") == "Pozdrawiam"
    assert sign_off(Settings(signature="Cheers,\nSam\n+48 600 000 000"), "pl") == (
        "Pozdrawiam,\nSam\n+48 600 000 000"
    )


def test_fill_substitutes_known_names_only_and_never_runs_code():
    values = {"vendor": "Hover"}
    assert fill("{vendor} {{literal}} {unknown} {vendor.__class__}", values) == (
        "Hover {literal} {unknown} {vendor.__class__}"
    )


def test_no_punctuation_is_left_glued_to_a_url():
    assert unglue_urls("see https://a.example/x.") == "see https://a.example/x"
    assert unglue_urls("see https://a.example/x.\nNext") == "see https://a.example/x\nNext"
    assert unglue_urls("at https://a.example, then") == "at https://a.example \u2013 then"
    assert unglue_urls("form https://a.example: send it") == "form https://a.example \u2013 send it"
    assert unglue_urls("really https://a.example?") == "really https://a.example ?"
    assert unglue_urls("at https://a.example. Then go") == "at https://a.example\nThen go"
    assert unglue_urls("(https://a.example).") == "(https://a.example)."
    assert unglue_urls("https://a.example/?to=/:account/support") == (
        "https://a.example/?to=/:account/support"
    )


def test_support_line_lists_channels_best_first():
    assert support_line(HOVER) == (
        "Hover support: live chat https://chat.hover.example · help centre https://help.hover.example"
    )


def vendor(**support: object) -> Vendor:
    return Vendor(
        id="v", name="V", roles=["host"], support=Support(help="https://v.example/help", **support)
    )


def test_the_best_real_channel_first():
    chat = "https://v.example/chat"
    assert vendor_contact(vendor(chat=chat, phone="+1 555")) == f"on their live chat {chat}"
    assert vendor_contact(vendor(phone="+1 555", phone_hours="Mon-Fri 9-5")) == (
        "by phone on +1 555 (Mon-Fri 9-5)"
    )
    assert vendor_contact(vendor(contact="https://v.example/form")) == (
        "through their support form https://v.example/form"
    )
    assert vendor_contact(vendor(email="help@v.example")) == "by email at help@v.example"
    assert vendor_contact(vendor()) == "through their help centre https://v.example/help"
    assert vendor_contact(vendor(helpdesk=False, community="https://v.example/forum")) == (
        "in their community forum https://v.example/forum"
    )


def test_plans_and_languages_are_stated_and_polish_days_translated():
    paid = vendor(chat="https://v.example/chat", chat_plans="paid plans", email="a@v.example")
    assert vendor_contact(paid) == (
        "on their live chat https://v.example/chat (paid plans), otherwise by email at a@v.example"
    )
    english = vendor(chat="https://v.example/chat", chat_hours="Mon-Fri 9-17", languages=["en"])
    assert vendor_contact(english, "pl") == (
        "przez czat na żywo https://v.example/chat (pon.-pt. 9-17, po angielsku)"
    )


def test_round_the_clock_needs_a_source():
    unsourced = vendor(chat="https://v.example/chat", chat_hours="24/7")
    assert "24/7" not in vendor_contact(unsourced)
    assert "check their site for current hours" in vendor_contact(unsourced, urgent=True)
    sourced = Vendor(
        id="v",
        name="V",
        roles=["host"],
        support=Support(help="https://v.example", chat="https://v.example/c", chat_hours="24/7"),
        sources={"support.chat_hours": "https://v.example/hours"},
    )
    assert vendor_contact(sourced, urgent=True) == "on their live chat https://v.example/c (24/7)"


def test_urgent_topics_say_when_the_freelancer_reads_mail():
    urgent = TOPIC.model_copy(update={"urgent": True})
    settings = Settings(office_hours="Mon-Fri 9-17")
    reply = compose([Section("q", "answer", urgent, HOVER)], Recipient(), settings, STACK)
    assert "I check email Mon-Fri 9-17, so outside those hours Hover will get to it sooner" in reply
    polish = compose(
        [Section("q", "answer", urgent, HOVER)], Recipient(), settings, STACK, language="pl"
    )
    assert "Pocztę sprawdzam pon.-pt. 9-17" in polish
