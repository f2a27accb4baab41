"""The installed command as a real process: output is flushed and exit codes kept even
though `main` skips the interpreter's teardown."""

from __future__ import annotations

import subprocess
import sys

from tiertriage.errors import ExitCode


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tiertriage", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )


def test_reply_is_flushed_and_success_reported():
    result = run("ask", "how long does DNS take to update?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Hi there,\n\n")
    assert result.stdout.rstrip().endswith(b"Best wishes")


def test_errors_keep_their_exit_code():
    empty = run("ask", stdin=b"  \n")
    assert empty.returncode == ExitCode.USAGE
    assert empty.stderr == b"tiertriage: error: no question text found\n"
    unknown = run("ask", "--client", "nobody", "how long does DNS take?")
    assert unknown.returncode == ExitCode.NOT_FOUND
    assert unknown.stderr.startswith(b"tiertriage: error: ")


def test_usage_errors_and_version():
    assert run("no-such-command").returncode == ExitCode.USAGE
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith(b"tiertriage ")


def test_history_written_by_a_process_is_read_by_the_next():
    assert run("ask", "can my product come in sizes?").returncode == 0
    log = run("log", "--json")
    assert log.returncode == 0
    assert b"can my product come in sizes?" in log.stdout
