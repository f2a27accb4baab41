"""The SQLite store: the clients and the history of every `ask`.

One database file (`Paths.database`). Its schema version is `PRAGMA user_version`;
numbered migrations bring an older file up to date when it is opened. WAL mode lets
readers run while a process writes; every write is one `BEGIN IMMEDIATE` transaction,
and a busy timeout makes concurrent invocations wait their turn instead of failing.
A file that is not a SQLite database, or a damaged one, is reported and never touched.

sqlite3 is imported when the database is first opened, never at import: `ask`
imports this module for its constants without paying for SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiertriage.catalog.models import Client, client_key
from tiertriage.errors import ExistsError, NotFoundError, StoreError
from tiertriage.store.addresses import PUBLIC_MAIL_DOMAINS, bare_address, parent_domains
from tiertriage.store.history import HistoryEntry, utc_text

if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT = 10.0  # seconds a write waits for another process's transaction
AMBIGUOUS_SHOWN = 10  # candidates listed for an ambiguous name

# Migration n (1-based) brings a database from user_version n-1 to n. Append only.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,  -- client_key(name): names are unique ignoring case
            name TEXT NOT NULL,
            contact TEXT,
            notes TEXT,
            support_until TEXT  -- ISO date: the last day of the included support
        )""",
        """CREATE TABLE client_emails (
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            address TEXT NOT NULL,
            domain TEXT NOT NULL,
            PRIMARY KEY (client_id, position)
        )""",
        "CREATE INDEX client_emails_address ON client_emails(address)",
        "CREATE INDEX client_emails_domain ON client_emails(domain)",
        """CREATE TABLE client_domains (
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            domain TEXT NOT NULL,
            PRIMARY KEY (client_id, position)
        )""",
        "CREATE INDEX client_domains_domain ON client_domains(domain)",
        """CREATE TABLE client_stack (
            client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            vendor TEXT NOT NULL,
            PRIMARY KEY (client_id, role)
        )""",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,  -- UTC, "2025-01-31T09:30:00Z"
            client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
            client_name TEXT,  -- follows renames; kept when the client is removed
            question TEXT NOT NULL,
            topic TEXT,  -- the best-ranked topic, in or out of scope
            score REAL NOT NULL,
            action TEXT NOT NULL
        )""",
        "CREATE INDEX history_time ON history(time)",
        "CREATE INDEX history_client ON history(client_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """The database at `path`, opened (created, migrated) on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    # -- opening ---------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = self._open()
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection:
        # The file is never opened by Python itself: closing any descriptor of it would
        # drop the POSIX locks of this process's SQLite connections (and lose commits).
        # SQLite reads the header first and refuses a foreign file without writing to it.
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{self.path.parent}: cannot create the folder: {exc.strerror}"
            ) from None
        import sqlite3

        with self._errors():
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                db.execute("PRAGMA foreign_keys = ON")
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL cannot corrupt the file and survives a killed process;
                # only a power cut may lose the last commits.
                db.execute("PRAGMA synchronous = NORMAL")
                self._migrate(db)
            except BaseException:
                db.close()
                raise
        return db

    @property
    def _aside(self) -> str:
        return (
            f"it was left as it is: move it aside (mv '{self.path}' '{self.path}.bad') "
            "and tiertriage starts a new database, or restore a backup"
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = self._version(db)
        if version == SCHEMA_VERSION:
            return
        with self._transaction(db):
            version = self._version(db)  # another process may have migrated meanwhile
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _version(self, db: sqlite3.Connection) -> int:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer tiertriage "
                f"(schema {version}; this version knows up to {SCHEMA_VERSION})",
                hint="upgrade tiertriage",
            )
        return version

    # -- transactions and errors -----------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import sqlite3

        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> StoreError:
        message = str(exc)
        if "locked" in message or "busy" in message:
            return StoreError(
                f"{self.path}: the database stayed busy for {BUSY_TIMEOUT:g} s",
                hint="another tiertriage is writing to it; try again",
            )
        if "not a database" in message:
            return StoreError(f"{self.path}: not a SQLite database", hint=self._aside)
        if "malformed" in message or "corrupt" in message:
            return StoreError(f"{self.path}: the database is damaged ({message})", hint=self._aside)
        if "unable to open" in message and self.path.is_dir():
            return StoreError(f"{self.path}: is a folder, not a database", hint=self._aside)
        if "unable to open" in message or "readonly" in message:
            return StoreError(
                f"{self.path}: cannot open the database for writing ({message})",
                hint="check the permissions of the file and its folder",
            )
        return StoreError(f"{self.path}: database error: {message}")

    @contextmanager
    def _transaction(self, db: sqlite3.Connection, mode: str = "IMMEDIATE") -> Iterator[None]:
        """One transaction; IMMEDIATE takes the write lock up front, so two writers
        queue on the busy timeout instead of failing when they upgrade."""
        import sqlite3

        with self._errors():
            db.execute(f"BEGIN {mode}")
            try:
                yield
            except BaseException:
                with suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        with self._transaction(db):
            yield db

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state of the database."""
        db = self.db
        with self._transaction(db, "DEFERRED"):
            yield db

    # -- clients ---------------------------------------------------------------------

    def add_client(self, client: Client) -> None:
        with self._write() as db:
            self._insert(db, client)

    def update_client(self, name: str, client: Client) -> None:
        """Replace the client called `name` (it may be renamed) with `client`."""
        with self._write() as db:
            self._replace(db, self._id(db, name), client)

    def remove_client(self, name: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM clients WHERE id = ?", (self._id(db, name),))

    def import_clients(self, clients: Sequence[Client], *, replace: bool = False) -> int:
        """Add every client in one transaction: all of them or, on any error, none.
        An existing name is an error unless `replace`. Returns how many were replaced."""
        replaced = 0
        with self._write() as db:
            existing = {
                key: (client_id, name)
                for client_id, key, name in db.execute("SELECT id, key, name FROM clients")
            }
            clashes = [existing[c.key][1] for c in clients if c.key in existing]
            if clashes and not replace:
                raise ExistsError(
                    f"{len(clashes)} client(s) already exist: {_listing(clashes)}",
                    hint="pass --replace to overwrite them; nothing was imported",
                )
            for client in clients:
                if client.key in existing:
                    replaced += 1
                    self._replace(db, existing[client.key][0], client)
                else:
                    self._insert(db, client)
        return replaced

    def clients(self) -> list[Client]:
        """Every client, ordered by name."""
        with self._snapshot() as db:
            return _load_clients(db, "ORDER BY key")

    def client_names(self) -> list[str]:
        with self._errors():
            return [name for (name,) in self.db.execute("SELECT name FROM clients ORDER BY key")]

    def find_client(self, name: str) -> Client:
        """The client called `name` ignoring case; else the only one whose name starts so."""
        key = client_key(name)
        with self._snapshot() as db:
            found = db.execute("SELECT id, name FROM clients WHERE key = ?", (key,)).fetchall()
            if not found:
                found = db.execute(
                    "SELECT id, name FROM clients WHERE key >= ? AND key < ? ORDER BY key",
                    (key, key + "\U0010ffff"),  # every key that starts with `key`
                ).fetchall()
            if len(found) == 1:
                return _load_clients(db, "WHERE id = ?", (found[0][0],))[0]
        if found:
            raise NotFoundError(
                f"'{name}' matches {len(found)} clients: {_listing([n for _, n in found])}",
                hint="give more of the name",
            )
        from tiertriage.wording import closest

        names = self.client_names()
        if not names:
            raise NotFoundError(
                f"no client named '{name}'", hint="no clients yet: `tiertriage client add NAME`"
            )
        known = names if len(names) <= AMBIGUOUS_SHOWN else ()
        raise NotFoundError(f"no client named '{name}'{closest(name, names, known=known)}")

    def client_for_address(self, address: str) -> Client | None:
        """The client an email address belongs to: its recorded address, else its domain
        among recorded domains, else among the domains of recorded addresses (never a
        public mailbox provider's). None when nothing, or more than one client, fits."""
        address = bare_address(address)
        domain = address.rpartition("@")[2]
        if not domain:
            return None
        domains = parent_domains(domain)
        queries: list[tuple[str, Sequence[str]]] = [
            ("SELECT DISTINCT client_id FROM client_emails WHERE address = ?", (address,))
        ]
        queries += [
            (
                "SELECT DISTINCT client_id FROM client_domains WHERE domain IN (?, ?)",
                (d, "www." + d),
            )
            for d in domains
        ]
        if domain not in PUBLIC_MAIL_DOMAINS:
            queries += [
                ("SELECT DISTINCT client_id FROM client_emails WHERE domain = ?", (d,))
                for d in domains
            ]
        with self._snapshot() as db:
            for sql, params in queries:
                ids = [client_id for (client_id,) in db.execute(sql, params)]
                if len(ids) > 1:
                    return None
                if ids:
                    return _load_clients(db, "WHERE id = ?", (ids[0],))[0]
        return None

    def _insert(self, db: sqlite3.Connection, client: Client) -> None:
        import sqlite3

        try:
            cursor = db.execute(
                "INSERT INTO clients (key, name, contact, notes, support_until) "
                "VALUES (?, ?, ?, ?, ?)",
                _client_row(client),
            )
        except sqlite3.IntegrityError:
            raise self._exists(db, client) from None
        assert cursor.lastrowid is not None
        _insert_details(db, cursor.lastrowid, client)

    def _replace(self, db: sqlite3.Connection, client_id: int, client: Client) -> None:
        """Overwrite a client in place, so its history stays linked (and renamed)."""
        import sqlite3

        try:
            db.execute(
                "UPDATE clients SET key = ?, name = ?, contact = ?, notes = ?, "
                "support_until = ? WHERE id = ?",
                (*_client_row(client), client_id),
            )
        except sqlite3.IntegrityError:
            raise self._exists(db, client) from None
        for table in ("client_emails", "client_domains", "client_stack"):
            db.execute(f"DELETE FROM {table} WHERE client_id = ?", (client_id,))
        db.execute(
            "UPDATE history SET client_name = ? WHERE client_id = ?", (client.name, client_id)
        )
        _insert_details(db, client_id, client)

    def _id(self, db: sqlite3.Connection, name: str) -> int:
        row = db.execute("SELECT id FROM clients WHERE key = ?", (client_key(name),)).fetchone()
        if row is None:
            raise NotFoundError(f"no client named '{name}'")
        return int(row[0])

    def _exists(self, db: sqlite3.Connection, client: Client) -> ExistsError:
        row = db.execute("SELECT name FROM clients WHERE key = ?", (client.key,)).fetchone()
        existing = row[0] if row else client.name
        return ExistsError(
            f"a client named '{existing}' already exists",
            hint=f"change it with `tiertriage client edit '{existing}'`",
        )

    # -- history ---------------------------------------------------------------------

    def record(self, entries: Sequence[HistoryEntry]) -> None:
        """Add history rows in one transaction; `client` is matched to the client by name."""
        with self._write() as db:
            db.executemany(
                "INSERT INTO history (time, client_id, client_name, question, topic, score, action)"
                " VALUES (?, (SELECT id FROM clients WHERE key = ?), ?, ?, ?, ?, ?)",
                [
                    (
                        e.time,
                        client_key(e.client) if e.client else None,
                        e.client,
                        e.question,
                        e.topic,
                        e.score,
                        e.action,
                    )
                    for e in entries
                ],
            )

    def history(
        self,
        *,
        client: Client | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[HistoryEntry]:
        """The most recent entries first."""
        conditions, params = [], []
        if client is not None:
            conditions.append("client_id = (SELECT id FROM clients WHERE key = ?)")
            params.append(client.key)
        if since is not None:
            conditions.append("time >= ?")
            params.append(utc_text(since))
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            "SELECT time, client_name, question, topic, score, action "
            f"FROM history {where} ORDER BY id DESC LIMIT ?"
        )
        with self._errors():
            rows = self.db.execute(sql, (*params, -1 if limit is None else limit))
            return [HistoryEntry(*row) for row in rows]


def _client_row(client: Client) -> tuple[Any, ...]:
    until = client.support_until.isoformat() if client.support_until else None
    return (client.key, client.name, client.contact, client.notes, until)


def _insert_details(db: sqlite3.Connection, client_id: int, client: Client) -> None:
    db.executemany(
        "INSERT INTO client_emails VALUES (?, ?, ?, ?)",
        [(client_id, n, a, a.rpartition("@")[2]) for n, a in enumerate(client.emails)],
    )
    db.executemany(
        "INSERT INTO client_domains VALUES (?, ?, ?)",
        [(client_id, n, d) for n, d in enumerate(client.domains)],
    )
    db.executemany(
        "INSERT INTO client_stack VALUES (?, ?, ?)",
        [(client_id, role, vendor) for role, vendor in sorted(client.stack.items())],
    )


def _load_clients(db: sqlite3.Connection, clause: str, params: Sequence[Any] = ()) -> list[Client]:
    """Clients chosen by `clause` (on table `clients`), with their addresses, domains, stack."""
    rows = db.execute(
        f"SELECT id, name, contact, notes, support_until FROM clients {clause}", params
    ).fetchall()
    if not rows:
        return []
    chosen = f"SELECT id FROM clients {clause}"
    emails = _grouped(db, "address", "client_emails", chosen, params, "position")
    domains = _grouped(db, "domain", "client_domains", chosen, params, "position")
    stacks = _grouped(db, "role, vendor", "client_stack", chosen, params, "role")
    # Rows were validated when written: construct without validating again (fast lists).
    return [
        Client.model_construct(
            name=name,
            contact=contact,
            emails=emails.get(client_id, []),
            domains=domains.get(client_id, []),
            notes=notes,
            support_until=date.fromisoformat(until) if until else None,
            stack=dict(stacks.get(client_id, [])),
        )
        for client_id, name, contact, notes, until in rows
    ]


def _grouped(
    db: sqlite3.Connection,
    columns: str,
    table: str,
    chosen: str,
    params: Sequence[Any],
    order: str,
) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    sql = (
        f"SELECT client_id, {columns} FROM {table} WHERE client_id IN ({chosen}) "
        f"ORDER BY client_id, {order}"
    )
    for client_id, *values in db.execute(sql, params):
        grouped.setdefault(client_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return grouped


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(names[:AMBIGUOUS_SHOWN])
    return shown + (
        f", … ({len(names) - AMBIGUOUS_SHOWN} more)" if len(names) > AMBIGUOUS_SHOWN else ""
    )
