"""The semantic stage with the real shipped model: paraphrases, fallbacks, the cache, outcomes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from tiertriage.answer import classify
from tiertriage.matching.lexical import MatchIndex
from tiertriage.matching.matcher import Matcher
from tiertriage.paths import Paths
from tiertriage.workspace import Workspace

VENDORS = """\
roles:
  host: {label: web host, default: flywheel}
vendors:
  - id: flywheel
    name: Flywheel
    roles: [host]
    support: {help: "https://getflywheel.com/wordpress-support/"}
"""
ANSWERS = """\
topics:
  - id: host.site-down
    role: host
    title: The website is down
    keywords: [site down, outage]
    examples:
      - "our website is down"
      - "the site is offline and shows an error"
    directions: "Check the status page of {vendor}."
    search: website down checker
    next_step: Ask {vendor}.
  - id: host.backups
    role: host
    title: Restoring a backup
    keywords: [backup, restore]
    examples:
      - "can we restore yesterday's backup"
      - "roll the site back to last week"
    directions: "{vendor} > Backups > Restore."
    search: restore a backup
    next_step: Ask {vendor}.
  - id: oos.redesign
    title: A new design
    action: escalate
    keywords: [redesign]
    examples:
      - "could you redesign our website"
    consult: A redesign is a project of its own.
"""


@pytest.fixture
def small(tmp_path, monkeypatch):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "vendors.yaml").write_text(VENDORS)
    (folder / "answers.yaml").write_text(ANSWERS)
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(folder))
    return folder


def test_a_paraphrase_sharing_no_word_with_its_topic_matches(small):
    workspace = Workspace()
    question = "customers cannot open any of our pages at all this morning"
    assert workspace.catalog.index.posterior(question) is None  # not one catalogue word
    ranking = workspace.matcher.rank(question)
    assert ranking[0].topic == "host.site-down"
    assert ranking[0].semantic is not None and ranking[0].semantic > 0.5


def test_a_question_the_lexical_stage_is_sure_of_never_loads_the_model(home):
    code = (
        "import sys\n"
        "from tiertriage.cli import app\n"
        "try:\n"
        "    app(['ask', '--no-log', 'how long does it take for dns changes to show up'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('ONNX' if 'onnxruntime' in sys.modules else 'NO ONNX')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.rstrip().endswith("NO ONNX")


def test_matching_lexical_in_the_settings_never_loads_the_model(config_dir):
    (config_dir / "settings.yaml").write_text("matching: lexical\n")
    assert Workspace().semantic is None


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_without_a_usable_model_one_warning_and_words_only(cli, tmp_path, monkeypatch, damage):
    model = tmp_path / "model"
    if damage == "garbage":
        model.mkdir()
        (model / "model.onnx").write_bytes(b"not a model at all" * 100)
        (model / "tokenizer.json").write_text("{}")
    monkeypatch.setenv("TIERTRIAGE_MODEL", str(model))
    result = cli("ask", "--json", "something looks odd on our pages since yesterday, no idea why")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "semantic model unavailable" in line]
    assert len(warnings) == 1 and "matching with words only" in warnings[0]
    assert "Traceback" not in result.stderr


def test_a_user_topic_is_embedded_too_and_only_its_phrasings_are_new(cli, config_dir, home):
    answers = config_dir / "answers.d"
    answers.mkdir()
    (answers / "zoom.yaml").write_text(
        "topics:\n"
        "  - id: my.video-call-link\n"
        "    role: cms\n"
        "    title: A video call link on the booking page\n"
        "    keywords: [zoom link]\n"
        "    examples:\n"
        "      - where do I paste our zoom link so clients see it\n"
        "      - can the booking page show the meeting link\n"
        "    directions: '{cms} > Pages > Book a call.'\n"
        "    search: add a button link\n"
        "    next_step: Send me the link.\n"
    )
    before = _stored_vectors(home)
    data = _ask_json(cli, "where do people find the video call address after booking")
    assert data["matched_topic"] == "my.video-call-link"
    assert _stored_vectors(home) == before + 3  # the title and two examples, nothing else


def _stored_vectors(home: Path) -> int:
    [path] = (home / "cache").glob("vectors-*.npz")
    with numpy.load(path, allow_pickle=False) as stored:
        return len(stored["keys"])


def _ask_json(cli, question: str) -> dict:
    import json

    result = cli("ask", "--json", "--no-log", question)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("question", "action", "topic"),
    [
        ("how long does it take for dns changes to show up?", "answer", "dns.propagation"),
        ("can my candle come in three sizes on the same product page?", "answer+consult", None),
        ("could you redesign our whole website with a fresh new look?", "escalate", None),
        ("zxqv plorb wibble", "review", None),
    ],
)
def test_each_of_the_four_outcomes(cli, question, action, topic):
    data = _ask_json(cli, question)
    assert data["action"] == action
    assert data["review"] == (action == "review")
    assert data["escalate"] == (action == "escalate")
    if topic:
        assert data["topic"] == topic
    if action == "review":
        assert data["topic"] is None
        assert "I'll look into this and come back to you" in data["reply"]
        assert "consult" not in data["reply"]


def test_review_on_a_terminal_says_it_needs_you(cli):
    result = cli("ask", "zxqv plorb wibble", env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert "REVIEW → needs you" in result.stdout
    assert "this one needs you" in result.stdout


def test_explain_shows_both_stages(cli):
    result = cli("ask", "--explain", "--json", "--no-log", "the shop takes no money from cards now")
    import json

    explain = json.loads(result.stdout)["explain"]
    assert explain and {"lexical", "semantic"} <= set(explain[0])
    assert explain[0]["semantic"] is not None


SITE_DOWN = [
    "our website is down",
    "the site won't load for anyone",
    "I just get a white screen when I open our homepage",
    "it says error establishing a database connection",
    "500 internal server error on every page",
    "customers are telling me the shop isn't opening at all",
    "this site can't be reached, that's all Chrome shows for our address",
    "there has been a critical error on this website, that's the message on our site",
    "502 bad gateway when I try to visit our site",
    "our web page times out and never loads",
    "the whole website has disappeared, it's just a blank page",
    "nobody can get onto our website since this morning",
    "503 service unavailable is showing instead of our homepage",
    "the site has been down for an hour and we're losing bookings",
    "the website is not working at all",
    "strona nie działa",
    "strona nie dziala od rana, klienci nie moga wejsc",
]


@pytest.mark.parametrize("question", SITE_DOWN)
def test_every_phrasing_of_the_site_being_down_reaches_its_topic(matcher, shipped, stack, question):
    outcome = classify(matcher, shipped, question, stack)
    assert outcome.action == "answer", outcome.decision
    assert outcome.topic is not None and outcome.topic.id == "host.site-down"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("our emails to customers keep bouncing back", "email.deliverability"),
        (
            "clients say our invoices never arrive, they are not even in spam",
            "email.deliverability",
        ),
        ("card payments are failing at checkout", "shop.payments"),
        ("customers' cards get declined on the checkout page", "shop.payments"),
        ("visitors get 'your connection is not private' on our site", "ssl.not-secure"),
        ("chrome shows a big red warning that our site is not secure", "ssl.not-secure"),
    ],
)
def test_other_urgent_symptoms_reach_their_topics(matcher, shipped, stack, question, topic):
    outcome = classify(matcher, shipped, question, stack)
    assert outcome.action in ("answer", "answer+consult"), outcome.decision
    assert outcome.topic is not None and outcome.topic.id == topic


def test_hold_out_vectors_and_exclusion_change_the_semantic_score(shipped, semantic):
    """The combined ranking uses the row mask: masking a topic's rows lowers its score."""
    matcher = Matcher(shipped.index, lambda: semantic)
    question = "nobody can get onto our website since this morning"
    vector = semantic.encode([question])[0]
    number = list(shipped.topics).index("host.site-down")
    mask = semantic.index.rows == number
    plain = {s.topic: s for s in matcher.rank(question, vector=vector)}
    masked = {s.topic: s for s in matcher.rank(question, vector=vector, exclude=mask)}
    assert masked["host.site-down"].semantic < plain["host.site-down"].semantic


def test_an_index_is_lexical_only_without_a_stage(shipped):
    matcher = Matcher(MatchIndex(shipped.texts()))
    ranking = matcher.rank("customers cannot open any of our pages at all this morning")
    assert all(s.semantic is None for s in ranking)
    assert Workspace(Paths(Path("/nonexistent/c"), Path("/nonexistent/d"), Path("/x"))).paths


class _Counting:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self, embedder):  # type: ignore[no-untyped-def]
        self.embedder, self.dimensions, self.encoded = embedder, embedder.dimensions, 0

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.encoded += len(texts)
        return self.embedder.encode(texts)


def test_cached_vectors_are_reused_whole_or_text_by_text(semantic, tmp_path: Path) -> None:
    from tiertriage.matching.semantic import embed_cached

    embedder = _Counting(semantic.embedder)
    texts = ["where do I change the menu", "my invoices are missing", "the site is down"]
    first = embed_cached(embedder, texts, tmp_path, "m")
    again = embed_cached(embedder, texts, tmp_path, "m")  # the whole list, as stored
    assert embedder.encoded == 3 and numpy.array_equal(first, again)
    reordered = embed_cached(embedder, [*texts[::-1], "a new one"], tmp_path, "m")
    assert embedder.encoded == 4  # only the new text
    assert numpy.array_equal(reordered[:3], first[::-1])
    [path] = tmp_path.glob("vectors-m.npz")
    path.write_bytes(path.read_bytes()[:100])  # damaged: recomputed, never an error
    assert numpy.array_equal(embed_cached(embedder, texts, tmp_path, "m"), first)
    assert embedder.encoded == 7


def test_the_model_is_loaded_once_per_process_until_its_files_change(tmp_path: Path) -> None:
    import shutil

    from tiertriage.catalog.sources import model_dir
    from tiertriage.matching.embedder import ModelUnavailable, shared_embedder

    copy = tmp_path / "model"
    shutil.copytree(model_dir(), copy)
    first = shared_embedder(copy, threads=1)
    assert shared_embedder(copy, threads=1) is first
    assert shared_embedder(copy, threads=2) is not first  # another thread count: its own
    # a damaged file is noticed at the next load, never served from memory
    (copy / "model.onnx").write_bytes(b"damaged")
    with pytest.raises(ModelUnavailable):
        shared_embedder(copy, threads=1)
