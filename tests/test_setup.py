"""`init` (by options and interactively), `config show` and `doctor`."""

from __future__ import annotations

import json
from pathlib import Path

from tiertriage.errors import ExitCode
from tiertriage.settings import load_settings
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace

FLAGS = (
    "--name", "Sam Rivera", "--signature", "Cheers,\\nSam", "--hourly-rate", "95",
    "--currency", "usd", "--booking-link", "https://cal.example.com/sam",
    "--host", "siteground", "--email-provider", "microsoft-365",
)  # fmt: skip


def settings_file(config_dir: Path) -> Path:
    return config_dir / "settings.yaml"


def test_init_by_options(cli, config_dir):
    result = cli("init", *FLAGS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Saved {settings_file(config_dir)}\n")
    settings = load_settings(settings_file(config_dir))
    assert settings.name == "Sam Rivera"
    assert settings.signature == "Cheers,\nSam"
    assert settings.hourly_rate == 95 and settings.currency == "USD"
    assert settings.booking_link == "https://cal.example.com/sam"
    assert settings.default_stack == {"host": "siteground", "email": "microsoft-365"}
    assert "signature: |-\n  Cheers,\n  Sam\n" in settings_file(config_dir).read_text()

    reply = json.loads(cli("ask", "--no-log", "--json", "can you redesign our site").stdout)
    assert "$95 an hour" in reply["reply"] and reply["reply"].endswith("Cheers,\nSam\n")


def test_init_changes_only_what_is_given_and_can_clear(cli, config_dir):
    assert cli("init", *FLAGS).exit_code == 0
    assert cli("init", "--host", "flywheel", "--booking-link", "").exit_code == 0
    settings = load_settings(settings_file(config_dir))
    assert settings.name == "Sam Rivera" and settings.booking_link is None
    # back to the recommended host: not pinned, so it follows the catalogue
    assert settings.default_stack == {"email": "microsoft-365"}


def test_init_refuses_bad_values_with_the_field(cli, config_dir):
    result = cli("init", "--host", "hostgatr")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "--host: 'hostgatr' is not a known host vendor" in result.stderr
    result = cli("init", "--booking-link", "cal.example.com/sam")
    assert result.exit_code == ExitCode.USAGE
    assert "booking_link: not a web address" in result.stderr
    result = cli("init", "--hourly-rate", "-5")
    assert result.exit_code == ExitCode.USAGE and "hourly_rate" in result.stderr
    assert not settings_file(config_dir).exists()


def test_init_interactively(cli, config_dir):
    answers = [
        "Sam Rivera",  # name
        "Best,\\nSam",  # sign-off
        "ninety",  # hourly rate: refused, asked again
        "90",
        "gbp",  # currency
        "",  # booking link: none
        "",  # registrar: keep hover
        "zoho-mail",  # email
        *[""] * 5,  # newsletter, cms, theme, shop: defaults; host: default
        "letsencrypt",  # ssl
    ]
    result = cli("init", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr + result.stdout
    assert "registrar (domain registrar): hover, godaddy, namecheap" in result.stdout
    assert "is not a valid number" in result.stderr or "valid number" in result.stderr
    settings = load_settings(settings_file(config_dir))
    assert settings.name == "Sam Rivera" and settings.signature == "Best,\nSam"
    assert settings.hourly_rate == 90 and settings.currency == "GBP"
    assert settings.booking_link is None
    assert settings.default_stack == {"email": "zoho-mail", "ssl": "letsencrypt"}


def test_init_again_shows_the_current_values_as_defaults(cli, config_dir):
    assert cli("init", *FLAGS).exit_code == 0
    result = cli("init", "-i", input="\n" * 20)
    assert result.exit_code == 0, result.stderr
    for shown in (
        "Your name [Sam Rivera]",
        "Sign-off (\\n for a new line) [Cheers,\\nSam]",
        "Hourly rate for a consult [95]",
        "Currency (USD, EUR, GBP...) [USD]",
        "Booking link (https://...) [https://cal.example.com/sam]",
        "host (web host) [siteground]",
        "email (email provider) [microsoft-365]",
        "registrar (domain registrar) [hover]",
    ):
        assert shown in result.stdout, shown
    after = load_settings(settings_file(config_dir))
    assert after.name == "Sam Rivera" and after.default_stack["host"] == "siteground"


def test_init_replaces_a_broken_settings_file_keeping_a_copy(cli, config_dir):
    settings_file(config_dir).write_text("hourly_rate: lots\n")
    assert cli("ask", "--no-log", "hello dns").exit_code == ExitCode.CONFIG
    result = cli("init", "--name", "Sam")
    assert result.exit_code == 0, result.stderr
    assert "starting from the defaults" in result.stderr
    assert (config_dir / "settings.yaml.bak").read_text() == "hourly_rate: lots\n"
    assert load_settings(settings_file(config_dir)).name == "Sam"


def test_config_show(cli, cli_json, config_dir, home):
    assert cli("init", *FLAGS).exit_code == 0
    (config_dir / "answers.d").mkdir()
    (config_dir / "answers.d" / "mine.yaml").write_text("topics: []\n")
    data = cli_json("config", "show")
    assert data["settings"]["name"] == "Sam Rivera"
    assert data["default_stack"]["host"] == "siteground"
    assert data["default_stack"]["registrar"] == "hover"
    files = data["files"]
    assert files["settings"] == {
        "name": "settings",
        "path": str(settings_file(config_dir)),
        "exists": True,
        "detail": "",
    }
    assert files["user topics"]["detail"] == "1 file(s): mine.yaml"
    assert files["database"]["path"] == str(home / "data" / "tiertriage.db")
    assert files["database"]["exists"] is False
    assert files["cache"]["path"] == str(home / "cache")
    assert files["shipped catalogue"]["path"].endswith("data")

    text = cli("config", "show").stdout
    assert "name\tSam Rivera\n" in text and "stack: host\tsiteground\n" in text
    assert f"settings\t{settings_file(config_dir)}\texists\n" in text


def test_config_show_with_a_broken_settings_file(cli, config_dir):
    settings_file(config_dir).write_text("colour: blue\n")
    result = cli("config", "show")
    assert result.exit_code == 0
    assert "field 'colour': unknown field (see `tiertriage doctor`)" in result.stdout
    data = json.loads(cli("config", "show", "--json").stdout)
    assert data["settings"] is None and "colour" in data["error"]


def test_doctor_healthy(cli, cli_json, config_dir):
    assert cli("init", *FLAGS).exit_code == 0
    assert cli("client", "add", "Acme", "--host", "kinsta").exit_code == 0
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.endswith("Everything looks fine.\n")
    assert "PROBLEM" not in result.stdout
    data = cli_json("doctor")
    assert data["ok"] is True
    checks = {c["check"] for c in data["checks"]}
    assert {"settings", "catalogue", "default stack", "database", "config", "cache"} <= checks


def test_doctor_before_init_only_notes(cli):
    result = cli("doctor")
    assert result.exit_code == 0
    assert "note" in result.stdout and "run `tiertriage init`" in result.stdout


def test_doctor_reports_each_problem_with_a_fix(cli, config_dir, home):
    settings_file(config_dir).write_text("default_stack: {host: nohost}\n")
    answers = config_dir / "answers.d"
    answers.mkdir()
    (answers / "broken.yaml").write_text("topics:\n  - id: dns.records\n    colour: blue\n")
    (answers / "notes.txt").write_text("not a catalogue\n")
    database = home / "data" / "tiertriage.db"
    database.parent.mkdir(parents=True)
    database.write_text("this is not sqlite")

    result = cli("doctor")
    assert result.exit_code == 1
    assert result.stderr == "tiertriage: error: doctor found 2 problem(s)\n"  # stack: later
    out = result.stdout
    assert "PROBLEM  catalogue" in out and "answers.d/broken.yaml:3: topic 'dns.records'" in out
    assert "fix: correct that line, or move the file out of answers.d/vendors.d" in out
    assert "ignored (not .yaml): notes.txt" in out
    assert f"{database}: not a SQLite database" in out and "move it aside" in out
    assert database.read_text() == "this is not sqlite"  # never touched

    (answers / "broken.yaml").unlink()
    database.unlink()
    data = json.loads(cli("doctor", "--json").stdout)
    [problem] = [c for c in data["checks"] if c["status"] == "problem"]
    assert problem["check"] == "default stack"
    assert "'nohost' is not a known host vendor" in problem["detail"]
    assert problem["fix"].startswith("choose a known vendor")


def test_doctor_flags_unfinished_topics_and_client_stacks(cli, config_dir):
    assert cli("topics", "add", "--from", "how do I embed a calendly widget").exit_code == 0
    store = Workspace().store  # a vendor since gone from the catalogue
    store.add_client(Client(name="Acme", stack={"host": "defunct-host"}))
    store.close()
    data = json.loads(cli("doctor", "--json").stdout)
    problems = {c["check"]: c for c in data["checks"] if c["status"] == "problem"}
    assert "still says TODO in directions, search, next_step" in problems["topics"]["detail"]
    assert problems["topics"]["fix"] == "`tiertriage topics edit my.embed-calendly-widget`"
    assert "client 'Acme'" in problems["clients"]["detail"]
    assert "'defunct-host' is not a known host vendor" in problems["clients"]["detail"]
