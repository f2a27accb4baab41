"""`topics show`, `topics add` and `topics edit`: the user's own topics in answers.d/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode
from tiertriage.yamlfile import parse


def topic_in(path: Path) -> dict:
    [topic] = parse(path.read_bytes())["topics"]
    return topic


def ask_topic(cli, question: str) -> str | None:
    result = cli("ask", "--no-log", "--json", question)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["topic"]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR: a script that replaces every TODO line and records the file it edited."""
    log = tmp_path / "edited.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, re, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = re.sub(r\"'TODO: [^'\\n]*'\", 'Filled in by the editor.', path.read_text())\n"
        "path.write_text(text)\n"
        f"pathlib.Path({str(log)!r}).write_text(str(path))\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return log


def test_show_names_the_source_of_every_field(cli, config_dir):
    result = cli("topics", "show", "dns.records")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("id  [shipped: ")
    assert "\ntitle  [shipped: " in result.stdout
    assert "\naction  [default: (default)]" not in result.stdout  # action is given
    data = json.loads(cli("topics", "show", "dns.records", "--json").stdout)
    assert data["topic"]["id"] == "dns.records" and data["yours"] == []
    assert all(label.endswith("answers.yaml") for label in data["sources"].values())


def test_show_unknown_topic_suggests_the_closest(cli):
    result = cli("topics", "show", "dns.recrods")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith(
        "tiertriage: error: unknown topic 'dns.recrods'; did you mean 'dns.records'"
    )


def test_add_from_flags_writes_a_topic_that_ask_matches(cli, config_dir):
    result = cli(
        "topics", "add", "--id", "my.zoom-link", "--role", "cms",
        "--title", "Zoom meeting link on the booking page",
        "-k", "zoom", "-k", "zoom link", "-k", "meeting link",
        "-e", "where do I paste our zoom link so clients see it",
        "-e", "can the booking page show the zoom meeting link",
        "--directions", "{cms} > Pages > Book a call > Button block.",
        "--search", "add a button link", "--next-step", "Send me the link.",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = config_dir / "answers.d" / "my.zoom-link.yaml"
    assert result.stdout == f"{path}\n"
    assert "added topic 'my.zoom-link'" in result.stderr and "TODO" not in result.stderr
    topic = topic_in(path)
    assert topic["role"] == "cms" and topic["keywords"] == ["zoom", "zoom link", "meeting link"]
    assert ask_topic(cli, "how can clients find the zoom link when they book?") == "my.zoom-link"
    assert cli("catalog", "check", "--json").exit_code == 0


def test_add_from_a_question_guesses_and_marks_todo(cli, config_dir):
    result = cli("topics", "add", "--from", "How do I stop my Calendly emails landing in spam?")
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == config_dir / "answers.d"
    topic = topic_in(path)
    assert topic["id"] == "my.stop-calendly-emails"
    assert topic["examples"] == ["How do I stop my Calendly emails landing in spam?"]
    assert "calendly" in topic["keywords"]
    assert topic["role"] == "email"  # the closest in-scope topic is about email
    assert topic["directions"].startswith("TODO")
    assert "fill in directions, search, next_step" in result.stderr
    todo = [i for i in json.loads(cli("catalog", "check", "--json").stdout)["items"]
            if i["code"] == "todo"]  # fmt: skip
    assert {i["field"] for i in todo} == {"directions", "search", "next_step"}
    assert all(i["file"].endswith(path.name) for i in todo)


def test_add_refuses_an_existing_id_and_a_bad_role(cli, config_dir):
    result = cli("topics", "add", "--id", "dns.records", "--role", "registrar", "--title", "x")
    assert result.exit_code == ExitCode.CATALOG
    assert "topic 'dns.records' already exists" in result.stderr
    assert "tiertriage topics edit dns.records" in result.stderr
    result = cli("topics", "add", "--id", "my.x", "--role", "hots", "--title", "x")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "unknown role 'hots'; did you mean 'host'" in result.stderr
    assert not (config_dir / "answers.d").exists() or not list((config_dir / "answers.d").iterdir())


def test_add_refuses_a_topic_the_catalogue_would_reject(cli, config_dir):
    result = cli(
        "topics", "add", "--id", "my.x", "--role", "cms", "--title", "x", "-k", "x",
        "--directions", "Ask {nobody}.",
    )  # fmt: skip
    assert result.exit_code == ExitCode.CATALOG
    assert "my.x.yaml" in result.stderr and "unknown placeholder '{nobody}'" in result.stderr
    assert not (config_dir / "answers.d" / "my.x.yaml").exists()


def test_add_interactively(cli, config_dir):
    answers = "\n".join(
        [
            "my.podcast-feed",  # id
            "Podcast RSS feed link",  # title
            "answer",  # action
            "cms",  # role
            "podcast, rss feed",  # keywords
            "where is our podcast rss feed",  # examples, then an empty line
            "can you send me the podcast feed url",
            "",
            "{cms} > Podcast > Settings > Feed URL.",  # directions
            "podcast feed url",  # search
            "",  # next step: left TODO
        ]
    )
    result = cli("topics", "add", "--interactive", "--no-edit", input=answers + "\n")
    assert result.exit_code == 0, result.stderr
    topic = topic_in(config_dir / "answers.d" / "my.podcast-feed.yaml")
    assert topic["keywords"] == ["podcast", "rss feed"]
    assert topic["examples"] == [
        "where is our podcast rss feed",
        "can you send me the podcast feed url",
    ]
    assert topic["directions"] == "{cms} > Podcast > Settings > Feed URL."
    assert topic["next_step"].startswith("TODO")
    assert ask_topic(cli, "what's the url of our podcast rss feed?") == "my.podcast-feed"


def test_add_from_the_log_takes_the_question_log_numbers(cli, config_dir):
    empty = cli("topics", "add", "--from-log", "1")
    assert empty.exit_code == ExitCode.NOT_FOUND and "the history is empty" in empty.stderr
    for question in (
        "Can you redesign our whole website with a new logo?",
        "how long does dns take to update",
        "could you write our blog posts every month?",
    ):
        assert cli("ask", "--json", question).exit_code == 0
    assert cli("log").stdout.splitlines()[2].startswith("3\t")  # 3: the redesign, the oldest
    result = cli("topics", "add", "--from-log", "3", "--action", "escalate", "--no-edit")
    assert result.exit_code == 0, result.stderr
    topic = topic_in(Path(result.stdout.strip()))
    assert topic["examples"] == ["Can you redesign our whole website with a new logo?"]
    assert topic["action"] == "escalate" and "role" not in topic
    result = cli("topics", "add", "--from-log", "4")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "the history has no entry 4 (entries are numbered 1 to 3" in result.stderr


def test_add_opens_the_editor_and_checks_the_result(cli, config_dir, editor):
    result = cli("topics", "add", "--from", "how do I embed a calendly widget", "--edit")
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert editor.read_text() == str(path)
    assert "TODO" not in path.read_text()


def test_edit_copies_a_shipped_topic_once(cli, config_dir, editor):
    result = cli("topics", "edit", "dns.records", "--no-edit")
    assert result.exit_code == 0, result.stderr
    path = config_dir / "answers.d" / "dns.records.yaml"
    assert result.stdout == f"{path}\n" and "copied the shipped topic" in result.stderr
    text = path.read_text()
    assert text.startswith("# Your copy of the shipped topic 'dns.records'")
    assert "directions: |" in text  # multi-line text stays readable
    shown = json.loads(cli("topics", "show", "dns.records", "--json").stdout)
    assert set(shown["yours"]) == set(topic_in(path)) - {"id"}

    path.write_text(text.replace("search:", "search: my own term #", 1))
    result = cli("topics", "edit", "dns.records", "--edit")
    assert result.exit_code == 0 and "is yours already" in result.stderr
    assert editor.read_text() == str(path)
    assert "my own term" in path.read_text()  # not copied again


def test_edit_reports_a_file_the_editor_broke(cli, config_dir, tmp_path, monkeypatch):
    script = tmp_path / "breaker.py"
    script.write_text(
        "import pathlib, sys\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('search:', 'serch:', 1))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("topics", "edit", "domain.renewal", "--edit")
    assert result.exit_code == ExitCode.CATALOG
    assert "domain.renewal.yaml:" in result.stderr and "field 'serch'" in result.stderr


def test_edit_unknown_topic(cli):
    result = cli("topics", "edit", "dns.recrds", "--no-edit")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean 'dns.records'" in result.stderr


def test_an_editor_that_fails_is_reported(cli, config_dir, monkeypatch):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli("topics", "edit", "dns.records", "--edit")
    assert result.exit_code == 1
    assert "the editor '/nonexistent/editor' failed" in result.stderr
    assert "set $EDITOR, or edit" in result.stderr


def test_add_interactively_from_a_question_offers_its_suggestions(cli, config_dir):
    question = "the emails we send to customers keep landing in their spam folder"
    result = cli("topics", "add", "-i", "--no-edit", "--from", question, input="\n" * 12)
    assert result.exit_code == 0, result.stderr
    assert "Topic id [my.emails-send-customers]" in result.stdout
    assert "Role [email]" in result.stdout  # the role of the closest topic
    topic = topic_in(config_dir / "answers.d" / "my.emails-send-customers.yaml")
    assert topic["role"] == "email" and topic["examples"] == [question]
    assert topic["keywords"] == ["emails", "send", "customers", "keep", "landing", "spam"]
