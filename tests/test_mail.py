"""mail.py, mailtext.py, mailhtml.py: raw messages and pasted threads → the client's questions.

Every fixture test asserts the extracted question and the topic it matches.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from tiertriage.answer import classify
from tiertriage.errors import InputError
from tiertriage.mail import asks, charsets, sniff
from tiertriage.mail import draft as maildraft
from tiertriage.mail import message as mail
from tiertriage.mail import text as mailtext
from tiertriage.mail.html import html_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "mail"


@pytest.fixture(scope="module")
def topic_of(shipped, matcher, stack):  # type: ignore[no-untyped-def]
    """The topic the matcher gives a question, with the shipped catalogue."""

    def topic(question: str) -> str | None:
        outcome = classify(matcher, shipped, question, stack)
        return outcome.matched.id if outcome.matched else None

    return topic


def read_fixture(name: str) -> mail.Mail:
    return mail.read((FIXTURES / name).read_bytes())


# (fixture, the question extracted (exactly), its topic)
CASES = [
    (
        "gmail_reply.eml",
        "We switched the nameservers to Flywheel yesterday and my laptop still shows the old"
        " site. How long until everyone sees the new one?",
        "dns.propagation",
    ),
    (
        "outlook_reply.eml",
        "How do I reset the password for my email? I'm locked out on my phone since this morning.",
        "email.password-reset",
    ),
    (
        "apple_reply.eml",
        "How do I set up a discount code for 15% off for our spring sale?",
        "shop.coupons",
    ),
    (
        "html_only.eml",
        "Where do I add our new Opening hours page to the main menu at the top of the site?",
        "wp.menus",
    ),
    (
        "iso_8859_2.eml",
        "How do I renew our domain before it expires? Pani Żaneta from the Łódź office"
        " doesn't want to lose it.",
        "domain.renewal",
    ),
    (
        "windows_1250_mislabelled.eml",
        "How do I add sizes S, M and L to one product instead of making three products?"
        " Chodzi o koszulki ze Świdnika.",
        "shop.variations",
    ),
    (
        "base64.eml",
        "How do I put a newsletter signup form on the website so people can subscribe?",
        "newsletter.signup-form",
    ),
    (
        "quoted_printable.eml",
        "The website has become really slow \u2014 pages take ages to load, even the café menu"
        " page. Can you help?",
        "host.speed",
    ),
    (
        "legal_footer.eml",
        "How do I write a new blog post and publish it?",
        "wp.add-post",
    ),
    (
        "truncated.eml",
        "How do I add a new user to our email?",
        "email.add-user",
    ),
]


@pytest.mark.parametrize(("name", "question", "topic"), CASES, ids=[c[0] for c in CASES])
def test_fixture_question_and_topic(topic_of, name: str, question: str, topic: str) -> None:  # type: ignore[no-untyped-def]
    message = read_fixture(name)
    assert message.raw
    assert message.questions == (question,)
    assert topic_of(question) == topic


def test_quoted_history_about_another_topic_is_dropped(topic_of) -> None:  # type: ignore[no-untyped-def]
    # The Gmail quote is about backups; keeping it would drag the match towards host.backups.
    message = read_fixture("gmail_reply.eml")
    assert "backup" not in message.text.lower()
    assert topic_of(message.text) == "dns.propagation"


def test_inline_forward_triages_the_forwarded_message(topic_of) -> None:  # type: ignore[no-untyped-def]
    message = read_fixture("forward_inline.eml")
    assert message.forwarded
    assert message.questions == (
        "Your domain registration for acme-studio.example expires in 7 days. Renew the"
        " domain or turn on auto-renew so it does not expire.",
    )
    assert topic_of(message.questions[0]) == "domain.renewal"


def test_attached_forward_triages_the_attached_message(topic_of) -> None:  # type: ignore[no-untyped-def]
    message = read_fixture("forward_attached.eml")
    assert message.forwarded
    assert message.sender == mail.Sender("Lena Fischer", "lena@yoga.example")
    (question,) = message.questions
    assert question.startswith("I clicked the unsubscribe link at the bottom of your newsletter")
    assert topic_of(question) == "newsletter.unsubscribe"


def test_two_questions_in_one_message(topic_of) -> None:  # type: ignore[no-untyped-def]
    message = read_fixture("two_questions.eml")
    assert message.questions == (
        "Can I get an info@ address that goes to my own inbox?",
        "Also, Chrome shows Not secure next to our address. What's wrong?",
    )
    assert [topic_of(q) for q in message.questions] == ["email.alias", "ssl.not-secure"]


def test_headers_senders_and_ids() -> None:
    message = read_fixture("gmail_reply.eml")
    assert message.sender == mail.Sender("Maria Lopez", "maria.lopez@bakery.example")
    assert message.subject == "Re: Nightly backups"
    assert message.message_id == "<CAGmail123@mail.gmail.com>"
    assert message.references == ("<backups-0@example.com>", "<backups-1@example.com>")


def test_rfc2047_names_and_subjects() -> None:
    polish = read_fixture("iso_8859_2.eml")
    assert polish.sender is not None
    assert polish.sender.name == "Krzysztof Wójcik"
    assert polish.sender.first_name == "Krzysztof"
    assert polish.subject == "Re: Formularz zapisu ą"
    assert read_fixture("base64.eml").subject == "Odp: Faktura za hosting"
    utf8_name = read_fixture("windows_1250_mislabelled.eml").sender
    assert utf8_name is not None and utf8_name.name == "Małgorzata Kędziora"


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Anna Kowalska", "Anna"),
        ("Kowalska, Anna", "Anna"),
        ('"Doe, John"', "John"),
        ("Dr. Jane Doe", "Jane"),
        ("JOHN SMITH", "John"),
        ("jean-luc moreau", "Jean-luc"),
        ("Łucja Żak", "Łucja"),
        ("", None),
        ("info@acme.example", None),
        ("ACME 2000 Ltd", "Acme"),
    ],
)
def test_first_name(name: str, first: str | None) -> None:
    assert mail.Sender(name, "x@acme.example").first_name == first


def test_decode_chain() -> None:
    polish = "Zażółć gęślą jaźń, Świdnik"
    assert charsets.decode(polish.encode("utf-8"), None) == polish
    assert charsets.decode(polish.encode("iso-8859-2"), "iso-8859-2") == polish
    # windows-1250 bytes labelled as ISO-8859-2 or Latin-1: C1 controls give it away
    assert charsets.decode(polish.encode("cp1250"), "iso-8859-2") == polish
    assert charsets.decode(polish.encode("cp1250"), "iso-8859-1") == polish
    # UTF-8 labelled as Latin-1
    assert charsets.decode(polish.encode("utf-8"), "latin-1") == polish
    # unknown or bogus charsets fall through to the chain
    assert charsets.decode(polish.encode("utf-8"), "x-unknown") == polish
    assert charsets.decode(polish.encode("utf-8"), "rot13") == polish
    assert charsets.decode(b"\x81\x83\x88\x90\x98", "utf-8")  # never raises


def test_outlook_msg_is_a_clear_error() -> None:
    with pytest.raises(InputError) as caught:
        read_fixture("outlook.msg")
    assert "Outlook .msg file" in str(caught.value)
    assert ".eml" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"%PDF-1.7\n...", "a PDF document"), (b"PK\x03\x04\x14\x00", "a ZIP archive")],
)
def test_other_binary_is_named(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=kind):
        mail.read(data)


def test_empty_body_is_no_question_text() -> None:
    with pytest.raises(InputError) as caught:
        read_fixture("empty_body.eml")
    assert str(caught.value) == "no question text found"
    assert caught.value.exit_code == 2


def test_body_with_only_quoted_history_is_no_question_text() -> None:
    raw = b"From: a@b.example\nSubject: Re: x\n\nOn Mon, 4 Mar 2024, Sam <s@x> wrote:\n> old\n"
    with pytest.raises(InputError, match="no question text found"):
        mail.read(raw)


def test_big_attachment_is_skipped_quickly() -> None:
    attachment = base64.encodebytes(bytes(range(256)) * (20 * 1024 * 1024 // 256))
    raw = (
        b"From: Anna <anna@acme.example>\nSubject: logo\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
        b"Content-Type: text/plain; charset=utf-8\n\n"
        b"How do I change the logo in the header of the site?\n--b\n"
        b"Content-Type: application/zip\nContent-Disposition: attachment; filename=logo.zip\n"
        b"Content-Transfer-Encoding: base64\n\n" + attachment + b"\n--b--\n"
    )
    assert len(raw) > 20 * 1024 * 1024
    message = mail.read(raw)
    assert message.questions == ("How do I change the logo in the header of the site?",)


def test_mime_without_boundary_and_garbage_base64() -> None:
    raw = b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed\n\nHow do I add a user?\n"
    assert mail.read(raw).questions == ("How do I add a user?",)
    parts = (
        b"From: a@b.example\nSubject: x\nContent-Type: multipart/mixed\n\n--XyZ\n"
        b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XyZ\n"
        b"Content-Type: text/plain; charset=utf-8\n\nHow do I add a user?\n--XyZ--\n"
    )
    assert mail.read(parts).questions == ("How do I add a user?",)
    raw = (
        b"From: a@b.example\nSubject: x\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: base64\n\nSG93IGRvIEkgYWRk!!!IGEgdXNlcj8=\x00\xff\n"
    )
    assert mail.read(raw).questions  # read as far as it goes


def test_deep_nesting_does_not_crash() -> None:
    depth = 3000
    parts = b"".join(
        b'--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i, i + 1)
        for i in range(depth)
    )
    raw = b'From: a@b.example\nSubject: x\nContent-Type: multipart/mixed; boundary="b0"\n\n' + parts
    with pytest.raises(InputError):
        mail.read(raw)


# --- detection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"From: a@b.example\nSubject: x\n\nbody",
        b"From a@b Mon Mar  4 10:00:00 2024\nFrom: a@b.example\nTo: c@d.example\n\nbody",
        b"Return-Path: <a@b>\r\nReceived: from x\r\n\tby y\r\nFrom: a@b\r\n\r\nbody",
        b"From: John\nSent: Monday\nTo: me\nSubject: help\n\nHow do I reset my password?",
    ],
)
def test_is_message(data: bytes) -> None:
    assert sniff.is_message(data)


@pytest.mark.parametrize(
    "data",
    [
        b"how long does dns take?",
        b"Hi Sam,\n\nFrom: the client: the site is down\n",
        b"Question: how do I add a user?\nContext: we hired someone\n\nThanks",
        b"Subject: only one field\n\nbody",
        b"",
    ],
)
def test_is_not_message(data: bytes) -> None:
    assert not sniff.is_message(data)


# --- pasted text -----------------------------------------------------------------------


def test_pasted_thread_keeps_only_the_new_text(topic_of) -> None:  # type: ignore[no-untyped-def]
    pasted = (
        "Hi Sam,\n\nHow do I add a new user to our email? We hired Lucy.\n\nThanks,\nAnna\n\n"
        "On Mon, 4 Mar 2024 at 10:12, Sam Smith <sam@example.com> wrote:\n"
        "> Your site is slow because of the images.\n"
    )
    message = mail.parse_text(pasted)
    assert not message.raw
    assert message.questions == ("How do I add a new user to our email? We hired Lucy.",)
    assert topic_of(message.questions[0]) == "email.add-user"


def test_pasted_quote_only_is_unquoted() -> None:
    message = mail.parse_text("> How do I renew the domain?\n> Thanks, Anna\n")
    assert message.questions == ("How do I renew the domain?",)


def test_single_line_question_is_kept_as_is() -> None:
    assert mail.parse_text("  how long does dns take?  ").questions == ("how long does dns take?",)
    with pytest.raises(InputError, match="no question text found"):
        mail.parse_text("   ")


@pytest.mark.parametrize(
    "history",
    [
        "On Mon, 4 Mar 2024 at 10:12, Sam Smith <sam@example.com> wrote:\n> old",
        "On Mon, 4 Mar 2024 at 10:12, Sam Smith <\nsam@example.com> wrote:\n> old",
        "On 4 Mar 2024, at 10:12, Sam Smith <sam@example.com> wrote:\n\n> old",
        "-----Original Message-----\nFrom: Sam\nSent: Monday\nold text",
        "From: Sam Smith <sam@example.com>\nSent: Monday, March 4, 2024 10:12 AM\nTo: Anna\n"
        "Subject: old\n\nold text",
        "________________________________\nFrom: Sam Smith\nSent: Monday\nold text",
        "W dniu 04.03.2024 o 10:12, Sam Smith pisze:\n> old",
        "W dniu 4 marca 2024 10:12 użytkownik Sam Smith <sam@example.com>\nnapisał:\n> old",
        "pon., 4 mar 2024 o 10:12 Sam Smith <sam@example.com> napisał(a):\n> old",
        "Dnia 4.03.2024 o 10:12 Sam Smith napisał(a):\n> old",
        "Od: Sam Smith <sam@example.com>\nWysłano: poniedziałek, 4 marca 2024 10:12\n"
        "Do: Anna\nTemat: stare\n\nold text",
        "-----Wiadomość oryginalna-----\nOd: Sam\nold text",
    ],
)
def test_quote_headers_cut_history(history: str) -> None:
    text = f"How do I renew the domain?\n\n{history}\n"
    assert mailtext.new_text(text) == "How do I renew the domain?"


@pytest.mark.parametrize(
    "signature",
    [
        "-- \nAnna Kowalska\nAcme",
        "Sent from my iPhone",
        "Wysłano z iPhone'a",
        "Get Outlook for Android",
        "Thanks,\nAnna",
        "Cheers!\nTom",
        "Many thanks\nTom Baker\nGarage Ltd",
        "Best regards,\nJohn Doe\nPartner | Doe & Partners\n+44 20 7946 0000",
        "Pozdrawiam serdecznie\nAnna",
        "Z poważaniem\nAnna Kowalska",
        "Dziękuję,\nAnna",
        "Anna Kowalska\nAcme Sp. z o.o.\ntel. +48 600 100 200\nwww.acme.example",
        "This email and any attachments are confidential and intended solely for the addressee.",
        "Ta wiadomość jest poufna. Jeśli nie jesteś adresatem, usuń ją.",
        "Administratorem Pani/Pana danych osobowych jest Acme Sp. z o.o.",
    ],
)
def test_signatures_and_footers_are_dropped(signature: str) -> None:
    text = f"How do I renew the domain?\n\n{signature}\n"
    assert mailtext.new_text(text) == "How do I renew the domain?"


def test_bullet_lists_are_kept_and_split() -> None:
    text = (
        "Hi Sam,\n\nTwo quick things:\n- how do I add a user to our email\n"
        "- where do I change the menu\n\nThanks\n"
    )
    new = mailtext.new_text(text)
    assert "- where do I change the menu" in new
    assert asks.questions(new) == [
        "how do I add a user to our email",
        "where do I change the menu",
    ]


def test_context_paragraphs_join_their_question() -> None:
    text = (
        "Hello,\n\nWe moved the site to SiteGround last week.\n\n"
        "My laptop still shows the old one, how long does that take?\n\nLet me know.\n"
    )
    assert asks.questions(text) == [
        "We moved the site to SiteGround last week. My laptop still shows the old one,"
        " how long does that take? Let me know."
    ]


def test_numbered_questions_split() -> None:
    text = "1. How do I add a coupon?\n2. Why is checkout not taking cards?\n3) Can I add sizes?"
    assert asks.questions(text) == [
        "How do I add a coupon?",
        "Why is checkout not taking cards?",
        "Can I add sizes?",
    ]


def test_question_count_is_capped() -> None:
    text = "\n\n".join(f"Question number {n}?" for n in range(25))
    found = asks.questions(text)
    assert len(found) == asks.MAX_QUESTIONS
    assert found[-1].endswith("Question number 24?")


def test_long_lines_do_not_hang_the_reply_parser() -> None:
    text = "On " + "word " * 40_000 + "\nOn Monday wrote\n" + ("On x " * 5000 + "\n") * 5
    parsed = mail.parse_text(text)
    assert parsed.questions and parsed.questions[0].startswith("On word word")
    assert "On x" not in parsed.text  # the history after "On Monday wrote" is cut


# --- HTML ------------------------------------------------------------------------------


def test_html_keeps_paragraphs_and_drops_quotes() -> None:
    html = (
        "<div>Hi Sam,</div><div><br></div><p>First <b>para</b>.</p><p>Second.</p>"
        "<ul><li>one</li><li>two</li></ul>"
        "<blockquote>quoted</blockquote><div class='gmail_quote'>gmail</div>"
        "<div class='moz-cite-prefix'>On Monday Sam wrote:</div><script>x()</script>"
    )
    assert html_to_text(html).text == "Hi Sam,\n\nFirst para.\n\nSecond.\n\n- one\n- two"


def test_html_outlook_reply_header_cuts_the_rest() -> None:
    html = (
        "<p class=MsoNormal>Hi<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<p class=MsoNormal>Where is the menu?</p>"
        "<div id='divRplyFwdMsg'><b>From:</b> Sam</div><p>old message</p>"
    )
    text = html_to_text(html).text
    assert text.startswith("Hi\n\nWhere is the menu?\n\n")
    assert mailtext.new_text(text) == "Hi\n\nWhere is the menu?"


def test_html_forward_keeps_the_forwarded_message() -> None:
    html = (
        "<div>can you look?</div><div>Begin forwarded message:</div>"
        "<blockquote type='cite'><div>From: Hover</div><div>Subject: renew</div><br>"
        "<div>Your domain expires soon.</div></blockquote>"
    )
    forward = mailtext.split_forward(html_to_text(html).text)
    assert forward is not None
    assert mailtext.new_text(forward[1]) == "Your domain expires soon."


# --- replies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Nightly backups", "Re: Nightly backups"),
        ("Re: Nightly backups", "Re: Nightly backups"),
        ("RE: March newsletter", "RE: March newsletter"),
        ("Re[2]: x", "Re[2]: x"),
        ("Odp: Faktura", "Odp: Faktura"),
        ("Fwd: notice", "Re: Fwd: notice"),
        (None, "Re: your message"),
    ],
)
def test_reply_subject(subject: str | None, expected: str) -> None:
    assert maildraft.reply_subject(subject) == expected


def test_reply_draft_threads_the_reply() -> None:
    from email import message_from_bytes, policy

    message = read_fixture("gmail_reply.eml")
    text = maildraft.reply_draft(message, "Hi Maria,\n\nZażółć.\n")
    draft = message_from_bytes(text.encode("utf-8"), policy=policy.default)
    assert not draft.defects
    assert draft["To"] == "Maria Lopez <maria.lopez@bakery.example>"
    assert draft["Subject"] == "Re: Nightly backups"
    assert draft["In-Reply-To"] == "<CAGmail123@mail.gmail.com>"
    assert str(draft["References"]).split() == [
        "<backups-0@example.com>",
        "<backups-1@example.com>",
        "<CAGmail123@mail.gmail.com>",
    ]
    assert draft.get_content() == "Hi Maria,\n\nZażółć.\n"


def test_reply_draft_encodes_names_subjects_and_long_lines() -> None:
    from email import message_from_bytes, policy

    message = read_fixture("iso_8859_2.eml")
    body = "Dzień dobry,\n\n" + "długa linia " * 100 + "\n"
    text = maildraft.reply_draft(message, body)
    assert text.isascii()  # RFC 2047 headers, quoted-printable body for the long line
    draft = message_from_bytes(text.encode("ascii"), policy=policy.default)
    assert draft["To"] == "Krzysztof Wójcik <krzysztof@hurtownia.example>"
    assert draft["Subject"] == "Re: Formularz zapisu ą"
    assert draft["Content-Transfer-Encoding"] == "quoted-printable"
    assert draft.get_content() == body


def test_reply_draft_goes_to_reply_to() -> None:
    raw = b"From: Anna <anna@a.example>\nReply-To: Desk <desk@a.example>\nSubject: x\n\nHelp?\n"
    assert "To: Desk <desk@a.example>" in maildraft.reply_draft(mail.read(raw), "ok\n")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Renew now.\n\nThe Hover Team", "Renew now."),
        ("Renew now.\n\nMailchimp Support", "Renew now."),
        ("Please fix it.\nWe need hosting support", "Please fix it.\nWe need hosting support"),
    ],
)
def test_notice_team_sign_off(text: str, kept: str) -> None:
    assert mailtext.new_text(text) == kept


def test_a_repeated_question_is_answered_once() -> None:
    text = "How do I renew the domain?\n\nHow do I renew the domain?\n\nAnd where is the menu?"
    assert asks.questions(text) == ["How do I renew the domain?", "And where is the menu?"]


def test_a_big_attachment_before_the_text_part_is_skimmed_away() -> None:
    from tiertriage.mail.skim import skim

    attachment = base64.encodebytes(bytes(range(256)) * (20 * 1024 * 1024 // 256))
    raw = (
        b"From: Anna <anna@acme.example>\nSubject: logo\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="outer"\n\n--outer\n'
        b"Content-Type: application/zip\nContent-Disposition: attachment; filename=logo.zip\n"
        b"Content-Transfer-Encoding: base64\n\n" + attachment + b"\n--outer\n"
        b'Content-Type: multipart/alternative; boundary="inner"\n\n--inner\n'
        b"Content-Type: text/plain; charset=utf-8\n\n"
        b"How do I change the logo in the header of the site?\n--inner--\n--outer--\n"
    )
    assert len(raw) > 20 * 1024 * 1024
    skimmed = skim(raw)
    assert len(skimmed) < 2000
    assert b"Content-Disposition: attachment" in skimmed and b"--inner--" in skimmed
    assert mail.read(raw).questions == ("How do I change the logo in the header of the site?",)
    assert skim(raw[:5000]) == raw[:5000]  # small: untouched


def test_a_nul_byte_anywhere_is_binary_and_controls_never_reach_the_question() -> None:
    text = b"How do I add a user? " * 500
    with pytest.raises(InputError, match="binary"):
        mail.read(text + b"\x00" + b"more text")
    found = mail.read(b"How do I \x1b[31madd\x07 a user?\nThanks")
    assert found.questions == ("How do I [31madd a user?",)
    message = mail.read(
        b"From: =?utf-8?q?Ann=1B=5D8=3B=3Bx?= <a@b.example>\nSubject: hi\n\nHow do I add a user?\n"
    )
    assert message.sender is not None and "\x1b" not in message.sender.name


def test_broken_base64_that_decodes_to_garbage_is_an_error() -> None:
    raw = (
        b"From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\nThis is not base64 at all, how do I add a user?\n"
    )
    with pytest.raises(InputError, match="cannot decode the message's text: broken base64"):
        mail.read(raw)


def test_header_fields_are_read_without_parsing_the_message() -> None:
    from tiertriage.mail.headers import fields, message_key

    raw = (
        b"From sender@x Mon Mar  4 10:00:00 2024\nFrom: Anna\n <anna@x.example>\n"
        b"Subject: first\nSubject: second\nMessage-ID:\n <id-1@x.example>\n\nBody: not a header\n"
    )
    found = fields(raw)
    assert found["from"] == "Anna <anna@x.example>"
    assert found["subject"] == "first"
    assert "body" not in found
    assert message_key(found, raw) == "<id-1@x.example>"
    plain = b"Subject: no id\n\nhello"
    assert message_key(fields(plain), plain) == "sha256:" + hashlib.sha256(plain).hexdigest()


def test_the_sender_is_the_address_in_angle_brackets() -> None:
    spoof = b"From: jane@acme.example <attacker@evil.example>\nSubject: x\n\nHow do I add a user?\n"
    sender = mail.read(spoof).sender
    assert sender == mail.Sender("jane@acme.example", "attacker@evil.example")
    quoted = b'From: "Doe, Jane" <jane@acme.example>\nSubject: x\n\nHow do I add a user?\n'
    assert mail.read(quoted).sender == mail.Sender("Doe, Jane", "jane@acme.example")


def test_the_question_at_the_end_of_a_long_message_is_kept() -> None:
    story = "We have been running the bakery for years and the site has served us well. " * 360
    raw = f"From: a@b.example\nSubject: x\n\n{story}\n\nHow do I add a new user to our email?\n"
    message = mail.read(raw.encode())
    assert len(raw) > 27_000
    assert "How do I add a new user to our email?" in message.questions[-1]
    assert not message.cut


def test_own_words_past_the_cap_are_cut_and_said_so() -> None:
    from tiertriage.mail.inputs import MAX_TEXT

    long = ("How do I add a user? " + "word " * 20 + "\n") * (MAX_TEXT // 100)
    message = mail.read(long.encode())
    assert message.cut
    assert sum(len(q) for q in message.questions) <= MAX_TEXT
    one_line = mail.read(b"how do I add a user " * 10_000)
    assert one_line.cut and len(one_line.questions[0]) <= MAX_TEXT
