"""Every command has help, and the root lists them."""

from __future__ import annotations

import typer.main

from tiertriage.cli import app


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, command in group.commands.items():
        path = (*prefix, name)
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


def test_every_command_has_help(cli):
    root = typer.main.get_command(app)
    paths = [path for path, _ in _commands(root)]
    assert ("ask",) in paths and ("catalog", "check") in paths
    for path, command in _commands(root):
        assert command.help, f"{' '.join(path)} has no help text"
        result = cli(*path, "--help")
        assert result.exit_code == 0, path
        assert "Usage" in result.stdout


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("tiertriage ")


def test_main_builds_only_the_invoked_command(home):
    """`main` hands Typer just the command being run (start-up), and the full tree for help,
    completion and unknown names."""
    import os
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "TIERTRIAGE_HOME": str(home)}
        return subprocess.run(
            [sys.executable, "-m", "tiertriage", *args], capture_output=True, text=True, env=env
        )

    shown = run("topics", "show", "dns.records", "--json")
    assert shown.returncode == 0 and '"id": "dns.records"' in shown.stdout
    assert run("catalog", "check", "--help").returncode == 0
    listing = run("--help").stdout
    assert all(name in listing for name in ("ask", "init", "doctor", "topics", "config"))
    unknown = run("topcis", "list")
    assert unknown.returncode == 2 and "Did you mean 'topics'?" in unknown.stderr
