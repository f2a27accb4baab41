"""HTML mail to plain text, keeping paragraph breaks and dropping quoted history.

Pure. `mail.tidy` first bounds the HTML (size, nesting depth, tags) in one linear pass,
so no message can make the parser slow; selectolax (lexbor backend) parses; a small
iterative walk (no recursion) writes the text. Quoted blocks
(`blockquote`, Gmail's `div.gmail_quote`, Thunderbird's cite prefix) are dropped,
and Outlook's reply header becomes an "Original Message" line that `mailtext`
cuts at. When the mail forwards a message, quotes are kept ("> " lines) so the
forwarded message can be found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from tiertriage.mail.text import MAX_TEXT

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

ORIGINAL_MESSAGE = "-----Original Message-----"
_FORWARD = re.compile(
    r"forwarded message|begin forwarded message|przekazana|przekazanej|przesłana wiadomość", re.I
)
_SKIP = frozenset({"head", "script", "style", "title", "template", "noscript", "svg", "object"})
_BLOCK = frozenset(
    """address article aside blockquote center dd div dl dt fieldset figcaption figure footer
    form header hr li main nav ol pre section table tbody thead tfoot tr ul""".split()
)
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_QUOTE_CLASSES = frozenset(
    {"gmail_quote", "gmail_quote_container", "moz-cite-prefix", "yahoo_quoted"}
)
_OUTLOOK_IDS = frozenset(
    {"divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"}
)
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0\u200b]+")


class _Writer:
    """Accumulates text; block edges become newlines, runs of whitespace one space."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.newlines = 2  # at the start, no leading blank lines are written
        self.size = 0

    def text(self, value: str) -> None:
        # The walk stops after MAX_TEXT characters: a longer text node is cut first.
        value = _SPACES.sub(" ", value[: 4 * MAX_TEXT])
        if self.newlines:
            value = value.lstrip(" ")
        if not value:
            return
        self.parts.append(value)
        self.size += len(value)
        self.newlines = 0

    def newline(self, count: int) -> None:
        """Make sure the text ends with at least `count` line breaks."""
        if self.newlines < count:
            self.parts.append("\n" * (count - self.newlines))
            self.newlines = count

    def hard_break(self) -> None:
        self.parts.append("\n")
        self.newlines += 1

    def result(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class HtmlText(NamedTuple):
    text: str
    cut: tuple[str, ...]  # what the limits of `mail.tidy` left out, in words


def html_to_text(html: str) -> HtmlText:
    """The readable text of an HTML mail body, without the quoted messages it replies to."""
    from selectolax.lexbor import LexborHTMLParser

    from tiertriage.mail.tidy import tidy

    tidied = tidy(html)
    keep_quotes = bool(_FORWARD.search(tidied.html))
    tree = LexborHTMLParser(tidied.html)
    root = tree.body or tree.root
    if root is None:
        return HtmlText("", tidied.cut)
    out = _Writer()
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    quote_depth = 0
    while stack and out.size <= MAX_TEXT:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag == "blockquote":
                quote_depth -= 1
            _leave(out, node, tag)
            continue
        if tag == "-text":
            text = node.text_content or ""
            if quote_depth and out.newlines and text.strip():
                text = "> " * quote_depth + text.lstrip()
            out.text(text)
            continue
        if tag in _SKIP or tag.startswith("-"):
            continue
        attributes = node.attributes
        if (attributes.get("id") or "").lower() in _OUTLOOK_IDS:
            out.newline(2)
            out.text(ORIGINAL_MESSAGE)
            out.newline(2)
            if not keep_quotes:
                break
            continue
        classes = set((attributes.get("class") or "").split())
        if not keep_quotes and (tag == "blockquote" or classes & _QUOTE_CLASSES):
            continue
        if tag == "br":
            out.hard_break()
            continue
        _enter(out, node, tag)
        if tag == "blockquote":
            quote_depth += 1
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    return HtmlText(out.result(), tidied.cut)


def _enter(out: _Writer, node: LexborNode, tag: str) -> None:
    if tag in _PARAGRAPH:
        out.newline(1 if _is_outlook_line(node) else 2)
    elif tag in _BLOCK:
        out.newline(1)
        if tag == "li":
            out.text("- ")
    elif tag in ("td", "th"):
        out.text(" ")


def _leave(out: _Writer, node: LexborNode, tag: str) -> None:
    if tag in _PARAGRAPH:
        if _is_outlook_line(node):
            if out.newlines:  # an empty Outlook paragraph is a blank line
                out.hard_break()
            out.newline(1)
        else:
            out.newline(2)
    elif tag in _BLOCK:
        out.newline(1)


def _is_outlook_line(node: LexborNode) -> bool:
    """Outlook writes each line as `<p class=MsoNormal>`; an empty one is a blank line."""
    return "MsoNormal" in (node.attributes.get("class") or "")
