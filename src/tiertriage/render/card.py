"""The "who to call" card as plain text (to paste into an email), Markdown, one printable
HTML page, JSON, or an email draft to the client's contact."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tiertriage.render.html import link, page
from tiertriage.render.html import text as esc

if TYPE_CHECKING:
    from tiertriage.card.build import Card, Entry, Reach


def _me(card: Card) -> str:
    return card.text("me") + (f": {card.freelancer}" if card.freelancer else "")


def _reach_text(reach: Reach) -> str:
    return f"{reach.label}: {reach.value}" + (f" ({reach.detail})" if reach.detail else "")


def card_text(card: Card) -> str:
    """Plain text: no markup, every link written out, ready to paste."""
    blocks = [card.title, card.text("intro")]
    for entry in card.entries:
        lines = [entry.vendor.name, f"{card.text('handles')}: {'; '.join(entry.handles)}"]
        lines.append(card.text("reach") + ":")
        lines += [f"  {n}. {_reach_text(r)}" for n, r in enumerate(entry.reach, 1)]
        if entry.status:
            lines.append(card.text("status", url=entry.status))
        lines.append(f"{card.text('ready')}: {'; '.join(entry.ready)}")
        if entry.note:
            lines.append(entry.note)
        blocks.append("\n".join(lines))
    blocks.append("\n".join([_me(card), *card.terms]))
    return "\n\n".join(blocks) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(value: str) -> str:
    """Text that Markdown shows as it is."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def _md_value(reach: Reach) -> str:
    return f"<{reach.value}>" if reach.is_url else _md(reach.value)


def card_markdown(card: Card) -> str:
    blocks = [f"# {_md(card.title)}", _md(card.text("intro"))]
    for entry in card.entries:
        blocks.append(f"## {_md(entry.vendor.name)}")
        blocks.append(f"**{_md(card.text('handles'))}:** {_md('; '.join(entry.handles))}")
        steps = [
            f"{n}. {_md(r.label)}: {_md_value(r)}" + (f" ({_md(r.detail)})" if r.detail else "")
            for n, r in enumerate(entry.reach, 1)
        ]
        blocks.append(f"**{_md(card.text('reach'))}:**\n\n" + "\n".join(steps))
        if entry.status:
            status = card.text("status", url="\0")
            blocks.append(_md(status).replace("\0", f"<{entry.status}>"))
        blocks.append(f"**{_md(card.text('ready'))}:** {_md('; '.join(entry.ready))}")
        if entry.note:
            blocks.append(_md(entry.note))
    terms = [_linked_md(line, card.booking_link) for line in card.terms]
    blocks.append(f"## {_md(_me(card))}\n\n" + "\n".join(f"- {line}" for line in terms))
    return "\n\n".join(blocks) + "\n"


def _linked_md(line: str, url: str | None) -> str:
    if url and url in line:
        before, _, after = line.partition(url)
        return f"{_md(before)}<{url}>{_md(after)}"
    return _md(line)


CARD_CSS = """
div.vendors { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
  gap: .8rem; margin: .8rem 0; }
section.vendor { border: 1px solid #ccc; border-radius: 6px; padding: .2rem 1rem .6rem; }
section.vendor h2 { margin-top: .6rem; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: .4rem; }
dd { margin: 0 0 0 1rem; }
ol { margin: .2rem 0; padding-left: 1.4rem; }
@media print { body { font-size: 9pt; } div.vendors { grid-template-columns: 1fr 1fr;
  gap: .4rem; } h1 { font-size: 14pt; } h2 { font-size: 11pt; margin: .3rem 0; } }
"""


def _reach_html(reach: Reach) -> str:
    value = link(reach.value) if reach.is_url else esc(reach.value)
    detail = f" ({esc(reach.detail)})" if reach.detail else ""
    return f"<li>{esc(reach.label)}: {value}{detail}</li>"


def _entry_html(card: Card, entry: Entry) -> str:
    items = [
        f"<dt>{esc(card.text('handles'))}</dt><dd>{esc('; '.join(entry.handles))}</dd>",
        f"<dt>{esc(card.text('reach'))}</dt>"
        f"<dd><ol>{''.join(_reach_html(r) for r in entry.reach)}</ol></dd>",
    ]
    if entry.status:
        before, _, after = card.text("status", url="\0").partition("\0")
        items.append(f"<dd>{esc(before)}{link(entry.status)}{esc(after)}</dd>")
    items.append(f"<dt>{esc(card.text('ready'))}</dt><dd>{esc('; '.join(entry.ready))}</dd>")
    if entry.note:
        items.append(f"<dd>{esc(entry.note)}</dd>")
    return (
        f'<section class="vendor">\n<h2>{esc(entry.vendor.name)}</h2>\n'
        f"<dl>{''.join(items)}</dl>\n</section>"
    )


def _term_html(line: str, url: str | None) -> str:
    if url and url in line:
        before, _, after = line.partition(url)
        return f"<li>{esc(before)}{link(url)}{esc(after)}</li>"
    return f"<li>{esc(line)}</li>"


def card_html(card: Card) -> str:
    """One printable page: links only to the vendors' support pages and the booking link."""
    terms = "".join(_term_html(line, card.booking_link) for line in card.terms)
    body = (
        f"<h1>{esc(card.title)}</h1>\n<p>{esc(card.text('intro'))}</p>\n"
        + '<div class="vendors">\n'
        + "\n".join(_entry_html(card, entry) for entry in card.entries)
        + f"\n</div>\n<section>\n<h2>{esc(_me(card))}</h2>\n<ul>{terms}</ul>\n</section>"
    )
    return page(card.title, body, language=card.language, css=CARD_CSS)


def card_email_body(card: Card) -> str:
    """The card as the body of an email to the client's contact."""
    name = card.client.first_name
    greeting = card.text("greeting", name=name) if name else card.text("greeting_anonymous")
    return (
        "\n\n".join([greeting, card.text("email_intro"), card_text(card).rstrip(), card.signature])
        + "\n"
    )


def card_json(card: Card) -> dict[str, Any]:
    return {
        "client": card.client.name,
        "language": card.language,
        "title": card.title,
        "vendors": [
            {
                "id": entry.vendor.id,
                "name": entry.vendor.name,
                "roles": entry.roles,
                "handles": entry.handles,
                "reach": [r._asdict() for r in entry.reach],
                "status_url": entry.status,
                "ready": entry.ready,
                "note": entry.note,
            }
            for entry in card.entries
        ],
        "terms": card.terms,
        "text": card_text(card),
    }


def print_card(card: Card) -> None:
    """On a terminal, the Markdown rendered; piped, the plain text to paste."""
    from tiertriage.render import output

    if not output.stdout_is_terminal():
        output.print_text(card_text(card))
        return
    from rich.markdown import Markdown

    output.console().print(Markdown(card_markdown(card)))
