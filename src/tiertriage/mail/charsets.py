"""Bytes of a mail body, a header or a paste as text: UTF-8, or the single-byte charset
(windows-1250, ISO-8859-2, windows-1252) whose reading looks most like Polish or English.

Detected, not guessed: Polish text in windows-1250 read as ISO-8859-2 shows "±" for "ą"
and "¶" for "ś", read as Latin-1 "æ" for "ć" and "³" for "ł"; each candidate reading is
scored by its Polish letters against such symbols and C1 controls, and the best one wins.
A maintained detector was measured and not taken: charset-normalizer costs ~65 ms to
import and read ISO-8859-2 "jeśli" as windows-1250 "je¶li"; chardet costs ~100 ms.
"""

from __future__ import annotations

import codecs
import re

from tiertriage.mail.inputs import without_controls

# Candidate single-byte readings, the preferred first when two score alike (the same
# text in both, mostly): Polish Windows, Polish Unix and old webmail, Western Windows.
SINGLE_BYTE = ("cp1250", "iso8859-2", "cp1252")
# Declared charsets of the Latin family are often wrong about Polish mail (Outlook
# Express labelling windows-1250 as ISO-8859-2 or Latin-1): their reading is scored
# against the candidates and kept unless one reads better.
_LATIN = frozenset({"ascii", "iso8859-1", "iso8859-15", *SINGLE_BYTE})
SAMPLE = 64 * 1024  # how many bytes are scored: enough to see the charset of any text
# Polish letters, counted only inside a word: no Polish word is one of them alone, so
# "±5 zł" read as ISO-8859-2 ("ą5 zł") earns nothing for it.
_POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
# Letters of Czech, Slovak and Romanian that a Western or Polish text decoded with the
# wrong Latin charset turns into ("très" read as windows-1250 is "trčs"), and ones a
# Polish reading in the wrong charset yields ("ą" read as ISO-8859-2 is "š").
_FOREIGN = "šťžľĺŕčďěňřůűőăđţ˙ŠŤŽĽĹŔČĎĚŇŘŮŰŐĂĐŢæÆœŒŸ"
# Symbols a Polish letter in the wrong charset turns into: counted only next to a
# letter ("has³o", "je¶li", "¿e"), as "±5 zł" or "a ¼ cup" are fine.
_SYMBOLS = "±¶¼³¹¿¥¯¡¦¬ˇ"
_LETTER = r"[^\W\d_]"
_POLISH_IN_WORD = f"[{_POLISH}](?={_LETTER})|(?<={_LETTER})[{_POLISH}]"
_SYMBOL_IN_WORD = f"[{_SYMBOLS}](?={_LETTER})|(?<={_LETTER})[{_SYMBOLS}]"
_C1 = "[\x80-\x9f]"
# Any of these in a declared charset's reading is a reason to score the others.
_SUSPECT = f"[{_FOREIGN}{_SYMBOLS}\x80-\x9f]"


def decode(data: bytes, charset: str | None) -> str:
    """Bytes as text: the declared charset when its reading holds, else `detect`.

    A declared Unicode charset holds when the bytes decode; another non-Latin one when
    no C1 control shows up; a Latin one (Latin-1, ISO-8859-2, windows-1250...) unless
    the bytes are UTF-8, or its reading shows a misread letter and another candidate
    reads better. A reading with nothing amiss is kept: Latin-1 "fête" or "año" is
    right, though windows-1250 would read "fęte" and "ańo".
    """
    declared = _canonical(charset)
    if declared is None:
        return detect(data)
    try:
        text = data.decode(declared)
    except (UnicodeError, ValueError):
        return detect(data)
    if declared not in _LATIN:
        unicode = declared.startswith("utf")
        return detect(data) if not unicode and re.search(_C1, text) else text
    if _is_utf8(data):
        return data.decode("utf-8")
    if not re.search(_SUSPECT, text[:SAMPLE]):
        return text
    best = detect(data)
    return best if score(best[:SAMPLE]) > score(text[:SAMPLE]) else text


def detect(data: bytes) -> str:
    """Undeclared bytes as text: UTF-8 when they are, else the best-scored single-byte
    reading (ISO-8859-2 decodes any bytes, so there always is one)."""
    if _is_utf8(data):
        return data.decode("utf-8")
    sample = data[:SAMPLE]
    best, best_score = "iso8859-2", None
    for encoding in SINGLE_BYTE:
        try:
            found = score(sample.decode(encoding))
        except UnicodeDecodeError:  # windows-125x leave five bytes undefined
            continue
        if best_score is None or found > best_score:
            best, best_score = encoding, found
    return data.decode(best, "replace")


def score(text: str) -> int:
    """How much `text` reads like Polish or English: a point per Polish letter in a word,
    two off per foreign letter or symbol in a word, three off per C1 control character."""
    if text.isascii():
        return 0
    odd = re.sub(r"[\x00-\x7f]+", "", text)
    foreign = sum(odd.count(letter) for letter in _FOREIGN)
    controls = len(re.findall(_C1, odd))
    polish = len(re.findall(_POLISH_IN_WORD, text))
    symbols = len(re.findall(_SYMBOL_IN_WORD, text))
    return polish - 2 * (foreign + symbols) - 3 * controls


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _canonical(charset: str | None) -> str | None:
    """Python's name for a declared charset ("ISO-8859-2" → "iso8859-2"); None when
    none is declared or Python does not know it (x-unknown, or a text transform)."""
    name = (charset or "").strip().strip("\"'")
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def header_text(raw: str) -> str:
    """An RFC 2047 header value as one line of text; undeclared 8-bit bytes decoded like
    bodies; control characters (an encoded NUL or ESC) dropped. A raw control character is
    dropped first, so the encoded word it interrupts still decodes."""
    from email.header import decode_header

    raw = without_controls(raw)
    try:
        chunks = decode_header(raw)
    except Exception:  # malformed encoded words: read the value as it is
        chunks = [(raw, None)]
    parts: list[str] = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            data = chunk.encode("utf-8", "surrogateescape")
        elif charset is None:
            # decode_header returns unencoded runs as raw-unicode-escape bytes
            data = chunk.decode("raw-unicode-escape").encode("utf-8", "surrogateescape")
        else:
            data = chunk
        parts.append(decode(data, charset))
    text = "".join(parts) if len(chunks) == 1 else " ".join(p.strip() for p in parts)
    return " ".join(without_controls(text).split())
