"""`client card`: the "who to call" sheet, for a mixed stack, in English and Polish, as
plain text, Markdown, HTML, JSON and an email draft."""

from __future__ import annotations

import email
from datetime import date
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tiertriage.card.build import build_card, long_date
from tiertriage.card.texts import TEXTS
from tiertriage.errors import ExitCode
from tiertriage.settings import Settings
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace
from vendor_world import check_html, write_catalogue

SETTINGS = (
    "name: Sam Rivera\nhourly_rate: 90\ncurrency: USD\nbooking_link: https://cal.example.com/sam\n"
)


@pytest.fixture(autouse=True)
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli, config_dir: Path) -> None:
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(write_catalogue(tmp_path / "catalogue")))
    (config_dir / "settings.yaml").write_text(SETTINGS)
    for args in (
        ("Acme Co", "--contact", "Jane Doe", "--email", "jane@acme.example",
         "--domain", "acme.example", "--host", "hostone", "--support-until", "2099-06-30"),
        ("Beta", "--contact", "Anna Nowak", "--email", "anna@beta.example", "--cms", "platformx",
         "--shop", "platformx", "--host", "platformx", "--support-until", "2020-01-31"),
        ("Gamma",),
    ):  # fmt: skip
        assert cli("client", "add", *args).exit_code == 0


def test_plain_card_is_the_default_when_piped(cli):
    result = cli("client", "card", "acme")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Who to call: Acme Co\n\nIf something on your website stops working")
    assert (
        "Reg One\n"
        "Looks after: your domain name (acme.example) and its DNS settings\n"
        "How to reach them, best first:\n"
        "  1. Live chat: https://regone.example/chat (24/7)\n"
        "  2. Phone: +1 555 0100 (Mon-Fri 9-17 ET)\n"
        "  3. Support request: https://regone.example/ticket\n"
        "  4. Help centre: https://help.regone.example\n"
        "Down for everyone? Check their status page: https://status.regone.example\n"
        "Have ready: the email address you sign in to Reg One with; your website address: "
        "acme.example\n"
    ) in text
    assert "  1. Live chat: https://hostone.example/chat (paid plans only)\n" in text
    assert "keeping your website online: the server, backups and speed" in text
    assert text.endswith(
        "And me: Sam Rivera\n"
        "Email me for how-to directions: included until 30 June 2099.\n"
        "For bigger changes, new features or advice, book a consult ($90 an hour): "
        "https://cal.example.com/sam\n"
    )
    assert "\x1b" not in text and "**" not in text


def test_a_platform_covering_several_roles_is_one_entry(cli_json):
    data = cli_json("client", "card", "beta")
    assert [v["id"] for v in data["vendors"]] == ["regone", "platformx"]
    platform = data["vendors"][1]
    assert platform["roles"] == ["cms", "shop", "host"]
    assert platform["handles"] == [
        "your website's pages, posts and settings",
        "your online shop: products, orders, payments and shipping",
        "keeping your website online: the server, backups and speed",
    ]
    assert [r["kind"] for r in platform["reach"]] == ["chat", "help"]
    assert platform["status_url"] == "https://status.platformx.example"
    assert platform["ready"] == [
        "the email address you sign in to Platform X with",
        "the page it is about, and a screenshot",
        "the order number, if it is about an order",
        "when it started and what you see (a screenshot helps)",
    ]
    assert data["terms"][0] == (
        "The email support included with your project ended on 31 January 2020; "
        "I'm glad to help as paid time."
    )
    assert data["language"] == "en" and data["text"].startswith("Who to call: Beta\n")


def test_a_role_without_a_vendor_is_left_out():
    """A `none` role (the client has no shop) has no vendor in the stack."""
    workspace = Workspace()
    client = Client(name="Solo", domains=["solo.example"])
    stack = {role: v for role, v in workspace.stack_for(client).items() if role != "shop"}
    card = build_card(client, stack, workspace.catalog.roles, Settings())
    assert [e.vendor.id for e in card.entries] == ["regone", "wp", "hosttwo"]
    with_none = build_card(client, {**stack, "shop": None}, workspace.catalog.roles, Settings())
    assert [e.vendor.id for e in with_none.entries] == ["regone", "wp", "hosttwo"]
    assert card.terms == [
        "Email me for how-to directions.",
        "For bigger changes, new features or advice, book a consult; reply to my email "
        "and we'll find a time.",
    ]
    assert card.signature == "Best,"


def test_office_hours_and_a_rate_without_a_link():
    workspace = Workspace()
    client = Client(name="Solo")
    settings = Settings(name="Sam", hourly_rate=1200, currency="PLN")
    english = build_card(client, {}, {}, settings, office_hours="Mon-Fri 9-17")
    assert english.terms[1:] == [
        "I read email Mon-Fri 9-17.",
        "For bigger changes, new features or advice, book a consult (1,200 PLN an hour); "
        "reply to my email and we'll find a time.",
    ]
    polish = build_card(client, {}, workspace.catalog.roles, settings, language="pl")
    assert polish.terms[-1] == (
        "Przy większych zmianach, nowych funkcjach lub doradztwie umów konsultację "
        "(1 200 PLN za godzinę); odpisz na mojego maila, a znajdziemy termin."
    )
    assert polish.signature == "Pozdrawiam,\nSam"


def test_polish_card(cli):
    text = cli("client", "card", "beta", "--language", "pl").stdout
    assert text.startswith("Do kogo dzwonić: Beta\n\nJeśli coś na Twojej stronie")
    assert "Odpowiada za: Twoją domenę i jej ustawienia DNS\n" in text
    assert "Jak się skontaktować (najlepsze najpierw):\n  1. Czat na żywo:" in text
    # the Polish help centre where the vendor has one, and the language its support speaks
    assert "  2. Centrum pomocy: https://platformx.example/pl/pomoc\n" in text
    assert "Ich pomoc odpowiada po angielsku.\n" in text
    assert "zakończyło się 31 stycznia 2020" in text
    assert "Looks after" not in text and "Have ready" not in text


def test_every_language_has_every_string():
    for language, table in TEXTS.items():
        assert set(table) == set(TEXTS["en"]), language
        assert len(table["months"].split()) == 12
    assert long_date(date(2025, 3, 1), "pl") == "1 marca 2025"
    assert long_date(date(2025, 3, 1), "en") == "1 March 2025"


def test_markdown(cli):
    text = cli("client", "card", "acme", "--markdown").stdout
    assert text.startswith("# Who to call: Acme Co\n\n")
    assert "## Host One\n\n**Looks after:** keeping your website online" in text
    assert "1. Live chat: <https://hostone.example/chat> (paid plans only)\n" in text
    assert "Check their status page: <https://status.hostone.example>" in text
    assert "## And me: Sam Rivera\n\n- Email me" in text
    assert "($90 an hour): <https://cal.example.com/sam>" in text


def test_terminal_renders_the_markdown(cli):
    result = cli("client", "card", "acme", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "Who to call: Acme Co" in result.stdout and "## " not in result.stdout


def test_html_card_is_one_self_contained_page(cli, tmp_path: Path):
    path = tmp_path / "cards" / "beta.html"
    result = cli("client", "card", "beta", "--html", str(path), "--language", "pl")
    assert result.exit_code == 0 and result.stdout == f"Wrote {path}\n"
    page = path.read_text(encoding="utf-8")
    catalog = Workspace().catalog
    allowed = {"https://cal.example.com/sam"} | {
        url
        for vendor_id in ("regone", "platformx")
        for url in catalog.vendors[vendor_id].support.model_dump().values()
        if isinstance(url, str) and url.startswith("https://")
    }
    tags = check_html(page, allowed)
    assert tags.count("section") == 3  # two vendors, then the freelancer
    assert '<html lang="pl">' in page and "<title>Do kogo dzwonić: Beta</title>" in page
    assert '<a href="https://platformx.example/pl/pomoc">' in page
    assert '<a href="https://cal.example.com/sam">' in page  # a consult, even after support
    stdout_page = cli("client", "card", "acme", "--html", "-").stdout
    check_html(
        stdout_page,
        {"https://cal.example.com/sam"}
        | {
            url
            for vendor_id in ("regone", "wp", "woo", "hostone")
            for url in catalog.vendors[vendor_id].support.model_dump().values()
            if isinstance(url, str) and url.startswith("https://")
        },
    )
    assert '<a href="https://cal.example.com/sam">' in stdout_page


def test_client_text_is_escaped_in_html(cli):
    assert cli("client", "add", "<script>x</script> & Co", "--email", "x@y.example").exit_code == 0
    page = cli("client", "card", "<script>", "--html", "-").stdout
    assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in page and "<script>" not in page


def test_as_email_is_a_draft_to_the_contact(cli):
    draft = cli("client", "card", "acme", "--as-email").stdout_bytes
    message = email.message_from_bytes(draft, policy=default_policy)
    assert message["To"] == "Jane Doe <jane@acme.example>"
    assert message["Subject"] == "Who to call if something on your website stops working"
    body = message.get_content()
    assert body.startswith("Hi Jane,\n\nHere is who to contact first")
    assert "\n\nWho to call: Acme Co\n" in body and body.endswith("\n\nBest,\nSam Rivera\n")

    polish = email.message_from_bytes(
        cli("client", "card", "beta", "--as-email", "--language", "pl").stdout_bytes,
        policy=default_policy,
    )
    assert polish["Subject"] == "Do kogo dzwonić, gdy coś na stronie przestanie działać"
    assert polish.get_content().startswith("Dzień dobry,\n\n")


def test_refusals(cli):
    no_address = cli("client", "card", "gamma", "--as-email")
    assert no_address.exit_code == ExitCode.USAGE
    assert "no email address recorded for 'Gamma'" in no_address.stderr
    both = cli("client", "card", "acme", "--markdown", "--json")
    assert both.exit_code == ExitCode.USAGE and "choose one of" in both.stderr
    german = cli("client", "card", "acme", "--language", "de")
    assert german.exit_code == ExitCode.USAGE
    assert "unknown language 'de' (known: en, pl)" in german.stderr
    assert cli("client", "card", "nobody").exit_code == ExitCode.NOT_FOUND
