"""`vendors compare` and `vendors recommend`: the scorecard arithmetic, its reasons in words,
the history counts, the weights from the settings, and the HTML report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiertriage.catalog.models import Vendor
from tiertriage.errors import ConfigError, ExitCode
from tiertriage.scorecard.evidence import usage_by_vendor
from tiertriage.scorecard.score import (
    DEFAULT_WEIGHTS,
    Usage,
    checklist,
    score,
    weights,
)
from tiertriage.scorecard.summary import response_mark
from tiertriage.store.clients import Client
from tiertriage.store.history import HistoryEntry
from tiertriage.store.vendor_tests import VendorTest
from tiertriage.workspace import Workspace
from vendor_world import check_html, write_catalogue

# Three chat tests of Host One: a quick, a good and a slow, pushy one.
HOSTONE_TESTS = (
    ("30", "5", "--good-questions", "--no-sales-pitch", "0"),
    ("60", "4", "--good-questions", "--no-sales-pitch", "0"),
    ("8m", "3", "--no-good-questions", "--sales-pitch", "3"),
)


@pytest.fixture(autouse=True)
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = write_catalogue(tmp_path / "catalogue")
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(directory))
    return directory


def run_tests(cli) -> None:
    for n, (first, rating, questions, pitch, transfers) in enumerate(HOSTONE_TESTS, 1):
        ratings = [arg for name in ("welcome", "knowledge", "patience", "clarity", "concise")
                   for arg in (f"--{name}", rating)]  # fmt: skip
        result = cli("vendors", "test", "hostone", "--channel", "chat", "--date", f"2026-11-0{n}",
                     "--first-response", first, *ratings, questions, pitch,
                     "--transfers", transfers)  # fmt: skip
        assert result.exit_code == 0, result.stderr


def record_history() -> None:
    """Acme (host: Host One) and Beta (on Platform X) asking; one question without a
    client; Gamma asked, then was removed."""
    store = Workspace().store
    store.add_client(Client(name="Acme Co", contact="Jane Doe", stack={"host": "hostone"}))
    store.add_client(Client(name="Beta", stack=dict.fromkeys(("cms", "shop", "host"), "platformx")))
    store.add_client(Client(name="Gamma", stack={"host": "hostthree"}))

    def asked(client: str | None, topic: str, action: str, times: int = 1) -> list[HistoryEntry]:
        return [HistoryEntry("2026-11-05T10:00:00Z", client, "q", topic, 0.9, action)] * times

    store.record(
        asked("Acme Co", "host.down", "answer", 3)
        + asked("Acme Co", "host.redesign", "answer+consult")
        + asked("Acme Co", "host.down", "review")  # a guess: not counted
        + asked("Acme Co", "dns.records", "answer", 2)
        + asked("Acme Co", "oos.logo", "escalate")  # no role: no vendor
        + asked("Beta", "host.down", "answer")
        + asked(None, "host.down", "answer+consult", 2)
        + asked("Gamma", "host.down", "answer")
        + asked("Acme Co", "gone.topic", "answer")  # a topic no longer in the catalogue
    )
    store.remove_client("Gamma")


def test_history_counts_follow_each_clients_stack():
    record_history()
    usage = usage_by_vendor(Workspace())
    assert usage["hostone"] == Usage(clients=1, questions=4, consults=1)
    assert usage["platformx"] == Usage(clients=1, questions=1, consults=0)
    # without a client, or for a removed one: the default stack's host
    assert usage["hosttwo"] == Usage(clients=0, questions=3, consults=2)
    assert usage["regone"] == Usage(clients=2, questions=2, consults=0)
    assert "hostthree" not in usage
    assert usage["wp"] == Usage(clients=1) and usage["woo"] == Usage(clients=1)


def test_compare_arithmetic_and_reasons(cli, cli_json):
    run_tests(cli)
    record_history()
    data = cli_json("vendors", "compare", "--role", "host")
    assert data["role"] == "host" and data["weights"] == DEFAULT_WEIGHTS
    by_id = {v["id"]: v for v in data["vendors"]}
    assert data["vendors"][0]["id"] == "hostone"
    one = by_id["hostone"]
    # channels 5.5 of 8 (chat only on paid plans counts half) -> 13.75; terms: a trial,
    # no refund -> 2.5; replies 30 s, 60 s, 8 min -> marks 1, 1, 0.5 -> 16.67; ratings
    # 5, 4, 3 -> 0.75 -> 18.75; good questions 2 of 3 -> 3.33; pitches 1 of 3 -> 6.67;
    # transfers 1 a test -> 3.33; consults 1 of 4 -> 7.5: 72.5 of 100.
    assert one["score"] == 72.5
    assert {p["criterion"]: p["points"] for p in one["parts"]} == {
        "channels": 13.75, "terms": 2.5, "first_response": 16.67, "staff": 18.75,
        "good_questions": 3.33, "sales_pitch": 6.67, "transfers": 3.33, "consults": 7.5,
    }  # fmt: skip
    assert one["tests"] == 3 and one["median_first_response"] == 60
    assert one["mean_ratings"] == dict.fromkeys(
        ("welcome", "knowledge", "patience", "clarity", "concise"), 4.0
    )
    assert one["sales_pitch_share"] == 0.333 and one["good_questions_share"] == 0.667
    assert one["last_test"] == "2026-11-03" and one["mean_transfers"] == 1
    assert (one["clients"], one["questions"], one["consults"]) == (1, 4, 1)
    assert one["reviews"] == {"trustpilot": "https://www.trustpilot.com/review/hostone.example"}
    assert one["reasons"] == [
        "Channels: help centre, live chat (paid plans only), tickets, status page, forum, "
        "tutorials; no chat around the clock or phone; 5.5 of 8 checklist items (13.8 of 20)",
        "Terms: free trial: 30-day free trial; money-back: None: paid plans are "
        "non-refundable (2.5 of 5)",
        "First human reply: median chat 60 s over 3 tests; full marks within 1 min on chat "
        "or phone, 1 h by ticket or email (16.7 of 20)",
        "Staff: welcome 4, knowledge 4, patience 4, clarity 4, conciseness 4 out of 5 over "
        "3 tests (18.8 of 25)",
        "Good questions: asked in 2 of 3 tests (3.3 of 5)",
        "Sales pitches: in 1 of 3 tests (6.7 of 10)",
        "Transfers: 1 a test on average (3.3 of 5)",
        "Client questions: 4 about its services from 1 client using it, 1 ended in a "
        "consult (7.5 of 10)",
    ]


def test_a_vendor_with_no_tests_counts_as_middling_and_says_how_to_test(cli_json):
    two = next(v for v in cli_json("vendors", "compare")["vendors"] if v["id"] == "hosttwo")
    # no channels but the help centre; a refund (2.5); tests and questions unknown: half
    assert two["tests"] == 0 and two["median_first_response"] is None
    assert two["score"] == 40.0
    assert two["reasons"] == [
        "Channels: help centre; no live chat, chat around the clock, phone, tickets, status "
        "page, forum, tutorials or published response time; 0 of 8 checklist items (0.0 of 20)",
        "Terms: money-back: 30-day money-back guarantee; no free trial listed (2.5 of 5)",
        "Not tested yet: record a chat test with `tiertriage vendors test hosttwo` "
        "(32.5 of 65, counted as middling)",
        "Client questions: none yet (no client uses it) (5.0 of 10, counted as middling)",
    ]
    assert [p["known"] for p in two["parts"]] == [True, True] + [False] * 6


def test_weights_from_the_settings(cli, cli_json, config_dir):
    run_tests(cli)
    only_staff = {c: 0 for c in DEFAULT_WEIGHTS} | {"staff": 2}
    (config_dir / "settings.yaml").write_text(
        "scorecard_weights:\n" + "".join(f"  {c}: {w}\n" for c, w in only_staff.items())
    )
    data = cli_json("vendors", "compare", "--role", "host")
    assert data["weights"]["staff"] == 2
    one = next(v for v in data["vendors"] if v["id"] == "hostone")
    assert one["score"] == 75.0  # mean rating 4 of 5
    assert one["reasons"] == [
        "Staff: welcome 4, knowledge 4, patience 4, clarity 4, conciseness 4 out of 5 over "
        "3 tests (1.5 of 2)"
    ]
    (config_dir / "settings.yaml").write_text("scorecard_weights: {speed: 3}\n")
    bad = cli("vendors", "compare")
    assert bad.exit_code == ExitCode.CONFIG
    assert "field 'scorecard_weights.speed': Input should be 'channels', 'terms'" in bad.stderr
    (config_dir / "settings.yaml").write_text("scorecard_weights: {channels: -1}\n")
    assert "greater than or equal to 0" in cli("vendors", "compare").stderr


def test_all_weights_zero_is_refused():
    with pytest.raises(ConfigError, match="every weight is 0"):
        weights(dict.fromkeys(DEFAULT_WEIGHTS, 0.0))  # type: ignore[arg-type]


def test_response_marks_by_channel():
    def mark(channel: str, seconds: float) -> float | None:
        return response_mark(
            VendorTest(vendor="v", channel=channel, date="2026-01-01", first_response=seconds)
        )

    assert mark("chat", 45) == 1 and mark("chat", 15 * 60) == 0 and mark("phone", 3600) == 0
    assert mark("ticket", 3600) == 1 and round(mark("ticket", 24.5 * 3600) or 0, 3) == 0.5
    assert response_mark(VendorTest(vendor="v", channel="email", date="2026-01-01")) is None


def test_checklist_and_terms_from_the_catalogue():
    vendor = Vendor.model_validate(
        {
            "id": "v", "name": "V", "roles": ["host"],
            "support": {"help": "https://v.example", "chat": "https://v.example/chat",
                        "chat_hours": "24 hours a day", "email": "help@v.example"},
            "trial": "No trial; a free plan instead", "money_back": "14 days",
        }
    )  # fmt: skip
    items = dict(checklist(vendor))
    assert items["live chat"] == 1 and items["chat around the clock"] == 1
    assert items["tickets"] == 1 and items["phone"] == 0
    card = score(vendor, [], Usage(), DEFAULT_WEIGHTS)
    terms = next(p for p in card.parts if p.criterion == "terms")
    assert terms.value == 0.5  # "No trial" offers none; 14 days back does


def test_compare_plain_and_terminal(cli):
    run_tests(cli)
    plain = cli("vendors", "compare", "--role", "host").stdout
    # no client questions yet: that criterion counts as middling (5 of 10)
    assert plain.startswith("1. Host One (hostone): 70/100\n  Channels: help centre")
    assert "  Your tests: 3, the last on 2026-11-03\n" in plain
    assert "  Facts checked: 2026-12, 1 with their source\n" in plain
    terminal = cli("vendors", "compare", "--role", "host", env={"TTY_COMPATIBLE": "1"}).stdout
    assert "1. Host One (hostone): 70/100" in terminal
    assert "13.8/20" in terminal and "5.0/10 ?" in terminal
    assert cli("vendors", "compare", "--role", "hots").exit_code == ExitCode.NOT_FOUND


def test_recommend_lists_the_best_three_with_reasons(cli, cli_json):
    run_tests(cli)
    out = cli("vendors", "recommend", "--role", "host").stdout
    assert out.startswith("The best web hosts on your scorecard:\n\n1. Host One (hostone): 70/100")
    assert "  - Sales pitches: in 1 of 3 tests (6.7 of 10)\n" in out
    assert out.count("/100") == 3
    data = cli_json("vendors", "recommend", "--role", "host", "--limit", "2")
    assert data["role"] == "host" and [v["rank"] for v in data["vendors"]] == [1, 2]
    assert data["vendors"][0]["id"] == "hostone" and data["vendors"][0]["reasons"]
    assert cli("vendors", "recommend").exit_code == ExitCode.USAGE  # --role is needed


def test_html_report_is_self_contained(cli, tmp_path: Path):
    run_tests(cli)
    report = tmp_path / "out" / "hosts.html"
    result = cli("vendors", "compare", "--role", "host", "--html", str(report))
    assert result.exit_code == 0 and result.stdout == f"Wrote {report}\n"
    page = report.read_text(encoding="utf-8")
    workspace = Workspace()
    vendor_links = {
        url
        for v in workspace.catalog.vendors_for("host")
        for url in (
            v.website,
            *v.support.model_dump().values(),
            *(v.reviews.model_dump().values() if v.reviews else ()),
        )
        if isinstance(url, str) and url.startswith("https://")
    }
    tags = check_html(page, vendor_links)
    assert tags.count("svg") == 1 + 4  # the totals, then one chart per vendor
    assert "<title>Support scorecard: web hosts</title>" in page
    assert f"Made by tiertriage on {date.today().isoformat()}" in page
    assert 'href="https://www.trustpilot.com/review/hostone.example"' in page
    assert "1. Host One</h2>" in page and "Score <strong>70</strong>" in page
    assert cli("vendors", "compare", "--html", "-").stdout.startswith("<!DOCTYPE html>")
    both = cli("vendors", "compare", "--role", "host", "--html", str(report), "--json")
    assert both.stdout.startswith("{")


def test_vendor_text_is_escaped_in_the_report(cli, catalogue: Path, tmp_path: Path):
    vendors = catalogue / "vendors.yaml"
    text = vendors.read_text().replace("name: Host Two", 'name: "Host <b>Two</b> & co"')
    vendors.write_text(text)
    page = cli("vendors", "compare", "--html", "-").stdout
    assert "Host &lt;b&gt;Two&lt;/b&gt; &amp; co" in page and "<b>" not in page


def test_init_offers_the_best_on_the_scorecard_first(cli, config_dir):
    run_tests(cli)
    result = cli("init", "-i", input="\n" * 30)
    assert result.exit_code == 0, result.stderr
    assert "listed best first on your scorecard" in result.stdout
    # Host One tested well (70); the others on their channels alone: Platform X 45,
    # Host Three 42.5, Host Two 40
    assert "host (web host): hostone, platformx, hostthree, hosttwo\n" in result.stdout
    assert "host (web host) [hosttwo]" in result.stdout  # the default is unchanged
    added = cli("client", "add", "Acme", "-i", input="\n" * 30)
    assert added.exit_code == 0, added.stderr
    assert "Web host: hostone, platformx, hostthree, hosttwo, none\n" in added.stdout


def test_init_with_broken_settings_lists_the_catalogue_order(cli, config_dir):
    (config_dir / "settings.yaml").write_text("scorecard_weights: {speed: 3}\n")
    result = cli("init", "-i", input="\n" * 30)
    assert result.exit_code == 0, result.stderr
    assert "vendors are listed in the catalogue's order" in result.stderr
    assert "host (web host): hostone, hosttwo, hostthree, platformx\n" in result.stdout
