"""Self-contained, printable HTML pages: one file, inline CSS, no scripts, nothing fetched.

The only links are the ones a page is about (a vendor's support pages, a booking
link); every text and attribute is escaped, so catalogue or client text cannot add markup.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

# Shared by every page: readable on screen, one clean page on paper.
BASE_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1c1c1c; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
  border-bottom: 1px solid #ddd; }
th { font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
a { color: #0b57a4; word-break: break-all; }
section { break-inside: avoid; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; } }
"""


def text(value: object) -> str:
    return escape(str(value), quote=True)


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{text(url)}">{text(label or url)}</a>'


def page(title: str, body: str, *, language: str = "en", css: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{text(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def save(path: Path, content: str) -> None:
    """Write a page atomically; an error names the file."""
    from tiertriage.errors import InputError
    from tiertriage.paths import write_atomically

    try:
        write_atomically(path, content)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the file: {exc.strerror}") from None
