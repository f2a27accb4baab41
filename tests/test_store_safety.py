"""No write into a foreign, empty or damaged database file (issue 15, case 3).

Each refused file must keep every byte: the header (where SQLite records the journal
mode, the schema version and the application id) and the rest. A write may hide in a
`-wal` file until the next checkpoint, so no side file may hold any either."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tiertriage.store.clients import Client
from tiertriage.store.connection import APPLICATION_ID
from tiertriage.store.database import Store

HEADER = 100  # bytes of a SQLite file's header


@pytest.fixture
def database(home: Path) -> Path:
    path = home / "data" / "tiertriage.db"
    path.parent.mkdir(parents=True)
    return path


def snapshot(path: Path) -> tuple[bytes, bytes, dict[str, int]]:
    """(header, whole file, side files and their sizes)."""
    content = path.read_bytes()
    sides = {p.name: p.stat().st_size for p in path.parent.iterdir() if p != path}
    return content[:HEADER], content, sides


def assert_untouched(path: Path, before: tuple[bytes, bytes, dict[str, int]]) -> None:
    header, content, sides = snapshot(path)
    assert header == before[0]
    assert content == before[1]
    journals = {n: size for n, size in sides.items() if n.endswith(("-wal", "-journal"))}
    assert all(size == 0 for size in journals.values()), journals


def foreign(path: Path, table: str) -> None:
    db = sqlite3.connect(path)
    db.execute(f"CREATE TABLE {table} (x)")
    db.execute(f"INSERT INTO {table} VALUES ('mine')")
    db.commit()
    db.close()


def damaged(path: Path) -> None:
    """A tiertriage database whose email index page has a broken header: reads of the
    client list still work, `PRAGMA quick_check` fails."""
    store = Store(path)
    for number in range(50):
        store.add_client(Client(name=f"Client {number}", emails=[f"c{number}@c.example"]))
    store.close()
    db = sqlite3.connect(path)
    (root,) = db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'client_emails_address'"
    ).fetchone()
    (page,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    content = bytearray(path.read_bytes())
    content[(root - 1) * page + 3 : (root - 1) * page + 5] = b"\x7f\x7f"  # number of cells
    path.write_bytes(bytes(content))


@pytest.mark.parametrize("table", ["notes", "clients"])
def test_a_foreign_sqlite_file_is_refused_unchanged(cli, database, table):
    foreign(database, table)
    before = snapshot(database)
    result = cli("client", "add", "Acme")
    assert result.exit_code == 5
    assert result.stderr == (
        f"tiertriage: error: {database}: a SQLite database, but not tiertriage's (it was "
        f"left as it is: move it aside (mv '{database}' '{database}.bad') and tiertriage "
        "starts a new database, or restore a backup)\n"
    )
    assert_untouched(database, before)


def test_a_damaged_database_takes_no_write_from_client_add_or_ask(cli, database):
    damaged(database)
    before = snapshot(database)
    assert cli("client", "list").exit_code == 0  # reading it still works
    added = cli("client", "add", "Acme")
    asked = cli("ask", "how long does dns take to update?")
    assert added.exit_code == 5
    # `ask` prints the reply first; the history it could not record is said on stderr
    assert asked.exit_code == 5 and asked.stdout.startswith("Hi")
    for result in (added, asked):
        assert f"{database}: the database is damaged (" in result.stderr
        assert "move it aside" in result.stderr
    assert_untouched(database, before)


def test_doctor_finds_the_damage_without_writing(cli, database):
    damaged(database)
    before = snapshot(database)
    result = cli("doctor", "--json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["checks"] if f["check"] == "database"]
    assert found[0]["status"] == "problem"
    assert "the database is damaged" in found[0]["detail"]
    assert_untouched(database, before)


def test_an_empty_file_is_not_turned_into_a_database(cli, database):
    database.write_bytes(b"")
    result = cli("client", "add", "Acme")
    assert result.exit_code == 5
    assert f"{database}: the file is empty, not a database" in result.stderr
    assert database.read_bytes() == b""


def test_a_new_database_carries_the_application_id(cli, database):
    assert cli("client", "add", "Acme").exit_code == 0
    assert database.read_bytes()[68:72] == APPLICATION_ID.to_bytes(4, "big") == b"tTtR"
    assert sorted(p.name for p in database.parent.iterdir())[0] == "tiertriage.db"


def test_a_database_from_before_the_id_is_marked_on_its_first_write(cli, database):
    store = Store(database)
    store.add_client(Client(name="Acme"))
    store.close()
    db = sqlite3.connect(database)
    db.execute("PRAGMA application_id = 0")
    db.close()  # the last connection: everything is in the main file now
    before = snapshot(database)
    assert cli("client", "list").exit_code == 0
    assert_untouched(database, before)  # reading leaves it as it is
    assert cli("client", "add", "Bolt").exit_code == 0
    db = sqlite3.connect(database)  # the change may still be in the -wal file
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()
    assert cli("client", "list").stdout.split() == ["Acme", "Bolt"]
