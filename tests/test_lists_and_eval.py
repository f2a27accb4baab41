"""`catalog eval`, `topics list`, `vendors list` and `vendors show` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode

LABELLED = """\
items:
  - text: "my nameserver change from yesterday still isn't showing, how long does it take?"
    topic: dns.propagation
  - text: "how do i put a discount code on the shop for 10% off?"
    topic: shop.coupons
  - text: "could you build us a members-only area with paid subscriptions?"
    topic: null
  - text: "can you write all the words for our new services page?"
    topic: wp.edit-page
"""


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.yaml"
    path.write_text(LABELLED, encoding="utf-8")
    return path


def test_eval_prints_the_summary_and_misses(cli, labelled):
    result = cli("catalog", "eval", str(labelled))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "4 questions (3 in scope, 1 out of scope)" in out
    assert "in-scope answered right:       0.667" in out  # the last item is labelled wrong
    assert "wrong replies sent:            0.000" in out
    assert "out of scope held back:        1.000" in out
    assert "in-scope escalated:            0.333" in out
    assert "wp.edit-page\tESCALATE\toos.content" in out  # the miss, tab-separated when piped


def test_eval_json(cli_json, labelled):
    data = cli_json("catalog", "eval", str(labelled))
    assert [item["expected"] for item in data["items"]] == [
        "dns.propagation",
        "shop.coupons",
        None,
        "wp.edit-page",
    ]
    escalated = data["items"][2]
    assert escalated["action"] == "escalate"
    assert escalated["predicted"] == "oos.new-feature"  # best-ranked, even when escalated
    summary = data["summary"]
    assert summary["in_scope"] == 3 and summary["out_of_scope"] == 1
    assert summary["in_scope_correct"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["in_scope_top1"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["out_of_scope_held"] == 1.0
    assert summary["out_of_scope_precision"] == 0.5
    assert summary["in_scope_escalated"] == pytest.approx(1 / 3, abs=1e-3)
    assert summary["wrong_sent"] == 0.0 and summary["review"] == 0.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("items: [", "invalid YAML"),
        ("questions: []", "expected 'items:'"),
        ("items:\n  - topic: dns.propagation\n", "item 1: expected a mapping with 'text'"),
        ('items:\n  - {text: "hi", topic: no.such}\n', "labels not in the catalogue: no.such"),
    ],
)
def test_eval_bad_files(cli, tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = cli("catalog", "eval", str(path))
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_eval_missing_file(cli, tmp_path):
    result = cli("catalog", "eval", str(tmp_path / "nope.yaml"))
    assert result.exit_code == ExitCode.USAGE
    assert "cannot read" in result.stderr


def test_topics_list(cli, cli_json):
    topics = cli_json("topics", "list")
    ids = [t["id"] for t in topics]
    assert "dns.propagation" in ids and "oos.redesign" in ids
    assert {"id", "role", "action", "title"} <= set(topics[0])
    lines = cli("topics", "list").stdout.splitlines()
    assert any(line.startswith("shop.variations\tshop\tanswer+consult\t") for line in lines)


def test_vendors_list_and_filter(cli, cli_json):
    registrars = cli_json("vendors", "list", "--role", "registrar")
    assert {v["id"] for v in registrars} >= {"hover", "godaddy", "namecheap", "cloudflare"}
    assert all("registrar" in v["roles"] for v in registrars)
    unknown = cli("vendors", "list", "--role", "registar")
    assert unknown.exit_code == ExitCode.NOT_FOUND
    assert "did you mean 'registrar'" in unknown.stderr


def test_vendors_show(cli, cli_json):
    hover = cli_json("vendors", "show", "hover")
    assert hover["name"] == "Hover" and hover["help_url"].startswith("https://")
    text = cli("vendors", "show", "hover").stdout
    assert "help_url\thttps://" in text
    missing = cli("vendors", "show", "hoover")
    assert missing.exit_code == ExitCode.NOT_FOUND
    assert "unknown vendor 'hoover'; did you mean 'hover'" in missing.stderr
    assert json.loads(cli("vendors", "show", "HOVER", "--json").stdout)["id"] == "hover"
