"""Text normalisation for matching: words, function words, stems, joined compounds. Pure."""

from __future__ import annotations

import re
import unicodedata

# Function words carry no topic. Intent words ("should", "worth", "build", "write",
# "cost", "better") are deliberately absent: they separate how-to questions from
# consult requests.
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any anyone anything are around as at be
    been before being below between both but by can cant could couldnt d did didnt do
    does doesnt doing done dont down during each else even ever every few for from
    further get gets getting go going gone got had hadnt has hasnt have havent having he
    her here hers herself him himself his how i id if ill im in into is isnt it its
    itself ive just know let lets ll m me might mine more most much must my myself need
    needs no nor not now of off ok okay on once one only or other our ours ourselves out
    over own please pls re really s same she shed shes so some someone something still
    such t than thank thanks thanx thx that thats the their theirs them themselves then
    there these they theyre this those through to too under until up us ve very via want
    wanted wants was wasnt we were weve what whats when where whether which while who
    whom why will with wont would wouldnt you youd youll your youre yours yourself
    yourselves hi hello hey dear cheers regards kind kindly many morning afternoon
    evening guys sam sorry quick question wondering wonder hoping hope able maybe
    possible
    """.split()
)

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

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")


def normalise(text: str) -> list[str]:
    """Lower-case words with accents and apostrophes removed."""
    text = _APOSTROPHE.sub("", text.lower())
    if not text.isascii():  # "café" -> "cafe": decompose, then drop the accents
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(text)


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
