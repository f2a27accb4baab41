"""`tiertriage ask` as people use it: pasted on a terminal, one source at a time, long and
huge messages, drafts that can be sent, --edit, and a reply printed before it is recorded."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from tiertriage.answer import NO_NAME
from tiertriage.errors import ExitCode
from tiertriage.mail.inputs import MAX_INPUT

DNS = "How long does DNS take to update after changing the nameservers?"


def test_a_paste_on_a_terminal_is_read_until_ctrl_d(home: Path) -> None:
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tiertriage", "ask", "--no-log"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TIERTRIAGE_HOME": str(home)},
    )
    os.close(terminal)
    # what a user pastes: several lines, then Ctrl-D on a line of its own
    os.write(main, b"Hi Sam,\n\n" + DNS.encode() + b"\n\nThanks, Anna\n")
    os.write(main, b"\x04")
    while select.select([main], [], [], 0.5)[0]:  # drain the echo so the terminal never blocks
        try:
            if not os.read(main, 4096):
                break
        except OSError:
            break
    stdout, stderr = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0, stderr.decode()
    assert stderr.decode() == (
        "tiertriage: paste the message (or type the question), then press Ctrl-D on a new line\n"
        f"tiertriage: {NO_NAME}\n"
    )
    assert stdout.startswith(b"Hi there,\n\n") and b"DNS" in stdout


def test_a_question_and_piped_input_together_are_refused(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tiertriage", "ask", "--no-log", "dns?"],
        input=b"How do I add a user?\n",
        capture_output=True,
        env={**os.environ, "TIERTRIAGE_HOME": str(home)},
        timeout=60,
        check=False,
    )
    assert result.returncode == ExitCode.USAGE
    assert result.stderr == (
        b"tiertriage: error: a question and piped input were both given "
        b"(pass one or the other (in a loop, add < /dev/null))\n"
    )


def test_a_question_and_a_file_together_are_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    question = tmp_path / "q.txt"
    question.write_text(DNS)
    result = cli("ask", "dns", "--file", str(question))
    assert result.exit_code == ExitCode.USAGE
    assert "a question and --file were both given" in result.stderr


def test_input_beyond_the_cap_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_INPUT + 1)  # sparse: no need to write it
    for path in (big, Path("/dev/zero")):
        result = cli("ask", "--no-log", "--file", str(path))
        assert result.exit_code == ExitCode.USAGE
        assert f"{path} is larger than 50 MB: not read" in result.stderr


def test_a_long_paste_is_answered_cut_and_said_so_and_stored_bounded(cli, cli_json) -> None:  # type: ignore[no-untyped-def]
    paste = ("We moved the website to a new host last week and I have a question. " * 2000) + DNS
    result = cli("ask", input=paste.encode())
    assert result.exit_code == 0, result.stderr
    assert "its text was cut" in result.stderr
    (entry,) = cli_json("log")
    assert len(entry["question"]) <= 4000


def test_a_draft_from_pasted_text_says_what_it_lacks(cli, config_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("ask", "--no-log", "--as-email", DNS)
    assert result.exit_code == 0
    assert "the draft has no To:" in result.stderr and "the draft has no From:" in result.stderr
    (config_dir / "settings.yaml").write_text("name: Sam Rivera\nfrom_address: sam@x.example\n")
    result = cli("ask", "--no-log", "--as-email", DNS)
    assert result.stdout.startswith("From: Sam Rivera <sam@x.example>\nSubject: Re: your message")
    assert "no From:" not in result.stderr and "no To:" in result.stderr


def test_edit_opens_the_reply_before_it_is_printed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('Hi there,', 'Dear Anna,'))\n"
    )
    env = {"VISUAL": f"{sys.executable} {editor}"}
    result = cli("ask", "--no-log", "--edit", "--as-email", DNS, env=env)
    assert result.exit_code == 0, result.stderr
    assert "\n\nDear Anna,\n" in result.stdout


def test_the_reply_is_printed_even_when_it_cannot_be_recorded(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "data" / "tiertriage.db").mkdir(parents=True)  # a folder where the database goes
    result = cli("ask", DNS)
    assert result.exit_code == ExitCode.STORE
    assert result.stdout.startswith("Hi there,")
    assert "the reply was printed, but not recorded in the history" in result.stderr
