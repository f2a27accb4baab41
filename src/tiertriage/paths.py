"""Where user settings, catalogues, data and caches live.

Everything sits in the platform's usual directories (platformdirs), or under
one directory when ``TIERTRIAGE_HOME`` is set: ``$TIERTRIAGE_HOME/{config,data,cache}``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from tiertriage.errors import WriteError

APP_NAME = "tiertriage"
HOME_ENV = "TIERTRIAGE_HOME"


class Paths(NamedTuple):
    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.yaml"

    @property
    def user_answers_dir(self) -> Path:
        return self.config_dir / "answers.d"

    @property
    def user_vendors_dir(self) -> Path:
        return self.config_dir / "vendors.d"

    @property
    def database(self) -> Path:
        return self.data_dir / "tiertriage.db"


def get_paths() -> Paths:
    """Resolve the directories now (the environment may change between calls in tests)."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return Paths(root / "config", root / "data", root / "cache")
    import platformdirs

    return Paths(
        platformdirs.user_config_path(APP_NAME),
        platformdirs.user_data_path(APP_NAME),
        platformdirs.user_cache_path(APP_NAME),
    )


def write_atomically(path: Path, content: str | bytes, *, new: bool = False) -> bool:
    """Replace `path` in one step: a crash or a full disk leaves the old file or the new
    one, never half of each, and no temporary file. Creates the folder; raises OSError
    for the caller to word.

    With `new`, an existing `path` is never replaced: the result says whether `path`
    was written (False: a file was there already)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
        if new:
            return place(temporary, path)
        os.replace(temporary, path)
        return True
    finally:
        temporary.unlink(missing_ok=True)


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """The one wording of a failed `write_atomically`: the folder that could not be made,
    or the file that could not be written, and why."""
    failed = Path(exc.filename) if exc.filename else path
    if failed != path and failed.parent != path.parent:  # not the file, not its temporary
        return WriteError(f"{failed}: cannot create the folder: {exc.strerror}")
    return WriteError(f"{path}: cannot write: {exc.strerror}")


def place(temporary: Path, path: Path) -> bool:
    """Give the finished file `temporary` the name `path`, unless a file has that name
    already (False). Either way `temporary` is left for the caller to remove."""
    try:
        os.link(temporary, path)  # fails rather than replace an existing file
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            return False
        os.replace(temporary, path)
    return True
