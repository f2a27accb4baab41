"""The SQLite database: opening, numbered migrations, transactions and errors.

One database file (`Paths.database`). Its schema version is `PRAGMA user_version`;
numbered migrations bring an older file up to date when it is opened. WAL mode lets
readers run while a process writes; every write is one `BEGIN IMMEDIATE` transaction,
and a busy timeout makes concurrent invocations wait their turn instead of failing.
A file that is not a SQLite database, or a damaged one, is reported and never touched.

sqlite3 is imported when the database is first opened, never at import: `ask`
imports this module for its constants without paying for SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tiertriage.errors import StoreError

if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT = 10.0  # seconds a write waits for another process's transaction

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
    (
        "ALTER TABLE clients ADD COLUMN greeting TEXT",  # the client's own greeting line
        "ALTER TABLE clients ADD COLUMN language TEXT",  # en, pl: the replies' language
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class Connection:
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
