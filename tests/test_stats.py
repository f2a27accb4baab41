"""`tiertriage stats` on a fixture history with known counts, the time-saved arithmetic,
`--since` and `--client`; `log --csv`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from tiertriage.learning.stats import PRODUCT_MINUTES, history_stats
from tiertriage.store.clients import Client
from tiertriage.store.history import HistoryEntry, utc_text
from tiertriage.workspace import Workspace

NOW = datetime.now(timezone.utc)


def at(days: int) -> str:
    return utc_text(NOW - timedelta(days=days))


FIXED = {"fixed": at(0), "matched_topic": "wp.users", "matched_action": "answer"}
# (days ago, client, topic, action, fix): Acme's host is SiteGround, the rest default
HISTORY = [
    (1, "Acme Co", "dns.propagation", "answer", None),
    (2, "Acme Co", "host.backups", "answer", None),
    (3, "Acme Co", "host.backups", "answer", None),
    (4, "Acme Co", "shop.variations", "answer+consult", None),
    (5, "Acme Co", "oos.redesign", "escalate", None),
    (10, None, "dns.records", "answer", None),
    (20, None, "email.add-user", "answer", FIXED),  # corrected: it saved nothing
    (40, None, "wp.menus", "review", None),  # a review's topic is a guess: not counted
    (45, None, None, "review", None),
    (50, None, "host.backups", "answer", None),
]


@pytest.fixture
def history() -> None:
    store = Workspace().store
    store.add_client(Client(name="Acme Co", stack={"host": "siteground"}))
    store.record(
        [
            HistoryEntry(at(days), client, f"question {n}", topic, 0.9, action, **(fix or {}))
            for n, (days, client, topic, action, fix) in enumerate(reversed(HISTORY))
        ]
    )
    store.close()


def test_stats_on_a_fixture_history(history, cli_json):
    stats = cli_json("stats")
    assert list(stats) == [
        "questions",
        "by_action",
        "by_topic",
        "by_client",
        "by_vendor",
        "consults_offered",
        "minutes_saved",
        "weeks",
    ]
    assert stats["questions"] == 10
    assert stats["by_action"] == {"answer": 6, "answer+consult": 1, "escalate": 1, "review": 2}
    assert stats["by_topic"] == {
        "host.backups": 3,
        "dns.propagation": 1,
        "dns.records": 1,
        "email.add-user": 1,
        "oos.redesign": 1,
        "shop.variations": 1,
    }
    assert stats["by_client"] == {"(no client)": 5, "Acme Co": 5}
    # the vendor of each topic's role in the asker's stack (the scorecard's own rule)
    assert stats["by_vendor"] == {
        "hover": 2,
        "siteground": 2,
        "flywheel": 1,
        "google-workspace": 1,
        "woocommerce": 1,
    }
    assert stats["consults_offered"] == 2
    # 7 replies sent as drafted (6 + 1 + 1, less the corrected one) of 5 minutes each,
    # less half a minute of the product's own time for each of the 10 questions
    assert stats["minutes_saved"] == 7 * 5 - 10 * PRODUCT_MINUTES == 30.0
    weeks = stats["weeks"]
    assert sum(week["questions"] for week in weeks) == 10
    assert [date.fromisoformat(w["week"]).weekday() for w in weeks] == [0] * len(weeks)
    assert (
        weeks[-1]["week"]
        == (NOW.astimezone().date() - timedelta(NOW.astimezone().weekday())).isoformat()
    )
    assert sum(w["by_action"]["review"] for w in weeks) == 2


def test_minutes_per_reply_from_the_settings(history, cli_json, config_dir):
    (config_dir / "settings.yaml").write_text("minutes_per_reply: 8\n", encoding="utf-8")
    assert cli_json("stats")["minutes_saved"] == 7 * 8 - 10 * 0.5 == 51.0


def test_since_and_client(history, cli_json):
    recent = cli_json("stats", "--since", "30d")
    assert recent["questions"] == 7
    assert recent["by_action"] == {"answer": 5, "answer+consult": 1, "escalate": 1, "review": 0}
    assert recent["minutes_saved"] == 6 * 5 - 7 * 0.5 == 26.5
    assert len(recent["weeks"]) in (5, 6)  # the weeks from 30 days ago to this one
    acme = cli_json("stats", "--client", "acme", "--since", "4d")
    assert acme["questions"] == 3
    assert acme["by_topic"] == {"host.backups": 2, "dns.propagation": 1}
    assert acme["by_vendor"] == {"siteground": 2, "hover": 1}
    assert acme["by_client"] == {"Acme Co": 3}


def test_weeks_in_order_with_the_empty_ones():
    now = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)  # a Wednesday

    def entry(day: str, action: str) -> HistoryEntry:
        return HistoryEntry(f"{day}T12:00:00Z", None, "q", "dns.records", 0.9, action)

    entries = [
        entry("2026-11-25", "answer"),
        entry("2026-11-18", "review"),
        entry("2026-11-18", "answer"),
        entry("2026-11-04", "escalate"),
    ]
    stats = history_stats(entries, minutes_per_reply=5, now=now)
    assert [(w.start.isoformat(), w.questions) for w in stats.weeks] == [
        ("2026-11-02", 1),
        ("2026-11-09", 0),
        ("2026-11-16", 2),
        ("2026-11-23", 1),
    ]
    assert stats.weeks[2].by_action == {
        "answer": 1,
        "answer+consult": 0,
        "escalate": 0,
        "review": 1,
    }
    assert stats.minutes_saved == 3 * 5 - 4 * 0.5 == 13.0
    since = history_stats(entries, minutes_per_reply=5, now=now, since=now - timedelta(days=1))
    assert [w.start.isoformat() for w in since.weeks] == ["2026-11-23"]
    assert history_stats([], minutes_per_reply=5, now=now).weeks == []


def test_piped_stats_are_tab_separated_rows(history, cli):
    result = cli("stats")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["questions", "", "10"]
    assert rows[1:5] == [
        ["action", "answer", "6", "0.600"],
        ["action", "answer+consult", "1", "0.100"],
        ["action", "escalate", "1", "0.100"],
        ["action", "review", "2", "0.200"],
    ]
    assert ["topic", "host.backups", "3"] in rows
    assert ["vendor", "siteground", "2"] in rows
    assert rows[-2:] == [["consults_offered", "", "2"], ["minutes_saved", "", "30"]]


def test_stats_on_a_terminal_has_tables_with_bars(history, cli):
    result = cli("stats", env={"TTY_COMPATIBLE": "1", "COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert "10 questions" in result.stdout
    assert "█" * 20 in result.stdout  # the longest bar of each table is full width
    assert "Time saved" in result.stdout and "30 min (at 5 min a reply)" in result.stdout


def test_stats_of_an_empty_history(cli, cli_json):
    empty = cli_json("stats")
    assert empty["questions"] == 0 and empty["weeks"] == [] and empty["minutes_saved"] == 0
    assert cli("stats", "--since", "yesterday").exit_code == 2


def test_log_csv_exports_every_entry(history, cli):
    result = cli("log", "--csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 10  # all of them, not the 20 most recent only
    assert list(rows[0]) == [
        "number",
        "time",
        "client",
        "question",
        "topic",
        "score",
        "action",
        "source",
        "mailbox",
        "message",
        "subject",
        "fixed",
        "matched_topic",
        "matched_action",
    ]
    assert [row["number"] for row in rows] == [str(n) for n in range(1, 11)]
    assert rows[0]["client"] == "Acme Co" and rows[0]["topic"] == "dns.propagation"
    assert rows[6]["matched_topic"] == "wp.users" and rows[6]["fixed"]
    assert rows[8]["topic"] == ""  # None is an empty cell
    assert len(list(csv.DictReader(io.StringIO(cli("log", "--csv", "-n", "3").stdout)))) == 3
    json_rows = json.loads(cli("log", "--json").stdout)
    assert len(json_rows) == 10 and json_rows[6]["matched_topic"] == "wp.users"
