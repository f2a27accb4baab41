"""A small vendor world for the scorecard, vendor-test and card tests: a catalogue of
four roles (one hosted platform covering three of them), and an HTML checker."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

VENDORS = """\
roles:
  registrar: {label: domain registrar, default: regone}
  cms: {label: website platform, default: wp}
  shop: {label: shop plugin, default: woo}
  host: {label: web host, default: hosttwo}
vendors:
  - id: regone
    name: Reg One
    roles: [registrar]
    support:
      help: https://help.regone.example
      chat: https://regone.example/chat
      chat_hours: "24/7"
      phone: "+1 555 0100"
      phone_hours: "Mon-Fri 9-17 ET"
      contact: https://regone.example/ticket
      status: https://status.regone.example
  - id: hostone
    name: Host One
    roles: [host]
    website: https://hostone.example
    support:
      help: https://hostone.example/help
      chat: https://hostone.example/chat
      chat_plans: "paid plans only"
      contact: https://hostone.example/ticket
      status: https://status.hostone.example
      community: https://forum.hostone.example
      tutorials: https://hostone.example/learn
      response_time: "tickets within 2 hours"
    trial: "30-day free trial"
    money_back: "None: paid plans are non-refundable"
    reviews:
      trustpilot: https://www.trustpilot.com/review/hostone.example
    checked: "2026-12"
    sources:
      support.chat_plans: https://hostone.example/help/chat
  - id: hosttwo
    name: Host Two
    roles: [host]
    support: {help: "https://hosttwo.example/help"}
    money_back: "30-day money-back guarantee"
  - id: hostthree
    name: Host Three
    roles: [host]
    support:
      help: https://hostthree.example/help
      chat: https://hostthree.example/chat
      chat_hours: "Mon-Fri 9-17"
      phone: "+44 20 0000 0000"
  - id: wp
    name: WordPress
    roles: [cms]
    support:
      help: https://wordpress.example/documentation/
      community: https://wordpress.example/support/forums/
  - id: woo
    name: WooShop
    roles: [shop]
    support:
      help: https://wooshop.example/docs
      contact: https://wooshop.example/ticket
  - id: platformx
    name: Platform X
    roles: [cms, shop, host]
    support:
      help: https://platformx.example/help
      help_pl: https://platformx.example/pl/pomoc
      chat: https://platformx.example/chat
      chat_hours: "24/7"
      status: https://status.platformx.example
      languages: [en]
"""

ANSWERS = """\
topics:
  - id: dns.records
    role: registrar
    title: DNS records
    keywords: [dns record, cname, mx record]
    examples: ["how do I add a dns record", "where do I put the cname"]
    directions: "{registrar} > Domains > DNS."
    search: add a DNS record
    next_step: Ask {vendor} on their live chat.
  - id: host.down
    role: host
    title: The site is down
    keywords: [site down, website offline, not loading]
    examples: ["our website is down", "the site is not loading at all"]
    directions: "Check {host}'s status page first."
    search: website down checker
    next_step: Ask {vendor} on their live chat.
  - id: host.redesign
    role: host
    title: Faster hosting plans
    action: answer+consult
    keywords: [faster plan, upgrade hosting]
    examples: ["should we upgrade to a faster hosting plan"]
    directions: "{host} > Plans."
    search: hosting plans
    next_step: Compare the plans with {vendor}.
    consult: A plan change affects your costs.
  - id: oos.logo
    title: A new logo
    action: escalate
    keywords: [new logo, rebrand]
    examples: ["can you design us a new logo"]
    consult: Design work is a project of its own.
"""


def write_catalogue(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vendors.yaml").write_text(VENDORS, encoding="utf-8")
    (directory / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    return directory


_VOID = {"meta", "link", "br", "hr", "img", "input", "rect", "path", "circle", "line"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.links.append(value)
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else '-'}>")
        else:
            self.open.pop()


def check_html(page: str, allowed_links: set[str]) -> list[str]:
    """Parse `page`: it must be well-formed (every element closed in order), have no
    script, no event handler, no stylesheet or image fetched, and link only to
    `allowed_links`. Returns the tags seen."""
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert page.startswith("<!DOCTYPE html>")
    assert not checker.problems, checker.problems
    assert not checker.open, f"never closed: {checker.open}"
    assert "script" not in checker.tags and "<script" not in page.lower()
    assert "link" not in checker.tags and "img" not in checker.tags
    assert "@import" not in page and "url(" not in page
    strays = [url for url in checker.links if url not in allowed_links]
    assert not strays, f"links besides the vendors': {strays}"
    return checker.tags
