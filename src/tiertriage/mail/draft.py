"""The reply to a message as a complete RFC 822 draft: To, Re: subject, threading, body.

Composed line by line with the stdlib's encoders (RFC 2047 for names and subjects):
building an `EmailMessage` costs more than triaging the message did. Ready for
`sendmail -t`, a drafts folder, or a mail client's editor. Names and subjects come
from the client's message: they are written on one line without control characters,
so none can add a header or reach the terminal a draft is shown on.
"""

from __future__ import annotations

import re

from tiertriage.mail.message import Mail
from tiertriage.render.output import one_line, printable

_REPLY_SUBJECT = re.compile(r"^\s*(?:re|odp|aw|sv|antw)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_MAX_LINE = 998  # RFC 5322's limit on a line


def reply_subject(subject: str | None) -> str:
    """ "Re: <subject>", without doubling an existing "Re:" (or "Odp:", "AW:")."""
    subject = one_line(subject or "")
    if not subject:
        return "Re: your message"
    return subject if _REPLY_SUBJECT.match(subject) else f"Re: {subject}"


def reply_draft(mail: Mail, body: str) -> str:
    """To the sender (or Reply-To), Re: subject, In-Reply-To and References, `body`.

    The body is 7bit or 8bit UTF-8 text, quoted-printable only for over-long lines.
    """
    from email.utils import formataddr, formatdate

    lines: list[str] = []
    recipient = mail.reply_to if mail.reply_to and mail.reply_to.address else mail.sender
    if recipient and recipient.address:
        lines.append("To: " + formataddr((one_line(recipient.name), one_line(recipient.address))))
    lines.append(_header("Subject", reply_subject(mail.subject)))
    lines.append(f"Date: {formatdate(localtime=True)}")
    if mail.message_id:
        lines.append(f"In-Reply-To: {mail.message_id}")
        lines.append(_folded("References", [*mail.references, mail.message_id]))
    text = printable(body.replace("\r\n", "\n").replace("\r", "\n"))
    text = text if text.endswith("\n") else text + "\n"
    longest = max(len(line.encode("utf-8")) for line in text.split("\n"))
    if longest > _MAX_LINE:
        import quopri

        encoding = "quoted-printable"
        text = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    else:
        encoding = "7bit" if text.isascii() else "8bit"
    lines += [
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="utf-8"',
        f"Content-Transfer-Encoding: {encoding}",
    ]
    return "\n".join(lines) + "\n\n" + text


def _header(name: str, value: str) -> str:
    if value.isascii() and len(name) + len(value) < 78:
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
