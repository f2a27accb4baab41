"""Replies true for the client's actual stack (issue 10) and Polish replies (issue 11):
every shipped topic for every vendor of its role, platforms, `none` roles, greetings."""

from __future__ import annotations

import json
import re
import sqlite3
from urllib.parse import urlsplit

import pytest

from tiertriage.answer import classify
from tiertriage.catalog.models import PLACEHOLDER, Vendor
from tiertriage.reply.compose import Recipient, Section, compose, wording
from tiertriage.settings import Settings
from tiertriage.store.clients import Client
from tiertriage.store.connection import MIGRATIONS
from tiertriage.workspace import Workspace

URL = re.compile(r"https?://[^\s)]+")
# English words that never occur in Polish: a Polish reply containing one outside a URL
# or a bracketed English menu name ("(Backups)") has an English sentence in it.
ENGLISH_WORDS = frozenset(
    "the and your you with for this that is are will please here from when what have has "
    "their they should would could there about into just it's don't can't if or of".split()
)
SETTINGS = Settings(name="Sam", hourly_rate=90, currency="PLN", office_hours="Mon-Fri 9-17")


def hosts(vendor: Vendor) -> set[str]:
    urls = (vendor.website, vendor.support.help, vendor.support.chat, vendor.support.contact)
    return {urlsplit(u).netloc.lower().removeprefix("www.") for u in urls if u}


def named(vendor: Vendor, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(vendor.name)}(?!\w)", text) is not None


# A menu path as the vendor's English-only screens show it: "Manage > Confirm and Unlock".
_LABEL = r"(?:[\w'&/.-]+ ){0,4}[\w'&/.-]+"
MENU_PATH = re.compile(rf"{_LABEL}(?: > {_LABEL})+")


def english_words(reply: str) -> set[str]:
    """English words outside URLs, bracketed English names and menu paths."""
    prose = MENU_PATH.sub(" ", re.sub(r"\([^()]*\)", " ", URL.sub(" ", reply)))
    return {w for w in re.findall(r"[\w']+", prose.lower()) if w in ENGLISH_WORDS}


def cases(catalog):
    for topic in catalog.topics.values():
        if topic.escalates:
            continue
        for vendor in catalog.vendors_for(topic.role):
            yield topic, vendor


@pytest.mark.parametrize("language", ["en", "pl"])
def test_every_topic_for_every_vendor_of_its_role(shipped, language):
    """No other vendor of the role named or linked, no placeholder, no chat the vendor
    lacks, no punctuation glued to a URL, no domain fallback glued to a path, and in
    Polish no English sentence."""
    workspace = Workspace()
    checked = 0
    replied = ""  # the same reply with a domain
    for topic, vendor in cases(shipped):
        client = Client(name="C", stack={topic.role: vendor.id})
        stack = workspace.stack_for(client)
        own = {v.id for v in stack.values()}
        others = [v for v in shipped.vendors_for(topic.role) if v.id not in own]
        foreign_hosts = set().union(*(hosts(v) for v in others)) - set().union(
            *(hosts(v) for v in stack.values())
        )
        for domain in ("c.example", None):
            section = Section("q", topic.action, topic, vendor, wording(topic, language).consult)
            recipient = Recipient("Jo", domain)
            reply = compose(
                [section], recipient, SETTINGS, stack, language=language, roles=shipped.roles
            )
            where = (topic.id, vendor.id, language, domain)
            assert not [v.name for v in others if named(v, reply)], where
            assert not {urlsplit(u).netloc.removeprefix("www.") for u in URL.findall(reply)} & (
                foreign_hosts
            ), where
            assert not PLACEHOLDER.search(reply) and "None" not in reply, where
            if not vendor.support.chat:
                assert "live chat" not in reply and "czat" not in reply, where
            assert all(url[-1] not in ".,;:!?" for url in URL.findall(reply)), where
            if domain is None:  # the fallback never reads "your domain", nor meets a path
                assert reply.count("your domain") == replied.count("your domain"), where
                assert "your website/" not in reply and "adres strony/" not in reply, where
            replied = reply
            if language == "pl":
                assert not english_words(reply), (where, english_words(reply))
                assert reply.startswith("Dzień dobry,") and "Pozdrawiam,\nSam" in reply
            checked += 1
    assert checked > 2 * 49 * 5  # every answerable topic, several vendors each


def test_polish_consult_and_escalation_texts(shipped):
    for topic in shipped.topics.values():
        if topic.action == "answer":
            continue
        section = Section("q", topic.action, None, None, wording(topic, "pl").consult)
        reply = compose([section], Recipient(), SETTINGS, {}, language="pl")
        assert "90 zł za godzinę" in reply, topic.id
        assert not english_words(reply), (topic.id, english_words(reply))


def theme_question(matcher, shipped):
    """An example of theme.customize that the default stack answers as that topic."""
    stack = {role: shipped.default_vendor(role) for role in shipped.roles}
    for example in shipped.topics["theme.customize"].examples:
        outcome = classify(matcher, shipped, example, stack)
        if outcome.topic is not None and outcome.topic.id == "theme.customize":
            return example
    raise AssertionError("no theme.customize example is answered as it")


def test_squarespace_site(cli, cli_json, matcher, shipped):
    added = cli("client", "add", "Bloom", "--contact", "Dr. Anna Smith", "--cms", "squarespace")
    assert added.exit_code == 0 and added.stderr == ""
    shown = cli_json("client", "show", "bloom")
    assert shown["vendors"]["host"] == shown["vendors"]["ssl"] == "squarespace"
    assert shown["vendors"]["shop"] == "squarespace" and shown["vendors"]["theme"] is None
    table = cli("client", "show", "bloom").stdout
    assert "host\tSquarespace (squarespace), with Squarespace" in table
    assert "theme\tnone (Genesis Framework cannot run on this stack)" in table

    data = cli_json("ask", "-c", "bloom", "how do I change the little icon in the browser tab?")
    assert data["topic"] == "wp.site-title" and data["vendor"]["id"] == "squarespace"
    reply = data["reply"]
    assert reply.startswith("Hi Anna,\n\n")
    for other in ("WordPress", "Flywheel", "Genesis", "Settings > General", "wp-admin"):
        assert other not in reply
    assert "Squarespace support: " in reply

    themed = cli_json("ask", "-c", "bloom", theme_question(matcher, shipped))
    assert themed["action"] == "review" and themed["topic"] is None  # no theme: no invention
    assert themed["matched_topic"] == "theme.customize"
    assert "Genesis" not in themed["reply"] and "I'll look into this" in themed["reply"]


def test_shopify_shop(cli, cli_json):
    assert cli("client", "add", "Wick", "--shop", "shopify").exit_code == 0
    data = cli_json("ask", "-c", "wick", "How do I refund an order for a customer?")
    assert data["topic"] == "shop.orders" and data["vendor"]["id"] == "shopify"
    for other in ("WooCommerce", "Flywheel", "WordPress"):
        assert other not in data["reply"]
    shown = cli_json("client", "show", "wick")["vendors"]
    assert shown["cms"] == shown["host"] == shown["ssl"] == "shopify"


def test_a_bluehost_client_never_sees_flywheel(cli, cli_json):
    assert cli("client", "add", "Blue", "--host", "bluehost").exit_code == 0
    for question in ("can you restore yesterday's backup of our site?", "our website is down"):
        data = cli_json("ask", "-c", "blue", question)
        assert data["vendor"]["id"] == "bluehost", question
        assert "Flywheel" not in data["reply"] and "getflywheel" not in data["reply"]


def test_theme_none_and_default(cli, cli_json, matcher, shipped):
    assert cli("client", "add", "Plain", "--theme", "none").exit_code == 0
    shown = cli_json("client", "show", "plain")
    assert shown["stack"] == {"theme": "none"} and shown["vendors"]["theme"] is None
    assert cli_json("ask", "-c", "plain", theme_question(matcher, shipped))["action"] == "review"
    assert cli("client", "edit", "plain", "--theme", "default").exit_code == 0
    assert cli_json("client", "show", "plain")["vendors"]["theme"] == "genesis"
    bad = cli("client", "add", "Bad", "--thme", "none")
    assert bad.exit_code != 0


def test_impossible_stacks_are_flagged(cli, cli_json):
    result = cli("client", "add", "Odd", "--cms", "squarespace", "--shop", "woocommerce")
    assert result.exit_code == 0
    problem = "shop: WooCommerce runs on WordPress, but the website platform is Squarespace"
    assert result.stderr == f"tiertriage: warning: {problem}\n"
    assert cli_json("client", "show", "odd")["stack_problems"] == [problem]
    themed = cli("client", "add", "Odder", "--cms", "wix", "--theme", "astra")
    assert "theme: Astra runs on WordPress, but the website platform is Wix" in themed.stderr
    doctor = json.loads(cli("doctor", "--json").stdout)
    found = [c["detail"] for c in doctor["checks"] if c["check"] == "clients"]
    assert f"client 'Odd': {problem}" in found


def test_titles_are_skipped_and_a_clients_own_greeting_wins(cli, cli_json):
    for name, contact in (("Piotr", "dr Piotr Kowalski"), ("Anna", "Dr. Anna Smith")):
        assert cli("client", "add", name, "--contact", contact).exit_code == 0
        reply = cli_json("ask", "-c", name, "how long does dns take?")["reply"]
        assert reply.startswith(f"Hi {name},\n\n")
    assert cli("client", "edit", "piotr", "--greeting", "Dear Dr Kowalski").exit_code == 0
    reply = cli_json("ask", "-c", "piotr", "how long does dns take?")["reply"]
    assert reply.startswith("Dear Dr Kowalski,\n\n")


def test_reply_language_client_then_question_then_settings(cli, cli_json, config_dir):
    polish = cli_json("ask", "Jak długo trwa zmiana serwerów DNS? Nadal widzę starą stronę.")
    assert polish["language"] == "pl" and polish["reply"].startswith("Dzień dobry,\n\n")
    english = cli_json("ask", "how long does dns take?")
    assert english["language"] == "en"
    args = ("--contact", "Anna Nowak", "--language", "pl", "--greeting", "Dzień dobry Pani Anno")
    assert cli("client", "add", "Nowak", *args).exit_code == 0
    data = cli_json("ask", "-c", "nowak", "how long does dns take?")
    assert data["language"] == "pl" and data["reply"].startswith("Dzień dobry Pani Anno,\n\n")
    (config_dir / "settings.yaml").write_text("language: pl\n")
    assert cli_json("ask", "dns?")["language"] == "pl"  # no sign either way: the default
    assert cli_json("ask", "how long does dns take?")["language"] == "en"
    refused = cli("client", "add", "X", "--language", "de")
    assert refused.exit_code != 0 and "--language: Input should be 'en' or 'pl'" in refused.stderr


def test_without_a_name_ask_says_how_to_set_it_once(cli, config_dir):
    result = cli("ask", "how long does dns take?")
    assert result.stdout.rstrip().endswith("Best wishes")
    assert result.stderr.count("tiertriage init --name") == 1
    (config_dir / "settings.yaml").write_text("name: Sam Rivera\n")
    named_reply = cli("ask", "how long does dns take?")
    assert named_reply.stderr == "" and named_reply.stdout.rstrip().endswith("Best,\nSam Rivera")


def test_urgent_replies_say_when_the_freelancer_reads_mail(cli_json, config_dir):
    (config_dir / "settings.yaml").write_text("office_hours: Mon-Fri 9-17\n")
    reply = cli_json("ask", "our website is down and shows an error!")["reply"]
    assert "I check email Mon-Fri 9-17, so outside those hours Flywheel will get to it" in reply


def test_doctor_warns_about_old_vendor_facts(cli, config_dir):
    vendors = config_dir / "vendors.d"
    vendors.mkdir()
    (vendors / "old.yaml").write_text("vendors:\n  - id: hover\n    checked: 2020-01\n")
    data = json.loads(cli("doctor", "--json").stdout)
    [facts] = [c for c in data["checks"] if c["check"] == "vendor facts"]
    assert facts["status"] == "note" and "hover (2020-01)" in facts["detail"]
    assert "more than 12 months ago" in facts["detail"]


def test_doctor_flags_an_impossible_default_stack(cli, config_dir):
    (config_dir / "settings.yaml").write_text("default_stack: {cms: shopify, shop: woocommerce}\n")
    data = json.loads(cli("doctor", "--json").stdout)
    problems = [c["detail"] for c in data["checks"] if c["status"] == "problem"]
    assert "shop: WooCommerce runs on WordPress, but the website platform is Shopify" in problems


def test_an_older_database_gains_greeting_and_language(home):
    path = home / "data" / "tiertriage.db"
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("INSERT INTO clients (key, name, contact) VALUES ('old', 'Old', 'Jo')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Workspace().store
    [client] = store.clients()
    assert client.greeting is None and client.language is None
    store.update_client("Old", client.model_copy(update={"language": "pl"}))
    assert store.find_client("old").language == "pl"
    store.close()
