"""Nothing from a message reaches the terminal or a draft as markup or control codes
(issue 15, case 4): Rich markup in a question, a subject or a name is shown as typed,
`[link=...]` makes no hyperlink, and ESC, BEL, NUL, OSC and C1 controls are removed from
the panel, the tables, plain output, JSON and draft headers."""

from __future__ import annotations

import json
import re
from email import message_from_string
from email import policy as email_policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiertriage.answer import Responder
from tiertriage.mail.draft import reply_draft
from tiertriage.mail.message import Mail, Sender
from tiertriage.render.ask import print_ask_panel, print_explain
from tiertriage.render.mailbox import print_messages
from tiertriage.render.output import printable
from tiertriage.workspace import Workspace

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Rich's own escape sequences on a colour terminal: SGR styles only (no OSC 8 links)
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = (
    "change my dns \x1b]0;pwned\x07 \x1b[2J \x9b31m [/bold] [link=https://evil.example]x[/link]"
)
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": "120"}
COLOUR_TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "COLUMNS": "120"}


def message(sender: str, subject: str, body: str = "How do I change my dns records?") -> bytes:
    return f"From: {sender}\nSubject: {subject}\nMessage-ID: <1@x.example>\n\n{body}\n".encode()


def no_control(text: str, *, colours: bool = False) -> None:
    if colours:
        text = RICH_STYLE.sub("", text)
    assert not CONTROL.search(text), repr(CONTROL.search(text))


def test_printable_keeps_newlines_and_tabs_and_drops_every_other_control() -> None:
    assert printable("a\tb\nc\x1b[31md\x07\x00\r\x7f\x9b\x9de") == "a\tb\nc[31mde"


def test_markup_in_a_question_is_shown_as_typed_on_a_terminal(cli) -> None:
    result = cli("ask", "--no-log", "--explain", "how do I [/bold] change my dns?", env=TERMINAL)
    assert result.exit_code == 0, result.stderr
    assert "how do I [/bold] change my dns?" in result.stdout
    assert "Top topics for: how do I [/bold] change my dns?" in result.stderr


def test_a_link_in_a_question_is_no_hyperlink(cli) -> None:
    result = cli("ask", "--no-log", "--explain", HOSTILE, env=COLOUR_TERMINAL)
    assert result.exit_code == 0, result.stderr
    for output in (result.stdout, result.stderr):
        assert "\x1b]" not in output  # no OSC: no hyperlink, no window title
        no_control(output, colours=True)
    assert "[link=https://evil.example]x[/link]" in result.stdout


@pytest.mark.parametrize("flag", ["--plain", "--json", "--as-email"])
def test_control_characters_never_reach_plain_output(cli, flag: str) -> None:
    result = cli("ask", "--no-log", flag, input=message("Eve \x1b[31m <e@x.example>", HOSTILE))
    assert result.exit_code == 0, result.stderr
    no_control(result.stdout)
    if flag == "--json":
        subject = json.loads(result.stdout)["subject"]  # the words kept, the controls gone
        assert "[/bold] [link=https://evil.example]x[/link]" in subject
        no_control(subject)


def test_a_subject_with_markup_and_escapes_in_the_triage_table(cli, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "1.eml").write_bytes(
        message("Eve [link=https://evil.example]Boss[/link] <e@x.example>", "hello [/b] world")
    )
    (folder / "2.eml").write_bytes(message("Mallory <m@x.example>", "hi \x1b]0;pwned\x07 there"))
    for env in (COLOUR_TERMINAL, {}):
        result = cli("triage", "--no-log", str(folder), env=env)
        assert result.exit_code == 0, result.stderr
        assert "hello [/b] world" in result.stdout
        assert "\x1b]" not in result.stdout
        no_control(result.stdout, colours=True)


def test_draft_headers_take_no_control_characters_and_no_extra_header(cli) -> None:
    sender = "=?utf-8?q?Eve=00=1B=0ABcc=3A_boss=40x=2Eexample?= <e@x.example>"
    raw = message(sender, "=?utf-8?q?urgent=00_=1B[2J_question?=")
    result = cli("ask", "--no-log", "--as-email", input=raw)
    assert result.exit_code == 0, result.stderr
    no_control(result.stdout)
    draft = message_from_string(result.stdout, policy=email_policy.default)
    assert "Bcc" not in draft
    assert draft["Subject"] == "Re: urgent [2J question"
    assert draft["To"].addresses[0].addr_spec == "e@x.example"


# -- any text at all ---------------------------------------------------------------------

ANY_TEXT = st.lists(
    st.text(st.characters(codec="utf-8"), max_size=20)
    | st.sampled_from(["[/b]", "[link=https://e.example]", "\x1b]0;t\x07", "\x9b2J", "\r\n"]),
    max_size=12,
).map("".join)


@pytest.fixture
def responder() -> Responder:
    return Responder(Workspace())


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=ANY_TEXT)
def test_any_text_renders_in_the_panel_the_tables_and_a_draft(
    text: str, responder: Responder, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    for name, value in TERMINAL.items():
        monkeypatch.setenv(name, value)
    question = text if text.strip() else "x"
    mail = Mail((question,), question, Sender(text, "a@b.example"), subject=text, raw=True)
    answer = responder.answer(mail)
    print_ask_panel(answer)
    print_explain(text, [answer.first.decision.best] if answer.first.decision.best else [])
    rows = [[text] * 6 + [""], [text, text, "", text, "-", "answer", "1"]]
    longest = [max(len(row[i]) for row in rows) for i in range(7)]
    print_messages(rows, longest)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    print_messages(rows[:1], longest)
    shown = capsys.readouterr()
    no_control(shown.out)
    no_control(shown.err)
    draft = reply_draft(mail, answer.reply + text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", draft)
    headers = message_from_string(draft, policy=email_policy.default)
    assert set(headers.keys()) == {
        "To",
        "Subject",
        "Date",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
    }
