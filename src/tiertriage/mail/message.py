"""A raw email (RFC 822 bytes) or pasted text → who sent it and the question(s) it asks.

Library, no printing. The stdlib `email` package (policy.default, bytes in) parses
MIME; `mailtext` finds the client's new words and their questions; `mailhtml`
reads HTML-only mail. Everything is imported on first use, so a plain question never
loads the email package, selectolax or mail-parser-reply. Hostile input (binary,
truncated MIME, missing boundaries, bad charsets, huge attachments) ends in a `Mail`
or an `InputError`, never another exception and never a hang: messages are cut at
`MAX_MESSAGE` bytes (the text comes before attachments) and attachments are never
decoded. This module loads on every `ask`: records are NamedTuples (cheaper to
define than dataclasses) and most patterns are compiled on first use.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.errors import InputError
from tiertriage.mail.charsets import decode, header_text
from tiertriage.mail.inputs import NO_TEXT
from tiertriage.mail.sniff import MSG_HINT, SCAN, binary_kind, is_message

if TYPE_CHECKING:
    from email.message import Message
    from email.policy import EmailPolicy

MAX_MESSAGE = 4 * 1024 * 1024
MAX_DEPTH = 12  # MIME nesting and forwards within forwards
# Patterns only a message needs stay strings: `re` compiles (and caches) them on first
# use, so a plain question does not pay for them.
_FORWARD_SUBJECT = r"(?i)^\s*(?:fwd?|pd|tr|wg)\s*:"
_ADDRESS = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_MESSAGE_ID = r"<[!-;=?-~]{1,250}>"
_TITLES = frozenset("mr mrs ms miss dr prof sir pan pani mgr inż inz dr. mr. mrs. ms.".split())
_NAME_WORD = r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$"


class Sender(NamedTuple):
    name: str
    address: str

    @property
    def first_name(self) -> str | None:
        """The given name in the display name: "Anna Kowalska", "Kowalska, Anna" → "Anna"."""
        name = self.name.strip().strip("\"'")
        if "," in name:
            name = name.split(",", 1)[1]
        for word in name.split():
            if word.lower() in _TITLES:
                continue
            if not re.match(_NAME_WORD, word):
                return None
            return word.capitalize() if word.isupper() or word.islower() else word
        return None

    @property
    def domain(self) -> str | None:
        return self.address.rsplit("@", 1)[1].lower() if "@" in self.address else None


class Mail(NamedTuple):
    """What a message (or a paste) asks, and what a reply needs to know about it."""

    questions: tuple[str, ...]
    text: str  # the client's new words the questions come from
    sender: Sender | None = None
    reply_to: Sender | None = None
    subject: str | None = None
    message_id: str | None = None
    references: tuple[str, ...] = ()
    forwarded: bool = False  # the questions come from a message the client forwarded
    raw: bool = False  # parsed from an RFC 822 message (not pasted text)
    cut: tuple[str, ...] = ()  # what was left out of an over-long or hostile body, in words


def read(data: bytes) -> Mail:
    """A raw message or pasted text: the question(s) in it. `InputError` if there are none."""
    kind = binary_kind(data)
    if kind:
        hint = MSG_HINT if kind.startswith("an Outlook") else None
        raise InputError(f"input is {kind}, not an email or a question", hint=hint)
    if is_message(data):
        return parse_message(data)
    from tiertriage.mail.inputs import decode_text

    return parse_text(decode_text(data))


def parse_text(text: str) -> Mail:
    """Pasted text: the new words (quotes, signatures dropped) and the questions in them."""
    stripped = text.strip()
    if "\n" not in stripped and "\r" not in stripped:
        # one line: nothing to strip, and no need to load the mail machinery
        if not stripped:
            raise InputError(NO_TEXT)
        question = " ".join(stripped.split())
        return Mail((question,), question)
    from tiertriage.mail import text as mailtext

    text = mailtext.clip(text)
    body, questions, forwarded = _questions(text, None, [], 0, [])
    if not questions and re.search(r"^\s*>", text, re.MULTILINE):
        # everything was quoted: the paste is the quoted message itself
        unquoted = re.sub(r"^\s*> ?", "", text, flags=re.MULTILINE)
        body, questions, forwarded = _questions(unquoted, None, [], 0, [])
    if not questions:
        raise InputError(NO_TEXT)
    return Mail(tuple(questions), body, forwarded=forwarded)


def parse_message(data: bytes) -> Mail:
    """A raw RFC 822 message: sender, subject, ids and the question(s) of its new text."""
    message = _parse(data[:MAX_MESSAGE])
    headers = _headers(message)
    subject = header_text(headers["subject"]) if "subject" in headers else None
    cut: list[str] = []
    body, attached = _body(message, cut)
    text, questions, forwarded = _questions(body, subject, attached, 0, cut)
    if not questions:
        raise InputError(NO_TEXT, hint="; ".join(dict.fromkeys(cut)) or None)
    return Mail(
        tuple(questions),
        text,
        sender=_sender(headers.get("from")),
        reply_to=_sender(headers.get("reply-to")),
        subject=subject or None,
        message_id=next(iter(re.findall(_MESSAGE_ID, headers.get("message-id", ""))), None),
        references=tuple(re.findall(_MESSAGE_ID, headers.get("references", "")))[-20:],
        forwarded=forwarded,
        raw=True,
        cut=tuple(dict.fromkeys(cut)),
    )


def envelope(data: bytes) -> tuple[Sender | None, str | None]:
    """The sender and subject of a message, best effort (for reporting unreadable ones)."""
    if binary_kind(data) or not is_message(data):
        return None, None
    try:
        headers = _headers(_parse(data[:SCAN]))
    except InputError:
        return None, None
    subject = header_text(headers["subject"]) if "subject" in headers else None
    return _sender(headers.get("from")), subject or None


def _parse(data: bytes) -> Message:
    from email.parser import BytesParser

    try:
        return BytesParser(policy=_policy()).parsebytes(data)
    except RecursionError:
        raise InputError("the message is nested too deeply to read") from None
    except Exception as exc:  # the stdlib parser's failures on hostile input vary
        raise InputError(f"cannot read the message: {type(exc).__name__}") from None


@cache
def _policy() -> EmailPolicy:
    """`policy.default`, parsing each distinct header value once.

    The parser and `get_content_type()` re-parse Content-Type (and its kin) on every
    read, some eight times a part: over half the time spent on a mailbox. Parsed
    headers are immutable, so equal values can share one.
    """
    from email.policy import EmailPolicy

    class Memoised(EmailPolicy):
        def header_fetch_parse(self, name: str, value: str) -> Any:
            if hasattr(value, "name"):
                return value
            key = (name, value)
            found = _PARSED.get(key)
            if found is None:
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                found = _PARSED[key] = super().header_fetch_parse(name, value)
            return found

    return Memoised()


_PARSED: dict[tuple[str, str], Any] = {}
_PARSED_MAX = 4096


def _headers(message: Message) -> dict[str, str]:
    """The first value of each header, raw (undecoded), unfolded."""
    found: dict[str, str] = {}
    for name, value in message.raw_items():
        key = str(name).strip().lower()
        if key not in found:
            found[key] = re.sub(r"\r?\n[ \t]*", " ", str(value)).strip()
    return found


def _sender(raw: str | None) -> Sender | None:
    if not raw:
        return None
    from email.utils import parseaddr

    try:
        name, address = parseaddr(raw)
    except Exception:  # parseaddr's failures on malformed lists vary by Python version
        return None
    name = header_text(name)
    address = address.strip() if re.fullmatch(_ADDRESS, address.strip()) else ""
    if not name and not address:
        return None
    return Sender(name, address)


def _body(message: Message, cut: list[str]) -> tuple[str, list[Message]]:
    """The message's text and the messages attached to it (`message/rfc822`); what had
    to be left out is added to `cut`."""
    attached: list[Message] = []
    try:
        text = _text_of(message, 0, attached, cut)
    except RecursionError:
        raise InputError("the message is nested too deeply to read") from None
    except InputError:
        raise
    except Exception as exc:  # the stdlib's header parsing fails on some hostile values
        raise InputError(f"cannot read the message: {type(exc).__name__}") from None
    return text, attached


def _text_of(part: Message, depth: int, attached: list[Message], cut: list[str]) -> str:
    """text/plain, else HTML as text; alternatives prefer plain; attachments skipped."""
    if depth > MAX_DEPTH:
        return ""
    kind = part.get_content_type()
    if kind == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and not isinstance(inner[0], str):
            attached.append(inner[0])
        return ""
    if part.is_multipart():
        children = [c for c in part.get_payload() if not isinstance(c, (str, bytes))]
        if kind == "multipart/alternative":
            order = sorted(children, key=lambda c: _PREFERENCE.get(c.get_content_type(), 2))
            for child in order:
                text = _text_of(child, depth + 1, attached, cut)
                if text.strip():
                    return text
            return ""
        texts = [_text_of(child, depth + 1, attached, cut) for child in children]
        return "\n\n".join(text for text in texts if text.strip())
    if part.get_content_disposition() == "attachment" or kind not in _PREFERENCE:
        return ""
    text = decode(_payload(part), part.get_content_charset())
    if kind == "text/html":
        from tiertriage.mail.html import html_to_text

        converted = html_to_text(text)
        cut.extend(converted.cut)
        return converted.text
    return text


_PREFERENCE = {"text/plain": 0, "text/html": 1}


def _payload(part: Message) -> bytes:
    """The part's bytes with the transfer encoding undone (bad base64 read as far as it goes).

    Never `get_payload()` without decoding: it would decode 8-bit text with the declared
    charset, which is what must not be trusted.
    """
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _questions(
    body: str, subject: str | None, attached: list[Message], depth: int, cut: list[str]
) -> tuple[str, list[str], bool]:
    """(new text, its questions, whether they come from a forwarded message)."""
    from tiertriage.mail import text as mailtext

    outlook_forward = bool(subject and re.match(_FORWARD_SUBJECT, subject))
    forward = mailtext.split_forward(body, outlook=outlook_forward)
    note = mailtext.new_text(forward[0] if forward else body)
    if mailtext.is_short_note(note) and depth < MAX_DEPTH:
        if forward:
            text = mailtext.new_text(forward[1])
            found = mailtext.questions(text)
            if found:
                return text, found, True
        for message in attached:
            inner, inner_attached = _body(message, cut)
            raw_subject = _headers(message).get("subject")
            inner_subject = header_text(raw_subject) if raw_subject else None
            text, found, _ = _questions(inner, inner_subject, inner_attached, depth + 1, cut)
            if found:
                return text, found, True
    return note, mailtext.questions(note), False
