"""Real processes against one database: concurrent writers lose nothing, and a killed
import leaves the database as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tiertriage.paths import get_paths
from tiertriage.store.client_file import dump_clients
from tiertriage.store.clients import Client
from tiertriage.workspace import Workspace

pytestmark = pytest.mark.slow

WORKERS, EACH = 8, 50

# Each worker waits for the start file, then adds its clients one `client add` at a time,
# each through the whole CLI (its own Workspace, connection and transaction).
ADD_CLIENTS = """
import sys, time
from pathlib import Path
import typer.main
from tiertriage.cli import app

worker, each, start = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
command = typer.main.get_command(app)
while not start.exists():
    time.sleep(0.002)
for n in range(each):
    args = ["client", "add", f"Worker {worker} client {n}", "--email", f"c{n}@w{worker}.example"]
    if n % 2:
        args += ["--host", "siteground"]
    code = command.main(args, prog_name="tiertriage", standalone_mode=False)
    if code:
        sys.exit(f"worker {worker}, client {n}: exit code {code}")
"""


def count_clients(database: Path) -> int:
    db = sqlite3.connect(database)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.execute("SELECT count(*) FROM clients").fetchone()[0])
    finally:
        db.close()


def test_concurrent_writers_lose_nothing(home, tmp_path):
    Workspace().catalog  # noqa: B018 - build the catalogue cache once, not in every worker
    start = tmp_path / "start"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_CLIENTS, str(n), str(EACH), str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    time.sleep(0.3)  # let every worker import and wait at the line
    start.touch()
    failures = [w.communicate(timeout=120)[1] for w in workers if w.wait(timeout=120)]
    assert not failures, failures
    assert count_clients(get_paths().database) == WORKERS * EACH
    store = Workspace().store
    assert store.find_client("worker 7 client 49").emails == ["c49@w7.example"]
    assert store.find_client("worker 0 client 1").stack == {"host": "siteground"}


def write_lock_is_held(database: Path) -> bool:
    """True while another process is inside a write transaction (we never wait for it)."""
    db = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        db.close()


def test_a_killed_import_leaves_the_database_as_it_was(home, tmp_path):
    store = Workspace().store
    store.add_client(Client(name="Already here"))
    store.close()
    database = get_paths().database
    clients = [
        Client(name=f"Imported {n:05d}", emails=[f"x{n}@i{n}.example"], stack={"host": "kinsta"})
        for n in range(15_000)
    ]
    file = tmp_path / "clients.yaml"
    file.write_text(dump_clients(clients), encoding="utf-8")
    command = [sys.executable, "-m", "tiertriage", "client", "import", str(file)]

    importer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not write_lock_is_held(database):
        assert importer.poll() is None, "the import ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    time.sleep(0.05)  # well inside the inserts
    assert importer.poll() is None
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait(timeout=10)
    assert importer.returncode == -signal.SIGKILL

    assert count_clients(database) == 1  # nothing of the import, nothing lost
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert count_clients(database) == 1 + len(clients)
