"""Where user settings, catalogues, data and caches live.

Everything sits in the platform's usual directories (platformdirs), or under
one directory when ``TIERTRIAGE_HOME`` is set: ``$TIERTRIAGE_HOME/{config,data,cache}``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

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


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace `path` in one step: a crash leaves the old file or the new one, never
    half of each. Creates the folder; raises OSError for the caller to word."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(content, str):
            temporary.write_text(content, encoding="utf-8")
        else:
            temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
