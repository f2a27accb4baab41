"""The SQLite store: clients, the history of every question and the freelancer's vendor
tests, in one database file."""

from __future__ import annotations

from tiertriage.store.clients import ClientQueries
from tiertriage.store.history import HistoryQueries
from tiertriage.store.vendor_tests import VendorTestQueries


class Store(ClientQueries, HistoryQueries, VendorTestQueries):
    """The database at `path`, opened (created, migrated) on first use; see `connection`."""
