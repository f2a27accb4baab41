"""Every test runs against its own TIERTRIAGE_HOME in tmp_path: no test touches real user data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tiertriage.catalog.load import Catalog, load_catalog
from tiertriage.catalog.models import Vendor
from tiertriage.cli import app
from tiertriage.matching.matcher import Matcher
from tiertriage.matching.semantic import SemanticStage
from tiertriage.paths import Paths
from tiertriage.workspace import Workspace


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled shipped catalogue and its sentence vectors, built once per run.

    Embedding every catalogue phrasing takes the real model some seconds; each test's
    own home starts with a copy of this cache, as a user's does after the first run.
    Under pytest-xdist the workers share one build: the first builds it under a lock,
    the others wait and reuse it.
    """
    import fcntl
    import os

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above every worker's own
    shared = root / "shared"
    cache = shared / "cache"
    with (root / "shared.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "ready").exists():
            workspace = Workspace(Paths(shared / "config", shared / "data", cache))
            assert workspace.semantic is not None, "the shipped model must load"
            (shared / "ready").touch()
    return cache


@pytest.fixture(scope="session")
def shipped(shared_cache: Path) -> Catalog:
    """The shipped catalogue and its index, built once for the whole session."""
    return load_catalog(None, shared_cache)


@pytest.fixture(scope="session")
def semantic(shared_cache: Path) -> SemanticStage:
    """The shipped model with the shipped catalogue's vectors (loaded once)."""
    stage = Workspace(
        Paths(shared_cache.parent / "c", shared_cache.parent / "d", shared_cache)
    ).semantic
    assert stage is not None
    return stage


@pytest.fixture(scope="session")
def matcher(shipped: Catalog, semantic: SemanticStage) -> Matcher:
    """Both stages over the shipped catalogue, as `ask` runs them."""
    return Matcher(shipped.index, lambda: semantic)


@pytest.fixture(scope="session")
def stack(shipped: Catalog) -> dict[str, Vendor]:
    """The recommended stack: every role has a vendor, as for a client with no record."""
    return {role: shipped.default_vendor(role) for role in shipped.roles}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> Path:
    root = tmp_path / "home"
    monkeypatch.setenv("TIERTRIAGE_HOME", str(root))
    for name in (
        "TIERTRIAGE_CATALOG",
        "TIERTRIAGE_MODEL",
        "TIERTRIAGE_DEBUG",
        "TTY_COMPATIBLE",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(shared_cache, root / "cache")
    return root


@pytest.fixture
def config_dir(home: Path) -> Path:
    path = home / "config"
    path.mkdir(parents=True, exist_ok=True)
    return path


Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run the CLI in-process: `cli("ask", "question", input=b"...")`."""
    runner = CliRunner()

    def invoke(
        *args: str, input: bytes | str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


@pytest.fixture
def cli_json(cli: Invoke) -> Callable[..., Any]:
    """Run a command with --json and return the parsed stdout (asserting success)."""

    def invoke(*args: str, input: bytes | str | None = None) -> Any:
        result = cli(*args, "--json", input=input)
        assert result.exit_code == 0, result.stderr or result.stdout
        return json.loads(result.stdout)

    return invoke
