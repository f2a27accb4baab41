"""Every test runs against its own TIERTRIAGE_HOME in tmp_path: no test touches real user data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tiertriage.catalog.load import Catalog, load_catalog
from tiertriage.cli import app


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    """The shipped catalogue and its index, built once for the whole session."""
    return load_catalog()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "home"
    monkeypatch.setenv("TIERTRIAGE_HOME", str(root))
    for name in ("TIERTRIAGE_CATALOG", "TIERTRIAGE_DEBUG", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
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
