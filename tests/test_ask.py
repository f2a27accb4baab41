"""`tiertriage ask` through the CLI: input forms, output forms, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode

DNS = "Hi, I changed the nameservers yesterday. How long until the new site shows up? Thanks!"
REDESIGN = "Could you quote us for a complete redesign of the website? It looks so dated."
VARIATIONS = "can my candle come in three sizes on the same product page?"
PLACEHOLDER = re.compile(r"\{[a-z_.]*\}")


def write_settings(config_dir: Path, text: str) -> None:
    (config_dir / "settings.yaml").write_text(text, encoding="utf-8")


def assert_clean(reply: str) -> None:
    assert not PLACEHOLDER.search(reply), reply
    assert "None" not in reply


def test_plain_reply_when_piped(cli):
    result = cli("ask", DNS)
    assert result.exit_code == 0, result.stderr
    reply = result.stdout
    assert reply.startswith("Hi there,\n\n")
    assert "Hover support: phone +1 866 731 6556" in reply
    assert 'search for "' in reply
    assert reply.rstrip().endswith("Best wishes")
    assert "╭" not in reply and "\x1b[" not in reply  # no boxes, no colour
    assert_clean(reply)


def test_stdin_dash_and_implicit_stdin(cli):
    explicit = cli("ask", "-", input=DNS.encode())
    implicit = cli("ask", input=DNS.encode())
    direct = cli("ask", DNS)
    assert explicit.exit_code == implicit.exit_code == 0
    assert explicit.stdout == implicit.stdout == direct.stdout


def test_file_option(cli, tmp_path):
    question = tmp_path / "question.txt"
    question.write_text(DNS, encoding="utf-8")
    assert cli("ask", "--file", str(question)).stdout == cli("ask", DNS).stdout


@pytest.mark.parametrize("given", [b"", b"   \n\t  \n", "\u00a0\n".encode()])
def test_empty_input_is_a_clean_error(cli, given):
    result = cli("ask", input=given)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "tiertriage: error: no question text found\n"
    assert result.stdout == ""


def test_empty_argument_is_a_clean_error(cli):
    result = cli("ask", "  ")
    assert result.exit_code == ExitCode.USAGE
    assert "no question text found" in result.stderr


def test_binary_input_is_a_clean_error(cli):
    result = cli("ask", input=bytes(range(256)) * 40)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("tiertriage: error: ")
    assert "binary" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_clean_error(cli, tmp_path):
    result = cli("ask", "--file", str(tmp_path / "nope.eml"))
    assert result.exit_code == ExitCode.USAGE
    assert "no such file" in result.stderr


def test_json_shape(cli_json):
    data = cli_json("ask", DNS)
    assert data["topic"] == "dns.propagation"
    assert data["action"] == "answer" and data["escalate"] is False
    assert 0 < data["score"] <= 1
    assert isinstance(data["title"], str) and data["title"]
    vendor = data["vendor"]
    assert vendor["id"] == "hover" and vendor["name"] == "Hover"
    assert vendor["help_url"].startswith("https://")
    assert {"id", "name", "chat_url"} <= set(vendor)
    assert all({"topic", "score"} == set(a) for a in data["alternatives"])
    assert data["reply"].startswith("Hi there,")


def test_escalation(cli_json):
    data = cli_json("ask", REDESIGN)
    assert data["topic"] is None
    assert data["escalate"] is True and data["action"] == "escalate"
    assert data["vendor"] is None
    assert "paid consult" in data["reply"]
    assert "Just reply to this email and we'll find a time." in data["reply"]  # no rate set
    assert_clean(data["reply"])


def test_answer_and_consult_uses_the_rate_and_booking_link(cli_json, config_dir):
    write_settings(
        config_dir,
        "name: Sam Rivera\nhourly_rate: 90\ncurrency: USD\n"
        "booking_link: https://cal.example.com/sam\n",
    )
    data = cli_json("ask", VARIATIONS)
    assert data["topic"] == "shop.variations"
    assert data["action"] == "answer+consult" and data["escalate"] is False
    reply = data["reply"]
    assert "Variable product" in reply or "variable product" in reply.lower()
    assert "$90 an hour" in reply and "https://cal.example.com/sam" in reply
    assert reply.rstrip().endswith("Best,\nSam Rivera")
    assert_clean(reply)


def test_signature_from_settings(cli, config_dir):
    write_settings(config_dir, 'signature: "Cheers,\\nSam\\nRivera Web Studio"\n')
    assert cli("ask", DNS).stdout.rstrip().endswith("Cheers,\nSam\nRivera Web Studio")


def test_invalid_settings_name_the_field(cli, config_dir):
    write_settings(config_dir, "name: Sam\nhourly_rate: lots\n")
    result = cli("ask", DNS)
    assert result.exit_code == ExitCode.CONFIG
    assert re.match(r"tiertriage: error: .*settings\.yaml:2: field 'hourly_rate': ", result.stderr)


def test_unknown_settings_field(cli, config_dir):
    write_settings(config_dir, "name: Sam\nhourly_rat: 90\n")
    result = cli("ask", DNS)
    assert result.exit_code == ExitCode.CONFIG
    assert "settings.yaml:2: field 'hourly_rat': unknown field" in result.stderr


def test_panel_on_a_terminal(cli):
    result = cli("ask", REDESIGN, env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "ESCALATE → paid consult" in result.stdout
    assert "Confidence" in result.stdout and "Topic" in result.stdout
    assert "Hi there," in result.stdout


def test_plain_on_a_terminal(cli):
    result = cli("ask", "--plain", DNS, env={"TTY_COMPATIBLE": "1"})
    assert result.stdout == cli("ask", DNS).stdout


def test_explain_goes_to_stderr(cli):
    result = cli("ask", "--explain", DNS)
    assert result.exit_code == 0
    assert result.stdout == cli("ask", DNS).stdout
    assert "dns.propagation" in result.stderr and "matched words" in result.stderr


def test_explain_in_json(cli_json):
    data = cli_json("ask", "--explain", DNS)
    assert len(data["explain"]) == 3
    assert data["explain"][0]["topic"] == "dns.propagation"
    assert data["explain"][0]["matched"]


def test_pasted_megabyte(cli):
    filler = "Lorem ipsum dolor sit amet consectetur adipiscing elit. " * 18000
    result = cli("ask", input=(DNS + "\n\n" + filler).encode())
    assert result.exit_code == 0
    assert "Hover support" in result.stdout


def test_cache_is_used_and_rebuilt_when_damaged(cli, home):
    first = cli("ask", DNS).stdout
    caches = list((home / "cache").glob("catalog-*.pickle"))
    assert len(caches) == 1
    caches[0].write_bytes(b"garbage")
    assert cli("ask", DNS).stdout == first
    assert caches[0].read_bytes() != b"garbage"


def test_json_is_valid_for_every_shipped_example_topic(cli):
    result = cli("ask", "--json", "how do I change the menu at the top of the site")
    data = json.loads(result.stdout)
    assert data["topic"] == "wp.menus" and data["vendor"]["id"] == "wordpress"
