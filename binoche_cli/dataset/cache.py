"""A cache of validated datasets: one entry per dataset file, bound to that file and its bytes.

Parsing TOML costs more than the rest of a lookup, so the validated rows (and the folded form
of every name, see text.preload_folds) are kept as `marshal`, the fastest loader in the
standard library. An entry is found from the dataset's resolved path, and its header says
which dataset it was made from:

- `path`: the dataset's resolved path. An entry copied over another dataset's entry names
  the wrong file and is a miss (issue 23);
- `digest`: a hash of the dataset's bytes. The bytes decide, never the file's name or dates;
- `stamp`: the file's device, inode, size, modification and change times when it was read. An
  unchanged stamp lets a warm lookup skip reading and hashing the dataset (a 90 MB file costs
  a tenth of a second to hash); a changed one means reading and hashing it, and equal bytes
  are still a hit. Only regular files get a stamp (a device or a FIFO is read every time),
  and only once their times are `RACY_SECONDS` old: a write within the same clock tick as
  our read could otherwise leave every field of the stamp as it was (git's "racy clean");
- `layout`: the entry's shape (derived from the record declarations by catalog.cache_layout,
  never bumped by hand, with text.FOLD_VERSION), and `version`: the package's, marshal's and
  Python's. Another layout or version is a miss.

Every entry carries a checksum (CRC-32) of its header and payload, checked before marshal
sees a byte: flipped bits are a miss, and the next write replaces the entry. Entries are
written by files.write_atomic (a temporary file, fsync, rename), so an interrupted write
leaves at most a temporary file, which no read trusts.

Any problem with the cache (corrupt, unwritable, missing directory) just means no cache.
"""

import contextlib
import marshal
import os
import stat
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from binoche_cli import __version__
from binoche_cli.dataset import bulk
from binoche_cli.files import FileProblem, read_bounded, write_atomic
from binoche_cli.text import fold

if TYPE_CHECKING:  # the records are built on this module's entries; only their type is needed
    from binoche_cli.dataset.catalog import Catalog

_KEEP = 8  # entries kept; each distinct dataset file adds one
_MAGIC = b"binoche-cache-2\n"
_SUFFIX = ".marshal"
# An entry is a few times its dataset at most; anything larger is not ours.
_MAX_ENTRY_BYTES = 512 * 1024 * 1024
# A stamp is recorded only for a file whose times are older than this when it was read.
RACY_SECONDS = 2.0
_VERSION = f"{__version__}|marshal {marshal.version}|python {sys.version_info[0]}.{sys.version_info[1]}"

# (st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns) of a regular file.
Stamp = tuple[int, int, int, int, int]


def _blake2b(data: bytes | memoryview, size: int) -> Any:
    try:  # the builtin module: importing hashlib also loads OpenSSL, a few ms we do not need
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    return blake2b(data, digest_size=size)


def _checksum(data: bytes | memoryview) -> bytes:
    # CRC-32 catches flipped bits, torn and truncated writes (what a cache meets) at a fraction
    # of a cryptographic hash's cost: on a warm lookup of a large dataset that was a tenth of the run.
    return zlib.crc32(data).to_bytes(4, "big")


def digest(raw: bytes) -> bytes:
    """What binds an entry to the dataset's bytes."""
    return bytes(_blake2b(raw, 16).digest())


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


def stamp_of(info: os.stat_result) -> Stamp | None:
    """The stamp of a regular file; None for anything else, which is never trusted by stat."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def identity(text: str) -> tuple[str, Stamp | None]:
    """The dataset's resolved path (what its cache entry is bound to) and, for a regular file,
    its stamp. Anything else (stdin, a pipe, a device, a path that cannot be read) gets no stamp
    and goes through the bounded read, which says what is wrong with it."""
    if text == "-":
        return text, None
    try:
        info = os.stat(text)
        return os.path.realpath(text), stamp_of(info)
    except (OSError, ValueError):
        return text, None


def settled(stamp: Stamp | None, now_ns: int | None = None) -> Stamp | None:
    """`stamp` if the file's times are old enough for a later change to show in them, else None."""
    if stamp is None:
        return None
    now_ns = time.time_ns() if now_ns is None else now_ns
    return stamp if now_ns - max(stamp[3], stamp[4]) > RACY_SECONDS * 1e9 else None


def entry_path(dataset: str, layout: str) -> Path | None:
    """Where the entry of the dataset at resolved path `dataset` lives, for this layout."""
    folder = cache_dir()
    if folder is None:
        return None
    name = _blake2b(f"{dataset}\0{layout}\0{_VERSION}".encode("utf-8", "surrogateescape"), 16)
    return folder / f"{name.hexdigest()}{_SUFFIX}"


class Entry(NamedTuple):
    """An intact entry made from the dataset at `path` in this layout; rows not yet loaded."""

    path: str
    digest: bytes
    stamp: Stamp | None
    payload: memoryview

    def rows(self) -> dict[str, Any] | None:
        try:
            rows = marshal.loads(self.payload)
        except (EOFError, ValueError, TypeError):
            return None
        return rows if isinstance(rows, dict) else None


def _header(dataset: str, layout: str, raw_digest: bytes, stamp: Stamp | None) -> bytes:
    return marshal.dumps(
        {"path": dataset, "layout": layout, "version": _VERSION, "digest": raw_digest, "stamp": stamp}
    )


def _seal(header: bytes, payload: bytes) -> tuple[bytes, bytes]:
    """An entry in two parts, the payload not copied: on a large dataset it is tens of MB."""
    head = len(header).to_bytes(4, "big") + header
    checksum = zlib.crc32(payload, zlib.crc32(head)).to_bytes(4, "big")
    return _MAGIC + checksum + head, payload


def _unseal(blob: bytes, dataset: str, layout: str) -> Entry | None:
    """The entry in `blob` if it is intact and was made from `dataset` in `layout`, else None."""
    head = len(_MAGIC) + 4
    if len(blob) < head + 4 or not blob.startswith(_MAGIC):
        return None
    body = memoryview(blob)[head:]
    if _checksum(body) != blob[len(_MAGIC) : head]:
        return None
    size = int.from_bytes(body[:4], "big")
    try:
        header = marshal.loads(body[4 : 4 + size])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(header, dict):
        return None
    if (header.get("path"), header.get("layout"), header.get("version")) != (dataset, layout, _VERSION):
        return None
    raw_digest, stamp = header.get("digest"), header.get("stamp")
    if not isinstance(raw_digest, bytes) or not (stamp is None or isinstance(stamp, tuple)):
        return None
    return Entry(dataset, raw_digest, stamp, body[4 + size :])


def read(dataset: str, layout: str) -> Entry | None:
    """The entry of the dataset at resolved path `dataset`, or None for a miss (absent,
    corrupt, of another layout or version, or made from another dataset)."""
    target = entry_path(dataset, layout)
    if target is None:
        return None
    try:
        blob = read_bounded(target, _MAX_ENTRY_BYTES, "a cache entry")
    except (FileProblem, OSError, ValueError):
        return None
    return _unseal(blob, dataset, layout)


def pack(rows: dict[str, Any]) -> bytes | None:
    """The payload of an entry holding `rows`; None if marshal refuses them (then no cache)."""
    try:
        return marshal.dumps(rows)
    except ValueError:
        return None


def write(dataset: str, layout: str, raw_digest: bytes, stamp: Stamp | None, rows: dict[str, Any]) -> None:
    """Store `rows` for the dataset at `dataset` with these bytes, whole or not at all;
    failures are silent (no cache)."""
    payload = pack(rows)
    if payload is not None:
        store(dataset, layout, raw_digest, stamp, payload)


def store(dataset: str, layout: str, raw_digest: bytes, stamp: Stamp | None, payload: bytes) -> None:
    """`write` for rows already packed (so a large load can let its rows go first)."""
    _store(dataset, layout, _seal(_header(dataset, layout, raw_digest, stamp), payload))


def restamp(entry: Entry, layout: str, stamp: Stamp) -> None:
    """Record a new stamp for an entry whose dataset was touched but holds the same bytes, so the
    next lookup skips reading it again. The payload is written back as it is."""
    payload = entry.payload.tobytes()
    _store(entry.path, layout, _seal(_header(entry.path, layout, entry.digest, stamp), payload))


def _store(dataset: str, layout: str, blob: tuple[bytes, bytes]) -> None:
    target = entry_path(dataset, layout)
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, blob)
        _prune(target.parent)
    except (FileProblem, OSError):
        pass


def _prune(folder: Path) -> None:
    entries = []
    for entry in folder.glob(f"*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime, entry))
    entries.sort(reverse=True)
    for _, old in entries[_KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


# ---------------------------------------------------------------------------------------
# What an entry holds


def folded_names(catalog: "Catalog") -> dict[str, str]:
    """fold() of every name a lookup compares: titles, roles, notes, people, languages, awards."""
    names: set[str] = {catalog.artist}
    for f in catalog.films:
        names.update(f.titles)
        names.update(f.directors)
        names.update(f.costars)
        names.update(f.languages)
        names.add(f.role)
        names.add(f.notes)
    for a in catalog.awards:
        names.add(a.body)
        names.add(a.category)
    for s in catalog.stage:
        names.add(s.title)
        names.update(s.directors)
    names.discard("")
    return {name: fold(name) for name in names}


def rows_of(catalog: "Catalog") -> dict[str, Any]:
    """Plain tuples in field order: marshal loads them, and records rebuild from them, fastest.

    Equal strings and equal tuples of them (a director, a source, a cast shared by many
    records) are made one object first: marshal then writes each once and refers back to it,
    so the entry is smaller and loads faster (for the 1000x benchmark dataset, sharing strings
    took a third off the size and time; sharing tuples takes a fifth off what is left)."""
    one = bulk.sharer()

    def rows(records: tuple[tuple[Any, ...], ...]) -> list[tuple[Any, ...]]:
        return [tuple(map(one, r)) for r in records]

    return {
        "artist": catalog.artist,
        "film": rows(catalog.films),
        "award": rows(catalog.awards),
        "stage": rows(catalog.stage),
        "event": rows(catalog.events),
        "guide": rows(catalog.guide),
        "about": catalog.about,
        "folds": {one(k): one(v) for k, v in folded_names(catalog).items()},
    }
