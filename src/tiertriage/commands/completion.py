"""Shell completion values: client names, topic ids, vendor ids, roles.

The shell calls these on every Tab, so they read only what they need (the cached
catalogue, the client names, never the history) and never fail: a broken catalogue,
settings file or database completes nothing instead of printing a traceback into the
user's prompt. Each returns (value, help) pairs, which shells that can show it do.

Values are quoted for shells that insert them as they are: bash would otherwise split
`Gabinet Łódź` in two and run `Bloom & Wick Candles` in the background. zsh and fish
quote what they insert themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tiertriage.catalog.load import Catalog

Candidates = list[tuple[str, str]]


def _safely(produce: Callable[[], Iterable[tuple[str, str]]], incomplete: str) -> Candidates:
    try:
        quote = _quoting()
        return [(quote(value), help) for value, help in produce() if value.startswith(incomplete)]
    except Exception:  # completion must never break the user's shell
        return []


class _Quoted(str):
    """A value as the shell must receive it, that still matches what was typed: Typer
    keeps only the values that start with the word being completed, which the shell
    hands over unquoted."""

    plain: str

    def __new__(cls, quoted: str, plain: str) -> _Quoted:
        value = super().__new__(cls, quoted)
        value.plain = plain
        return value

    def startswith(self, prefix: Any, *args: Any) -> bool:
        return self.plain.startswith(prefix, *args)


def _quoting() -> Callable[[str], str]:
    """How the shell asking (Typer's `complete_<shell>` protocol) needs a value quoted."""
    import os
    import re

    from tiertriage.cli import COMPLETION_ENV

    shell = os.environ.get(COMPLETION_ENV, "")
    if shell == "complete_bash":
        import shlex

        return lambda value: _Quoted(shlex.quote(value), value)
    if shell in ("complete_powershell", "complete_pwsh"):

        def single_quoted(value: str) -> str:
            if re.fullmatch(r"[\w@%+=:,./-]+", value):
                return value
            return _Quoted("'" + value.replace("'", "''") + "'", value)

        return single_quoted
    return lambda value: value


def _catalog() -> Catalog:
    from tiertriage.workspace import Workspace

    return Workspace().catalog


def topic_ids(incomplete: str) -> Candidates:
    return _safely(lambda: ((t.id, t.title) for t in _catalog().topics.values()), incomplete)


def vendor_ids(incomplete: str) -> Candidates:
    return _safely(lambda: ((v.id, v.name) for v in _catalog().vendors.values()), incomplete)


def roles(incomplete: str) -> Candidates:
    return _safely(lambda: ((r, info.label) for r, info in _catalog().roles.items()), incomplete)


def vendors_of(role: str) -> Callable[[str], Candidates]:
    """Completion for an option naming the vendor of one role (`--host siteground`)."""

    def complete(incomplete: str) -> Candidates:
        return _safely(lambda: ((v.id, v.name) for v in _catalog().vendors_for(role)), incomplete)

    return complete


def client_names(incomplete: str) -> Candidates:
    def names() -> Iterable[tuple[str, str]]:
        from tiertriage.paths import get_paths
        from tiertriage.store.database import Store

        database = get_paths().database
        if not database.is_file():  # completing must not create the database
            return []
        store = Store(database)
        try:
            return [(name, "client") for name in store.client_names()]
        finally:
            store.close()

    return _safely(names, incomplete)
