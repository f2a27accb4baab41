"""Shell completion: topic ids, vendor ids, roles and client names; never a failure."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tiertriage.cli import app
from tiertriage.commands import completion


def complete(words: str) -> list[str]:
    """What bash would be offered for the last word of `words`, through Typer's own protocol."""
    split = words.split(" ")
    env = {
        "_TIERTRIAGE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(split) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="tiertriage")
    return [line for line in result.stdout.splitlines() if line]


def test_topic_ids_complete(cli):
    assert complete("tiertriage topics show dns.") == ["dns.propagation", "dns.records"]
    assert complete("tiertriage topics edit email.add") == ["email.add-user"]
    assert ("dns.records", "Adding or changing DNS records (A, CNAME, MX, TXT)") in (
        completion.topic_ids("dns.r")
    )


def test_vendor_ids_complete_by_role(cli):
    assert complete("tiertriage vendors show hov") == ["hover"]
    assert sorted(complete("tiertriage init --host s")) == ["shopify", "siteground", "squarespace"]
    assert complete("tiertriage init --registrar s") == ["squarespace-domains"]
    assert "wp-engine" in complete("tiertriage client add Acme --host ")
    assert "hover" not in complete("tiertriage init --host ")
    assert complete("tiertriage vendors list --role re") == ["registrar"]


def test_client_names_complete(cli):
    assert completion.client_names("") == []  # no database: none, and none created
    assert not list(Path(completion.__file__).parent.glob("*.db"))
    for name in ("Acme Bakery", "Acorn Books", "Zed Ltd"):
        assert cli("client", "add", name).exit_code == 0
    assert [value for value, _ in completion.client_names("Ac")] == ["Acme Bakery", "Acorn Books"]
    assert complete("tiertriage client show Ze") == ["'Zed Ltd'"]  # quoted for bash
    assert complete("tiertriage ask --client Acm") == ["'Acme Bakery'"]


def test_names_are_quoted_for_the_shell_that_inserts_them(cli):
    for name in ("Gabinet Łódź", "Bloom & Wick Candles", "O'Brien Plumbing"):
        assert cli("client", "add", name).exit_code == 0
    assert complete("tiertriage client show Gab") == ["'Gabinet Łódź'"]
    assert complete("tiertriage ask --client Bloom") == ["'Bloom & Wick Candles'"]
    assert complete("tiertriage client show O") == ["'O'\"'\"'Brien Plumbing'"]
    # what the user typed is matched as the shell hands it over: unquoted
    assert complete("tiertriage client show 'Bloom") == ["'Bloom & Wick Candles'"]
    zsh = CliRunner().invoke(
        app,
        [],
        env={
            "_TIERTRIAGE_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "tiertriage client show Bl",
        },
        prog_name="tiertriage",
    )
    assert '"Bloom & Wick Candles":"client"' in zsh.stdout  # zsh quotes what it inserts
    assert complete("tiertriage topics show dns.r") == ["dns.records"]  # nothing to quote


def test_user_topics_complete_too(cli, config_dir):
    answers = config_dir / "answers.d"
    answers.mkdir()
    (answers / "mine.yaml").write_text(
        "topics:\n  - id: my.zoom\n    role: cms\n    title: Zoom\n    keywords: [zoom]\n"
        "    directions: x\n    search: x\n    next_step: x\n"
    )
    assert complete("tiertriage topics show my.") == ["my.zoom"]


def test_a_broken_catalogue_or_database_completes_nothing(cli, config_dir, home):
    (config_dir / "answers.d").mkdir()
    (config_dir / "answers.d" / "broken.yaml").write_text("topics: [unclosed\n")
    assert completion.topic_ids("") == []
    assert completion.vendor_ids("") == []
    assert completion.vendors_of("host")("") == []
    assert complete("tiertriage topics show d") == []
    database = home / "data" / "tiertriage.db"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a database")
    assert completion.client_names("") == []
    assert database.read_bytes() == b"not a database"


def test_the_second_tab_reads_the_warmed_cache_and_offers_the_same(cli, home):
    first = completion.topic_ids("host.")
    cache = home / "cache"
    assert any(cache.glob("catalog-*.pickle"))  # the first Tab built it
    assert completion.topic_ids("host.") == first
    assert [value for value, _ in first] == [
        "host.site-down",
        "host.backups",
        "host.staging",
        "host.sftp",
        "host.speed",
        "host.billing",
    ]
