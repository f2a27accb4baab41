"""Property tests: whatever bytes come in, reading mail ends in a result or a clean InputError.

Never another exception, never a hang (each example has a deadline).
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tiertriage.errors import InputError
from tiertriage.mail import asks
from tiertriage.mail import draft as maildraft
from tiertriage.mail import message as mail
from tiertriage.mail import text as mailtext
from tiertriage.mail.html import html_to_text

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "mail").glob("*.eml"))
SAMPLES = [path.read_bytes() for path in FIXTURES]

PROPERTY = settings(
    max_examples=300,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)


def read_cleanly(data: bytes) -> None:
    try:
        message = mail.read(data)
    except InputError as error:
        assert str(error)
        assert error.exit_code == 2
        return
    assert message.questions
    assert all(q.strip() for q in message.questions)
    draft = message_from_bytes(
        maildraft.reply_draft(message, "Hi,\n\nan answer.\n").encode("utf-8"), policy=policy.default
    )
    assert draft["Subject"] == maildraft.reply_subject(message.subject)
    if message.sender and message.sender.address and not message.reply_to:
        assert draft["To"].addresses[0].addr_spec == message.sender.address
    assert draft.get_content() == "Hi,\n\nan answer.\n"


@PROPERTY
@given(st.binary(max_size=4096))
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
@example(b"From: a\nTo: b\n\n")
@example(b"From: =?utf-8?q?=FF?= <@>\nSubject: =?bogus?b?!!?=\n\nx?")
def test_arbitrary_bytes(data: bytes) -> None:
    read_cleanly(data)


_HEADERS = st.sampled_from(
    [
        b"From: Anna <anna@acme.example>",
        b"From: =?utf-8?b?!!!?= <x@y>",
        b"From: <<<@@@>>>",
        b'From: "unterminated <a@b>',
        b"Subject: =?iso-8859-2?q?=B1=E6?=",
        b"Subject: =?x-unknown?q?abc?=",
        b"Subject: \xff\xfe raw 8-bit",
        b"Message-ID: <a@b>",
        b"References: <a@b> <<c@d>",
        b"Content-Type: text/plain; charset=rot13",
        b'Content-Type: text/plain; charset="iso-8859-2"',
        b"Content-Type: text/html; charset=utf-8",
        b"Content-Type: multipart/mixed",
        b'Content-Type: multipart/alternative; boundary="b"',
        b'Content-Type: multipart/mixed; boundary=""',
        b"Content-Type: message/rfc822",
        b"Content-Type: ;;;===",
        b"Content-Transfer-Encoding: base64",
        b"Content-Transfer-Encoding: quoted-printable",
        b"Content-Transfer-Encoding: x-uuencode",
        b"Content-Disposition: attachment; filename*=utf-8''%FF",
        b"MIME-Version: 1.0",
        b" continuation without a field",
    ]
)
_BODY_LINES = st.one_of(
    st.sampled_from(
        [
            b"--b",
            b"--b--",
            b"Content-Type: text/plain",
            b"Content-Type: message/rfc822",
            b"How do I add a user to our email?",
            b"> quoted",
            b"On Mon, 4 Mar 2024, Sam <s@x> wrote:",
            b"---------- Forwarded message ---------",
            b"-- ",
            b"<div class=gmail_quote><blockquote>x</blockquote></div><p>Where is the menu?",
            b"SG93IGRvIEkgYWRkIGEgdXNlcj8=",
            b"=C4=85=\xff",
            b"",
        ]
    ),
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b"")),
)


@PROPERTY
@given(st.lists(_HEADERS, min_size=1, max_size=8), st.lists(_BODY_LINES, max_size=30))
def test_mangled_messages(headers: list[bytes], body: list[bytes]) -> None:
    read_cleanly(b"\n".join(headers) + b"\n\n" + b"\n".join(body))


@PROPERTY
@given(
    st.sampled_from(SAMPLES),
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=0, max_value=400),
    st.binary(max_size=60),
)
def test_fixtures_cut_and_corrupted(sample: bytes, at: int, length: int, junk: bytes) -> None:
    at = min(at, len(sample))
    read_cleanly(sample[:at])  # truncated
    read_cleanly(sample[:at] + junk + sample[at + length :])  # a slice replaced by junk
    read_cleanly(sample.replace(b"boundary=", b"boundary=x"))  # boundaries that never appear


@PROPERTY
@given(st.text(max_size=3000))
def test_text_functions_never_fail(text: str) -> None:
    new = mailtext.new_text(text)
    asks.questions(new)
    mailtext.split_forward(text, outlook=True)
    html_to_text(text)


def test_a_control_character_inside_a_subject_leaves_its_encoded_word_decodable() -> None:
    # found by the property above: a NUL before an encoded word kept the word undecoded,
    # so the draft's subject (decoded by any mail client) differed from the message's
    head = b"From: a@b.example\nSubject: "
    data = head + b"\x00=?UTF-8?B?T2RwOiBGYWt0dXJh?=\n\nJak to zmieni\xc4\x87?\n"
    assert mail.read(data).subject == "Odp: Faktura"
    read_cleanly(data)
    # a form feed inside the word leaves text that only looks encoded: the draft encodes
    # it, so a mail client shows it as the message had it
    broken = head + b"=?UTF-8?B?\x0cT2RwOiBGYWt0dXJh?=\n\nJak to zmieni\xc4\x87?\n"
    read_cleanly(broken)
