"""The SQLite store: clients and the history of every question, in one database file."""

from __future__ import annotations

from tiertriage.store.clients import ClientQueries
from tiertriage.store.history import HistoryQueries


class Store(ClientQueries, HistoryQueries):
    """The database at `path`, opened (created, migrated) on first use; see `connection`."""
