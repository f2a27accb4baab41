"""`ask --client`: replies in the client's stack, greeting their contact, minding their support."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from tiertriage.errors import ExitCode
from tiertriage.reply.phrases import SUPPORT_ENDED
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace

DNS = "Hi, I changed the nameservers yesterday. How long until the new site shows up?"
MAILBOX = "We hired someone, can you set up an email account for her?"
REDESIGN = "Could you quote us for a complete redesign of the website? It looks so dated."


@pytest.fixture
def acme(cli):
    result = cli(
        "client",
        "add",
        "Acme Co",
        "--contact",
        "Jane Doe",
        "--email",
        "jane@acme.example",
        "--domain",
        "acme.example",
        "--registrar",
        "godaddy",
        "--email-provider",
        "microsoft-365",
        "--support-until",
        "2999-12-31",
    )
    assert result.exit_code == 0, result.stderr


def test_reply_greets_the_contact_and_uses_their_stack(acme, cli):
    result = cli("ask", "--client", "acme", DNS)
    assert result.exit_code == 0, result.stderr
    reply = result.stdout
    assert reply.startswith("Hi Jane,\n\n")
    assert "the nameservers shown for acme.example at GoDaddy" in reply  # the generic text
    assert "GoDaddy's help centre: https://www.godaddy.com/help\n" in reply  # and their guide
    assert (
        "GoDaddy support: phone +1 480 505 8877 · support form https://www.godaddy.com/contact-us"
        in reply
    )
    assert "live chat" not in reply  # GoDaddy has no chat in the catalogue
    assert "hover" not in reply.lower()
    assert "your domain" not in reply
    assert "consult" not in reply


def test_json_gains_the_client(acme, cli_json):
    data = cli_json("ask", "-c", "acme co", MAILBOX)
    assert data["topic"] == "email.add-user"
    assert data["vendor"]["id"] == "microsoft-365"
    assert data["client"] == {
        "name": "Acme Co",
        "contact": "Jane Doe",
        "emails": ["jane@acme.example"],
        "domains": ["acme.example"],
        "notes": None,
        "support_until": "2999-12-31",
        "stack": {"email": "microsoft-365", "registrar": "godaddy"},
        "greeting": None,
        "language": None,
    }
    assert data["support_expired"] is False


def test_without_a_client(cli_json):
    data = cli_json("ask", DNS)
    assert data["client"] is None
    assert data["support_expired"] is False
    assert data["reply"].startswith("Hi there,")


def test_after_support_ends_every_reply_offers_a_consult(cli, cli_json, config_dir):
    (config_dir / "settings.yaml").write_text(
        "hourly_rate: 120\ncurrency: USD\nbooking_link: https://cal.example/me\n"
    )
    added = cli("client", "add", "Old Client", "--contact", "Sam", "--support-until", "2020-01-31")
    assert added.exit_code == 0, added.stderr
    data = cli_json("ask", "--client", "old", DNS)
    assert data["action"] == "answer"  # the topic's action is unchanged
    assert data["support_expired"] is True
    reply = data["reply"]
    assert SUPPORT_ENDED.format(date="31 January 2020") in reply
    assert "paid consult ($120 an hour). You can book a time here: https://cal.example/me" in reply
    assert reply.count("paid consult") == 1

    escalated = cli_json("ask", "--client", "old", REDESIGN)
    assert escalated["action"] == "escalate"
    assert escalated["reply"].count("paid consult") == 1


def test_the_last_day_of_support_is_still_included(cli, cli_json):
    today = date.today().isoformat()
    assert cli("client", "add", "Today", "--support-until", today).exit_code == 0
    assert cli_json("ask", "--client", "today", DNS)["support_expired"] is False


def test_an_unknown_client_is_an_error(acme, cli):
    result = cli("ask", "--client", "acne", DNS)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == "tiertriage: error: no client named 'acne'; did you mean 'Acme Co'?\n"
    assert result.stdout == ""


def test_the_panel_names_the_client(acme, cli):
    result = cli("ask", "--client", "acme", DNS, env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert "Client" in result.stdout and "Acme Co" in result.stdout


def test_a_vendor_gone_from_the_catalogue(cli, home):
    store = Workspace().store
    store.add_client(Client(name="Gone", stack={"host": "defunct-host"}))
    store.close()
    result = cli("ask", "--client", "gone", DNS)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "client 'Gone': stack.host: 'defunct-host' is not a known host vendor" in result.stderr


def test_ask_without_client_or_log_never_loads_sqlite(home):
    code = (
        "import sys\n"
        "from tiertriage.cli import app\n"
        "try:\n"
        "    app(['ask', '--no-log', 'how long does dns take'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('SQLITE' if 'sqlite3' in sys.modules else 'NO SQLITE')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.rstrip().endswith("NO SQLITE")
