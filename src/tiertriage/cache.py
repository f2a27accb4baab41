"""A content-addressed cache in the user cache dir, signed so that it cannot run code.

What is expensive to build (the validated catalogue and its matcher index, the
validated settings) is stored under a key derived from the content it was built
from, the package version and the code that builds it, so any change to them is a
cache miss. A missing, damaged, stale or foreign entry is rebuilt, never fatal; an
unwritable cache only costs speed.

Entries are pickles, and loading a pickle can run code: so each entry carries an
HMAC-SHA256 of its name, the version and its bytes, made with a random key that only
this user can read (`cache.key`, mode 600, beside the entries). An entry whose MAC
does not verify — written by someone else, copied from another machine, written by
another version, or altered — is never unpickled.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

from tiertriage import __version__
from tiertriage.paths import place, write_atomically

T = TypeVar("T")

KEY_FILE = "cache.key"
_KEY_SIZE = 32
_MAGIC = b"tiertriage-cache-1\n"
_MAC_SIZE = 32  # SHA-256


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
    secret = _secret(directory) if directory is not None else None
    if directory is None or secret is None:
        return build()
    path = directory / f"{kind}-{key}.pickle"
    name = f"{kind}-{key}-{__version__}".encode()
    try:
        data = path.read_bytes()
        if _verified(data, secret, name):
            value = pickle.loads(memoryview(data)[len(_MAGIC) + _MAC_SIZE :])
            if isinstance(value, want):
                return cast(T, value)
    except Exception:  # any entry that cannot be used is a miss
        pass
    value = build()
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        for stale in directory.glob(f"{kind}-*.pickle"):
            stale.unlink(missing_ok=True)
        write_atomically(path, _MAGIC + _mac(secret, name, payload) + payload)
    except OSError:
        pass
    return value


def _mac(secret: bytes, name: bytes, payload: bytes | memoryview) -> bytes:
    import hmac

    signer = hmac.new(secret, _MAGIC + name + b"\0", "sha256")
    signer.update(payload)
    return signer.digest()


def _verified(data: bytes, secret: bytes, name: bytes) -> bool:
    import hmac

    if not data.startswith(_MAGIC):
        return False
    start = len(_MAGIC) + _MAC_SIZE
    expected = _mac(secret, name, memoryview(data)[start:])
    return hmac.compare_digest(data[len(_MAGIC) : start], expected)


def _secret(directory: Path) -> bytes | None:
    """This user's cache key, made on first use; None when it can be neither read nor
    made (then nothing is cached)."""
    path = directory / KEY_FILE
    try:
        secret = path.read_bytes()
    except FileNotFoundError:
        secret = b""
    except OSError:
        return None
    if len(secret) == _KEY_SIZE:
        return secret
    try:
        if secret:  # damaged: entries signed with it are lost, which only costs time
            path.unlink()
        secret = _new_secret(path)
    except OSError:
        return None
    return secret if len(secret) == _KEY_SIZE else None


def _new_secret(path: Path) -> bytes:
    secret = os.urandom(_KEY_SIZE)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # readable by this user only, from the first byte written
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        if place(temporary, path):
            return secret
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_bytes()  # another process made one first: use theirs
