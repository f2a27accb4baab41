"""`tiertriage topics suggest` groups the escalated and reviewed questions of a fixture
history with two obvious groups; `topics add --from-cluster K` drafts a topic from one."""

from __future__ import annotations

import json

import yaml

from tiertriage.errors import ExitCode
from tiertriage.learning.clusters import candidates, group
from tiertriage.store.history import HistoryEntry
from tiertriage.workspace import Workspace

ZOOM = [
    "how do I add my zoom link to the booking page?",
    "where do I paste the zoom meeting link so clients get it when they book",
    "can the booking confirmation include our zoom link automatically?",
    "clients book a session but never get the zoom link, how do I add it",
]
INSTAGRAM = [
    "can you put our instagram feed on the homepage",
    "I'd love the latest instagram posts to show on the site",
    "how do we embed our instagram photos on the website",
]
ALONE = [
    "can you recommend a good accountant",
    "the printer in our office is broken",
]
ANSWERED = "how long does dns take to update"  # answered: never grouped


def record(questions: list[tuple[str, str]]) -> None:
    """Oldest first: the last one is entry 1."""
    store = Workspace().store
    store.record(
        [
            HistoryEntry(
                f"2026-11-{day + 1:02d}T12:00:00Z", None, text, "oos.new-feature", 0.4, action
            )
            for day, (text, action) in enumerate(questions)
        ]
    )
    store.close()


def fixture_history() -> None:
    actions = ["escalate", "review"] * 2 + ["review"] * 3
    mixed = list(zip([*ZOOM, *INSTAGRAM], actions, strict=True))
    record([*mixed, *((q, "review") for q in ALONE), (ANSWERED, "answer"), (ANSWERED, "answer")])


def test_two_obvious_groups(cli_json):
    fixture_history()
    found = cli_json("topics", "suggest")
    assert found["questions"] == 9  # escalated or reviewed; the answered ones left out
    groups = found["clusters"]
    assert [(g["number"], g["size"]) for g in groups] == [(1, 4), (2, 3)]
    assert sorted(q["question"] for q in groups[0]["questions"]) == sorted(ZOOM)
    assert sorted(q["question"] for q in groups[1]["questions"]) == sorted(INSTAGRAM)
    assert {q["number"] for q in groups[1]["questions"]} == {5, 6, 7}  # as `log` numbers them
    assert groups[0]["keywords"][:2] == ["zoom", "link"]
    assert groups[1]["keywords"][0] == "instagram"
    assert groups[0]["title"] in ZOOM
    assert groups[0]["escalated_as"] is None  # half escalated: not "mostly"


def test_grouping_by_the_library(shipped, semantic):
    entries = [
        HistoryEntry("2026-11-01T12:00:00Z", None, text, None, 0.1, "review", number=n)
        for n, text in enumerate([*INSTAGRAM, *ALONE, *ZOOM], 1)
    ]
    clusters = group(candidates(entries, shipped), shipped, semantic.encode)
    assert [sorted(e.number for e in c.entries) for c in clusters] == [[6, 7, 8, 9], [1, 2, 3]]
    assert [c.number for c in clusters] == [1, 2]


def test_add_from_cluster_drafts_a_topic_from_the_group(cli, cli_json, config_dir):
    fixture_history()
    result = cli("topics", "add", "--from-cluster", "1", "--no-edit")
    assert result.exit_code == 0, result.stderr
    path = config_dir / "answers.d" / "my.zoom-link-clients.yaml"
    assert result.stdout.strip().endswith("answers.d/my.zoom-link-clients.yaml")
    (topic,) = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    assert sorted(topic["examples"]) == sorted(ZOOM)
    assert topic["keywords"][:2] == ["zoom", "link"]
    assert topic["title"] in ZOOM
    assert topic["role"] and topic["action"] == "answer"
    assert topic["directions"].startswith("TODO")
    assert "fill in directions, search, next_step" in result.stderr
    # the catalogue has the group's questions now: only the other group is left
    left = cli_json("topics", "suggest")["clusters"]
    assert [(g["number"], g["size"]) for g in left] == [(1, 3)]
    assert ask_topic(cli, "how can the zoom link go into the booking email") == topic["id"]


def ask_topic(cli, question: str) -> str | None:
    result = cli("ask", "--json", "--no-log", question)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["topic"]


def test_options_win_over_the_groups_suggestions(cli, config_dir):
    fixture_history()
    args = ("topics", "add", "--from-cluster", "2", "--id", "my.instagram-feed", "--role", "cms")
    result = cli(*args, "--no-edit")
    assert result.exit_code == 0, result.stderr
    text = (config_dir / "answers.d" / "my.instagram-feed.yaml").read_text(encoding="utf-8")
    (topic,) = yaml.safe_load(text)["topics"]
    assert (topic["id"], topic["role"]) == ("my.instagram-feed", "cms")
    assert sorted(topic["examples"]) == sorted(INSTAGRAM)


def test_no_such_group_and_one_source_at_a_time(cli):
    fixture_history()
    result = cli("topics", "add", "--from-cluster", "3", "--no-edit")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "there is no group 3: `topics suggest` finds 2 among 9" in result.stderr
    result = cli("topics", "add", "--from-cluster", "1", "--from", "a question", "--no-edit")
    assert result.exit_code == ExitCode.USAGE
    assert "give one of them" in result.stderr


def test_suggest_as_text(cli):
    empty = cli("topics", "suggest", env={"TTY_COMPATIBLE": "1"})
    assert empty.exit_code == 0
    assert "No group of similar questions among the 0 escalated or reviewed." in empty.stdout
    fixture_history()
    shown = cli("topics", "suggest", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert shown.stdout.startswith("1. 4 questions, e.g. ")
    assert "2 group(s) among 9 escalated or reviewed questions" in shown.stdout
    rows = [line.split("\t") for line in cli("topics", "suggest").stdout.splitlines()]
    assert [row[:2] for row in rows] == [["1", "4"]] * 4 + [["2", "3"]] * 3
