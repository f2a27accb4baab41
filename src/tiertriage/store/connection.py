"""The SQLite database: opening, numbered migrations, transactions and errors.

One database file (`Paths.database`), marked as tiertriage's by `PRAGMA application_id`;
its schema version is `PRAGMA user_version`, and numbered migrations bring an older file
up to date. WAL mode lets readers run while a process writes; every write is one
`BEGIN IMMEDIATE` transaction, and a busy timeout makes concurrent invocations wait
their turn instead of failing.

Nothing is written to a file before it is known to be tiertriage's and sound: an
existing file is first opened read-only and recognised (its application id, or for a
file from before the id, its schema), and the first write of a process is preceded by
`PRAGMA quick_check`. A foreign, empty or damaged file is refused, its bytes untouched.
A new database is built under a temporary name and linked into place complete.

sqlite3 is imported when the database is first opened, never at import: `ask`
imports this module for its constants without paying for SQLite.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tiertriage.errors import StoreError
from tiertriage.paths import place
from tiertriage.wording import PERMISSIONS

if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT = 10.0  # seconds a write waits for another process's transaction
APPLICATION_ID = int.from_bytes(b"tTtR", "big")  # header bytes 68-71 of every tiertriage file
# A file from before the application id is tiertriage's when its schema has these.
_LEGACY_TABLES = frozenset({"clients", "client_emails", "client_domains", "history"})

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
        # Where an entry came from, and which message it answered: `triage` skips a
        # message already in the history.
        "ALTER TABLE history ADD COLUMN source TEXT NOT NULL DEFAULT 'ask'",  # ask | triage
        "ALTER TABLE history ADD COLUMN mailbox TEXT",  # the mailbox `triage` read
        "ALTER TABLE history ADD COLUMN message TEXT",  # Message-ID, or sha256:<hex>
        "ALTER TABLE history ADD COLUMN subject TEXT",
        "CREATE INDEX history_message ON history(message)",
    ),
    (
        """CREATE TABLE vendor_tests (
            id INTEGER PRIMARY KEY,
            vendor TEXT NOT NULL,  -- a vendor id; kept if the vendor leaves the catalogue
            channel TEXT NOT NULL,  -- chat, phone, ticket or email
            date TEXT NOT NULL,  -- ISO date of the test
            first_response REAL,  -- seconds to the first human reply
            resolution REAL,  -- minutes to resolution
            welcome INTEGER,  -- ratings 1-5
            knowledge INTEGER,
            patience INTEGER,
            clarity INTEGER,
            concise INTEGER,
            good_questions INTEGER,  -- 0/1: booleans; NULL: not noted
            sales_pitch INTEGER,
            escalated INTEGER,
            transfers INTEGER,
            question TEXT,
            notes TEXT
        )""",
        "CREATE INDEX vendor_tests_vendor ON vendor_tests(vendor)",
    ),
    (
        "ALTER TABLE clients ADD COLUMN greeting TEXT",  # the client's own greeting line
        "ALTER TABLE clients ADD COLUMN language TEXT",  # en, pl: the replies' language
    ),
    (
        # `tiertriage fix`: the right outcome replaces the matcher's in `topic` and
        # `action`, and the matcher's is kept here so `fix --undo` can put it back.
        "ALTER TABLE history ADD COLUMN fixed TEXT",  # UTC time of the fix; NULL: as matched
        "ALTER TABLE history ADD COLUMN matched_topic TEXT",
        "ALTER TABLE history ADD COLUMN matched_action TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class Connection:
    """The database at `path`, opened (created, migrated) on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._checked = False  # quick_check passed in this process
        self._adopt = False  # a file from before the application id: mark it on first write

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

    def check(self) -> None:
        """Open the database and verify it (`PRAGMA quick_check`) without writing to it;
        `StoreError` when it is foreign, damaged or unreadable."""
        self._verify(self.db)

    def _open(self) -> sqlite3.Connection:
        # The file is never opened by Python itself: closing any descriptor of it would
        # drop the POSIX locks of this process's SQLite connections (and lose commits).
        import sqlite3

        with self._errors():
            if not self._file_exists():
                self._create()
            version, journal = self._recognise()
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                db.execute("PRAGMA foreign_keys = ON")
                # In WAL mode NORMAL cannot corrupt the file and survives a killed process;
                # only a power cut may lose the last commits.
                db.execute("PRAGMA synchronous = NORMAL")
                if journal != "wal" or version < SCHEMA_VERSION:
                    self._verify(db)
                    if journal != "wal":
                        db.execute("PRAGMA journal_mode = WAL")
                    self._migrate(db)
            except BaseException:
                db.close()
                raise
        return db

    def _file_exists(self) -> bool:
        """Whether the database file exists (its folder is made if need be); `StoreError`
        for a folder, an empty file, or a path that cannot be looked at."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{self.path.parent}: cannot create the folder: {exc.strerror}",
                hint=PERMISSIONS,
            ) from None
        try:
            found = self.path.stat()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot open the database: {exc.strerror}",
                hint=PERMISSIONS,
            ) from None
        if stat.S_ISDIR(found.st_mode):
            raise StoreError(f"{self.path}: is a folder, not a database", hint=self._aside)
        if found.st_size == 0:
            raise StoreError(f"{self.path}: the file is empty, not a database", hint=self._aside)
        return True

    def _create(self) -> None:
        """A new database, complete (marked, migrated, in WAL mode) before it takes `path`:
        a crash never leaves a half-made file there, and a second process creating it at
        the same moment keeps the first one's."""
        import sqlite3

        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        try:
            temporary.unlink(missing_ok=True)
            db = sqlite3.connect(temporary, isolation_level=None)
            try:
                self._migrate(db)
                db.execute("PRAGMA journal_mode = WAL")
            finally:
                db.close()
            place(temporary, self.path)  # another process's new database wins: use it
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot create the database: {exc.strerror}",
                hint="check the permissions of its folder and the free space",
            ) from None
        finally:
            for leftover in ("", "-wal", "-shm", "-journal"):
                with suppress(OSError):
                    Path(f"{temporary}{leftover}").unlink(missing_ok=True)

    def _recognise(self) -> tuple[int, str]:
        """(schema version, journal mode) of tiertriage's database at `path`, read
        through a read-only connection; `StoreError` for any other file."""
        import sqlite3

        probe = sqlite3.connect(
            f"{self.path.absolute().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
        )
        try:
            application = int(probe.execute("PRAGMA application_id").fetchone()[0])
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            journal = str(probe.execute("PRAGMA journal_mode").fetchone()[0])
            tables = {
                name
                for (name,) in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            probe.close()
        legacy = application == 0 and 0 < version <= SCHEMA_VERSION and tables >= _LEGACY_TABLES
        if application != APPLICATION_ID and not legacy:
            raise StoreError(
                f"{self.path}: a SQLite database, but not tiertriage's", hint=self._aside
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer tiertriage "
                f"(schema {version}; this version knows up to {SCHEMA_VERSION})",
                hint="upgrade tiertriage",
            )
        self._adopt = legacy
        return version, journal

    def _verify(self, db: sqlite3.Connection) -> None:
        """`PRAGMA quick_check`, once per process: nothing is written into a damaged file."""
        if self._checked:
            return
        with self._errors():
            problems = [" ".join(row[0].split()) for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StoreError(
                f"{self.path}: the database is damaged ({'; '.join(problems)})",
                hint=self._aside,
            )
        self._checked = True

    @property
    def _aside(self) -> str:
        return (
            f"it was left as it is: move it aside (mv '{self.path}' '{self.path}.bad') "
            "and tiertriage starts a new database, or restore a backup"
        )

    def _migrate(self, db: sqlite3.Connection) -> None:
        with self._transaction(db):
            # read again inside the transaction: another process may have migrated meanwhile
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {max(version, SCHEMA_VERSION)}")
        self._adopt = False

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
        if "disk is full" in message:
            return StoreError(
                f"{self.path}: the disk is full; nothing was changed",
                hint="free some space and try again",
            )
        if "not a database" in message:
            return StoreError(f"{self.path}: not a SQLite database", hint=self._aside)
        if "malformed" in message or "corrupt" in message:
            return StoreError(f"{self.path}: the database is damaged ({message})", hint=self._aside)
        if "unable to open" in message or "readonly" in message:
            return StoreError(
                f"{self.path}: cannot open the database for writing ({message})",
                hint=PERMISSIONS,
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
        self._verify(db)
        with self._transaction(db):
            if self._adopt:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            yield db
        self._adopt = False

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state of the database."""
        db = self.db
        with self._transaction(db, "DEFERRED"):
            yield db
