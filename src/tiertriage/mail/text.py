"""The client's new words in an email body or a pasted thread (`asks` finds the questions).

Pure: text in, text out. Quoted history, signatures and legal footers are dropped.
mail-parser-reply finds the common English and Polish sign-offs, "Sent from my …"
lines and disclaimers; the rules here add what it misses: Gmail's "On … wrote:"
wrapped over two lines, Thunderbird's "W dniu … pisze:", Polish Gmail's
"… napisał(a):", Outlook header blocks in either language, forwards, contact
blocks and legal footers. Its patterns backtrack quadratically on long lines, so it
only ever sees bounded text whose long lines are masked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tiertriage.mail.inputs import MAX_TEXT as MAX_TEXT  # the cap html.py shares
from tiertriage.mail.inputs import without_controls

# The most of a body searched for quoted history and forwards: what lies beyond is
# history or attachments, and is never read.
MAX_SCAN = 1_000_000
_HEADER_LINE = 300  # longer lines are never reply headers
_LIBRARY_LINE = 300  # longer lines are masked from mail-parser-reply
_MASK = "\ue000{}\ue001"
_MASKED = re.compile("\ue000(\\d+)\ue001")

_I = re.IGNORECASE
_WROTE = re.compile(
    r"^(?:on\b|w dniu\b|dnia\b).*\b(?:wrote|napisał\(a\)|napisał\(-a\)|napisała?|pisze)\s*:$"
    r"|^.*(?:@|\d).*\b(?:wrote|napisał\(a\)|napisał\(-a\)|napisała?|pisze)\s*:$"
    r"|^wiadomość napisana przez\b.*\bw dniu\b.*:$",  # Apple Mail in Polish
    _I,
)
_WRAPPED_START = re.compile(r"^(?:on|w dniu|dnia|wiadomość napisana przez)\b|<[^>]*$|@", _I)
_SEPARATOR = re.compile(
    r"^-{2,}\s*(?:original message|oryginalna wiadomość|wiadomość oryginalna)\s*-{2,}$", _I
)
_OUTLOOK_FROM = re.compile(r"^\*?(?:from|od)\s*:\*?\s*\S", _I)
_OUTLOOK_NEXT = re.compile(r"^\*?(?:sent|date|to|subject|cc|wysłano|data|do|temat|dw)\s*:", _I)
_UNDERSCORES = re.compile(r"^_{10,}$")
_FORWARD = re.compile(
    r"^-*\s*(?:forwarded message|begin forwarded message|wiadomość przekazana dalej"
    r"|przekazana wiadomość|przesłana wiadomość|treść przekazanej wiadomości"
    r"|początek przekazanej wiadomości)\s*:?\s*-*$",
    _I,
)
_HEADER_FIELD = re.compile(r"^>?\s*\*?[\w-]{1,24}\*?\s*:")
_QUOTED = re.compile(r"^\s*>")

_SIGN_OFF = re.compile(
    r"^(?:(?:many|kind|warm|warmest|best|big|huge)\s+)?"
    r"(?:thanks|thank you|thx|regards|wishes|cheers|best|all the best|sincerely"
    r"|yours(?: truly| sincerely)?|talk soon|take care|speak soon"
    r"|pozdrawiam(?: serdecznie| cieplutko| ciepło)?|serdecznie pozdrawiam|z poważaniem"
    r"|z powazaniem|z wyrazami szacunku|(?:łączę|przesyłam) (?:serdeczne )?pozdrowienia"
    r"|(?:serdeczne )?pozdrowienia(?: z \w+| dla \w+)?|z pozdrowieniami|pozdr|pzdr"
    r"|dziękuję(?: bardzo| z góry)?|dziekuje|dzięki|dzieki|z góry dziękuję|z gory dziekuje"
    r"|(?:miłego|milego|dobrego) (?:dnia|wieczoru|weekendu|tygodnia)|do usłyszenia)"
    r"(?:\s+(?:so much|a lot|in advance|again|very much|za pomoc|i pozdrawiam))?"
    r"\s*[,.!]*\s*(?:[-\u2013\u2014]\s*\S.*)?$",
    _I,
)
_TEAM = re.compile(  # "The Hover Team", "Mailchimp Support": capitalised, not a sentence
    r"^[Tt]he\s+[\w&.' -]{1,40}\s+[Tt]eam[.!]?$|^(?:[A-Z][\w&.'-]*\s+){1,3}(?:Team|Support)$"
)
_SENT_FROM = re.compile(
    r"^(?:sent from (?:my |mail |outlook|yahoo|samsung|gmail)|get outlook for"
    r"|wysłano z |wysłane z |pobierz (?:aplikację )?outlook|sent via |sent with )",
    _I,
)
_DASHES = re.compile(r"^(?:--|—|__)\s*$")
_CONTACT = re.compile(
    r"(?:\+?\d[\d ()./-]{6,}\d|\b[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.|https?://|\s\|\s"
    r"|^(?:tel|tel\.|phone|mob|mobile|cell|fax|t|m|e|w)\s*[:.]\s*\S)",
    _I,
)
_LEGAL = re.compile(
    r"intended recipient|intended solely for|confidentiality notice|disclaimer:"
    r"|received this (?:e-?mail|message|communication) in error"
    r"|(?:e-?mail|message)(?: and any (?:files|attachments?)(?: transmitted with it)?)?"
    r" (?:is|are|may be|may contain|contains?) (?:strictly )?(?:confidential|privileged)"
    r"|privileged and/or confidential|registered in england|company (?:no|number)\b"
    r"|think before you print|consider the environment before printing"
    r"|nie jesteś (?:zamierzonym )?adresatem|do wyłącznego użytku adresata"
    r"|nie (?:jest pan|jest pani|są państwo)\S* (?:zamierzonym )?adresatem"
    r"|otrzyma\w*(?: \w+)? (?:tę|tą|niniejszą) wiadomość (?:omyłkowo|przez (?:po|o)myłkę|błędnie)"
    r"|(?:wiadomość|treść|informacje)[^.]{0,60}poufn"
    r"|administratorem (?:\S+ )?danych(?: osobowych)? jest|pomyśl o środowisku|zanim wydrukujesz"
    r"|kapitał zakładowy|\bKRS\b[^.]{0,80}\bNIP\b",
    _I,
)


class OwnText(NamedTuple):
    """The sender's own new words, and whether a cap cut some of them off."""

    text: str
    cut: bool


def clip(text: str) -> str:
    """Normalise line ends, drop control characters, and cut at `MAX_SCAN`."""
    return without_controls(text[:MAX_SCAN].replace("\r\n", "\n").replace("\r", "\n"))


def split_forward(text: str, *, outlook: bool = False) -> tuple[str, str] | None:
    """(the sender's own note, the forwarded message's body) when `text` forwards a message.

    With `outlook` (the subject says FW:), Outlook's "From: … Sent: …" block or an
    "Original Message" separator starts the forwarded message too.
    """
    lines = clip(text).split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if len(stripped) > _HEADER_LINE:
            continue
        marker = _FORWARD.match(stripped) or (
            outlook and (_SEPARATOR.match(stripped) or _outlook_block(lines, index))
        )
        if marker:
            start = index if outlook and not _FORWARD.match(stripped) else index + 1
            return "\n".join(lines[:index]), _forwarded_body(lines[start:])
    return None


def _forwarded_body(lines: Sequence[str]) -> str:
    """Skip the forwarded message's header block; unquote it when it is all quoted."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and _SEPARATOR.match(lines[index].strip()):
        index += 1
    seen = False
    while index < len(lines) and _HEADER_FIELD.match(lines[index]):
        seen = True
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
            index += 1
    body = list(lines[index:] if seen else lines)
    content = [line for line in body if line.strip() and line.strip() != ">"]
    if content and all(_QUOTED.match(line) for line in content):
        body = [re.sub(r"^\s*> ?", "", line) for line in body]
    return "\n".join(body)


def _outlook_block(lines: Sequence[str], index: int) -> bool:
    if not _OUTLOOK_FROM.match(lines[index].strip()):
        return False
    following = lines[index + 1 : index + 4]
    return any(_OUTLOOK_NEXT.match(line.strip()) for line in following)


def history_start(lines: Sequence[str]) -> int | None:
    """The index of the first line of quoted history (a reply header), if any."""
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > _HEADER_LINE or _QUOTED.match(line):
            continue
        if _WROTE.match(line) or _SEPARATOR.match(line) or _outlook_block(lines, index):
            return index
        if _UNDERSCORES.match(line) and any(
            _OUTLOOK_FROM.match(n.strip()) for n in lines[index + 1 : index + 3]
        ):
            return index
        if index + 1 < len(lines) and _WRAPPED_START.search(line):
            joined = f"{line} {lines[index + 1].strip()}"
            if len(joined) <= _HEADER_LINE and _WROTE.match(joined):
                return index
    return None


def new_text(text: str) -> str:
    """The sender's own new words: no quoted history, signature or legal footer."""
    return own_text(text).text


def own_text(text: str) -> OwnText:
    """`new_text`, and whether its caps cut off some of the sender's words."""
    lines = clip(text).split("\n")
    start = history_start(lines)
    # Beyond the scanned part, only quoted history was lost if it started within it.
    cut = start is None and len(text) > MAX_SCAN
    if start is not None:
        lines = lines[:start]
    own = "\n".join(line.rstrip() for line in lines if not _QUOTED.match(line))
    if len(own) > MAX_TEXT:
        cut = True
        end = own.rfind("\n", 0, MAX_TEXT)
        own = own[: end if end > 0 else MAX_TEXT]
    kept = _library_strip(own.split("\n"))
    kept = _cut_signature(kept)
    kept = _cut_legal(kept)
    kept = _cut_contact_block(kept)
    return OwnText("\n".join(kept).strip(), cut)


def _library_strip(lines: list[str]) -> list[str]:
    """mail-parser-reply on the text, its long lines masked so it never backtracks on them."""
    if len(lines) < 2:
        return lines
    from mailparser_reply import EmailMessage

    masked: list[str] = []
    long_lines: list[str] = []
    for line in lines:
        if len(line) > _LIBRARY_LINE or "\ue000" in line:
            masked.append(_MASK.format(len(long_lines)))
            long_lines.append(line)
        else:
            masked.append(line)
    message = EmailMessage(text="\n".join(masked), languages=["en", "pl"], keep_hyphen_lists=True)
    replies = message.read().replies
    if not replies:
        return lines
    body: str = replies[0].body
    restored = _MASKED.sub(lambda m: long_lines[int(m.group(1))], body)
    return restored.split("\n")


def _cut_signature(lines: list[str]) -> list[str]:
    """Cut at "-- ", "Sent from my …", or a sign-off followed only by a short name block."""
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > 80:
            continue
        if _DASHES.match(line) or _SENT_FROM.match(line):
            return lines[:index]
        if index and _TEAM.match(line) and not any(r.strip() for r in lines[index + 1 :]):
            return lines[:index]  # "The Hover Team" closing a notice
        if index and _SIGN_OFF.match(line):
            rest = [r for r in lines[index + 1 :] if r.strip()]
            if len(rest) <= 8 and not any("?" in r for r in rest):
                return lines[:index]
    return lines


def _cut_legal(lines: list[str]) -> list[str]:
    """Cut from the first paragraph that reads like a legal footer."""
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not lines[index].strip():
            paragraph = " ".join(lines[start:index])
            # a paragraph that asks something is the client's, whatever words it uses
            if start and "?" not in paragraph and _LEGAL.search(paragraph):
                return lines[:start]
            start = index + 1
    return lines


def _cut_contact_block(lines: list[str]) -> list[str]:
    """Drop a trailing block of name, title, phone, address and web lines.

    After a blank line, any short lines go with a phone number or web address; glued to
    the text, only lines that do not read as sentences do.
    """
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    block = lines[start:end]
    if start and (_is_contact_block(block) or _is_bare_name(block)):
        return _cut_contact_block(lines[:start])
    index, contacts = end, 0
    while index > start:
        line = lines[index - 1].strip()
        if _CONTACT.search(line) and "?" not in line:
            contacts += 1
        elif not _looks_like_name(line):
            break
        index -= 1
    if contacts and index > start:
        return lines[:index]
    return lines[:end]


def _is_contact_block(block: Sequence[str]) -> bool:
    if any("?" in line or len(line.split()) > 10 for line in block):
        return False
    return any(_CONTACT.search(line) for line in block)


def _is_bare_name(block: Sequence[str]) -> bool:
    """A last paragraph that is only a name, signed without a sign-off: "Anna", "Anna K."."""
    return len(block) == 1 and bool(re.fullmatch(_BARE_NAME, block[0].strip()))


_NAME_PART = r"(?:[^\W\d_]\.|[A-ZĄĆĘŁŃÓŚŹŻ][^\W\d_]*(?:-[^\W\d_]+)?\.?)"
_BARE_NAME = f"{_NAME_PART}(?: {_NAME_PART}){{0,2}}"


def _looks_like_name(line: str) -> bool:
    """A short line that does not read as a sentence: a name, a title, a company."""
    return len(line.split()) <= 6 and not re.search(r"[?!.:]$", line)
