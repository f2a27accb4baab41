"""The user's own catalogue (answers.d/, vendors.d/): overrides field by field, new topics
that `ask` matches, errors naming the user's file and line, and a cache that notices."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tiertriage.catalog.load import load_catalog
from tiertriage.errors import ExitCode

QUESTION = "how long does dns take to update after changing nameservers"


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def ask_json(cli, question: str) -> dict:
    result = cli("ask", "--no-log", "--json", question)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_overriding_one_field_keeps_the_rest_shipped(cli, config_dir):
    shipped = ask_json(cli, QUESTION)
    assert shipped["topic"] == "dns.propagation"
    write(
        config_dir / "answers.d",
        "mine.yaml",
        "topics:\n  - id: dns.propagation\n"
        "    next_step: Give it until tomorrow morning, then send me a screenshot.\n",
    )
    mine = ask_json(cli, QUESTION)
    assert mine["topic"] == "dns.propagation"
    assert "Give it until tomorrow morning, then send me a screenshot." in mine["reply"]
    shipped_next = load_catalog().topics["dns.propagation"].next_step
    assert shipped_next and shipped_next.split("{")[0].strip() not in mine["reply"]
    # everything else is still the shipped reply
    assert mine["reply"].split("\n\n")[:3] == shipped["reply"].split("\n\n")[:3]

    shown = json.loads(cli("topics", "show", "dns.propagation", "--json").stdout)
    assert shown["sources"]["next_step"].endswith("answers.d/mine.yaml")
    assert shown["sources"]["directions"].endswith("answers.yaml")
    assert shown["yours"] == ["next_step"]


def test_a_new_user_topic_is_matched_by_ask(cli, config_dir):
    write(
        config_dir / "answers.d",
        "zoom.yaml",
        """\
topics:
  - id: my.zoom-link
    role: cms
    title: Putting a Zoom meeting link on the booking page
    keywords: [zoom, zoom link, meeting link, booking page]
    examples:
      - "where do I paste our zoom link so clients see it when they book"
      - "can the booking page show the zoom meeting link"
      - "clients keep asking for the zoom link, can it go on the site"
    directions: "{cms} > Pages > Book a call > add the Zoom link in a Button block."
    search: add a button link
    next_step: Send me the link if you would rather I add it.
""",
    )
    data = ask_json(cli, "hi, how do we add the zoom link to our booking page?")
    assert data["topic"] == "my.zoom-link"
    assert data["action"] == "answer"
    assert "WordPress > Pages > Book a call" in data["reply"]


def test_a_user_vendor_is_added_and_usable(cli, config_dir):
    write(
        config_dir / "vendors.d",
        "hosts.yaml",
        """\
vendors:
  - id: tinyhost
    name: TinyHost
    roles: [host]
    support:
      help: https://help.tinyhost.example
      chat: https://tinyhost.example/chat
""",
    )
    result = cli("init", "--host", "tinyhost")
    assert result.exit_code == 0, result.stderr
    data = ask_json(cli, "the website is down and shows a 500 error")
    assert data["vendor"]["id"] == "tinyhost"


def test_a_broken_user_file_is_named_with_its_line(cli, config_dir):
    path = write(
        config_dir / "answers.d",
        "broken.yaml",
        "topics:\n  - id: dns.propagation\n    next_stpe: typo in the field name\n",
    )
    for command in (("catalog", "check"), ("ask", "--no-log", QUESTION)):
        result = cli(*command)
        assert result.exit_code == ExitCode.CATALOG, result.stdout
        match = re.match(r"tiertriage: error: (.+):(\d+): (.*)", result.stderr)
        assert match, result.stderr
        assert match[1].endswith("answers.d/broken.yaml") and Path(match[1]).name == path.name
        assert match[2] == "3"
        assert "topic 'dns.propagation': field 'next_stpe': unknown field" in match[3]


def test_a_broken_user_yaml_syntax_is_named_too(cli, config_dir):
    write(config_dir / "vendors.d", "bad.yaml", "vendors:\n  - id: x\n    name: [unclosed\n")
    result = cli("catalog", "check")
    assert result.exit_code == ExitCode.CATALOG
    assert re.search(r"vendors\.d/bad\.yaml:\d+: invalid YAML", result.stderr), result.stderr


def test_the_cached_catalogue_notices_a_changed_user_file(config_dir, home):
    cache = home / "cache"
    answers = config_dir / "answers.d"
    path = write(answers, "mine.yaml", "topics:\n  - id: dns.propagation\n    search: first\n")
    assert load_catalog(config_dir, cache).topics["dns.propagation"].search == "first"
    assert list(cache.glob("catalog-*.pickle"))
    path.write_text("topics:\n  - id: dns.propagation\n    search: second\n", encoding="utf-8")
    assert load_catalog(config_dir, cache).topics["dns.propagation"].search == "second"
    path.unlink()
    shipped = load_catalog(config_dir, cache).topics["dns.propagation"].search
    assert shipped not in ("first", "second")
