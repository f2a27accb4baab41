"""`vendors compare --html`: the scorecards as one printable report with SVG bar charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from tiertriage.render.html import link, page, text
from tiertriage.render.scorecard import facts
from tiertriage.scorecard.score import CRITERION_LABELS, UNKNOWN

if TYPE_CHECKING:
    from tiertriage.catalog.models import Vendor
    from tiertriage.scorecard.score import Scorecard
    from tiertriage.settings import ScoreCriterion

CSS = """
svg { display: block; margin: .4rem 0 .8rem; }
svg text { font: 12px system-ui, sans-serif; fill: #1c1c1c; }
rect.track { fill: #e8e8e8; }
rect.bar { fill: #2f6db5; }
rect.guess { fill: #9db7d9; }
p.score { font-size: 1.1rem; margin: .2rem 0; }
ul.links { padding-left: 1.2rem; }
"""
_LABEL_WIDTH = 190  # px of a chart's labels
_BAR_WIDTH = 360  # px of a full bar
_ROW = 24  # px per bar


def _chart(rows: Sequence[tuple[str, float, float, bool]], title: str) -> str:
    """Horizontal bars: (label, value, full, known) each; an unknown value in a paler tone."""
    height = _ROW * len(rows) + 4
    width = _LABEL_WIDTH + _BAR_WIDTH + 70
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{text(title)}">'
    ]
    scale = _BAR_WIDTH / max((full for _, _, full, _ in rows), default=1)
    for n, (label, value, full, known) in enumerate(rows):
        y = n * _ROW + 2
        kind = "bar" if known else "guess"
        parts += [
            f'<text x="0" y="{y + 15}">{text(label)}</text>',
            f'<rect class="track" x="{_LABEL_WIDTH}" y="{y + 3}" width="{full * scale:.1f}" '
            'height="16"/>',
            f'<rect class="{kind}" x="{_LABEL_WIDTH}" y="{y + 3}" width="{value * scale:.1f}" '
            'height="16"/>',
            f'<text x="{_LABEL_WIDTH + full * scale + 6:.1f}" y="{y + 15}">{value:.1f}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _vendor_links(vendor: Vendor) -> list[str]:
    support = vendor.support
    found = [
        ("Website", vendor.website),
        ("Help centre", support.help),
        ("Live chat", support.chat),
        ("Tickets", support.contact),
        ("Status page", support.status),
        ("Forum", support.community),
        ("Tutorials", support.tutorials),
    ]
    if vendor.reviews:
        found += [
            ("Trustpilot", vendor.reviews.trustpilot),
            ("Reviews.io", vendor.reviews.reviews_io),
        ]
    return [f"{text(label)}: {link(url)}" for label, url in found if url]


def _section(card: Scorecard, rank: int) -> str:
    weighed = [part for part in card.parts if part.weight]
    chart = _chart(
        [(part.label, part.points, part.weight, part.known) for part in weighed],
        f"{card.vendor.name}: points per criterion",
    )
    rows = [
        f"<tr><th>{text(part.label)}</th><td>{text(part.evidence)}</td>"
        f'<td class="num">{part.points:.1f} of {part.weight:g}'
        f"{'' if part.known else ' ?'}</td></tr>"
        for part in weighed
    ]
    rows += [
        f'<tr><th>{text(label)}</th><td colspan="2">{text(value)}</td></tr>'
        for label, value in facts(card)
    ]
    links = "".join(f"<li>{item}</li>" for item in _vendor_links(card.vendor))
    return (
        f"<section>\n<h2>{rank}. {text(card.vendor.name)}</h2>\n"
        f'<p class="score">Score <strong>{card.score:g}</strong> of 100 '
        f"({text(', '.join(card.vendor.roles))})</p>\n{chart}\n"
        f"<table>{''.join(rows)}</table>\n"
        f'<h3>Support pages</h3>\n<ul class="links">{links}</ul>\n</section>'
    )


def scorecard_html(
    cards: Sequence[Scorecard], title: str, weights: Mapping[ScoreCriterion, float], today: date
) -> str:
    """The report: every vendor's total as a bar, the weights, then each scorecard."""
    summary = _chart(
        [(card.vendor.name, card.score, 100.0, True) for card in cards], "Scores out of 100"
    )
    weight_rows = "".join(
        f'<tr><th>{text(CRITERION_LABELS[c])}</th><td class="num">{w:g}</td></tr>'
        for c, w in weights.items()
    )
    body = (
        f"<h1>{text(title)}</h1>\n"
        f'<p class="meta">Made by tiertriage on {today.isoformat()}. Each criterion earns '
        "points up to its weight; the score is the points out of the weights, out of 100. "
        f"A criterion without evidence yet (no tests, no client questions) counts as "
        f"{UNKNOWN:.0%} of its weight and is marked ?, in a paler bar.</p>\n"
        f"<section>\n<h2>Scores</h2>\n{summary}\n</section>\n"
        f"<section>\n<h2>Weights</h2>\n<table>{weight_rows}</table>\n</section>\n"
        + "\n".join(_section(card, rank) for rank, card in enumerate(cards, 1))
    )
    return page(title, body, css=CSS)
