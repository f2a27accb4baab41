"""Where every file lives (`config show`) and whether each is healthy (`doctor`).

Each check reads its file the way the commands do, turns any error into a finding
with the message the command would print and how to fix it, and goes on: one broken
file never hides the state of the others.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tiertriage.errors import CatalogError, TiertriageError
from tiertriage.paths import Paths
from tiertriage.wording import PERMISSIONS

if TYPE_CHECKING:
    from tiertriage.workspace import Workspace

Status = Literal["ok", "note", "problem"]
STALE_MONTHS = 12  # vendor facts older than this are worth checking again


@dataclass(frozen=True)
class Location:
    name: str
    path: str
    exists: bool
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def locations(paths: Paths) -> list[Location]:
    """Every file and folder tiertriage reads or writes, and whether it exists yet."""
    from tiertriage.catalog.sources import shipped_dir, user_files

    def user_dir(name: str, path: Path) -> Location:
        exists, problem = _found(path, stat.S_ISDIR)
        try:
            files = user_files(path)
        except TiertriageError as error:
            return Location(name, str(path), exists, problem or error.message)
        detail = f"{len(files)} file(s): {', '.join(p.name for p in files)}" if files else "none"
        return Location(name, str(path), exists, problem or detail)

    def located(
        name: str, path: Path, kind: Callable[[int], bool], missing: str, present: str = ""
    ) -> Location:
        exists, problem = _found(path, kind)
        return Location(name, str(path), exists, problem or (present if exists else missing))

    return [
        located(
            "settings", paths.settings_file, stat.S_ISREG, "not created yet: `tiertriage init`"
        ),
        user_dir("user topics", paths.user_answers_dir),
        user_dir("user vendors", paths.user_vendors_dir),
        Location("shipped catalogue", str(shipped_dir()), True, "read-only, replaced on upgrade"),
        located(
            "database",
            paths.database,
            stat.S_ISREG,
            "not created yet: the first `ask` or `client add`",
        ),
        located("cache", paths.cache_dir, stat.S_ISDIR, "safe to delete", "safe to delete"),
    ]


def _found(path: Path, kind: Callable[[int], bool]) -> tuple[bool, str]:
    """(whether `path` is there and of that kind, why it cannot be looked at, or "")."""
    try:
        return kind(path.stat().st_mode), ""
    except FileNotFoundError:
        return False, ""
    except OSError as exc:
        return False, f"cannot be looked at: {exc.strerror}"


def user_labels(paths: Paths) -> set[str]:
    """How catalogue messages and `Catalog.origins` name the user's own files."""
    from tiertriage.catalog.sources import source_label, user_files

    folders = (paths.user_answers_dir, paths.user_vendors_dir)
    return {source_label(path) for folder in folders for path in user_files(folder)}


def diagnose(workspace: Workspace) -> list[Finding]:
    """Every check, in the order a fix is best made (settings and catalogues first)."""
    checks: list[Callable[[Workspace], Iterator[Finding]]] = [
        _settings,
        _catalogue,
        _ignored_files,
        _default_stack,
        _vendor_facts,
        _unfinished_topics,
        _database,
        _writable_folders,
    ]
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(workspace))
    return findings


def _settings(workspace: Workspace) -> Iterator[Finding]:
    path = workspace.paths.settings_file
    exists, problem = _found(path, stat.S_ISREG)
    if problem:
        yield Finding("settings", "problem", f"{path}: {problem}", PERMISSIONS)
        return
    if not exists:
        yield Finding(
            "settings",
            "note",
            f"{path} does not exist yet: replies sign off without your name",
            "run `tiertriage init`",
        )
        return
    from tiertriage.settings import read_settings_file

    try:
        read_settings_file(path)
    except TiertriageError as error:
        yield Finding("settings", "problem", error.message, PERMISSIONS)
        return
    try:
        settings = workspace.settings
    except TiertriageError as error:
        yield Finding(
            "settings", "problem", error.message, "correct that line, or run `tiertriage init`"
        )
        return
    yield Finding("settings", "ok", str(path))
    if settings.booking_link and not settings.booking_link.startswith("https://"):
        yield Finding(
            "settings",
            "note",
            f"booking link {settings.booking_link} is not https",
            "run `tiertriage init --booking-link https://...`",
        )


def _catalogue(workspace: Workspace) -> Iterator[Finding]:
    try:
        catalog = workspace.catalog
    except TiertriageError as error:
        yield Finding(
            "catalogue",
            "problem",
            error.message,
            "correct that line, or move the file out of answers.d/vendors.d",
        )
        return
    mine = user_labels(workspace.paths)
    own = {
        entry_id
        for (kind, entry_id), fields in catalog.origins.items()
        if kind == "topic" and mine.intersection(fields.values())
    }
    yield Finding(
        "catalogue",
        "ok",
        f"{len(catalog.topics)} topics ({len(own)} with your changes), "
        f"{len(catalog.vendors)} vendors, {len(catalog.roles)} roles",
    )


def _ignored_files(workspace: Workspace) -> Iterator[Finding]:
    from tiertriage.catalog.sources import user_files

    for directory in (workspace.paths.user_answers_dir, workspace.paths.user_vendors_dir):
        try:
            read = user_files(directory)
            everything = sorted(directory.iterdir()) if directory.is_dir() else []
        except (OSError, TiertriageError):
            continue  # reported by _catalogue
        ignored = [p.name for p in everything if p not in read and not p.name.startswith(".")]
        if ignored:
            yield Finding(
                "catalogue",
                "note",
                f"{directory}: ignored (not .yaml): {', '.join(ignored)}",
                "rename a file to .yaml to use it",
            )


def _default_stack(workspace: Workspace) -> Iterator[Finding]:
    try:
        workspace.settings  # noqa: B018 - loaded here so that its own error is not this one
    except TiertriageError:
        return  # reported by _settings
    try:
        stack = workspace.default_stack()
    except CatalogError:
        return  # reported by _catalogue
    except TiertriageError as error:
        yield Finding(
            "default stack",
            "problem",
            error.message,
            "choose a known vendor: `tiertriage init --<role> VENDOR`",
        )
        return
    yield Finding("default stack", "ok", ", ".join(f"{role}={v.id}" for role, v in stack.items()))
    for problem in workspace.stack_problems(None):
        yield Finding(
            "default stack",
            "problem",
            problem,
            "choose vendors that work together: `tiertriage init --<role> VENDOR`",
        )


def _vendor_facts(workspace: Workspace) -> Iterator[Finding]:
    """Support facts (channels, hours) go stale: each vendor says when they were checked."""
    try:
        catalog = workspace.catalog
    except TiertriageError:
        return  # reported by _catalogue
    this_month = months(date.today())
    stale = [
        f"{vendor.id} ({vendor.checked})"
        for vendor in catalog.vendors.values()
        if vendor.checked and this_month - months_of(vendor.checked) > STALE_MONTHS
    ]
    unchecked = [vendor.id for vendor in catalog.vendors.values() if not vendor.checked]
    if stale:
        yield Finding(
            "vendor facts",
            "note",
            f"checked more than {STALE_MONTHS} months ago: {', '.join(stale)}",
            "check their support pages and update `checked:` (and the facts) in vendors.d",
        )
    if unchecked:
        yield Finding(
            "vendor facts",
            "note",
            f"no `checked:` month: {', '.join(unchecked)}",
            "add `checked: YYYY-MM` once their support channels are checked",
        )
    if not stale and not unchecked:
        yield Finding("vendor facts", "ok", f"every vendor checked within {STALE_MONTHS} months")


def months(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_of(checked: str) -> int:
    """Months since year 0 of a `checked:` value ("2026-12")."""
    year, month = checked.split("-")
    return int(year) * 12 + int(month) - 1


def _unfinished_topics(workspace: Workspace) -> Iterator[Finding]:
    from tiertriage.catalog.authoring import TODO_MARKER
    from tiertriage.catalog.lint import unfinished

    try:
        catalog = workspace.catalog
    except TiertriageError:
        return  # reported by _catalogue
    for topic in catalog.topics.values():
        fields = unfinished(topic)
        if fields:
            yield Finding(
                "topics",
                "problem",
                f"topic '{topic.id}' still says {TODO_MARKER} in {', '.join(fields)}: "
                "replies would show it",
                f"`tiertriage topics edit {topic.id}`",
            )


def _database(workspace: Workspace) -> Iterator[Finding]:
    path = workspace.paths.database
    exists, problem = _found(path, lambda mode: True)
    if problem:
        yield Finding("database", "problem", f"{path}: {problem}", PERMISSIONS)
        return
    if not exists:
        yield Finding("database", "ok", f"{path} not created yet (the first `ask` creates it)")
        return
    try:
        workspace.store.check()
        clients = workspace.store.clients()
    except TiertriageError as error:
        yield Finding("database", "problem", error.message, error.hint)
        return
    yield Finding("database", "ok", f"{path}: {len(clients)} client(s)")
    for client in clients:
        fix = f"`tiertriage client edit '{client.name}' --<role> VENDOR`"
        try:
            problems = workspace.stack_problems(client)
        except CatalogError:
            return  # reported by _catalogue
        except TiertriageError as error:
            yield Finding("clients", "problem", error.message, fix)
            continue
        for problem in problems:
            yield Finding("clients", "problem", f"client '{client.name}': {problem}", fix)


def _writable_folders(workspace: Workspace) -> Iterator[Finding]:
    paths = workspace.paths
    for name, folder, why in (
        ("config", paths.config_dir, "`init` and `topics add` write there"),
        ("cache", paths.cache_dir, "without it every command re-reads the catalogue"),
    ):
        problem = _not_writable(folder)
        if problem:
            yield Finding(
                name,
                "problem",
                f"{folder}: cannot write ({problem}); {why}",
                "fix its permissions, or point TIERTRIAGE_HOME at a writable folder",
            )
        else:
            yield Finding(name, "ok", f"{folder} is writable")


def _not_writable(folder: Path) -> str | None:
    probe = folder / f".doctor-{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None
