"""A raw email (RFC 822 bytes) or pasted text → who sent it and the question(s) it asks.

Library, no printing. The stdlib `email` package (policy.default, bytes in) parses
MIME; `mailtext` finds the client's new words and their questions; `mailhtml`
reads HTML-only mail. Everything is imported on first use, so a plain question never
loads the email package, selectolax or mail-parser-reply. Hostile input (binary,
truncated MIME, missing boundaries, bad charsets, huge attachments) ends in a `Mail`
or an `InputError`, never another exception and never a hang: messages are cut at
`MAX_MESSAGE` bytes, the bodies of a big message's attachments are dropped before it
is parsed (`skim`), and attachments are never decoded. This module loads on every
`ask`: records are NamedTuples (cheaper to define than dataclasses) and most patterns
are compiled on first use.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from tiertriage.errors import InputError
from tiertriage.mail.charsets import decode, header_text
from tiertriage.mail.inputs import MAX_INPUT, MAX_TEXT, NO_TEXT, without_controls
from tiertriage.mail.sniff import MSG_HINT, binary_kind, is_message

if TYPE_CHECKING:
    from email.message import Message
    from email.policy import EmailPolicy

MAX_MESSAGE = MAX_INPUT
MAX_DEPTH = 12  # MIME nesting and forwards within forwards
# Patterns only a message needs stay strings: `re` compiles (and caches) them on first
# use, so a plain question does not pay for them.
_FORWARD_SUBJECT = r"(?i)^\s*(?:fwd?|pd|tr|wg)\s*:"
_ADDRESS = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_MESSAGE_ID = r"<[!-;=?-~]{1,250}>"
_ANGLE_ADDRESS = r"^(.*?)<([^<>]*)>\s*$"
_DELIMITER = r"(?m)^--([!-~]{1,70})[ \t]*\r?$"
_TITLES = frozenset("mr mrs ms miss dr prof sir pan pani mgr inż inz dr. mr. mrs. ms.".split())
_NAME_WORD = r"^[^\W\d_]+(?:['\u2019-][^\W\d_]+)*$"


TEXT_CUT = (
    "the message is longer than tiertriage reads; its text was cut and the reply answers "
    "the part that was read"
)


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
    recipient: Sender | None = None  # whom the client wrote to (the first To address)
    date: str | None = None  # the Date field as written
    # what was left out, in words: the client's text past a cap, hostile HTML cut short
    cut: tuple[str, ...] = ()


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
        question = " ".join(without_controls(stripped[: MAX_TEXT + 1]).split())
        if not question:
            raise InputError(NO_TEXT)
        cut = len(question) > MAX_TEXT
        question = question[:MAX_TEXT].rsplit(" ", 1)[0] if cut else question
        return Mail((question,), question, cut=(TEXT_CUT,) if cut else ())
    from tiertriage.mail import text as mailtext

    found = _questions(text, None, [], 0)
    if not found.questions and re.search(r"^\s*>", text[: mailtext.MAX_SCAN], re.MULTILINE):
        # everything was quoted: the paste is the quoted message itself
        unquoted = re.sub(r"^\s*> ?", "", text[: mailtext.MAX_SCAN], flags=re.MULTILINE)
        found = _questions(unquoted, None, [], 0)
    if not found.questions:
        raise InputError(NO_TEXT)
    return Mail(
        tuple(found.questions),
        found.text,
        forwarded=found.forwarded,
        cut=(TEXT_CUT,) if found.cut else (),
    )


def parse_message(data: bytes) -> Mail:
    """A raw RFC 822 message: sender, subject, ids and the question(s) of its new text."""
    from tiertriage.mail.skim import skim

    message = _parse(skim(data[:MAX_MESSAGE]))
    headers = _headers(message)
    subject = header_text(headers["subject"]) if "subject" in headers else None
    cut: list[str] = []
    body, attached = _body(message, cut)
    found = _questions(body, subject, attached, 0)
    if found.cut:
        cut.append(TEXT_CUT)
    if not found.questions:
        raise InputError(NO_TEXT, hint="; ".join(dict.fromkeys(cut)) or None)
    return Mail(
        tuple(found.questions),
        found.text,
        sender=_sender(headers.get("from")),
        reply_to=_sender(headers.get("reply-to")),
        subject=subject or None,
        message_id=next(iter(re.findall(_MESSAGE_ID, headers.get("message-id", ""))), None),
        references=tuple(re.findall(_MESSAGE_ID, headers.get("references", "")))[-20:],
        forwarded=found.forwarded,
        raw=True,
        recipient=_sender(headers.get("to")),
        date=headers.get("date") or None,
        cut=tuple(dict.fromkeys(cut)),
    )


def envelope(header: dict[str, str]) -> tuple[Sender | None, str | None]:
    """The sender and subject in a message's header fields (see `mail.headers.fields`)."""
    subject = header_text(header["subject"]) if "subject" in header else None
    return _sender(header.get("from")), subject or None


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
    """The (first) mailbox of an address field. `Name <address>` is taken as written: the
    address is what is inside the angle brackets, whatever the name says
    ("jane@acme.example <attacker@evil.example>" is attacker@evil.example)."""
    if not raw:
        return None
    from email.utils import parseaddr

    angle = re.match(_ANGLE_ADDRESS, raw)
    unquoted = "".join(angle.group(1).replace('\\"', "").split('"')[0::2]) if angle else ""
    if angle and "," not in unquoted:  # one mailbox (a comma outside quotes: a list)
        name, address = angle.group(1).strip().strip('"').strip(), angle.group(2)
    else:
        try:
            name, address = parseaddr(raw)
        except Exception:  # parseaddr's failures on malformed lists vary by Python version
            return None
    name = header_text(name)
    address = address.strip() if re.fullmatch(_ADDRESS, address.strip()) else ""
    if not name and not address:
        return None
    return Sender(name, address)


class _Parts(NamedTuple):
    """What reading a message's parts collects besides its text."""

    attached: list[Message]  # messages attached to it (`message/rfc822`)
    undecodable: list[str]  # why a text part could not be decoded
    cut: list[str]  # what was left out of a part, in words


def _body(message: Message, cut: list[str] | None = None) -> tuple[str, list[Message]]:
    """The message's text and the messages attached to it (`message/rfc822`); what had to
    be left out (hostile HTML cut short) is added to `cut`.

    A text part that cannot be decoded (broken base64, binary data) is left out; when
    nothing else holds text, the message is an error, never garbage answered.
    """
    parts = _Parts([], [], cut if cut is not None else [])
    try:
        text = _text_of(message, 0, parts)
    except RecursionError:
        raise InputError("the message is nested too deeply to read") from None
    except InputError:
        raise
    except Exception as exc:  # the stdlib's header parsing fails on some hostile values
        raise InputError(f"cannot read the message: {type(exc).__name__}") from None
    if parts.undecodable and not text.strip() and not parts.attached:
        raise InputError(f"cannot decode the message's text: {parts.undecodable[0]}")
    return text, parts.attached


def _text_of(part: Message, depth: int, parts: _Parts) -> str:
    """text/plain, else HTML as text; alternatives prefer plain; attachments skipped."""
    if depth > MAX_DEPTH:
        return ""
    kind = part.get_content_type()
    if kind == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and not isinstance(inner[0], str):
            parts.attached.append(inner[0])
        return ""
    if part.is_multipart():
        children = [c for c in part.get_payload() if not isinstance(c, (str, bytes))]
        if kind == "multipart/alternative":
            order = sorted(children, key=lambda c: _PREFERENCE.get(c.get_content_type(), 2))
            for child in order:
                text = _text_of(child, depth + 1, parts)
                if text.strip():
                    return text
            return ""
        texts = [_text_of(child, depth + 1, parts) for child in children]
        return "\n\n".join(text for text in texts if text.strip())
    if kind.startswith("multipart/"):
        return _without_boundary(part, kind, depth, parts)
    if part.get_content_disposition() == "attachment" or kind not in _PREFERENCE:
        return ""
    data = _payload(part)
    problem = _undecodable(part, data)
    if problem:
        parts.undecodable.append(problem)
        return ""
    text = decode(data, part.get_content_charset())
    if kind == "text/html":
        from tiertriage.mail.html import html_to_text

        converted = html_to_text(text)
        parts.cut.extend(converted.cut)
        return converted.text
    return text


_PREFERENCE = {"text/plain": 0, "text/html": 1}


def _without_boundary(part: Message, kind: str, depth: int, parts: _Parts) -> str:
    """A multipart part that declares no boundary: the stdlib leaves its body as one text.
    Its first delimiter line gives the boundary away; without one, the body is the text."""
    body = part.get_payload()
    data = body.encode("ascii", "surrogateescape") if isinstance(body, str) else b""
    delimiter = re.search(_DELIMITER, body) if isinstance(body, str) else None
    if delimiter is None:
        return decode(data, part.get_content_charset())
    header = f'Content-Type: {kind}; boundary="{delimiter.group(1)}"\n\n'
    return _text_of(_parse(header.encode("ascii") + data), depth + 1, parts)


def _payload(part: Message) -> bytes:
    """The part's bytes with the transfer encoding undone (bad base64 read as far as it goes).

    Never `get_payload()` without decoding: it would decode 8-bit text with the declared
    charset, which is what must not be trusted.
    """
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _undecodable(part: Message, data: bytes) -> str | None:
    """Why a text part's decoded bytes are not text: binary data, or base64 so broken
    that what came out of it is not text in its charset."""
    from tiertriage.mail.inputs import looks_binary

    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    broken = encoding == "base64" and any(
        type(defect).__name__ in _BROKEN_BASE64 for defect in part.defects
    )
    if looks_binary(data):
        return "broken base64" if broken else "binary data in a text part"
    if not broken:
        return None
    try:
        data.decode(part.get_content_charset() or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return "broken base64"
    return None


# The stdlib's defects for base64 it could only partly decode (padding alone is harmless).
_BROKEN_BASE64 = frozenset({"InvalidBase64CharactersDefect", "InvalidBase64LengthDefect"})


class _Found(NamedTuple):
    text: str  # the new text the questions come from
    questions: list[str]
    forwarded: bool  # they come from a message the client forwarded
    cut: bool  # a cap cut off some of the client's words


def _questions(body: str, subject: str | None, attached: list[Message], depth: int) -> _Found:
    """The new text, its questions, and where they come from."""
    from tiertriage.mail import asks
    from tiertriage.mail import text as mailtext

    outlook_forward = bool(subject and re.match(_FORWARD_SUBJECT, subject))
    forward = mailtext.split_forward(body, outlook=outlook_forward)
    note = mailtext.own_text(forward[0] if forward else body)
    if asks.is_short_note(note.text) and depth < MAX_DEPTH:
        if forward:
            own = mailtext.own_text(forward[1])
            found = asks.questions(own.text)
            if found:
                return _Found(own.text, found, True, own.cut)
        for message in attached:
            inner, inner_attached = _body(message)
            raw_subject = _headers(message).get("subject")
            inner_subject = header_text(raw_subject) if raw_subject else None
            result = _questions(inner, inner_subject, inner_attached, depth + 1)
            if result.questions:
                return result._replace(forwarded=True)
    return _Found(note.text, asks.questions(note.text), False, note.cut)
