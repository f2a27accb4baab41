"""Every `ask` is recorded; `tiertriage log` shows the history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tiertriage.errors import ExitCode
from tiertriage.store.history import HistoryEntry, utc_text
from tiertriage.workspace import Workspace

DNS = "How long until the new site shows up after changing the nameservers?"
MAILBOX = "We hired someone, can you set up an email account for her?"


@pytest.fixture
def asked(cli):
    assert cli("client", "add", "Acme Co", "--email-provider", "microsoft-365").exit_code == 0
    assert cli("ask", DNS).exit_code == 0
    assert cli("ask", "--client", "acme", MAILBOX).exit_code == 0


def test_every_ask_is_recorded(asked, cli_json):
    entries = cli_json("log")
    assert [e["question"] for e in entries] == [MAILBOX, DNS]  # newest first, full text
    newest = entries[0]
    assert newest["client"] == "Acme Co"
    assert newest["topic"] == "email.add-user"
    assert newest["action"] == "answer"
    assert 0 < newest["score"] <= 1
    assert datetime.fromisoformat(newest["time"].replace("Z", "+00:00")) <= datetime.now(
        timezone.utc
    )
    assert entries[1]["client"] is None


def test_no_log_skips_recording(asked, cli, cli_json):
    assert cli("ask", "--no-log", "what is a cname record").exit_code == 0
    assert len(cli_json("log")) == 2


def test_an_escalation_is_recorded_with_its_topic(cli, cli_json):
    assert cli("ask", "Please quote us for a complete redesign of the website").exit_code == 0
    (entry,) = cli_json("log")
    assert entry["action"] == "escalate"
    assert entry["topic"]  # the out-of-scope topic that won, for later statistics


def test_filters(asked, cli_json):
    assert [e["question"] for e in cli_json("log", "--client", "acme")] == [MAILBOX]
    assert len(cli_json("log", "--limit", "1")) == 1
    assert len(cli_json("log", "--since", "1h")) == 2
    tomorrow = (datetime.now() + timedelta(days=1)).date().isoformat()
    assert cli_json("log", "--since", tomorrow) == []


def test_since_an_older_entry(cli_json, home):
    store = Workspace().store
    old = utc_text(datetime.now(timezone.utc) - timedelta(days=10))
    store.record([HistoryEntry(old, None, "old question", None, 0.1, "escalate")])
    store.close()
    assert [e["question"] for e in cli_json("log", "--since", "30d")] == ["old question"]
    assert cli_json("log", "--since", "7d") == []


def test_log_as_text_is_numbered_and_whole(asked, cli):
    long = "How long does DNS take to update? " + "We moved the site to a new host. " * 5
    assert cli("ask", long).exit_code == 0
    rows = [line.split("\t") for line in cli("log").stdout.splitlines()]
    # number, time, source, mailbox, client, topic, score, action, subject, question
    assert [row[:1] + row[2:6] + row[7:] for row in rows] == [
        ["1", "ask", "", "", "dns.propagation", "answer", "", long.strip()],
        ["2", "ask", "", "Acme Co", "email.add-user", "answer", "", MAILBOX],
        ["3", "ask", "", "", "dns.propagation", "answer", "", DNS],
    ]
    assert len(rows[0][-1]) > 80  # piped: never cut


def test_numbers_are_the_whole_historys_whatever_the_filter(asked, cli, cli_json):
    entries = cli_json("log", "--client", "acme")
    assert [(e["number"], e["source"]) for e in entries] == [(1, "ask")]
    assert [e["number"] for e in cli_json("log")] == [1, 2]
    assert Workspace().store.entry(2).question == DNS


def test_log_fits_80_columns(asked, cli):
    result = cli("log", env={"TTY_COMPATIBLE": "1", "COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = _visible(result.stdout).splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("email.add-user" in line and " answer " in line for line in lines)


def _visible(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_the_question_as_asked_is_kept_whole(cli, cli_json):
    question = "How long does DNS take to update? " + "We moved the site to a new host. " * 30
    asked = cli_json("ask", question)
    (entry,) = cli_json("log")
    assert entry["question"] == asked["question"]
    assert len(entry["question"]) > 500


def test_log_is_empty_at_first(cli):
    result = cli("log")
    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--since", "last week"), ExitCode.USAGE, "--since: not a date or an age: 'last week'"),
        (("--client", "nobody"), ExitCode.NOT_FOUND, "no client named 'nobody'"),
    ],
)
def test_log_errors(cli, args, code, message):
    result = cli("log", *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_limit_must_be_positive(cli):
    assert cli("log", "--limit", "0").exit_code == ExitCode.USAGE
