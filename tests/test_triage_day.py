"""`tiertriage triage` over a day's mail: automated mail skipped, handled mail remembered,
urgent first, drafts that never collide or escape their folder, 80 columns, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode
from tiertriage.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "mail"


def message(
    number: int,
    question: str,
    *,
    subject: str = "a question",
    sender: str = "Anna Nowak <anna@bakery.example>",
    extra: str = "",
) -> bytes:
    return (
        f"From: {sender}\nTo: Sam <sam@studio.example>\nSubject: {subject}\n"
        f"Date: Mon, 4 Mar 2024 10:{number % 60:02d}:00 +0000\n"
        f"Message-ID: <m{number}@bakery.example>\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\n\nHi Sam,\n\n{question}\n\nThanks,\nAnna\n"
    ).encode()


NOTICE = (
    b"From: WordPress <wordpress@site.example>\nSubject: Some plugins were automatically updated\n"
    b"Auto-Submitted: auto-generated\n\nHowdy! Some plugins on your site were updated.\n"
)
NEWSLETTER = (
    b"From: Hover <news@hover.example>\nSubject: Our spring sale\nList-Id: <news.hover.example>\n"
    b"List-Unsubscribe: <https://hover.example/u>\n\nCan we help you grow? Domains from $1!\n"
)
NO_REPLY = b"From: <no-reply@bank.example>\nSubject: Statement\n\nHow do I read my statement?\n"
BOUNCE = (
    b"From: Mail Delivery System <mailer-daemon@mx.example>\nSubject: Undelivered Mail\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\n\n'
    b"--r\nContent-Type: text/plain\n\nYour message could not be delivered, why?\n--r--\n"
)
BROKEN_BASE64 = (
    b"From: Ewa <ewa@shop.example>\nSubject: help\nContent-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: base64\n\n" + bytes(range(33, 127)) * 3 + b"\n"
)
DNS = "How long until the new nameservers work? The old site still shows."
PAYMENTS = "Customers cannot pay: the card payment fails at checkout every time."
REDESIGN = "Could you redesign the whole website with a fresh new look for spring?"


def folder_of(tmp_path: Path, messages: dict[str, bytes]) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data in messages.items():
        (folder / name).write_bytes(data)
    return folder


def json_lines(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines()]


def test_automated_mail_is_skipped_with_its_reason(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_of(
        tmp_path,
        {
            "a.eml": NOTICE,
            "b.eml": NEWSLETTER,
            "c.eml": NO_REPLY,
            "d.eml": BOUNCE,
            "e.eml": message(1, DNS),
            "f.eml": message(2, DNS, extra="Auto-Submitted: no\n"),
            "g.eml": message(3, DNS, extra="Precedence: bulk\n"),
        },
    )
    result = cli("triage", str(inbox), "--json")
    assert result.exit_code == 0, result.stderr
    records = json_lines(result.stdout)
    assert [r["file"] for r in records if "skipped" not in r] == ["e.eml", "f.eml"]
    skipped = [r for r in records if "skipped" in r]
    assert skipped[0] == {
        "file": "a.eml",
        "from": "WordPress <wordpress@site.example>",
        "subject": "Some plugins were automatically updated",
        "skipped": "auto-submitted",
    }
    assert [(r["file"], r["skipped"]) for r in skipped[1:]] == [
        ("b.eml", "mailing-list"),
        ("c.eml", "no-reply"),
        ("d.eml", "delivery-report"),
        ("g.eml", "bulk"),
    ]
    assert "skipped 5 (" in result.stderr and "mailing-list: 1" in result.stderr
    kept = json_lines(cli("triage", str(inbox), "--json", "--include-automated").stdout)
    assert {r["file"] for r in kept if "skipped" not in r} >= {"a.eml", "b.eml", "c.eml"}


def test_an_undecodable_message_is_an_error_row_never_a_reply(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_of(tmp_path, {"broken.eml": BROKEN_BASE64})
    (record,) = json_lines(cli("triage", str(inbox), "--json").stdout)
    assert record["error"] == "cannot decode the message's text: broken base64"
    assert "reply" not in record


def test_a_rerun_skips_what_was_handled_and_the_history_says_where_it_came_from(
    cli, cli_json, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    no_id = b"From: Ola <ola@shop.example>\nSubject: menu\n\nHow do I change the menu links?\n"
    inbox = folder_of(tmp_path, {"a.eml": message(1, DNS), "b.eml": no_id, "c.eml": NOTICE})
    first = cli("triage", str(inbox), "--json")
    assert first.exit_code == 0, first.stderr
    assert sum("reply" in r for r in json_lines(first.stdout)) == 2
    again = cli("triage", str(inbox), "--json")
    assert [(r["file"], r.get("skipped")) for r in json_lines(again.stdout)] == [
        ("a.eml", "handled"),
        ("b.eml", "handled"),  # no Message-ID: known by its content hash
        ("c.eml", "auto-submitted"),
    ]
    assert "skipped 3 (handled: 2, auto-submitted: 1)" in again.stderr
    assert "--all answers them again" in again.stderr
    everything = json_lines(cli("triage", str(inbox), "--json", "--all").stdout)
    assert sum("reply" in r for r in everything) == 2
    entries = cli_json("log")
    assert len(entries) == 4 and {e["source"] for e in entries} == {"triage"}
    newest = entries[0]
    assert newest["number"] == 1
    assert newest["mailbox"] == str(inbox.resolve())
    assert newest["subject"] == "menu"
    assert newest["message"].startswith("sha256:")
    assert entries[1]["message"] == "<m1@bakery.example>"
    shown = cli("log").stdout.splitlines()[0].split("\t")
    assert shown[:1] + shown[2:4] == ["1", "triage", str(inbox.resolve())]


def test_no_log_records_nothing(cli, cli_json, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_of(tmp_path, {"a.eml": message(1, DNS)})
    assert cli("triage", str(inbox), "--no-log").exit_code == 0
    assert cli_json("log") == []
    (record,) = json_lines(cli("triage", str(inbox), "--json").stdout)
    assert "reply" in record


def test_an_ask_of_the_message_counts_as_handled(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = message(7, DNS)
    assert cli("ask", "--as-email", input=raw).exit_code == 0
    inbox = folder_of(tmp_path, {"a.eml": raw})
    (record,) = json_lines(cli("triage", str(inbox), "--json").stdout)
    assert record["skipped"] == "handled"


def test_urgent_messages_come_first_then_by_action(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_of(
        tmp_path,
        {
            "1-redesign.eml": message(1, REDESIGN),
            "2-dns.eml": message(2, DNS),
            "3-asap.eml": message(3, "Where do I change the links in the menu?", subject="ASAP"),
            "4-review.eml": message(4, "Blue elephants dance on Tuesdays, right?"),
            "5-pay.eml": message(5, PAYMENTS),
            "6-expired.eml": message(6, "Our domain expired yesterday, how do I renew it?"),
            "7-calm.eml": message(7, DNS, subject="not urgent"),
        },
    )
    result = cli("triage", str(inbox), "--json")
    assert result.exit_code == 0, result.stderr
    order = [(r["file"], r["urgent"], r["action"]) for r in json_lines(result.stdout)]
    assert order[:3] == [
        ("3-asap.eml", True, "answer"),
        ("5-pay.eml", True, "answer+consult"),
        ("6-expired.eml", True, "answer"),
    ]
    rest = [(file, urgent) for file, urgent, _ in order[3:]]
    assert rest == [
        ("4-review.eml", False),
        ("2-dns.eml", False),
        ("7-calm.eml", False),
        ("1-redesign.eml", False),
    ]
    assert order[3][2] == "review" and order[-1][2] == "escalate"
    table = cli("triage", str(inbox), "--all").stdout.splitlines()
    assert [row.split("\t")[0] for row in table][:3] == ["3-asap.eml", "5-pay.eml", "6-expired.eml"]
    assert table[0].split("\t")[-1] == "urgent" and table[3].split("\t")[-1] == ""
    assert "urgent: 3" in cli("triage", str(inbox), "--all", "--json").stderr


def test_drafts_never_collide_overwrite_or_leave_their_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    same_subject = {f"a{n}.eml": message(n, DNS, subject="Re: DNS") for n in range(3)}
    first = folder_of(tmp_path, same_subject)
    second = tmp_path / "other"
    second.mkdir()
    for name in ("a0.eml", "a1.eml"):  # the same messages in another mailbox
        shutil.copy(first / name, second / name)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    records = json_lines(cli("triage", str(first), "--json", "--drafts", str(drafts)).stdout)
    names = [Path(r["draft"]).name for r in records]
    assert len(set(names)) == 3
    # a symlink and a folder already named like the next drafts are left alone
    stem = names[0].removesuffix(".eml")
    (drafts / f"{stem}-2.eml").symlink_to(outside)
    (drafts / f"{stem}-3.eml").mkdir()
    before = {p.name: p.read_bytes() for p in drafts.iterdir() if _regular(p)}
    again = cli("triage", str(first), "--json", "--all", "--drafts", str(drafts))
    assert again.exit_code == 0, again.stderr
    assert Path(json_lines(again.stdout)[0]["draft"]).name == f"{stem}-4.eml"
    assert cli("triage", str(second), "--all", "--drafts", str(drafts)).exit_code == 0
    assert outside.read_text() == "keep me"
    for name, content in before.items():
        assert (drafts / name).read_bytes() == content  # nothing overwritten
    files = [p for p in drafts.iterdir() if _regular(p)]
    assert len(files) == 3 + 3 + 2
    assert not [p for p in drafts.iterdir() if p.name.startswith(".")]  # no temporary left


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def test_a_draft_that_cannot_be_written_is_reported_in_its_row(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_of(tmp_path, {"a.eml": message(1, DNS), "b.eml": message(2, REDESIGN)})
    calls = []

    def full_disk(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    drafts = tmp_path / "drafts"
    result = cli("triage", str(inbox), "--json", "--drafts", str(drafts))
    assert result.exit_code == 0, result.stderr
    failed, written = sorted(json_lines(result.stdout), key=lambda r: "draft" in r)
    assert failed["draft_error"] == f"cannot write the draft in {drafts}: No space left on device"
    assert "draft" in written and Path(written["draft"]).is_file()
    assert f"tiertriage: {failed['file']}: cannot write the draft" in result.stderr
    assert len(list(drafts.iterdir())) == 1  # no partial file
    # the failed one is not recorded: the next run answers it (and drafts it) again
    rerun = json_lines(cli("triage", str(inbox), "--json", "--drafts", str(drafts)).stdout)
    assert [r.get("skipped") for r in rerun].count("handled") == 1


def test_drafts_into_a_maildir_go_to_new(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drafts = tmp_path / "Drafts"
    for sub in ("cur", "new", "tmp"):
        (drafts / sub).mkdir(parents=True)
    inbox = folder_of(tmp_path, {"a.eml": message(1, DNS)})
    (record,) = json_lines(cli("triage", str(inbox), "--json", "--drafts", str(drafts)).stdout)
    path = Path(record["draft"])
    assert path.parent == drafts / "new" and ":" not in path.name
    assert list((drafts / "tmp").iterdir()) == []
    draft = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert draft["To"] == "Anna Nowak <anna@bakery.example>"
    assert draft["From"] == "Sam <sam@studio.example>"
    assert draft["In-Reply-To"] == "<m1@bakery.example>"


def test_a_maildir_symlink_pointing_outside_is_skipped(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    secret = tmp_path / "secret.eml"
    secret.write_bytes(message(1, DNS))
    (root / "new" / "1.M1.host").symlink_to(secret)
    (root / "cur" / "2.M2.host:2,S").write_bytes(message(2, REDESIGN))
    (root / "new" / "3.M3.host").symlink_to(root / "cur" / "2.M2.host:2,S")
    records = {r["key"]: r for r in json_lines(cli("triage", str(root), "--json", "--all").stdout)}
    assert records["1.M1.host"] == {
        "key": "1.M1.host",
        "from": None,
        "subject": None,
        "skipped": "symlink-outside",
    }
    assert records["2.M2.host"]["matched_topic"] == records["3.M3.host"]["matched_topic"]


def _visible(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_the_table_fits_80_columns_with_ids_and_actions_whole(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = "Maria Magdalena Lopez-Hernandez <maria.magdalena.lopez-hernandez@bakery.example>"
    inbox = folder_of(
        tmp_path,
        {
            "a-long-file-name-for-this-message.eml": message(1, PAYMENTS, sender=long),
            "b.eml": message(2, "How do I add a signup form for our newsletter to the site?"),
            "c.eml": message(3, REDESIGN, subject="A very long subject " * 5),
        },
    )
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": "80", "NO_COLOR": "1"}
    result = cli("triage", str(inbox), env=env)
    assert result.exit_code == 0, result.stderr
    lines = _visible(result.stdout).splitlines()
    assert max(len(line) for line in lines) <= 80
    body = "\n".join(lines)
    for whole in ("answer+consult", "shop.payments", "escalate", "newsletter.signup-form"):
        assert re.search(rf"(^|\s){re.escape(whole)}(\s|$)", body, re.M), whole
    assert "…" in body  # the free text gave way
    assert "triaged 3 messages" in result.stderr and "triaged" not in result.stdout


BIG_BOX = 600


def test_ctrl_c_stops_cleanly_keeping_drafts_and_history(tmp_path: Path, home: Path) -> None:
    """A real SIGINT to a real process: what was done so far is kept and consistent."""
    mbox = tmp_path / "big.mbox"
    with mbox.open("wb") as out:
        for number in range(BIG_BOX):
            out.write(b"From a@b Mon Mar  4 10:00:00 2024\n" + message(number, DNS) + b"\n")
    drafts = tmp_path / "drafts"
    process = subprocess.Popen(
        [sys.executable, "-m", "tiertriage", "triage", str(mbox), "--drafts", str(drafts)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TIERTRIAGE_HOME": str(home)},
    )
    deadline = time.monotonic() + 60
    while not (drafts.is_dir() and any(drafts.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERRUPTED, stderr.decode()
    last = stderr.decode().strip().splitlines()[-1]
    found = re.fullmatch(
        r"tiertriage: stopped after (\d+) messages: (\d+) drafts written, (\d+) recorded", last
    )
    assert found, last
    seen, written, recorded = map(int, found.groups())
    assert 0 < seen < BIG_BOX
    assert written == recorded == seen == len(list(drafts.iterdir()))
    assert len(stdout.decode().splitlines()) == seen  # the rows of what was done
    store = Workspace().store
    assert len({e.message for e in store.history()}) == recorded
    store.close()


def test_draft_names_say_what_they_answer_and_stay_safe() -> None:
    from tiertriage.mail.message import Mail, Sender
    from tiertriage.mail.outbox import draft_stem

    mail = Mail(
        ("q",),
        "q",
        sender=Sender("Łucja", "Łucja.Nowak@x.example"),
        subject="Re: FW: Zażółć ../../etc/passwd?",
        date="Mon, 4 Mar 2024 10:00:00 +0000",
    )
    stem = draft_stem(mail, "<m1@x>")
    assert re.fullmatch(r"2024-03-04_lucja\.nowak_zazolc-etc-passwd_[0-9a-f]{6}", stem), stem
    bare = draft_stem(Mail(("q",), "q", date="not a date"), "sha256:00")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d_unknown_no-subject_[0-9a-f]{6}", bare)
    assert draft_stem(mail, "<m2@x>") != stem
