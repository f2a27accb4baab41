"""The cache (issue 15, case 8): keyed by version and content, any entry that cannot be
used is rebuilt, and no entry this user's key did not sign is ever unpickled, so a
cache file cannot run code."""

from __future__ import annotations

import pickle
import stat
from pathlib import Path

import pytest

from tiertriage import cache
from tiertriage.cache import KEY_FILE, cached
from tiertriage.catalog.load import Catalog


class RunsCode:
    """A pickle that, when loaded, writes a file: what a planted cache entry could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def entry(directory: Path, kind: str = "thing", key: str = "k1") -> Path:
    return directory / f"{kind}-{key}.pickle"


def build(value: object) -> object:
    return lambda: value


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_an_entry_is_stored_signed_and_used_the_next_time(directory: Path) -> None:
    assert cached(directory, "thing", "k1", build({"a": 1}), dict) == {"a": 1}
    assert cached(directory, "thing", "k1", build({"a": 2}), dict) == {"a": 1}  # the cache
    assert entry(directory).read_bytes().startswith(b"tiertriage-cache-1\n")
    key = directory / KEY_FILE
    assert len(key.read_bytes()) == 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


@pytest.mark.parametrize("signed_with", [None, b"x" * 32])
def test_a_planted_pickle_is_never_loaded(directory: Path, tmp_path: Path, signed_with) -> None:
    cached(directory, "thing", "k1", build({"a": 1}), dict)  # the key exists
    marker = tmp_path / "ran"
    payload = pickle.dumps(RunsCode(marker))
    name = f"thing-k1-{cache.__version__}".encode()
    mac = cache._mac(signed_with, name, payload) if signed_with else b"\0" * 32
    entry(directory).write_bytes(b"tiertriage-cache-1\n" + mac + payload)
    assert cached(directory, "thing", "k1", build({"a": 2}), dict) == {"a": 2}
    assert not marker.exists()
    assert cached(directory, "thing", "k1", build({"a": 3}), dict) == {"a": 2}  # rebuilt


def test_an_entry_written_by_another_version_is_rebuilt(directory: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "__version__", "0.0.1")
    cached(directory, "thing", "k1", build({"layout": "old"}), dict)
    monkeypatch.undo()
    assert cached(directory, "thing", "k1", build({"layout": "new"}), dict) == {"layout": "new"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"garbage",
        lambda data: b"",
    ],
)
def test_a_damaged_entry_is_a_miss(directory: Path, damage) -> None:
    cached(directory, "thing", "k1", build({"a": 1}), dict)
    entry(directory).write_bytes(damage(entry(directory).read_bytes()))
    assert cached(directory, "thing", "k1", build({"a": 2}), dict) == {"a": 2}


def test_a_damaged_key_is_replaced(directory: Path) -> None:
    cached(directory, "thing", "k1", build({"a": 1}), dict)
    (directory / KEY_FILE).write_bytes(b"short")
    assert cached(directory, "thing", "k1", build({"a": 2}), dict) == {"a": 2}
    assert len((directory / KEY_FILE).read_bytes()) == 32


def test_no_usable_folder_means_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    assert cached(blocked, "thing", "k1", build({"a": 1}), dict) == {"a": 1}
    assert cached(blocked, "thing", "k1", build({"a": 2}), dict) == {"a": 2}


def test_ask_survives_a_planted_catalogue_cache(cli, home: Path, tmp_path: Path) -> None:
    """A catalogue entry of another layout, and one that runs code, both at the name
    the current catalogue is cached under: `ask` rebuilds it and answers."""
    assert cli("ask", "--no-log", "how long does dns take?").exit_code == 0
    (path,) = (home / "cache").glob("catalog-*.pickle")
    other_layout = Catalog.__new__(Catalog)  # no topics, no index: fails on first use
    marker = tmp_path / "ran"
    for planted in (other_layout, RunsCode(marker)):
        path.write_bytes(pickle.dumps(planted))
        result = cli("ask", "--no-log", "how long does dns take?")
        assert result.exit_code == 0, result.stderr
        assert "DNS" in result.stdout
    assert not marker.exists()
