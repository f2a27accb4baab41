"""Broken disks (issue 15): `init` keeps every backup and never moves away a file it
could not read (case 6); a read-only folder, a full disk or an unreadable data folder
gives one line with the path and a documented exit code, leaves no partial file, and
a retry works once the disk has room (case 7).

A full disk is a file size limit (RLIMIT_FSIZE): the kernel then fails a write past it
(EFBIG) as it fails one on a full disk (ENOSPC). Permission tests need a user the
permission bits apply to, so they are skipped when run as root."""

from __future__ import annotations

import os
import resource
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tiertriage.errors import ExitCode

QUESTION = "how do I add a zoom link to my booking page?"
TOPIC = "my.add-zoom-link"


def permissions_bind() -> bool:
    """Whether this process is held to permission bits (root, unless its capabilities
    were dropped, is not)."""
    with tempfile.NamedTemporaryFile() as probe:
        os.chmod(probe.name, 0)
        try:
            open(probe.name, "rb").close()
        except PermissionError:
            return True
        return False


as_user = pytest.mark.skipif(not permissions_bind(), reason="permission bits do not bind root")


@contextmanager
def disk_full_after(size: int) -> Iterator[None]:
    """Every write that would make a file larger than `size` bytes fails."""
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def one_error_line(result, path: Path, code: ExitCode) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(f"tiertriage: error: {path}: ")
    assert result.stderr.count("\n") == 1
    return str(result.stderr)


# -- case 6: init and its backups ---------------------------------------------------------


def test_init_keeps_an_existing_backup_and_numbers_the_next(cli, config_dir) -> None:
    (config_dir / "settings.yaml").write_text("hourly_rate: lots\n")
    (config_dir / "settings.yaml.bak").write_text("name: My Precious Backup\n")
    result = cli("init", "--name", "Sam")
    assert result.exit_code == 0, result.stderr
    assert f"kept as {config_dir / 'settings.yaml.bak.1'}" in result.stderr
    assert (config_dir / "settings.yaml.bak").read_text() == "name: My Precious Backup\n"
    assert (config_dir / "settings.yaml.bak.1").read_text() == "hourly_rate: lots\n"


def test_a_second_init_on_a_broken_file_keeps_the_first_backup(cli, config_dir) -> None:
    settings = config_dir / "settings.yaml"
    settings.write_text("name: Sam Rivera\nsignature: Cheers\nhourly_rate: lots\n")
    assert cli("init", "--name", "Sam").exit_code == 0
    settings.write_text("colour: blue\n")
    assert cli("init", "--name", "Sam").exit_code == 0
    assert (config_dir / "settings.yaml.bak").read_text().startswith("name: Sam Rivera\n")
    assert (config_dir / "settings.yaml.bak.1").read_text() == "colour: blue\n"
    assert files_in(config_dir) == ["settings.yaml", "settings.yaml.bak", "settings.yaml.bak.1"]


def test_init_leaves_a_settings_path_it_cannot_read(cli, config_dir) -> None:
    settings = config_dir / "settings.yaml"
    settings.mkdir()  # not a file: it cannot be read, so it is not known to be invalid
    (settings / "notes.txt").write_text("mine")
    result = cli("init", "--name", "Sam")
    one_error_line(result, settings, ExitCode.CONFIG)
    assert "it was left as it is" in result.stderr
    assert files_in(config_dir) == ["settings.yaml"]
    assert (settings / "notes.txt").read_text() == "mine"


@as_user
def test_init_leaves_a_valid_settings_file_it_may_not_read(cli, config_dir) -> None:
    settings = config_dir / "settings.yaml"
    settings.write_text("name: Sam Rivera\n")
    settings.chmod(0)
    try:
        one_error_line(cli("init", "--name", "Bob"), settings, ExitCode.CONFIG)
    finally:
        settings.chmod(0o600)
    assert settings.read_text() == "name: Sam Rivera\n"
    assert files_in(config_dir) == ["settings.yaml"]


# -- case 7: writes that fail -------------------------------------------------------------


def test_topics_add_on_a_full_disk_leaves_nothing_and_a_retry_works(cli, config_dir) -> None:
    answers = config_dir / "answers.d"
    target = answers / f"{TOPIC}.yaml"
    with disk_full_after(200):
        result = cli("topics", "add", "--from", QUESTION, "--no-edit")
    assert one_error_line(result, target, ExitCode.WRITE).endswith(
        ": cannot write: File too large\n"
    )
    assert files_in(answers) == []
    retry = cli("topics", "add", "--from", QUESTION, "--no-edit")
    assert retry.exit_code == 0, retry.stderr
    assert files_in(answers) == [f"{TOPIC}.yaml"]


def test_topics_add_where_its_folder_cannot_be_made(cli, config_dir) -> None:
    (config_dir / "answers.d").write_text("a file where the folder should be")
    result = cli("topics", "add", "--from", QUESTION, "--no-edit")
    assert "cannot create the folder" in one_error_line(
        result, config_dir / "answers.d", ExitCode.WRITE
    )


def test_topics_edit_where_the_config_folder_is_a_file(cli, home) -> None:
    (home / "config").write_text("a file where the folder should be")
    result = cli("topics", "edit", "dns.records", "--no-edit")
    one_error_line(result, home / "config" / "answers.d", ExitCode.WRITE)


def test_init_on_a_full_disk_keeps_the_old_settings(cli, config_dir) -> None:
    settings = config_dir / "settings.yaml"
    settings.write_text("name: Sam Rivera\n")
    with disk_full_after(100):
        result = cli("init", "--name", "Sam", "--signature", "Cheers, " + "Sam " * 100)
    one_error_line(result, settings, ExitCode.WRITE)
    assert settings.read_text() == "name: Sam Rivera\n"
    assert files_in(config_dir) == ["settings.yaml"]


def test_client_add_on_a_full_disk_leaves_no_database_and_a_retry_works(cli, home) -> None:
    data = home / "data"
    with disk_full_after(1024):
        result = cli("client", "add", "Acme")
    one_error_line(result, data / "tiertriage.db", ExitCode.STORE)
    assert files_in(data) == []
    assert cli("client", "add", "Acme").exit_code == 0
    assert cli("client", "list").stdout.split("\t")[0] == "Acme"


def test_a_file_in_place_of_the_data_folder(cli, home) -> None:
    (home / "data").write_text("not a folder")
    one_error_line(cli("client", "list"), home / "data", ExitCode.STORE)
    doctor = cli("doctor")
    assert doctor.exit_code == 1
    assert "internal error" not in doctor.stderr
    assert f"PROBLEM  database       {home / 'data' / 'tiertriage.db'}: " in doctor.stdout


@as_user
def test_a_data_folder_no_one_may_enter(cli, home) -> None:
    data = home / "data"
    assert cli("client", "add", "Acme").exit_code == 0
    data.chmod(0)
    try:
        for command in (["client", "list"], ["client", "add", "Bolt"], ["log"]):
            one_error_line(cli(*command), data / "tiertriage.db", ExitCode.STORE)
        doctor = cli("doctor")
        assert doctor.exit_code == 1 and "internal error" not in doctor.stderr
        shown = cli("config", "show")
        assert shown.exit_code == 0 and "cannot be looked at: Permission denied" in shown.stdout
    finally:
        data.chmod(0o700)


@as_user
def test_topics_add_in_a_read_only_config_folder(cli, config_dir) -> None:
    config_dir.chmod(0o500)
    try:
        result = cli("topics", "add", "--from", QUESTION, "--no-edit")
    finally:
        config_dir.chmod(0o700)
    one_error_line(result, config_dir / "answers.d", ExitCode.WRITE)
