"""Hostile HTML cannot make reading a message slow (issue 15, case 1): the HTML given to
the parser is bounded in size, nesting depth and tags, and what was cut is reported.
The time bound itself is measured in benchmarks/bench_hostile.py, not asserted here."""

from __future__ import annotations

import json
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tiertriage.mail.html import html_to_text
from tiertriage.mail.tidy import (
    CUT_DEPTH,
    CUT_SIZE,
    CUT_TAGS,
    MAX_DEPTH,
    MAX_HTML,
    MAX_TAGS,
    tidy,
)


def tree_depth(html: str) -> int:
    """How deep the parser's tree of `html` goes (iteratively: it may be very deep)."""
    root = LexborHTMLParser(html).root
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child if node is not None else None
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return deepest


def html_message(html: str) -> bytes:
    return (
        b"From: Jane <jane@example.com>\nSubject: menu\nMIME-Version: 1.0\n"
        b'Content-Type: text/html; charset="utf-8"\n\n' + html.encode()
    )


def test_80000_nested_divs_reach_the_parser_at_most_max_depth_deep() -> None:
    html = "<div>" * 80_000 + "where is my menu?" + "</div>" * 80_000
    assert tree_depth(html[:50_000]) > 5_000  # the parser alone would nest them all
    tidied = tidy(html)
    assert tree_depth(tidied.html) <= MAX_DEPTH + 3  # + html, body and the text
    assert CUT_DEPTH in tidied.cut


def test_a_million_bold_tags_are_cut_to_the_size_and_tag_limits() -> None:
    html = "<b>" * 1_000_000 + "hi"
    tidied = tidy(html)
    assert tidied.cut == (CUT_SIZE, CUT_DEPTH, CUT_TAGS)
    assert tidied.html.count("<b>") == MAX_DEPTH
    assert len(tidied.html) < MAX_HTML


def test_the_text_before_a_deep_nest_is_read_and_the_cut_reported(tmp_path: Path, cli) -> None:
    deep = "<div>" * 5_000 + "</div>" * 5_000
    message = tmp_path / "deep.eml"
    message.write_bytes(html_message(f"<p>How do I change my permalinks?</p>{deep}"))
    result = cli("ask", "--json", "--no-log", "--file", str(message))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["question"] == "How do I change my permalinks?"
    assert data["cut"] == [CUT_DEPTH]
    assert f"tiertriage: warning: {CUT_DEPTH}\n" in result.stderr


def test_a_body_that_is_all_tags_is_refused_naming_the_cut(tmp_path: Path, cli) -> None:
    message = tmp_path / "tags.eml"
    message.write_bytes(html_message("<a></a>" * (MAX_TAGS // 2) + "<p>where is my menu?</p>"))
    result = cli("ask", "--no-log", "--file", str(message))
    assert result.exit_code == 2
    assert f"no question text found ({CUT_TAGS})" in result.stderr


def test_html_the_parser_reads_the_same_way_is_unchanged_by_the_limits() -> None:
    html = (
        "<html><head><style>p {color: red}</style></head><body>"
        "<p class=MsoNormal>Hi<o:p></o:p></p><ul><li>one<li>two</ul>"
        "<table><tr><td>a<td>b<tr><td>c</table><div title='1 > 0'>t</div>"
        "<!-- <div> --><p>1 &lt; 2 < 3</p></body></html>"
    )
    tidied = tidy(html)
    assert tidied.cut == ()
    assert tidied.html == (
        '<p class="MsoNormal">Hi<o:p></o:p></p><ul><li>one</li><li>two</li></ul>'
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><div>t</div>"
        "<p>1 &lt; 2 &lt; 3</p>"
    )
    assert html_to_text(html) == (html_to_text(tidied.html).text, ())
    assert html_to_text(html).text == "Hi\n- one\n- two\na b\nc\nt\n\n1 < 2 < 3"
