"""`tiertriage triage`: mbox, Maildir and .eml folders; JSON lines, drafts, broken messages."""

from __future__ import annotations

import json
import shutil
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tiertriage.mail.mailbox import Mailbox, open_mailbox

FIXTURES = Path(__file__).parent / "fixtures" / "mail"
GOOD = ["gmail_reply.eml", "two_questions.eml", "forward_inline.eml", "html_only.eml"]
EXPECTED = ["dns.propagation", "email.alias", "domain.renewal", "wp.menus"]


def mbox_bytes(names: list[str], extra: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    messages = [(FIXTURES / name).read_bytes() for name in names] + list(extra)
    chunks = []
    for number, raw in enumerate(messages):
        body = raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
        chunks.append(b"From sender%d@example.com Mon Mar  4 10:00:00 2024\n" % number)
        chunks.append(body.rstrip(b"\n") + b"\n\n")
    return b"".join(chunks)


@pytest.fixture
def mbox(tmp_path: Path) -> Path:
    path = tmp_path / "clients.mbox"
    broken = b"From: Dan Broke <dan@broken.example>\nSubject: nothing here\n\n\n"
    path.write_bytes(mbox_bytes(GOOD, [broken]))
    return path


def json_lines(stdout: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in stdout.splitlines()]


def test_mbox_json_lines(cli, mbox: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("triage", str(mbox), "--json")
    assert result.exit_code == 0, result.stderr
    records = json_lines(result.stdout)
    assert [r["key"] for r in records] == ["0", "1", "2", "3", "4"]
    assert [r.get("matched_topic") for r in records[:4]] == EXPECTED
    first = records[0]
    assert first["from"] == "Maria Lopez <maria.lopez@bakery.example>"
    assert first["subject"] == "Re: Nightly backups"
    assert first["client"] is None
    assert first["reply"].startswith("Hi Maria,")
    assert {"topic", "score", "action", "escalate", "vendor", "alternatives"} <= first.keys()
    assert [i["topic"] for i in records[1]["items"]] == ["email.alias", "ssl.not-secure"]
    assert records[2]["forwarded"] is True
    broken = records[4]
    assert broken == {
        "key": "4",
        "from": "Dan Broke <dan@broken.example>",
        "client": None,
        "subject": "nothing here",
        "error": "no question text found",
    }
    assert [r.get("urgent") for r in records] == [False, False, False, False, None]
    assert result.stderr == "tiertriage: triaged 5 messages (answer: 4, error: 1)\n"


def test_mbox_summary_table(cli, mbox: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("triage", str(mbox))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = [line.split("\t") for line in lines]
    assert len(rows) == 5  # rows only: the counts are on stderr
    assert rows[0] == [
        "0",
        "Maria Lopez <maria.lopez@bakery.example>",
        "",
        "Re: Nightly backups",
        "dns.propagation",
        "answer",
        "",
    ]
    assert rows[1][4] == "email.alias +1"
    assert rows[4][-3:] == ["no question text found", "error", ""]
    assert "triaged 5 messages (answer: 4, error: 1)" in result.stderr


def test_summary_table_on_a_terminal(cli, mbox: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("triage", str(mbox), env={"TTY_COMPATIBLE": "1", "COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    assert "subject" in result.stdout and "dns.propagation" in result.stdout
    assert "triaged 5 messages" in result.stderr


def test_client_column_names_the_senders_client(cli, mbox: Path) -> None:  # type: ignore[no-untyped-def]
    added = cli("client", "add", "Dental", "--domain", "dental.example", "--contact", "Omar H")
    assert added.exit_code == 0, added.stderr
    records = json_lines(cli("triage", str(mbox), "--json").stdout)
    assert records[1]["client"]["name"] == "Dental"
    assert records[1]["reply"].startswith("Hi Omar,")
    assert records[0]["client"] is None


def test_maildir(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (root / folder).mkdir(parents=True)
    shutil.copy(FIXTURES / "gmail_reply.eml", root / "cur" / "1700000001.M1P1.host:2,S")
    shutil.copy(FIXTURES / "html_only.eml", root / "new" / "1700000002.M2P2.host")
    shutil.copy(FIXTURES / "outlook.msg", root / "new" / "1700000003.M3P3.host")
    (root / "tmp" / "partial").write_bytes(b"half a message")
    result = cli("triage", str(root), "--json")
    assert result.exit_code == 0, result.stderr
    records = {r["key"]: r for r in json_lines(result.stdout)}
    assert set(records) == {"1700000001.M1P1.host", "1700000002.M2P2.host", "1700000003.M3P3.host"}
    assert records["1700000001.M1P1.host"]["matched_topic"] == "dns.propagation"
    assert records["1700000002.M2P2.host"]["matched_topic"] == "wp.menus"
    assert records["1700000003.M3P3.host"]["error"].startswith("input is an Outlook .msg file")


def test_eml_folder_and_drafts(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("apple_reply.eml", "two_questions.eml", "empty_body.eml", "truncated.eml"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "binary.eml").write_bytes(bytes(range(256)) * 4)
    (folder / "notes.txt").write_text("not a message")
    drafts = tmp_path / "drafts"
    result = cli("triage", str(folder), "--json", "--drafts", str(drafts))
    assert result.exit_code == 0, result.stderr
    records = {r["file"]: r for r in json_lines(result.stdout)}
    assert sorted(records) == [
        "apple_reply.eml",
        "binary.eml",
        "empty_body.eml",
        "truncated.eml",
        "two_questions.eml",
    ]
    assert records["apple_reply.eml"]["matched_topic"] == "shop.coupons"
    assert records["truncated.eml"]["matched_topic"] == "email.add-user"
    assert records["empty_body.eml"]["error"] == "no question text found"
    assert records["binary.eml"]["error"] == "input is binary data, not a question or an email"
    written = sorted(p.name for p in drafts.iterdir())
    assert len(written) == 3
    apple = Path(records["apple_reply.eml"]["draft"])
    assert apple.parent == drafts
    assert apple.name.startswith("2024-03-06_priya_ssl-certificate-renewed_")
    assert apple.suffix == ".eml" and apple.name in written
    draft = message_from_bytes(apple.read_bytes(), policy=policy.default)
    assert draft["From"] == "Sam Smith <sam@example.com>"  # whom Priya wrote to
    assert draft["To"] == "Priya Shah <priya@candles.example>"
    assert draft["Subject"] == "Re: SSL certificate renewed"
    assert draft["In-Reply-To"] == "<A1B2C3D4-APPLE@candles.example>"
    assert draft["References"] == "<ssl-1@example.com> <A1B2C3D4-APPLE@candles.example>"
    assert draft.get_content().startswith("Hi Priya,")
    assert "3 drafts written" in result.stderr


def test_single_eml_file_is_a_mailbox_of_one(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("triage", str(FIXTURES / "base64.eml"), "--json")
    assert result.exit_code == 0, result.stderr
    (record,) = json_lines(result.stdout)
    assert record["file"] == "base64.eml"
    assert record["matched_topic"] == "newsletter.signup-form"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such file or folder"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "no .eml files and not a Maildir"),
        (
            lambda p: (p / "notes.txt").write_text("hello") and p / "notes.txt",
            "not an mbox file, a Maildir or a folder of .eml files",
        ),
    ],
)
def test_not_a_mailbox(cli, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("triage", str(make(tmp_path)))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_mbox_splitting_and_unescaping(tmp_path: Path) -> None:
    path = tmp_path / "box"
    path.write_bytes(
        b"From a Mon Mar  4 10:00:00 2024\nFrom: a@x.example\nSubject: one\n\n"
        b"Line one\n>From the start of time\nFrom here, not a separator\n\n"
        b"From b Mon Mar  4 10:00:00 2024\nFrom: b@x.example\nSubject: two\n\nbody\n"
    )
    mailbox = open_mailbox(path)
    assert mailbox == Mailbox(path, "mbox")
    items = list(mailbox)
    assert [i.key for i in items] == ["0", "1"]
    assert b"\nFrom the start of time\nFrom here, not a separator\n" in items[0].data
    assert sum(i.size for i in items) == path.stat().st_size


def test_mbox_message_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tiertriage.mail import mailbox as mailboxes

    monkeypatch.setattr(mailboxes, "MAX_MESSAGE", 1000)
    path = tmp_path / "box"
    path.write_bytes(
        b"From a Mon Mar  4 10:00:00 2024\nFrom: a@x.example\n\n" + b"x" * 200_000 + b"\n\n"
        b"From b Mon Mar  4 10:00:00 2024\nFrom: b@x.example\n\nsmall\n"
    )
    items = list(open_mailbox(path))
    assert len(items) == 2
    assert len(items[0].data) <= 1000 + 64 * 1024
    assert items[1].data.endswith(b"small\n")


def test_progress_bar_leaves_stdout_to_the_results(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from tiertriage.render.mailbox import progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress(3, 0) as advance:
        for number in range(3):
            print(json.dumps({"key": str(number)}))
            advance(100)
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ['{"key": "0"}', '{"key": "1"}', '{"key": "2"}']
