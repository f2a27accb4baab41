"""Complete RFC 822 drafts: the reply to a message (From, To, Re: subject, threading, body),
or a new message to a client (`client card --as-email`).

Composed line by line with the stdlib's encoders (RFC 2047 for names and subjects):
building an `EmailMessage` costs more than triaging the message did. Ready for
`sendmail -t`, a drafts folder, or a mail client's editor.
"""

from __future__ import annotations

import re

from tiertriage.mail.inputs import without_controls
from tiertriage.mail.message import Mail, Sender
from tiertriage.render.output import printable

_REPLY_SUBJECT = re.compile(r"^\s*(?:re|odp|aw|sv|antw)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_MAX_LINE = 998  # RFC 5322's limit on a line


def reply_subject(subject: str | None) -> str:
    """ "Re: <subject>", without doubling an existing "Re:" (or "Odp:", "AW:")."""
    subject = " ".join(without_controls(subject or "").split())
    if not subject:
        return "Re: your message"
    return subject if _REPLY_SUBJECT.match(subject) else f"Re: {subject}"


def recipient_of(mail: Mail) -> Sender | None:
    """Whom a reply goes to: Reply-To when it names an address, else the sender."""
    chosen = mail.reply_to if mail.reply_to and mail.reply_to.address else mail.sender
    return chosen if chosen and chosen.address else None


def reply_draft(mail: Mail, body: str, *, sender: Sender | None = None) -> str:
    """From `sender`, to the sender (or Reply-To), Re: subject, In-Reply-To and References.

    The body is 7bit or 8bit UTF-8 text, quoted-printable only for over-long lines.
    A From or To that is not known is left out (the draft says so by lacking it).
    """
    lines: list[str] = []
    if sender is not None and sender.address:
        lines.append(_address("From", sender))
    recipient = recipient_of(mail)
    if recipient is not None:
        lines.append(_address("To", recipient))
    lines.append(_header("Subject", reply_subject(mail.subject)))
    from email.utils import formatdate

    lines.append(f"Date: {formatdate(localtime=True)}")
    if mail.message_id:
        lines.append(f"In-Reply-To: {mail.message_id}")
        lines.append(_folded("References", [*mail.references, mail.message_id]))
    return _with_body(lines, body)


def message_draft(recipient: Sender, subject: str, body: str) -> str:
    """A new message (not a reply) to `recipient`: To, Subject, Date, `body`."""
    from email.utils import formataddr, formatdate

    lines = [
        "To: " + formataddr((recipient.name, recipient.address)),
        _header("Subject", subject),
        f"Date: {formatdate(localtime=True)}",
    ]
    return _with_body(lines, body)


def _with_body(lines: list[str], body: str) -> str:
    """`lines` (headers), the MIME headers of `body`, then `body` itself."""
    text = printable(body.replace("\r\n", "\n").replace("\r", "\n"))
    text = text if text.endswith("\n") else text + "\n"
    longest = max(len(line.encode("utf-8")) for line in text.split("\n"))
    if longest > _MAX_LINE:
        import quopri

        encoding = "quoted-printable"
        text = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    else:
        encoding = "7bit" if text.isascii() else "8bit"
    lines = [
        *lines,
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        f"Content-Transfer-Encoding: {encoding}",
    ]
    return "\n".join(lines) + "\n\n" + text


def _address(name: str, mailbox: Sender) -> str:
    from email.utils import formataddr

    display = " ".join(without_controls(mailbox.name).split())
    return f"{name}: " + formataddr((display, mailbox.address), charset="utf-8")


def _header(name: str, value: str) -> str:
    # Text that merely looks like an encoded word ("=?utf-8?b?...?=") is encoded too, or
    # a mail client would decode it into something the message never said.
    if value.isascii() and len(name) + len(value) < 78 and "=?" not in value:
        return f"{name}: {value}"
    from email.header import Header

    return f"{name}: " + Header(value, "utf-8", header_name=name).encode(linesep="\n")


def _folded(name: str, words: list[str]) -> str:
    """`name: w1 w2 ...`, folded before a word that would pass 78 characters."""
    lines = [f"{name}:"]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > 78 and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {word}"
    return "\n".join(lines)
