"""`tiertriage ask` on raw email: --file, stdin, several questions, --as-email, the client."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tiertriage.answer import NO_NAME

FIXTURES = Path(__file__).parent / "fixtures" / "mail"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_raw_message_on_stdin(cli_json) -> None:  # type: ignore[no-untyped-def]
    data = cli_json("ask", "--no-log", input=fixture("gmail_reply.eml"))
    assert data["topic"] == "dns.propagation"
    assert data["question"].startswith("We switched the nameservers to Flywheel yesterday")
    assert "items" not in data
    assert data["reply"].startswith("Hi Maria,\n")


def test_eml_file(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--json", "--file", str(FIXTURES / "html_only.eml"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["topic"] == "wp.menus"
    assert data["reply"].startswith("Hi Tom,\n")


def test_plain_output_is_the_reply(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--plain", input=fixture("apple_reply.eml"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Hi Priya,\n")
    assert "SSL" not in result.stdout.split("\n\n")[1]  # the quoted SSL note is not answered


def test_two_questions_give_items(cli_json) -> None:  # type: ignore[no-untyped-def]
    data = cli_json("ask", "--no-log", input=fixture("two_questions.eml"))
    assert [item["topic"] for item in data["items"]] == ["email.alias", "ssl.not-secure"]
    assert [item["question"] for item in data["items"]] == [
        "Can I get an info@ address that goes to my own inbox?",
        "Also, Chrome shows Not secure next to our address. What's wrong?",
    ]
    assert data["topic"] == "email.alias"  # the top level describes the first
    reply = data["reply"]
    assert reply.index("> Can I get an info@") < reply.index("> Also, Chrome shows Not secure")


def test_forward_answers_the_forwarded_message(cli_json) -> None:  # type: ignore[no-untyped-def]
    data = cli_json("ask", "--no-log", input=fixture("forward_inline.eml"))
    assert data["topic"] == "domain.renewal"
    assert data["forwarded"] is True
    assert data["reply"].startswith("Hi Ola,\n")


def test_pasted_thread(cli_json) -> None:  # type: ignore[no-untyped-def]
    pasted = (
        "Hi Sam,\n\nCan I get an info@ address that goes to my own inbox?\n\nThanks,\nAnna\n\n"
        "On Mon, 4 Mar 2024 at 10:12, Sam Smith <sam@example.com> wrote:\n"
        "> The site feels slow because of the images on the homepage.\n"
    )
    data = cli_json("ask", "--no-log", input=pasted.encode())
    assert data["topic"] == "email.alias"
    assert data["question"] == "Can I get an info@ address that goes to my own inbox?"


def test_as_email_prints_a_threaded_draft(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--as-email", input=fixture("gmail_reply.eml"))
    assert result.exit_code == 0, result.stderr
    draft = message_from_bytes(result.stdout_bytes, policy=policy.default)
    assert draft["To"] == "Maria Lopez <maria.lopez@bakery.example>"
    assert draft["Subject"] == "Re: Nightly backups"
    assert draft["In-Reply-To"] == "<CAGmail123@mail.gmail.com>"
    assert str(draft["References"]).split()[-1] == "<CAGmail123@mail.gmail.com>"
    body = draft.get_content()
    assert body.startswith("Hi Maria,\n")
    assert "whatsmydns" in body.lower()  # the DNS propagation answer


def test_as_email_does_not_double_re(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--as-email", input=fixture("outlook_reply.eml"))
    assert result.exit_code == 0, result.stderr
    draft = message_from_bytes(result.stdout_bytes, policy=policy.default)
    assert draft["Subject"] == "RE: March newsletter"
    assert draft["To"] == '"Doe, John" <john.doe@lawfirm.example>'


def test_as_email_and_json_conflict(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--as-email", "--json", "a question?")
    assert result.exit_code == 2
    assert "--as-email and --json cannot be combined" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("outlook.msg", "input is an Outlook .msg file (OLE compound document)"),
        ("empty_body.eml", "no question text found"),
    ],
)
def test_bad_mail_is_a_clean_error(cli, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--file", str(FIXTURES / name))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"tiertriage: error: {message}")
    assert "Traceback" not in result.stderr


def test_sender_address_selects_the_client(cli, cli_json) -> None:  # type: ignore[no-untyped-def]
    added = cli(
        "client", "add", "Bakery", "--contact", "Marisol Lopez",
        "--email", "maria.lopez@bakery.example", "--registrar", "namecheap",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    data = cli_json("ask", "--no-log", input=fixture("gmail_reply.eml"))
    assert data["client"]["name"] == "Bakery"
    assert data["vendor"]["id"] == "namecheap"  # the client's registrar
    assert data["reply"].startswith("Hi Marisol,\n")  # the contact's first name


def test_sender_domain_selects_the_client(cli, cli_json) -> None:  # type: ignore[no-untyped-def]
    added = cli("client", "add", "Law firm", "--domain", "lawfirm.example")
    assert added.exit_code == 0, added.stderr
    data = cli_json("ask", "--no-log", input=fixture("outlook_reply.eml"))
    assert data["client"]["name"] == "Law firm"
    assert data["reply"].startswith("Hi John,\n")  # no contact recorded: the sender's name


def test_explicit_client_wins(cli, cli_json) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("Bakery", "--email", "maria.lopez@bakery.example", "--contact", "Maria Lopez"),
        ("Other", "--contact", "Zoe Quinn", "--registrar", "godaddy"),
    ):
        assert cli("client", "add", *args).exit_code == 0
    result = cli("ask", "--no-log", "--json", "--client", "Other", input=fixture("gmail_reply.eml"))
    data = json.loads(result.stdout)
    assert data["client"]["name"] == "Other"
    assert data["vendor"]["id"] == "godaddy"
    # the reply goes to Maria, so it greets her, and says whose stack it used
    assert data["reply"].startswith("Hi Maria,\n")
    assert result.stderr == (
        "tiertriage: warning: maria.lopez@bakery.example is Bakery's address, not Other's: "
        "answered for Other (--client), greeting the sender\n"
        f"tiertriage: {NO_NAME}\n"
    )


def test_explicit_client_for_an_unknown_sender_greets_the_contact(cli, cli_json) -> None:  # type: ignore[no-untyped-def]
    assert cli("client", "add", "Other", "--contact", "Zoe Quinn").exit_code == 0
    data = cli_json("ask", "--no-log", "--client", "Other", input=fixture("gmail_reply.eml"))
    assert data["reply"].startswith("Hi Zoe,\n")


def test_unknown_sender_uses_default_stack_and_display_name(cli_json) -> None:  # type: ignore[no-untyped-def]
    data = cli_json("ask", "--no-log", input=fixture("gmail_reply.eml"))
    assert data["client"] is None
    assert data["vendor"]["id"] == "hover"  # the recommended registrar
    assert data["reply"].startswith("Hi Maria,\n")


def test_plain_question_does_not_import_mail_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tiertriage.cli import build\n"
        "sys.argv = ['tiertriage', 'ask', '--no-log', '--plain', 'how long does dns take?']\n"
        "try:\n    build(['ask'])()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('email.parser', 'email.policy', 'selectolax',"
        " 'mailparser_reply', 'tiertriage.mail.text') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert "LOADED []" in result.stderr, result.stderr
