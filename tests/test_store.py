"""The SQLite store: migrations, damaged files, clients, address lookup and history."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tiertriage.errors import ExistsError, InputError, NotFoundError, StoreError
from tiertriage.store.clients import Client
from tiertriage.store.connection import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from tiertriage.store.database import Store
from tiertriage.store.history import STORED_QUESTION, STORED_SUBJECT, HistoryEntry, parse_since

ACME = Client(
    name="Acme Co",
    contact="Jane Doe",
    emails=["jane@acme.example", "Billing@Acme.example"],
    domains=["acme.example", "acme-shop.example"],
    notes="Prefers phone calls.",
    support_until=date(2030, 6, 30),
    stack={"host": "siteground", "email": "microsoft-365"},
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tiertriage.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = Store(db_path)
    yield opened
    opened.close()


def add(store: Store, *names: str, **fields: object) -> None:
    for name in names:
        store.add_client(Client.model_validate({"name": name, **fields}))


# -- opening and migrations ----------------------------------------------------------


def test_opening_is_lazy(db_path):
    Store(db_path)
    assert not db_path.exists()


def test_migrates_a_new_database(store, db_path):
    assert store.clients() == []
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"clients", "client_emails", "client_domains", "client_stack", "history"} <= tables
    db.close()


def test_an_empty_file_is_refused_not_made_a_database(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with pytest.raises(StoreError, match="the file is empty, not a database"):
        add(Store(db_path), "Acme")
    assert db_path.read_bytes() == b""


def test_reopening_keeps_data_and_does_not_migrate_again(db_path):
    first = Store(db_path)
    add(first, "Acme")
    first.close()
    second = Store(db_path)
    assert second.find_client("acme").name == "Acme"
    second.close()


def test_a_newer_schema_is_refused(db_path):
    db_path.parent.mkdir(parents=True)
    db = sqlite3.connect(db_path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer tiertriage") as caught:
        Store(db_path).clients()
    assert str(db_path) in str(caught.value)


def test_a_file_that_is_not_a_database_is_left_untouched(db_path):
    db_path.parent.mkdir(parents=True)
    content = b"name: not a database\n" * 50
    db_path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(db_path).clients()
    message = str(caught.value)
    assert f"{db_path}: not a SQLite database" in message
    assert "move it aside" in message
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["tiertriage.db"]


def damage(path: Path) -> bytes:
    """Overwrite every page after the first with garbage; returns the new content."""
    content = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(content), 7):
        content[offset] = 0xA5
    path.write_bytes(bytes(content))
    return bytes(content)


def test_a_damaged_database_is_reported_and_left_untouched(db_path):
    store = Store(db_path)
    add(store, *(f"Client {n}" for n in range(200)), notes="x" * 200)
    store.close()
    sqlite3.connect(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    for leftover in ("-wal", "-shm"):
        Path(f"{db_path}{leftover}").unlink(missing_ok=True)
    content = damage(db_path)
    with pytest.raises(StoreError) as caught:
        Store(db_path).clients()
    assert f"{db_path}: the database is damaged" in str(caught.value)
    assert "move it aside" in str(caught.value)
    assert db_path.read_bytes() == content


def test_a_folder_in_place_of_the_database(db_path):
    db_path.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder, not a database"):
        Store(db_path).clients()


# -- clients ---------------------------------------------------------------------------


def test_a_client_round_trips(store):
    store.add_client(ACME)
    (loaded,) = store.clients()
    assert loaded == ACME.model_copy(update={"stack": dict(sorted(ACME.stack.items()))})
    assert loaded.emails == ["jane@acme.example", "billing@acme.example"]


def test_names_are_unique_ignoring_case_and_spacing(store):
    add(store, "Acme Co")
    for clash in ("acme co", "ACME  CO", " Acme Co "):
        with pytest.raises(ExistsError, match="a client named 'Acme Co' already exists"):
            add(store, clash)
    add(store, "Straße")
    with pytest.raises(ExistsError):
        add(store, "STRASSE")


def test_clients_are_listed_by_name(store):
    add(store, "bolt", "Acme", "Crane")
    assert [c.name for c in store.clients()] == ["Acme", "bolt", "Crane"]


def test_find_exact_then_unique_prefix(store):
    add(store, "Acme", "Acme Two", "Bolt Ltd")
    assert store.find_client("ACME").name == "Acme"  # exact wins over being a prefix
    assert store.find_client("acme t").name == "Acme Two"
    assert store.find_client("b").name == "Bolt Ltd"


def test_find_ambiguous_prefix_lists_candidates(store):
    add(store, "Bolt Inc", "Bolt Ltd", "Acme")
    with pytest.raises(NotFoundError) as caught:
        store.find_client("bol")
    assert str(caught.value) == (
        "'bol' matches 2 clients: Bolt Inc, Bolt Ltd (give more of the name)"
    )


def test_find_near_miss_suggests_the_closest(store):
    add(store, "Acme Co", "Bolt Ltd")
    with pytest.raises(NotFoundError, match=r"no client named 'acne co'; did you mean 'Acme Co'"):
        store.find_client("acne co")


def test_find_with_no_clients_says_how_to_add_one(store):
    with pytest.raises(NotFoundError, match="no clients yet"):
        store.find_client("acme")


def test_update_renames_and_replaces(store):
    store.add_client(ACME)
    renamed = ACME.model_copy(update={"name": "Acme Inc", "emails": [], "stack": {}})
    store.update_client("acme co", renamed)
    assert store.clients() == [renamed]
    add(store, "Bolt")
    with pytest.raises(ExistsError):
        store.update_client("bolt", renamed)


def test_remove(store):
    add(store, "Acme", "Bolt")
    store.remove_client("acme")
    assert [c.name for c in store.clients()] == ["Bolt"]
    with pytest.raises(NotFoundError):
        store.remove_client("acme")


def test_import_is_all_or_nothing(store):
    add(store, "Bolt")
    batch = [Client(name=f"New {n}") for n in range(5)] + [Client(name="BOLT")]
    with pytest.raises(ExistsError, match="1 client\\(s\\) already exist: Bolt"):
        store.import_clients(batch)
    assert [c.name for c in store.clients()] == ["Bolt"]
    assert store.import_clients(batch, replace=True) == 1
    assert len(store.clients()) == 6
    assert store.find_client("bolt").name == "BOLT"


# -- recognising an address ------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("jane@acme.example", "Acme Co"),
        ("Jane Doe <JANE@ACME.EXAMPLE>", "Acme Co"),
        ("someone@acme-shop.example", "Acme Co"),  # a recorded domain
        ("someone@mail.acme.example", "Acme Co"),  # a subdomain of one
        ("ops@bolt.example", "Bolt"),  # the domain of a recorded address
        ("stranger@gmail.com", None),  # a public mailbox says nothing
        ("bolt.owner@gmail.com", "Bolt"),  # ...but the exact address does
        ("sklep@wp.pl", None),  # Polish free mail too
        ("kasia.kwiaty@wp.pl", "Bolt"),
        ("nobody@elsewhere.example", None),
        ("not an address", None),
        ("", None),
    ],
)
def test_client_for_address(store, address, expected):
    store.add_client(ACME)
    add(store, "Bolt", emails=["boss@bolt.example", "bolt.owner@gmail.com", "kasia.kwiaty@wp.pl"])
    found = store.client_for_address(address)
    assert (found.name if found else None) == expected


def test_an_address_shared_by_two_clients_matches_neither(store):
    add(store, "Acme", domains=["shared.example"])
    add(store, "Bolt", domains=["shared.example"])
    assert store.client_for_address("x@shared.example") is None


def test_www_in_a_recorded_domain_still_matches(store):
    add(store, "Acme", domains=["www.acme.example"])
    found = store.client_for_address("jane@acme.example")
    assert found is not None and found.name == "Acme"


# -- history ---------------------------------------------------------------------------


def entry(time: str, client: str | None, question: str = "q") -> HistoryEntry:
    return HistoryEntry(time, client, question, "dns.propagation", 0.9, "answer")


def test_history_newest_first_with_filters(store):
    add(store, "Acme", "Bolt")
    store.record([entry("2025-01-01T10:00:00Z", "Acme", "first")])
    store.record([entry("2025-01-02T10:00:00Z", None, "second")])
    store.record([entry("2025-01-03T10:00:00Z", "Bolt", "third")])
    assert [e.question for e in store.history()] == ["third", "second", "first"]
    assert [e.question for e in store.history(limit=1)] == ["third"]
    acme = store.find_client("acme")
    assert [e.question for e in store.history(client=acme)] == ["first"]
    since = datetime(2025, 1, 2, tzinfo=timezone.utc)
    assert [e.question for e in store.history(since=since)] == ["third", "second"]


def test_history_keeps_a_bounded_question_and_follows_renames(store):
    add(store, "Acme")
    question = "Hello,\n\n" + "how long does DNS take? " * 400
    store.record([entry("2025-01-01T10:00:00Z", "Acme", question)])
    store.update_client("acme", Client(name="Acme Inc"))
    (found,) = store.history()
    assert len(question) > STORED_QUESTION
    assert found.question == question[: STORED_QUESTION - 1] + "…"
    assert found.client == "Acme Inc"
    store.remove_client("acme inc")
    assert store.history()[0].client == "Acme Inc"  # the name is kept with the entry


def test_entries_are_numbered_from_the_latest_and_found_by_number(store):
    for n in range(1, 4):
        store.record([entry(f"2025-01-0{n}T10:00:00Z", None, f"q{n}")])
    assert [(e.number, e.question) for e in store.history()] == [(1, "q3"), (2, "q2"), (3, "q1")]
    assert store.entry(3).question == "q1" and store.entry(3).number == 3
    for missing in (0, 4):
        with pytest.raises(NotFoundError, match="numbered 1 to 3"):
            store.entry(missing)


def test_an_empty_history_has_no_entry(store):
    with pytest.raises(NotFoundError, match="the history is empty"):
        store.entry(1)


def test_handled_messages_are_found_by_their_key(store):
    triaged = entry("2025-01-01T10:00:00Z", None)._replace(
        source="triage", mailbox="/m", message="<a@b>", subject="s" * 1000
    )
    store.record([triaged])
    assert store.handled("<a@b>") and not store.handled("<c@d>")
    (found,) = store.history()
    assert (found.source, found.mailbox, found.message) == ("triage", "/m", "<a@b>")
    assert len(found.subject or "") == STORED_SUBJECT


def test_a_version_1_database_is_migrated_keeping_its_history(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute(
        "INSERT INTO history (time, question, score, action) "
        "VALUES ('2025-01-01T10:00:00Z', 'old', 0.5, 'answer')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    migrated = Store(path)
    (old,) = migrated.history()
    assert (old.question, old.source, old.message, old.number) == ("old", "ask", None, 1)
    assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    migrated.close()


def test_parse_since():
    now = datetime(2025, 1, 10, 12, 0, tzinfo=timezone.utc)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("12h", now) == now - timedelta(hours=12)
    assert parse_since("30m", now) == now - timedelta(minutes=30)
    assert parse_since("2w", now) == now - timedelta(weeks=2)
    assert parse_since("2025-01-01", now).date() == date(2025, 1, 1)
    assert parse_since("2025-01-01T08:00+00:00", now) == datetime(
        2025, 1, 1, 8, tzinfo=timezone.utc
    )
    with pytest.raises(InputError, match="--since: not a date or an age: 'yesterday'"):
        parse_since("yesterday", now)
