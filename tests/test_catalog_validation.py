"""A broken catalogue gives one clear line naming the file, the YAML line, the entry and the
field, and exit code 3 — never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tiertriage.catalog.load import load_catalog
from tiertriage.catalog.sources import shipped_dir
from tiertriage.errors import CatalogError, ExitCode

ERROR = re.compile(r"^tiertriage: error: (?P<file>[^:]+):(?P<line>\d+): (?P<rest>.*)\n$")


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped catalogue, used instead of it."""
    directory = tmp_path / "catalogue"
    directory.mkdir()
    for name in ("vendors.yaml", "answers.yaml"):
        directory.joinpath(name).write_bytes(shipped_dir().joinpath(name).read_bytes())
    monkeypatch.setenv("TIERTRIAGE_CATALOG", str(directory))
    return directory


def insert_after(path: Path, anchor: str, new_line: str) -> int:
    """Insert `new_line` after the first line equal to `anchor`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    position = lines.index(anchor) + 1
    lines.insert(position, new_line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return position + 1


def replace_once(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def check_fails(cli, path: Path, line: int, *fragments: str) -> str:
    result = cli("catalog", "check")
    assert result.exit_code == ExitCode.CATALOG, result.stdout
    assert result.stdout == ""
    match = ERROR.match(result.stderr)
    assert match, result.stderr
    assert match["file"].endswith(path.name)
    assert int(match["line"]) == line, result.stderr
    for fragment in fragments:
        assert fragment in match["rest"], result.stderr
    assert "Traceback" not in result.stderr
    return match["rest"]


def test_shipped_catalogue_passes_strict_lint(cli):
    result = cli("catalog", "check", "--strict")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("catalogue OK: ")
    assert "0 warning(s)" in result.stdout


def test_unknown_field(cli, catalogue):
    path = catalogue / "answers.yaml"
    line = insert_after(path, "  - id: dns.records", "    colour: blue")
    check_fails(cli, path, line, "topic 'dns.records'", "field 'colour'", "unknown field")


def test_missing_field(cli, catalogue):
    path = catalogue / "answers.yaml"
    replace_once(path, "    title: How long DNS", "    titel: How long DNS")
    entry = replace_once(path, "  - id: dns.propagation", "  - id: dns.propagation")
    check_fails(
        cli, path, entry, "topic 'dns.propagation'", "field 'title'", "required field is missing"
    )


def test_missing_required_reply_field(cli, catalogue):
    path = catalogue / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: wp.menus")
    search = text.index("    search:", start)
    end = text.index("\n", search)
    path.write_text(text[:search] + text[end + 1 :], encoding="utf-8")
    line = text[:start].count("\n") + 1
    check_fails(cli, path, line, "topic 'wp.menus'", "field 'search'", "missing")


def test_wrong_value(cli, catalogue):
    path = catalogue / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: wp.comments")
    action = text.index("    action: answer", start)
    path.write_text(text[:action] + "    action: maybe" + text[action + 18 :], encoding="utf-8")
    line = text[:action].count("\n") + 1
    check_fails(cli, path, line, "topic 'wp.comments'", "field 'action'", "'answer'")


def test_duplicate_topic_id(cli, catalogue):
    path = catalogue / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    path.write_text(
        text + "\n  - id: wp.menus\n    title: Again\n    action: escalate\n"
        "    keywords: [menu]\n    consult: No.\n",
        encoding="utf-8",
    )
    check_fails(cli, path, line, "topic 'wp.menus'", "duplicate id")


def test_role_without_vendor(cli, catalogue):
    path = catalogue / "vendors.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = next(ln for ln in text.split("\n") if ln.lstrip().startswith("ssl:"))
    line = insert_after(path, anchor, "  crm: {label: CRM, default: hubspot}")
    check_fails(cli, path, line, "role 'crm'", "no vendor has this role")


def test_unknown_placeholder(cli, catalogue):
    path = catalogue / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: dns.propagation")
    next_step = text.index("    next_step:", start)
    line = text[:next_step].count("\n") + 1
    path.write_text(
        text[:next_step]
        + "    next_step: Ask {vendor.__class__} or {hosting}.\n"
        + text[text.index("\n", next_step) + 1 :],
        encoding="utf-8",
    )
    rest = check_fails(cli, path, line, "topic 'dns.propagation'", "field 'next_step'")
    assert "unknown placeholder '{vendor.__class__}'" in rest


def test_malformed_url(cli, catalogue):
    path = catalogue / "vendors.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: hover")
    help_at = text.index("      help:", start)
    line = text[:help_at].count("\n") + 1
    path.write_text(
        text[:help_at] + "      help: not a url\n" + text[text.index("\n", help_at) + 1 :],
        encoding="utf-8",
    )
    check_fails(cli, path, line, "vendor 'hover'", "field 'support.help'", "not a web address")


def test_a_vendor_link_for_a_vendor_of_another_role(cli, catalogue):
    path = catalogue / "answers.yaml"
    topic = next(
        t
        for t in load_catalog().topics.values()
        if t.role and t.role != "registrar" and not t.vendor_links
    )
    link = '    vendor_links: {hover: "https://help.hover.com"}'
    line = insert_after(path, f"  - id: {topic.id}", link)
    check_fails(cli, path, line, f"topic '{topic.id}'", "field 'vendor_links'", "'hover'")


def test_yaml_syntax_error(cli, catalogue):
    path = catalogue / "answers.yaml"
    line = insert_after(path, "  - id: wp.menus", '    title: "unterminated')
    result = cli("catalog", "check")
    assert result.exit_code == ExitCode.CATALOG
    match = ERROR.match(result.stderr)
    assert match and "invalid YAML" in match["rest"], result.stderr
    since = re.search(r"\(from line (\d+)\)", match["rest"])
    assert since, match["rest"]
    assert int(since[1]) <= line <= int(match["line"])


def test_missing_file(cli, catalogue):
    (catalogue / "vendors.yaml").unlink()
    result = cli("catalog", "check")
    assert result.exit_code == ExitCode.CATALOG
    assert "vendors.yaml: catalogue file not found" in result.stderr


def test_ask_reports_a_broken_catalogue_too(cli, catalogue):
    insert_after(catalogue / "answers.yaml", "  - id: dns.records", "    colour: blue")
    result = cli("ask", "how long does dns take")
    assert result.exit_code == ExitCode.CATALOG
    assert "field 'colour'" in result.stderr and result.stdout == ""


def test_library_raises_one_exception_family(catalogue):
    insert_after(catalogue / "answers.yaml", "  - id: dns.records", "    colour: blue")
    with pytest.raises(CatalogError, match="colour"):
        load_catalog()
