"""`tiertriage client ...` through the CLI: every command, the dialogue and each error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiertriage.catalog.load import load_catalog
from tiertriage.errors import ExitCode
from tiertriage.paths import get_paths

ACME = (
    "client",
    "add",
    "Acme Co",
    "--contact",
    "Jane Doe",
    "--email",
    "jane@acme.example",
    "--email",
    "ops@acme.example",
    "--domain",
    "acme.example",
    "--notes",
    "Prefers phone calls.",
    "--support-until",
    "2030-06-30",
    "--host",
    "siteground",
    "--email-provider",
    "microsoft-365",
)
# The recommended vendor of every role, as the shipped catalogue says.
DEFAULTS = {role: info.default for role, info in load_catalog().roles.items()}


@pytest.fixture
def acme(cli):
    result = cli(*ACME)
    assert result.exit_code == 0, result.stderr
    return result


def ok(result):
    assert result.exit_code == 0, result.stderr or result.stdout
    return result


# -- add ---------------------------------------------------------------------------


def test_add_records_every_field(acme, cli_json):
    assert acme.stdout == (
        "Added client 'Acme Co' (email: microsoft-365, host: siteground; "
        "other roles: your default stack).\n"
    )
    shown = cli_json("client", "show", "acme co")
    assert shown == {
        "name": "Acme Co",
        "contact": "Jane Doe",
        "emails": ["jane@acme.example", "ops@acme.example"],
        "domains": ["acme.example"],
        "notes": "Prefers phone calls.",
        "support_until": "2030-06-30",
        "stack": {"email": "microsoft-365", "host": "siteground"},
        "greeting": None,
        "language": None,
        "support_expired": False,
        "vendors": DEFAULTS | {"email": "microsoft-365", "host": "siteground"},
        "stack_problems": [],
    }


def test_roles_not_given_follow_the_users_default_stack(cli, cli_json, config_dir):
    (config_dir / "settings.yaml").write_text("default_stack:\n  host: kinsta\n")
    ok(cli("client", "add", "Bolt", "--registrar", "godaddy"))
    shown = cli_json("client", "show", "bolt")
    assert shown["stack"] == {"registrar": "godaddy"}
    assert shown["vendors"] == DEFAULTS | {"registrar": "godaddy", "host": "kinsta"}


def test_add_an_existing_name_ignoring_case(acme, cli):
    result = cli("client", "add", "ACME CO")
    assert result.exit_code == ExitCode.EXISTS
    assert result.stderr == (
        "tiertriage: error: a client named 'Acme Co' already exists "
        "(change it with `tiertriage client edit 'Acme Co'`)\n"
    )


def test_an_unknown_vendor_suggests_that_roles_closest(cli):
    result = cli("client", "add", "Bolt", "--host", "sitegrund")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "tiertriage: error: --host: 'sitegrund' is not a known host vendor; "
        "did you mean 'siteground'?\n"
    )
    assert cli("client", "list").stdout == ""


def test_a_vendor_of_another_role_is_refused(cli):
    result = cli("client", "add", "Bolt", "--registrar", "mailchimp")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "--registrar: 'mailchimp' is not a known registrar vendor" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--email", "jane.acme.example", "--email: not an email address: 'jane.acme.example'"),
        ("--domain", "acme", "--domain: not a domain name: 'acme'"),
        ("--support-until", "30/06/2030", "--support-until: not a date: '30/06/2030'"),
        ("--contact", "Jane\tDoe", "--contact: must be a single line without tabs"),
    ],
)
def test_invalid_values_name_the_option(cli, option, value, message):
    result = cli("client", "add", "Bolt", option, value)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"tiertriage: error: {message}")


def test_an_empty_name_is_refused(cli):
    result = cli("client", "add", "  ")
    assert result.exit_code == ExitCode.USAGE
    assert "NAME: " in result.stderr


def test_interactive_add(cli, cli_json):
    answers = [
        "Jane Doe",  # contact
        "not-an-address",  # refused, asked again
        "jane@acme.example, ops@acme.example",
        "acme.example",
        "2030-06-30",
        "",  # notes
        "",  # greeting
        "",  # language: the question's
        "",  # registrar: keep the default
        "microsoft-365",  # email provider
        "",
        "",
        "",
        "",
        "siteground",  # host
        "",
    ]
    result = cli("client", "add", "Acme Co", "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "not an email address: 'not-an-address'" in result.stderr
    assert "Web host: " in result.stdout and "siteground" in result.stdout  # choices offered
    shown = cli_json("client", "show", "acme")
    assert shown["contact"] == "Jane Doe"
    assert shown["emails"] == ["jane@acme.example", "ops@acme.example"]
    assert shown["support_until"] == "2030-06-30"
    assert shown["notes"] is None
    assert shown["stack"] == {"email": "microsoft-365", "host": "siteground"}


def test_interactive_edit_keeps_what_enter_accepts(acme, cli, cli_json):
    answers = ["", "", "", "", "-", "", "", "", "", "", "", "", "", "wp-engine", ""]
    result = cli("client", "edit", "acme", "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    shown = cli_json("client", "show", "acme")
    assert shown["contact"] == "Jane Doe"
    assert shown["emails"] == ["jane@acme.example", "ops@acme.example"]
    assert shown["notes"] is None  # '-' cleared it
    assert shown["stack"] == {"email": "microsoft-365", "host": "wp-engine"}


# -- list and show -------------------------------------------------------------------


def test_list_is_tab_separated_when_piped(acme, cli):
    ok(cli("client", "add", "bolt"))
    assert cli("client", "list").stdout == (
        "Acme Co\tJane Doe\tjane@acme.example, ops@acme.example\tacme.example\t2030-06-30\t"
        "email=microsoft-365, host=siteground\n"
        "bolt\t\t\t\t\t\n"
    )


def test_list_is_a_table_on_a_terminal(acme, cli):
    result = cli("client", "list", env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert "Clients (1)" in result.stdout
    assert "┏" in result.stdout and "Acme Co" in result.stdout


def test_list_json(acme, cli_json):
    (client,) = cli_json("client", "list")
    assert client["name"] == "Acme Co"
    assert client["stack"] == {"email": "microsoft-365", "host": "siteground"}


def test_show_as_text(acme, cli):
    lines = cli("client", "show", "acme").stdout.splitlines()
    assert "name\tAcme Co" in lines
    assert "host\tSiteGround (siteground)" in lines
    assert "registrar\tHover (hover), default" in lines


def test_show_marks_ended_support(cli, cli_json):
    ok(cli("client", "add", "Old", "--support-until", "2001-01-31"))
    assert cli_json("client", "show", "old")["support_expired"] is True
    assert "2001-01-31 (ended: replies offer a consult)" in cli("client", "show", "old").stdout


def test_names_are_found_by_prefix_and_near_misses_suggested(acme, cli):
    ok(cli("client", "add", "Acme Co West"))
    ok(cli("client", "add", "Bolt Ltd"))
    assert cli("client", "show", "bo").stdout.startswith("name\tBolt Ltd\n")
    # an exact name wins over the longer names it is a prefix of
    assert cli("client", "show", "ACME CO").stdout.startswith("name\tAcme Co\n")
    prefix = cli("client", "show", "ac")
    assert prefix.exit_code == ExitCode.NOT_FOUND
    assert prefix.stderr == (
        "tiertriage: error: 'ac' matches 2 clients: Acme Co, Acme Co West (give more of the name)\n"
    )
    near = cli("client", "show", "bolt ldt")
    assert near.exit_code == ExitCode.NOT_FOUND
    assert near.stderr.startswith("tiertriage: error: no client named 'bolt ldt'; did you mean")
    assert "'Bolt Ltd'" in near.stderr


# -- edit and remove -------------------------------------------------------------------


def test_edit_replaces_given_fields_only(acme, cli, cli_json):
    result = ok(
        cli(
            "client",
            "edit",
            "acme",
            "--rename",
            "Acme Inc",
            "--email",
            "new@acme.example",
            "--notes",
            "",
            "--host",
            "default",
            "--registrar",
            "godaddy",
        )
    )
    assert result.stdout.startswith("Updated client 'Acme Inc' (")
    shown = cli_json("client", "show", "acme inc")
    assert shown["emails"] == ["new@acme.example"]
    assert shown["domains"] == ["acme.example"]
    assert shown["notes"] is None
    assert shown["stack"] == {"email": "microsoft-365", "registrar": "godaddy"}


def test_edit_without_changes_is_an_error(acme, cli):
    result = cli("client", "edit", "acme")
    assert result.exit_code == ExitCode.USAGE
    assert "nothing to change" in result.stderr


def test_edit_onto_another_name_is_refused(acme, cli):
    ok(cli("client", "add", "Bolt"))
    result = cli("client", "edit", "bolt", "--rename", "acme co")
    assert result.exit_code == ExitCode.EXISTS


def test_edit_an_unknown_client(cli):
    result = cli("client", "edit", "nobody", "--host", "kinsta")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no client named 'nobody'" in result.stderr


def test_remove_asks_first(acme, cli):
    refused = cli("client", "remove", "acme", input="n\n")
    assert refused.exit_code == 1
    assert "Remove client 'Acme Co'?" in refused.stderr
    assert cli("client", "list").stdout.startswith("Acme Co")
    confirmed = ok(cli("client", "remove", "acme", input="y\n"))
    assert confirmed.stdout.endswith("Removed client 'Acme Co'.\n")  # after the echoed "y"
    assert cli("client", "list").stdout == ""


def test_remove_with_yes(acme, cli):
    assert ok(cli("client", "remove", "acme", "--yes")).stdout == "Removed client 'Acme Co'.\n"
    assert cli("client", "remove", "acme", "--yes").exit_code == ExitCode.NOT_FOUND


# -- export and import -------------------------------------------------------------------


def test_export_import_round_trip(acme, cli, tmp_path, monkeypatch):
    ok(cli("client", "add", "Bolt Ltd", "--domain", "bolt.example", "--notes", "line 1\nline 2"))
    ok(cli("client", "add", "Crème Brûlée Café", "--contact", "Zoë"))
    exported = ok(cli("client", "export")).stdout
    assert exported.startswith("clients:\n- name: Acme Co\n")
    file = tmp_path / "clients.yaml"
    assert ok(cli("client", "export", str(file))).stderr.endswith(
        f"exported 3 client(s) to {file}\n"
    )
    assert file.read_text(encoding="utf-8") == exported

    monkeypatch.setenv("TIERTRIAGE_HOME", str(tmp_path / "elsewhere"))
    assert ok(cli("client", "import", str(file))).stdout == "Imported 3 client(s).\n"
    assert ok(cli("client", "export")).stdout == exported


def test_import_from_stdin(cli):
    text = "clients:\n- name: Acme\n  stack:\n    host: kinsta\n"
    ok(cli("client", "import", "-", input=text))
    assert ok(cli("client", "export")).stdout == text


def test_import_refuses_existing_names_unless_replace(acme, cli, cli_json, tmp_path):
    file = tmp_path / "clients.yaml"
    file.write_text("clients:\n- name: New\n- name: ACME CO\n  contact: John Roe\n")
    refused = cli("client", "import", str(file))
    assert refused.exit_code == ExitCode.EXISTS
    assert "1 client(s) already exist: Acme Co" in refused.stderr
    assert [c["name"] for c in cli_json("client", "list")] == ["Acme Co"]
    result = ok(cli("client", "import", str(file), "--replace"))
    assert result.stdout == "Imported 2 client(s), 1 replaced.\n"
    assert cli_json("client", "show", "acme")["contact"] == "John Roe"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("clients: [\n", "clients.yaml:2: invalid YAML"),
        ("- name: Acme\n", "clients.yaml:1: expected a mapping with 'clients:'"),
        ("clients:\n- name: Acme\n  emails: [nope]\n", "clients.yaml:3: client 'Acme': field "),
        (
            "clients:\n- name: Acme\n  colour: red\n",
            "clients.yaml:3: client 'Acme': field 'colour': unknown field",
        ),
        ("clients:\n- contact: Jane\n", "clients.yaml:2: client #1: field 'name': required"),
        ("clients:\n- name: Acme\n- name: ACME\n", "clients.yaml:3: client 'ACME': the same name"),
        (
            "clients:\n- name: Acme\n  stack:\n    host: sitegrund\n",
            "clients.yaml:4: client 'Acme': field 'stack.host': 'sitegrund' is not a known host "
            "vendor; did you mean 'siteground'?",
        ),
        (
            "clients:\n- name: Acme\n  stack:\n    hosting: kinsta\n",
            "clients.yaml:4: client 'Acme': field 'stack.hosting': unknown role 'hosting'",
        ),
    ],
)
def test_import_errors_name_file_line_and_field(cli, tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("clients.yaml").write_text(text)
    result = cli("client", "import", "clients.yaml")
    assert result.exit_code in (ExitCode.USAGE, ExitCode.NOT_FOUND)
    assert result.stderr.startswith(f"tiertriage: error: {message}"), result.stderr
    assert cli("client", "list").stdout == ""


def test_import_a_missing_file(cli):
    result = cli("client", "import", "no-such-file.yaml")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == "tiertriage: error: no-such-file.yaml: no such file\n"


# -- a broken database -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("client", "list"), ("client", "add", "Acme"), ("ask", "how long does dns take")]
)
def test_a_file_that_is_not_a_database(cli, command):
    database = get_paths().database
    database.parent.mkdir(parents=True)
    content = b"\x00\x01 definitely not SQLite " * 100
    database.write_bytes(content)
    result = cli(*command)
    assert result.exit_code == ExitCode.STORE
    if command[0] == "ask":  # the reply first; the history it could not record on stderr
        assert result.stdout.startswith("Hi")
        assert "not recorded in the history" in result.stderr
    assert f"{database}: not a SQLite database" in result.stderr
    assert "move it aside" in result.stderr
    assert database.read_bytes() == content


def test_list_and_show_json(acme, cli):
    listed = json.loads(ok(cli("client", "list", "--json")).stdout)
    assert [c["name"] for c in listed] == ["Acme Co"]
    assert listed[0]["emails"] == ["jane@acme.example", "ops@acme.example"]
    assert listed[0]["stack"] == {"email": "microsoft-365", "host": "siteground"}
    shown = json.loads(ok(cli("client", "show", "acme", "--json")).stdout)
    assert shown["support_until"] == "2030-06-30" and shown["support_expired"] is False
    assert shown["vendors"]["host"] == "siteground"
    assert shown["vendors"]["registrar"] == "hover"  # a role not recorded: the default stack
