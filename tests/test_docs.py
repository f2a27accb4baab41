"""The README's copy-paste commands are what CI runs, and what the docs promise exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"


def test_ci_runs_the_readme_test_command():
    readme = README.read_text(encoding="utf-8")
    assert readme.count("<!-- test-command -->") == 1
    block = re.search(r"<!-- test-command -->\n```sh\n(.+?)\n```", readme, re.S)
    assert block, "the test command must be the fenced block after the marker"
    command = block[1]
    assert "\n" not in command and "pytest" in command and "pip install" in command
    extracted = subprocess.run(
        [
            "awk",
            "/<!-- test-command -->/{found=1; next} found && /^```/{if (inside) exit; "
            "inside=1; next} inside",
            str(README),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == command  # the same extraction .ci/run performs
    assert "awk '/<!-- test-command -->/" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_documents_every_command(cli):
    readme = README.read_text(encoding="utf-8")
    import typer.main

    from tiertriage.cli import app

    root = typer.main.get_command(app)
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for sub in subcommands:
                assert f"tiertriage {name} {sub}" in readme, f"{name} {sub}"
        else:
            assert f"tiertriage {name}" in readme, name


def test_readme_documents_every_exit_code():
    from tiertriage.errors import ExitCode

    table = README.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert documented == {int(code) for code in ExitCode}
