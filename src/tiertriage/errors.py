"""One exception family. Each error carries the exit code the CLI returns for it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the `tiertriage` command."""

    OK = 0
    ERROR = 1
    USAGE = 2  # bad input: empty, binary or unreadable question, bad option values
    CATALOG = 3  # a catalogue file is missing or invalid
    CONFIG = 4  # the settings file is invalid
    STORE = 5  # the database cannot be opened or is corrupt
    NOT_FOUND = 6  # unknown client, vendor or topic
    LINT = 7  # `catalog check --strict` found warnings
    EXISTS = 8  # a client with that name is already recorded
    WRITE = 9  # a file or folder cannot be written: permissions, read-only, disk full
    INTERRUPTED = 130  # Ctrl-C stopped `triage` (what it did so far is kept); 128 + SIGINT


class TiertriageError(Exception):
    """Base of every error a user can act on. `str(error)` is the one-line message."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(TiertriageError):
    """The question, email or file given to a command cannot be used."""

    exit_code = ExitCode.USAGE


class CatalogError(TiertriageError):
    """A catalogue file (shipped or user) is missing, malformed or invalid."""

    exit_code = ExitCode.CATALOG


class ConfigError(TiertriageError):
    """The user's settings file is malformed or invalid."""

    exit_code = ExitCode.CONFIG


class StoreError(TiertriageError):
    """The SQLite database cannot be opened, is not a database, or is corrupt."""

    exit_code = ExitCode.STORE


class NotFoundError(TiertriageError):
    """An unknown client, vendor or topic; the message suggests the closest names."""

    exit_code = ExitCode.NOT_FOUND


class ExistsError(TiertriageError):
    """A client with that name (compared case-insensitively) is already recorded."""

    exit_code = ExitCode.EXISTS


class LintError(TiertriageError):
    """Catalogue warnings were found and `--strict` asked for them to fail."""

    exit_code = ExitCode.LINT


class WriteError(TiertriageError):
    """A file or folder cannot be written (permissions, a read-only or full disk); the
    message names it, and nothing half-written is left behind."""

    exit_code = ExitCode.WRITE
