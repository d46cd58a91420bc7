"""A cache of validated datasets, keyed by the hash of the file's bytes.

Parsing TOML costs more than the rest of a lookup, so the validated plain data is kept as
`marshal` (the fastest loader in the standard library). The key is the content hash plus the
package and schema versions, so an edited file or a new release is never served stale. Any
problem with the cache (corrupt, unwritable, missing directory) just means no cache.
"""

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

from . import __version__

_KEEP = 8  # entries kept; each distinct dataset file adds one
_LAYOUT = 2  # bump when the cached rows change shape


def cache_dir() -> Path | None:
    if os.environ.get("BINOCHE_NO_CACHE"):
        return None
    explicit = os.environ.get("BINOCHE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "binoche-cli"


def key_for(raw: bytes) -> str:
    try:  # the builtin module: importing hashlib also loads OpenSSL, a few ms we do not need
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b

    digest = blake2b(raw, digest_size=16)
    digest.update(f"|{__version__}|{marshal.version}|{_LAYOUT}".encode())
    return digest.hexdigest()


def read(key: str) -> dict[str, Any] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = marshal.loads((folder / f"{key}.marshal").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def write(key: str, data: dict[str, Any]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    target = folder / f"{key}.marshal"
    temp = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(marshal.dumps(data))
        os.replace(temp, target)
        _prune(folder)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink()


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)
