"""`catalog check` lint: one warning per case, each naming the file and line it is about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiertriage.catalog.lint import CODES
from tiertriage.errors import ExitCode
from tiertriage.matching.holdout import examples, hold_out, training_texts
from tiertriage.matching.lexical import MatchIndex

VENDORS = """\
roles:
  registrar: {label: domain registrar, default: hover}
  host: {label: web host, default: flywheel}
vendors:
  - id: hover
    name: Hover
    roles: [registrar]
    support: {help: "https://help.hover.com"}
  - id: godaddy
    name: GoDaddy
    roles: [registrar]
    support: {help: "https://www.godaddy.com/help"}
  - id: flywheel
    name: Flywheel
    roles: [host]
    support: {help: "https://getflywheel.com/wordpress-support"}
  - id: oldhost
    name: Old Host
    roles: [host]
    website: http://oldhost.example
    support: {help: "https://oldhost.example/help"}
"""

ANSWERS = """\
topics:
  - id: domain.renewal
    role: registrar
    title: Renewing a domain
    keywords: [renew domain, domain renewal, expiry, invoice]
    examples:
      - "how do i renew my domain before it expires"
      - "domain renewal reminder came in, what do i do"
      - "is auto renew switched on for our domain"
      - "our domain expires next week, please help"
      - "where can i see when the domain expires"
      - "the website loads slowly on phones lately"
    near_misses:
      - "how do i renew my domain for ten years"
    directions: "{vendor} > Domains > Renew."
    search: renew a domain
    next_step: Ask {vendor} on their live chat.
    vendor_links: {hover: "https://help.hover.com/renew"}
    pl:
      title: Odnowienie domeny
  - id: host.speed
    role: host
    title: A slow website
    keywords: [slow website, speed, loads slowly, invoice]
    examples:
      - "the website is really slow to load"
      - "our pages take ages to load on phones"
      - "why is the site so sluggish today"
      - "the website loads slowly on phones lately"
      - "speed up the site please it is slow"
    directions: "Check the caching page, see http://status.example/speed for outages."
    search: website speed test
    next_step: "TODO: what to do if that does not work."
  - id: host.billing
    role: host
    title: Paying for hosting
    keywords: [hosting invoice, pay for hosting, invoice]
    examples:
      - "where do i find the hosting invoice"
      - "how do i pay the host bill"
      - "send me last month's hosting receipt"
    directions: "{vendor} > Billing > Invoices."
    vendor_directions:
      flywheel: Flywheel > Billing, not Old Host's screens.
    search: hosting invoice
    next_step: Ask {vendor} billing, or GoDaddy if the domain came with it.
"""


@pytest.fixture
def small_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "catalogue"
    directory.mkdir()
    (directory / "vendors.yaml").write_text(VENDORS, encoding="utf-8")
    (directory / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(directory))
    return directory


def line_of(text: str, fragment: str, *, last: bool = False) -> int:
    position = text.rindex(fragment) if last else text.index(fragment)
    return text[:position].count("\n") + 1


def warnings_by_code(cli) -> dict[str, list[dict]]:
    result = cli("catalog", "check", "--json")
    assert result.exit_code == 0, result.stderr
    found: dict[str, list[dict]] = {}
    for item in json.loads(result.stdout)["items"]:
        found.setdefault(item["code"], []).append(item)
    return found


def test_every_case_is_warned_with_file_and_line(cli, small_catalogue):
    found = warnings_by_code(cli)
    assert set(found) == set(CODES)

    [duplicate] = found["duplicate-example"]
    assert duplicate["id"] == "host.speed"
    assert duplicate["line"] == line_of(ANSWERS, "the website loads slowly", last=True)
    assert "is also in topic 'domain.renewal' (" in duplicate["message"]

    misfiled = [w for w in found["outranked-example"] if w["id"] == "domain.renewal"]
    assert [w["line"] for w in misfiled] == [line_of(ANSWERS, "the website loads slowly")]
    assert "is answered as 'host.speed'" in misfiled[0]["message"]
    assert "by a matcher that has not seen it" in misfiled[0]["message"]

    [shared] = found["shared-keyword"]
    assert shared["id"] == "domain.renewal" and "'invoice'" in shared["message"]
    assert "3 topics" in shared["message"] and shared["line"] == line_of(ANSWERS, "[renew domain")

    [near] = found["near-miss-matches"]
    assert near["id"] == "domain.renewal"
    assert near["line"] == line_of(ANSWERS, "how do i renew my domain for ten years")

    unreachable = {w["id"]: w for w in found["unreachable-vendor"]}
    assert set(unreachable) == {"godaddy", "oldhost"}
    assert unreachable["godaddy"]["file"].endswith("vendors.yaml")
    assert unreachable["godaddy"]["line"] == line_of(VENDORS, "  - id: godaddy")

    insecure = {(w["kind"], w["id"]): w for w in found["insecure-url"]}
    assert insecure[("vendor", "oldhost")]["line"] == line_of(VENDORS, "website: http://")
    assert insecure[("topic", "host.speed")]["line"] == line_of(ANSWERS, "Check the caching")
    assert "http://status.example/speed" in insecure[("topic", "host.speed")]["message"]

    [todo] = found["todo"]
    assert todo["id"] == "host.speed" and todo["field"] == "next_step"
    assert todo["line"] == line_of(ANSWERS, 'next_step: "TODO')

    foreign = {(w["id"], w["field"]): w for w in found["foreign-vendor"]}
    assert set(foreign) == {("host.billing", "next_step"), ("host.billing", "vendor_directions")}
    assert "names GoDaddy" in foreign[("host.billing", "next_step")]["message"]
    generic = foreign[("host.billing", "next_step")]["line"]
    assert generic == line_of(ANSWERS, "next_step: Ask {vendor} billing, or GoDaddy")
    own = foreign[("host.billing", "vendor_directions")]
    assert "names Old Host, another host vendor" in own["message"]
    assert own["line"] == line_of(ANSWERS, "flywheel: Flywheel > Billing")

    unguided = {w["id"]: w["message"] for w in found["no-vendor-guide"]}
    assert "for godaddy:" in unguided["domain.renewal"]  # hover has its link
    assert "for flywheel, oldhost:" in unguided["host.speed"]
    assert "for oldhost:" in unguided["host.billing"]  # flywheel has directions

    untranslated = {w["id"]: w for w in found["missing-translation"]}
    assert set(untranslated) == {"domain.renewal", "host.speed", "host.billing"}
    renewal = untranslated["domain.renewal"]
    assert "no Polish text for directions, search, next_step:" in renewal["message"]
    assert renewal["line"] == line_of(ANSWERS, "    pl:")
    assert "vendor_directions.flywheel" in untranslated["host.billing"]["message"]

    [channel] = found["literal-channel"]
    assert channel["id"] == "domain.renewal" and "'live chat'" in channel["message"]
    assert channel["line"] == line_of(ANSWERS, "next_step: Ask {vendor} on their live chat.")


def test_text_output_warns_on_stderr_and_summarises(cli, small_catalogue):
    result = cli("catalog", "check")
    assert result.exit_code == 0
    assert result.stdout.startswith("catalogue OK: 3 topics")
    assert "warning(s) (" in result.stdout and "1 todo" in result.stdout
    lines = result.stderr.splitlines()
    assert all(": warning: " in line for line in lines)
    assert any(
        line.startswith(f"{small_catalogue / 'answers.yaml'}:") and line.endswith("[todo]")
        for line in lines
    )


def test_strict_fails_on_warnings(cli, small_catalogue):
    result = cli("catalog", "check", "--strict")
    assert result.exit_code == ExitCode.LINT == 7
    assert "catalogue warning(s) and --strict" in result.stderr
    assert "catalogue OK" not in result.stdout
    data = json.loads(cli("catalog", "check", "--strict", "--json").stdout)
    assert data["ok"] is False and data["warnings"] == len(data["items"])


def test_a_vendor_is_reachable_through_the_default_stack_and_vendor_directions(
    cli, small_catalogue, config_dir
):
    (config_dir / "settings.yaml").write_text("default_stack: {host: oldhost}\n")
    answers = config_dir / "answers.d"
    answers.mkdir()
    (answers / "godaddy.yaml").write_text(
        "topics:\n  - id: domain.renewal\n    vendor_directions:\n"
        "      godaddy: GoDaddy > Domain Portfolio > Renew.\n"
    )
    assert "unreachable-vendor" not in warnings_by_code(cli)


def test_a_client_stack_reaches_a_vendor(cli, small_catalogue):
    result = cli("client", "add", "Acme", "--host", "oldhost")
    assert result.exit_code == 0, result.stderr
    found = warnings_by_code(cli)
    assert [w["id"] for w in found["unreachable-vendor"]] == ["godaddy"]


def test_warnings_point_into_the_users_file(cli, small_catalogue, config_dir):
    answers = config_dir / "answers.d"
    answers.mkdir()
    text = "topics:\n  - id: host.billing\n    next_step: |\n      TODO: say who to ask\n"
    (answers / "mine.yaml").write_text(text)
    todo = [w for w in warnings_by_code(cli)["todo"] if w["id"] == "host.billing"]
    assert todo[0]["file"].endswith("answers.d/mine.yaml") and todo[0]["line"] == 3


def test_hold_out_ranks_each_example_once_with_an_index_that_never_saw_it(shipped):
    texts = shipped.texts()[:12]
    held = list(hold_out(texts, folds=4, seed=3))
    everything = [(t.id, e) for t in texts for _, _, examples, _ in t.phrasings() for e in examples]
    assert sorted((h.topic, h.text) for h in held) == sorted(everything)
    assert {h.fold for h in held} == {0, 1, 2, 3}
    folds = examples(texts, 4, 3)
    for sample in held[::40]:
        training = training_texts(texts, folds, sample.fold)
        seen = {e for t in training for _, _, texts_, _ in t.phrasings() for e in texts_}
        assert sample.text not in seen
        assert sample.ranking == MatchIndex(training).rank(sample.text)


def test_hold_out_masks_the_examples_own_vectors(shipped, semantic):
    """With the model, an example's own vector (cosine 1 with itself) never helps it."""
    texts = shipped.texts()
    held = next(hold_out(texts, stage=semantic, folds=4))
    row = next(e.row for e in examples(texts) if e.text == held.text)
    import numpy

    alone = numpy.zeros(len(semantic.index.rows), dtype=bool)
    alone[row] = True
    with_itself = semantic.index.similarities(semantic.index.vectors[row])
    without = semantic.index.similarities(semantic.index.vectors[row], exclude=alone)
    number = [t.id for t in texts].index(held.topic)
    assert with_itself[number] > without[number]
