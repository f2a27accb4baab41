"""`tiertriage fix`: a correction teaches the catalogue (answers.d/learned.yaml), in both
matching stages, and `fix --undo` takes it back; `ask` offers it on a terminal; the
learned file is validated like any other and `catalog check` names a learned example
that makes another topic's examples lose."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode
from tiertriage.learning.fix import fix, undo
from tiertriage.mail import inputs
from tiertriage.store.history import HistoryEntry, utc_text
from tiertriage.workspace import Workspace

# Escalated as SEO work; the site's own tagline (Settings > General) is what it shows.
MISROUTED = "google shows an old description under our site name in search results"
PARAPHRASE = "the text google displays under our name in the results is out of date"
RIGHT = "wp.site-title"


def ask_json(cli, question: str, *extra: str) -> dict:
    result = cli("ask", "--json", *extra, question)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def learned_file(config_dir: Path) -> Path:
    return config_dir / "answers.d" / "learned.yaml"


def test_a_misrouted_question_fixed_is_then_matched_and_so_is_a_paraphrase(cli, cli_json):
    first = ask_json(cli, MISROUTED)
    assert (first["action"], first["matched_topic"]) == ("escalate", "oos.seo")
    assert ask_json(cli, PARAPHRASE, "--no-log")["topic"] != RIGHT

    fixed = cli_json("fix", "1", RIGHT)
    assert fixed["before"] == {"topic": "oos.seo", "action": "escalate"}
    assert fixed["after"] == {"topic": RIGHT, "action": "answer"}
    (example,) = fixed["examples"]
    assert example["topic"] == RIGHT and example["text"] == MISROUTED
    assert example["change"] == "added" and example["file"].endswith("answers.d/learned.yaml")
    (entry,) = cli_json("log")
    assert (entry["topic"], entry["action"], entry["matched_topic"]) == (RIGHT, "answer", "oos.seo")
    assert entry["fixed"]

    again = ask_json(cli, MISROUTED, "--no-log")
    assert (again["topic"], again["action"]) == (RIGHT, "answer")
    assert ask_json(cli, PARAPHRASE, "--no-log")["topic"] == RIGHT

    shown = cli_json("topics", "show", RIGHT)
    assert shown["topic"]["learned"] == [MISROUTED]
    assert MISROUTED in shown["topic"]["examples"]
    assert shown["sources"]["learned"].endswith("answers.d/learned.yaml")
    assert "learned" in shown["yours"]


def test_learned_examples_count_in_both_stages(cli):
    assert cli("ask", MISROUTED).exit_code == 0
    before = Workspace()
    rows = len(before.semantic.index.rows)
    assert fix(before, 1, RIGHT).entry.topic == RIGHT
    after = Workspace()
    texts = {t.id: t for t in after.catalog.texts()}[RIGHT]
    assert MISROUTED in texts.examples  # the lexical index is built from these
    assert len(after.semantic.index.rows) == rows + 1
    assert after.catalog.index.rank(MISROUTED)[0].topic == RIGHT
    assert undo(after, 1).entry.topic == "oos.seo"
    assert len(Workspace().semantic.index.rows) == rows


def test_undo_puts_the_matchers_outcome_back_and_forgets_the_example(cli, cli_json, config_dir):
    assert cli("ask", MISROUTED).exit_code == 0
    assert cli("fix", "1", RIGHT).exit_code == 0
    undone = cli_json("fix", "--undo", "1")
    assert undone["after"] == {"topic": "oos.seo", "action": "escalate"}
    assert [e["change"] for e in undone["examples"]] == ["removed"]
    (entry,) = cli_json("log")
    assert (entry["topic"], entry["action"], entry["fixed"]) == ("oos.seo", "escalate", None)
    assert MISROUTED not in learned_file(config_dir).read_text(encoding="utf-8")
    assert ask_json(cli, MISROUTED, "--no-log")["action"] == "escalate"

    result = cli("fix", "--undo", "1")
    assert result.exit_code == ExitCode.USAGE
    assert "entry 1 was never fixed: nothing to undo" in result.stderr


def test_a_second_fix_replaces_the_first_ones_example(cli, cli_json, config_dir):
    assert cli("ask", MISROUTED).exit_code == 0
    assert cli("fix", "1", "wp.homepage").exit_code == 0
    second = cli_json("fix", "1", RIGHT)
    assert [(e["topic"], e["change"]) for e in second["examples"]] == [
        ("wp.homepage", "removed"),
        (RIGHT, "added"),
    ]
    assert second["before"] == {"topic": "wp.homepage", "action": "answer"}
    (entry,) = cli_json("log")
    assert entry["matched_topic"] == "oos.seo"  # the matcher's, not the first fix's
    text = learned_file(config_dir).read_text(encoding="utf-8")
    assert "wp.homepage" not in text and text.count(MISROUTED) == 1


def test_review_teaches_nothing_and_escalate_teaches_the_closest_consult_topic(cli, cli_json):
    assert cli("ask", "can my candle come in three sizes with different prices?").exit_code == 0
    review = cli_json("fix", "1", "review")
    assert review["after"] == {"topic": None, "action": "review"}
    assert review["examples"] == []
    assert review["note"] == "review means no topic fits: there is nothing to learn"
    escalated = cli_json("fix", "1", "escalate")
    assert escalated["after"]["action"] == "escalate"
    assert escalated["after"]["topic"].startswith("oos.")
    assert [e["change"] for e in escalated["examples"]] == ["added"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("fix", "5", RIGHT), ExitCode.NOT_FOUND, "the history has no entry 5"),
        (("fix", "1", "wp.site-titel"), ExitCode.NOT_FOUND, "did you mean 'wp.site-title'"),
        (("fix", "1"), ExitCode.USAGE, "which topic is right?"),
        (("fix", "--undo", "1", RIGHT), ExitCode.USAGE, "--undo takes only the entry's number"),
        (("fix", "0", RIGHT), ExitCode.USAGE, ""),
    ],
)
def test_fix_errors(cli, args, code, message):
    assert cli("ask", MISROUTED).exit_code == 0
    result = cli(*args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr


def test_the_text_output_says_what_was_learned_where(cli):
    assert cli("ask", MISROUTED).exit_code == 0
    result = cli("fix", "1", RIGHT)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"entry 1: oos.seo (escalate) -> {RIGHT} (answer)"
    assert lines[1].startswith(f"learned as an example of '{RIGHT}' in ")
    assert lines[1].endswith("answers.d/learned.yaml")


# -- the learned file: validated and overridable --------------------------------------


def test_the_learned_file_is_validated_like_any_other(cli, config_dir):
    path = learned_file(config_dir)
    path.parent.mkdir(parents=True)
    path.write_text("topics:\n  - id: wp.site-title\n    examples:\n      - 42\n", "utf-8")
    result = cli("ask", "--no-log", MISROUTED)
    assert result.exit_code == ExitCode.CATALOG
    assert "learned.yaml:4: topic 'wp.site-title': field 'examples.0'" in result.stderr
    path.write_text("topics:\n  - id: my.gone\n    examples: [a question]\n", "utf-8")
    result = cli("ask", "--no-log", MISROUTED)
    assert result.exit_code == ExitCode.CATALOG
    assert (
        "learned.yaml:2: topic 'my.gone': examples learned for a topic the catalogue does not have"
        in result.stderr
    )
    path.write_text("topics:\n  - id: wp.site-title\n    colour: red\n", "utf-8")
    result = cli("ask", "--no-log", MISROUTED)
    assert result.exit_code == ExitCode.CATALOG
    assert "learned.yaml:3: topic 'wp.site-title': field 'colour': unknown field" in result.stderr
    # and fix refuses to work with a broken file, leaving it and the history as they are
    store = Workspace().store
    store.record(
        [
            HistoryEntry(
                utc_text(datetime.now(timezone.utc)), None, MISROUTED, "oos.seo", 0.8, "escalate"
            )
        ]
    )
    store.close()
    result = cli("fix", "1", RIGHT)
    assert result.exit_code == ExitCode.CATALOG
    assert "learned.yaml:3" in result.stderr
    assert path.read_text("utf-8").endswith("colour: red\n")
    assert Workspace().store.entry(1).fixed is None


def test_learned_examples_add_to_a_topic_your_own_file_overrides(cli, cli_json, config_dir):
    assert cli("ask", MISROUTED).exit_code == 0
    assert cli("fix", "1", RIGHT).exit_code == 0
    # a file of yours that replaces the topic's examples keeps the learned one on top
    (config_dir / "answers.d" / "mine.yaml").write_text(
        f"topics:\n  - id: {RIGHT}\n    examples: [where do I change the tagline]\n"
        f"    next_step: Send me a screenshot if it still shows.\n",
        encoding="utf-8",
    )
    shown = cli_json("topics", "show", RIGHT)
    assert shown["topic"]["examples"] == ["where do I change the tagline", MISROUTED]
    assert shown["sources"]["examples"].endswith("answers.d/mine.yaml")
    # the learned file is yours too: a field written there overrides as in any file
    path = learned_file(config_dir)
    path.write_text(path.read_text("utf-8") + "- id: wp.homepage\n  next_step: Call me.\n", "utf-8")
    shown = cli_json("topics", "show", "wp.homepage")
    assert shown["topic"]["next_step"] == "Call me."
    assert shown["sources"]["next_step"].endswith("answers.d/learned.yaml")
    assert ask_json(cli, MISROUTED, "--no-log")["topic"] == RIGHT


def test_catalog_check_names_a_learned_example_that_makes_another_topics_lose(
    cli, config_dir, tmp_path, monkeypatch
):
    from test_lint import ANSWERS, VENDORS

    catalogue = tmp_path / "catalogue"
    catalogue.mkdir()
    (catalogue / "vendors.yaml").write_text(VENDORS, encoding="utf-8")
    (catalogue / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(catalogue))
    (config_dir / "settings.yaml").write_text("matching: lexical\n", encoding="utf-8")
    path = learned_file(config_dir)
    path.parent.mkdir()
    path.write_text(
        """\
topics:
- id: host.billing
  examples:
  - how do i renew my domain before it expires, the invoice
  - domain renewal reminder came in, what do i do with the invoice
  - auto renew for our domain, where is the invoice
  - our domain expires next week, pay the invoice
  - when does the domain expire, send the renewal invoice
  - renew the domain expiry invoice
""",
        encoding="utf-8",
    )
    result = cli("catalog", "check", "--json")
    assert result.exit_code == 0, result.stderr
    blamed = [
        item
        for item in json.loads(result.stdout)["items"]
        if item["code"] == "outranked-example" and "makes" in item["message"]
    ]
    # the three learned phrasings that copy a domain.renewal example, each at its line
    assert sorted((Path(item["file"]).name, item["line"], item["id"]) for item in blamed) == [
        ("learned.yaml", 5, "host.billing"),
        ("learned.yaml", 6, "host.billing"),
        ("learned.yaml", 7, "host.billing"),
    ]
    line_7 = next(item["message"] for item in blamed if item["line"] == 7)
    assert line_7.startswith(
        "learned example 'our domain expires next week, pay the invoice' makes "
        "'our domain expires next week, please help' (an example of 'domain.renewal', "
    )
    assert line_7.endswith("get the reply of 'host.billing'")
    # the lost example itself is still reported where the catalogue has it
    lost = [
        item
        for item in json.loads(result.stdout)["items"]
        if item["code"] == "outranked-example" and item["id"] == "domain.renewal"
    ]
    assert any("'our domain expires next week, please help'" in i["message"] for i in lost)


# -- ask on a terminal -----------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "stdin_is_terminal", lambda: True)


UNSURE = "how do i make the menu show the new page"  # wp.menus, but only 0.57: ambiguous


def test_ask_on_a_terminal_offers_to_fix_a_review(cli, cli_json, terminal):
    question = "customers say the cart empties itself before they pay"
    result = cli("ask", question, input="shop.payments\n")
    assert result.exit_code == 0, result.stderr
    assert "Right topic? [Enter = yes / id] (review)" in result.stderr
    assert "entry 1: shop.shipping (review) -> shop.payments (answer+consult)" in result.stderr
    assert "Right topic?" not in result.stdout  # the reply alone on stdout
    (entry,) = cli_json("log")
    assert (entry["topic"], entry["action"]) == ("shop.payments", "answer+consult")


def test_enter_keeps_a_review_and_a_typo_is_asked_again(cli, cli_json, terminal, config_dir):
    question = "customers say the cart empties itself before they pay"
    assert cli("ask", question, input="\n").exit_code == 0
    assert cli_json("log")[0]["fixed"] is None
    result = cli("ask", question, input="shop.paymnts\nshop.payments\n")
    assert "did you mean 'shop.payments'" in result.stderr
    assert result.stderr.count("Right topic?") == 2
    assert cli_json("log")[0]["topic"] == "shop.payments"


def test_no_prompt_and_a_pipe_ask_nothing(cli, cli_json, terminal, monkeypatch):
    question = "customers say the cart empties itself before they pay"
    result = cli("ask", "--no-prompt", question, input="shop.payments\n")
    assert "Right topic?" not in result.stderr
    monkeypatch.setattr(inputs, "stdin_is_terminal", lambda: False)
    result = cli("ask", question)
    assert "Right topic?" not in result.stderr
    assert [e["fixed"] for e in cli_json("log")] == [None, None]


def test_enter_confirms_an_unsure_answer_which_is_then_learned(cli, cli_json, terminal):
    before = ask_json(cli, UNSURE, "--no-log")
    assert (before["topic"], before["ambiguous"]) == ("wp.menus", True)
    result = cli("ask", UNSURE, input="\n")
    assert "Right topic? [Enter = yes / id] (wp.menus)" in result.stderr
    assert "entry 1: wp.menus (answer) -> wp.menus (answer)" in result.stderr
    (entry,) = cli_json("log")
    assert entry["fixed"] and entry["matched_topic"] == "wp.menus"
    after = ask_json(cli, UNSURE, "--no-log")
    assert (after["topic"], after["ambiguous"]) == ("wp.menus", False)
    assert after["score"] > before["score"]
