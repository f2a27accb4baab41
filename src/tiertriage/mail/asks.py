"""Which paragraphs of the client's own words ask something: each question with the
context that leads up to it. Pure: text in, list of questions out.
"""

from __future__ import annotations

import re

MAX_QUESTIONS = 10
# A forward's own note of at most this many words ("can you look at this?") means
# the forwarded message is what needs an answer.
SHORT_NOTE_WORDS = 25

_I = re.IGNORECASE
# A greeting line: the greeting and a name ("Dzień dobry Pani Anno,", "Hi all!", "hi sam"),
# never a sentence that starts with one ("Dzień dobry, strona nie działa." is the question).
GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening)|morning"
    r"|dzień dobry|dzien dobry|cześć|czesc|witam|witaj|hej|szanown\w* \w+)\b"
    r"(?:(?:,?[ \t]+(?:(?-i:[A-ZĄĆĘŁŃÓŚŹŻ][\w.'\u2019-]*)|all|everyone|there|team|guys"
    r"|folks|sir|madam|or|and|i|wszystkim|serdecznie|ponownie|państwu|panstwu|pani|pana|panie))"
    r"{0,4}(?:[ \t]*[,!.:])?(?:[ \t]*[:;]-?[)D])?|,?[ \t]+[^\W\d_]+(?:[ \t]*,)?)[ \t]*$",
    _I,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)]|[a-h][.)])\s+")
_LEAD_IN = re.compile(r":\s*$")
# What makes a paragraph a question without a question mark: a question word or a request
# at its start, or a complaint anywhere ("formularz nie wysyła maili", "the form doesn't
# send"). Other paragraphs are context for the question after them.
_ASKS = re.compile(
    r"\?|^(?:please|pls|can|could|would|will|how|what|why|where|when|which|who|is|are|do"
    r"|does|did|should|i need|we need|i'd like|we'd like|i want|we want|help|jak\w*|czy"
    r"|gdzie|dlaczego|czemu|co|kto|kiedy|ile|któr\w+|proszę|prosze|prosimy|potrzebuj\w*"
    r"|chciał\w*bym|chciałabym|chcielibyśmy|chcę|chcemy|mam problem|mamy problem"
    r"|druga sprawa|druga kwestia|kolejna sprawa|jeszcze jedno|another question"
    r"|one more question)\b"
    r"|\b(?:not working|doesn't work|does not work|isn't working|won't|can't|cannot|broken"
    r"|is down|went down|error|stopped|nie działa|nie dziala|nie mogę|nie moge|błąd"
    r"|(?:doesn't|does not|isn't|aren't|is not|are not|not) (?:send|load|show|open|arriv"
    r"|display|connect|receiv|sav|updat|appear)\w*|przestał\w* działać|nie da się"
    r"|nie (?:wysyła|przychodz|dochodz|ładuj|otwiera|wyświetla|pokazuj|widać|widzę|widzimy"
    r"|mo[gż]|umiem|potrafię|zapisuj|łącz)\w*)",
    _I,
)
_NEXT_QUESTION = re.compile(
    r"(?<=[?.!])\s+(?=(?:also|another (?:thing|question)|second(?:ly)?|one more (?:thing|question)"
    r"|oh and|and also|p\.?s\.?|poza tym|jeszcze jedno|druga sprawa|ponadto)\b)",
    _I,
)


def word_count(text: str) -> int:
    return len(text.split())


def is_short_note(text: str) -> bool:
    """A forward's note such as "can you look at this?": the forwarded message matters."""
    lines = [line for line in text.split("\n") if not GREETING.match(line.strip())]
    return word_count("\n".join(lines)) <= SHORT_NOTE_WORDS


def questions(text: str) -> list[str]:
    """Each question the text asks, with the context paragraphs that lead up to it."""
    blocks = _blocks(text)
    asking = [bool(_ASKS.search(block)) for block in blocks]
    if not any(asking):
        whole = _flat(" ".join(blocks))
        return [whole] if whole else []
    found: list[str] = []
    context: list[str] = []
    for block, asks in zip(blocks, asking, strict=True):
        if asks:
            found.append(_flat(" ".join([*context, block])))
            context = []
        else:
            context.append(block)
    if context:
        found[-1] = _flat(" ".join([found[-1], *context]))
    found = list(dict.fromkeys(found))  # a question pasted twice is answered once
    if len(found) > MAX_QUESTIONS:
        found[MAX_QUESTIONS - 1 :] = [" ".join(found[MAX_QUESTIONS - 1 :])]
    return found


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and "Also, …" sentences, without greeting lines."""
    lines = [line.strip() for line in text.split("\n")]
    while lines and (not lines[0] or GREETING.match(lines[0])):
        lines.pop(0)
    blocks: list[list[str]] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            if current:
                blocks.append(current)
            current = []
            continue
        item = _LIST_ITEM.match(line)
        if item:
            if current and not _is_lead_in(current):
                blocks.append(current)
            current = [line[item.end() :]]
            continue
        if current and _LIST_ITEM.match(lines[index - 1]) and re.search(r"[.?!:]$", current[-1]):
            # a line after a finished list item starts a new block
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    result: list[str] = []
    for block in blocks:
        joined = " ".join(block)
        result.extend(part for part in _NEXT_QUESTION.split(joined) if part.strip())
    return result


def _is_lead_in(block: list[str]) -> bool:
    """ "Two quick things:" before a list: dropped (a longer sentence stays as context)."""
    return bool(_LEAD_IN.search(block[-1])) and word_count(" ".join(block)) <= 8


def _flat(text: str) -> str:
    return " ".join(text.split())
