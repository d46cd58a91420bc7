"""A cache of validated datasets, keyed by the hash of the file's bytes and the entry layout.

Parsing TOML costs more than the rest of a lookup, so the validated rows (and the folded form
of every name, see text.preload_folds) are kept as `marshal`, the fastest loader in the
standard library. Three guards keep a wrong entry from ever being shown:

- the key hashes the file's bytes, the package version and the *layout* (derived from the
  record declarations by catalog.cache_layout, never bumped by hand), and the entry repeats
  the layout it was written in: an entry of another layout is a miss;
- every entry carries a checksum of its payload (CRC-32), checked before marshal sees a byte: flipped
  bits are a miss, and the next write replaces the entry;
- an entry is written to a temporary file (`.binoche-cache-*.tmp`), fsynced, then renamed into
  place, so an interrupted write leaves at most a temporary file, which no read trusts and
  the next write removes once it is a minute old.

Any problem with the cache (corrupt, unwritable, missing directory) just means no cache.
"""

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

from binoche_cli import __version__

_KEEP = 8  # entries kept; each distinct dataset file adds one
_MAGIC = b"binoche-cache\n"
# The payload's checksum: CRC-32. It catches flipped bits, torn and truncated writes (what a
# cache meets) at a fraction of a cryptographic hash's cost, which on a warm lookup of a large
# dataset was a tenth of the run.
_DIGEST_SIZE = 4
_SUFFIX = ".marshal"
TEMP_PREFIX = ".binoche-cache-"
TEMP_SUFFIX = ".tmp"
# An entry is a few times its dataset at most; anything larger is not ours.
_MAX_ENTRY_BYTES = 256 * 1024 * 1024


def _blake2b(data: bytes | memoryview, size: int) -> Any:
    try:  # the builtin module: importing hashlib also loads OpenSSL, a few ms we do not need
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    return blake2b(data, digest_size=size)


def _checksum(payload: bytes | memoryview) -> bytes:
    import zlib

    return zlib.crc32(payload).to_bytes(4, "big")


def enabled() -> bool:
    return cache_dir() is not None


def cache_dir() -> Path | None:
    if os.environ.get("BINOCHE_NO_CACHE"):
        return None
    explicit = os.environ.get("BINOCHE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "binoche-cli"


def key_for(raw: bytes, layout: str) -> str:
    """The entry name for a dataset's bytes in this layout, package and marshal version."""
    digest = _blake2b(raw, 16)
    digest.update(f"|{__version__}|{marshal.version}|{layout}".encode())
    return str(digest.hexdigest())


def entry_path(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{key}{_SUFFIX}"


def _seal(layout: str, rows: dict[str, Any]) -> bytes:
    payload = marshal.dumps({"layout": layout, "rows": rows})
    return _MAGIC + _checksum(payload) + payload


def _unseal(blob: bytes, layout: str) -> dict[str, Any] | None:
    """The rows of an intact entry written in `layout`, else None."""
    head = len(_MAGIC) + _DIGEST_SIZE
    if len(blob) <= head or not blob.startswith(_MAGIC):
        return None
    payload = memoryview(blob)[head:]
    if _checksum(payload) != blob[len(_MAGIC) : head]:
        return None
    try:
        data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("layout") != layout:
        return None
    rows = data.get("rows")
    return rows if isinstance(rows, dict) else None


def read(key: str, layout: str) -> dict[str, Any] | None:
    """The rows stored under `key`, or None for a miss (absent, corrupt or another layout)."""
    target = entry_path(key)
    if target is None:
        return None
    from binoche_cli.files import FileProblem, read_bounded

    try:
        blob = read_bounded(target, _MAX_ENTRY_BYTES, "a cache entry")
    except (FileProblem, OSError, ValueError):
        return None
    return _unseal(blob, layout)


def write(key: str, layout: str, rows: dict[str, Any]) -> None:
    """Store `rows` under `key`, whole or not at all; failures are silent (no cache)."""
    target = entry_path(key)
    if target is None:
        return
    try:
        blob = _seal(layout, rows)
    except ValueError:  # marshal refuses the value: then there is nothing to cache
        return
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        from binoche_cli.files import remove_stale_temps

        remove_stale_temps(str(folder))
        _write_atomic(folder, target, blob)
        _prune(folder)
    except OSError:
        pass


def _write_atomic(folder: Path, target: Path, blob: bytes) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    try:
        try:
            _lock(fd)  # a live writer's temp file is never taken for debris
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            _before_replace(temp)
            os.replace(temp, target)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _lock(fd: int) -> None:
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (ImportError, OSError):  # pragma: no cover - Windows, or a file system without locks
        pass


def _before_replace(temp_name: str) -> None:
    """A seam for tests that simulate a crash between writing and renaming."""


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime, entry))
    entries.sort(reverse=True)
    for _, old in entries[_KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
