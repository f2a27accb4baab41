"""Text normalisation for matching: words, language, function words, stems. Pure.

Text is lower-cased and folded to ASCII (accents dropped, and the Polish letters that do
not decompose, such as "ł", mapped to their base letter), so a question typed without
diacritics matches one typed with them. Function words are the standard ones of each
language and nothing else: negations ("not", "nie", "cant") and particles ("down",
"out", "up") carry meaning in a support question ("the site is down", "locked out"),
and advice modals ("should") separate a request for advice from a how-to.
English is stemmed with Snowball's English stemmer; Polish with Snowball's Polish
stemmer on the folded word, cut to six letters, which merges its rich inflection
("strona", "stronę", "stronie") without joining unrelated words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import Stemmer

Language = Literal["en", "pl"]
LANGUAGES: tuple[Language, ...] = ("en", "pl")

# Standard English function words: articles, pronouns, prepositions, conjunctions and
# auxiliaries (the NLTK list), without negations, particles and advice modals.
ENGLISH_STOPWORDS = frozenset(
    """
    a about above after against all am an and any are as at be because been before being
    below between both but by can could did do does doing during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself now of on once only or other our ours ourselves own
    same she so some such than that the their theirs them themselves then there these they
    this those through to too until very was we were what when where which while who whom
    why will with would you your yours yourself yourselves im ive id ill its youre weve
    theyre thats whats s t d ll m re ve
    """.split()
)
# Standard Polish function words (folded): pronouns, prepositions, conjunctions, particles
# and forms of "być"; "nie" is kept, as a negation.
POLISH_STOPWORDS = frozenset(
    """
    a aby albo ale ani az bo by byc byl byla bylo byly bede bedzie cos czy czyli dla do
    gdy gdyz go i ich im ja jak jako je jego jej jest jestem jestesmy juz ktora ktore
    ktory ktorych ktorzy lub ma mam mamy mi mnie moj moja moje mu my na nad nam nas nasz
    nasza nasze naszej naszego o od on ona one oni oraz po pod przez przy sa sie soba
    sobie ta tak tam te tego tej ten to tu ty tylko tym u w we wiec z za ze zeby
    """.split()
)
STOPWORDS = ENGLISH_STOPWORDS | POLISH_STOPWORDS

# Where Snowball merges words that mean different things here ("customer" and
# "customize" both stem to "custom"), or misses a British spelling.
STEM_EXCEPTIONS = {
    **dict.fromkeys(("accessibility", "accessible", "inaccessible"), "accessib"),
    **dict.fromkeys(("customer", "customers"), "customer"),
    **dict.fromkeys(("accounting", "accountant", "accountants"), "accountant"),
    **dict.fromkeys(
        ("customise", "customised", "customising", "customisation", "customiser"), "custom"
    ),
}
POLISH_STEM_LENGTH = 6

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
# Letters NFKD does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})
_POLISH_LETTERS = frozenset("ąćęłńóśźż")
# Frequent Polish words that never occur in English text: they tell a Polish question
# typed without diacritics ("strona nie dziala") from an English one.
_POLISH_MARKERS = frozenset(
    """
    nie sie jest czy jak mam mamy na do ze co mi moja moj prosze dzien dobry dziekuje
    pozdrawiam strona strone stronie mozna juz tez ale tak bo gdzie kiedy dlaczego panie
    pani bardzo jeszcze jestem zeby ktory ktora mnie nasza nasz mojej dzieki witam
    """.split()
)
_ENGLISH_MARKERS = frozenset(
    """
    the and is to of my our we it you can how what i in for on with this that do have
    are be not there please thanks hi hello site website
    """.split()
)


def fold(text: str) -> str:
    """Lower case, without accents or apostrophes: "Dzień dobry, it's" -> "dzien dobry, its"."""
    text = _APOSTROPHE.sub("", text.lower())
    if not text.isascii():  # "café" -> "cafe": decompose, then drop the accents
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
        text = text.encode("ascii", "ignore").decode("ascii")
    return text


def normalise(text: str) -> list[str]:
    """The words of `text`, folded: lower case, no accents, no apostrophes."""
    return _WORD.findall(fold(text))


def detect_language(text: str) -> Language:
    """Polish or English, from Polish letters and each language's most frequent words.

    Deterministic and cheap; a text with no signal either way counts as English.
    """
    return language_signal(text) or "en"


def language_signal(text: str) -> Language | None:
    """The language `text` shows signs of, or None when it shows none either way."""
    lowered = text.lower()
    polish_letters = sum(1 for char in lowered if char in _POLISH_LETTERS)
    words = normalise(text)
    polish = sum(word in _POLISH_MARKERS for word in words) + min(polish_letters, 5)
    english = sum(word in _ENGLISH_MARKERS for word in words)
    if polish == english:
        return None
    return "pl" if polish > english else "en"


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    import Stemmer

    return Stemmer.Stemmer("polish" if language == "pl" else "english")


def stem(words: list[str], language: str) -> list[str]:
    """Stems of already normalised words, in `language` (English rules for any but Polish)."""
    stems: list[str] = _stemmer(language).stemWords(words)
    if language == "pl":
        return [s[:POLISH_STEM_LENGTH] for s in stems]
    return [STEM_EXCEPTIONS.get(w, s) for w, s in zip(words, stems, strict=True)]


def join_compounds(words: list[str], known: dict[str, str]) -> list[str]:
    """Join adjacent words the catalogue writes as one ("e mail", "sign up", "word press")."""
    joined: list[str] = []
    position = 0
    while position < len(words):
        pair = "".join(words[position : position + 2])
        if position + 1 < len(words) and pair in known:
            joined.append(pair)
            position += 2
        else:
            joined.append(words[position])
            position += 1
    return joined
