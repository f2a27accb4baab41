"""Any HTML → well-nested HTML of bounded size, nesting depth and tag count, in one pass.

An HTML parser's tree builder looks through the open elements at every tag, so 80,000
nested `<div>` cost it minutes and a million `<b>` hundreds of megabytes. This pass
runs first, in time linear in its input: it keeps its own stack of open elements,
writes every tag it keeps in a plain form (name, `id` and `class` only: all that
`mail.html` reads) and closes what it pops explicitly, so the parser's tree is
this stack and cannot grow deeper than it. Tags past the depth limit are dropped
(their text is kept), and the body ends at the tag limit.
Comments, `<!...>`, `<?...>` and the contents of script, style and other raw-text
elements are dropped: none of them is ever shown.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

MAX_HTML = 1_000_000  # characters of an HTML body read: the client's words are at the top
MAX_DEPTH = 100  # elements open at once; mail nests some 10-40 deep
MAX_TAGS = 20_000  # tags read (start, end, comments): a long newsletter has ~10,000

# The tag alternative is `(?:[^>"']+|"..."|'...')*>?`: as `>` is optional the match can
# never fail after the name, so the nested repetition is never backtracked into; a quote
# left open ends the tag before it. Unterminated comments and raw-text elements run to
# the end of the input, as HTML has them, which also keeps the scan linear.
_RAW_TEXT = "script|style|title|textarea|xmp|iframe|noembed|noframes|noscript|plaintext"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<({_RAW_TEXT})\b.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][^\s/>]{0,63})((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>?"
    r"|<[!?/][^>]*>?",
    re.DOTALL | re.IGNORECASE,
)
_KEPT_ATTRIBUTE = re.compile(
    r"(?:^|[\s\"'])(id|class)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.IGNORECASE
)
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
_DOCUMENT = frozenset({"html", "head", "body"})  # the parser makes these itself
# A start tag that ends open elements (HTML's optional end tags), when one of them is
# among the few innermost and no element in _SCOPE lies between.
_CELL = frozenset({"td", "th", "p"})
_ENDS: dict[str, frozenset[str]] = {
    "li": frozenset({"li", "p"}),
    "dt": frozenset({"dt", "dd", "p"}),
    "dd": frozenset({"dt", "dd", "p"}),
    "td": _CELL,
    "th": _CELL,
    "tr": _CELL | {"tr"},
    "thead": _CELL | {"tr", "thead", "tbody", "tfoot"},
    "tbody": _CELL | {"tr", "thead", "tbody", "tfoot"},
    "tfoot": _CELL | {"tr", "thead", "tbody", "tfoot"},
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
}
_ENDS_P = frozenset({"p"})
_CLOSES_P = frozenset(
    """address article aside blockquote center details dialog dir div dl fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p
    pre section table ul""".split()
)
_SCOPE = frozenset("table ul ol dl blockquote button object template caption select".split())
_NEAR = 4  # how far in an optional end is looked for: further is not real mail

CUT_SIZE = f"the HTML is longer than {MAX_HTML:,} characters: only the start was read"
CUT_DEPTH = f"the HTML nests deeper than {MAX_DEPTH} elements: the deeper tags were ignored"
CUT_TAGS = f"the HTML has more than {MAX_TAGS:,} tags: the rest was not read"


class Tidied(NamedTuple):
    html: str
    cut: tuple[str, ...]  # what was left out, in words (CUT_*)


def tidy(html: str) -> Tidied:
    """`html` as well-nested HTML within the limits above, and what had to be cut."""
    cut: list[str] = []
    if len(html) > MAX_HTML:
        html = html[:MAX_HTML]
        cut.append(CUT_SIZE)
    out: list[str] = []
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    position = 0

    def close_to(index: int) -> None:
        while len(stack) > index:
            name = stack.pop()
            open_count[name] -= 1
            out.append(f"</{name}>")

    for tags, token in enumerate(_TOKEN.finditer(html)):
        out.append(_text(html[position : token.start()]))
        if tags == MAX_TAGS:
            position = len(html)
            cut.append(CUT_TAGS)
            break
        position = token.end()
        name = (token.group(3) or "").lower()
        if not name or name in _DOCUMENT:
            continue  # a comment, a raw-text element, a declaration: never shown
        if token.group(2):  # an end tag
            if name == "br":  # HTML reads </br> as <br>
                out.append("<br>")
            elif dropped[name]:
                dropped[name] -= 1
            elif open_count[name]:
                close_to(len(stack) - 1 - stack[::-1].index(name))
            continue
        if name not in _VOID:
            ends = _ENDS.get(name) or (_ENDS_P if name in _CLOSES_P else None)
            if ends:
                index = _optional_end(stack, ends)
                if index is not None:
                    close_to(index)
            if len(stack) >= MAX_DEPTH:
                dropped[name] += 1
                if CUT_DEPTH not in cut:
                    cut.append(CUT_DEPTH)
                continue
            stack.append(name)
            open_count[name] += 1
        out.append(f"<{name}{_attributes(token.group(4))}>")
    out.append(_text(html[position:]))
    return Tidied("".join(out), tuple(cut))


def _optional_end(stack: list[str], ends: frozenset[str]) -> int | None:
    """Where the outermost of `ends` sits among the innermost open elements: what a start
    tag closes, as HTML's tree builder would (`<li>` an open `<li>`, `<tr>` a row and
    its cell)."""
    found = None
    for index in range(len(stack) - 1, max(-1, len(stack) - 1 - _NEAR), -1):
        if stack[index] in ends:
            found = index
        elif stack[index] in _SCOPE:
            break
    return found


def _attributes(raw: str | None) -> str:
    if not raw or ("id" not in raw.lower() and "class" not in raw.lower()):
        return ""
    kept: dict[str, str] = {}
    for match in _KEPT_ATTRIBUTE.finditer(raw):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        kept.setdefault(name, value.replace('"', "&quot;"))
    return "".join(f' {name}="{value}"' for name, value in kept.items())


def _text(text: str) -> str:
    """Text between tags: a `<` that starts no tag stays text."""
    return text.replace("<", "&lt;")
