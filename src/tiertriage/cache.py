"""A content-addressed pickle cache in the user cache dir.

What is expensive to build (the validated catalogue and its matcher index, the
validated settings) is stored under a key derived from the content it was built
from, so any change to that content is a cache miss. A missing, damaged or stale
entry is rebuilt, never fatal; an unwritable cache only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

from tiertriage import __version__
from tiertriage.paths import write_atomically

T = TypeVar("T")


def content_key(parts: Iterable[bytes], code: Iterable[str] = ()) -> str:
    """Hash of the content, the package version and the code files that build from it."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in code:
        stat = os.stat(module)
        digest.update(f"{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()


def cached(directory: Path | None, kind: str, key: str, build: Callable[[], T], want: type) -> T:
    """The object stored for `key`, or `build()` stored for next time."""
    if directory is None:
        return build()
    path = directory / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, want):
            return cast(T, value)
    except Exception:
        pass
    value = build()
    try:
        for stale in directory.glob(f"{kind}-*.pickle"):
            stale.unlink(missing_ok=True)
        write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value
