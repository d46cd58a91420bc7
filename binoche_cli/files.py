"""Reading and writing the user's files safely: bounded reads, atomic writes, early checks.

Shared by the viewing log, the importers and the picture writer, so each of them refuses the
same things with the same one-line messages:

- a read never takes more than `limit` bytes, whatever `stat` says (devices report size 0);
- a read never blocks on a named FIFO nobody writes to, and reads no device unless the user
  clearly handed it over (`-` for stdin, `/dev/fd/N` from a shell's `<(...)`);
- a write lands whole or not at all (temporary file in the target's directory, fsync,
  rename), goes through a symlink to its target, and never replaces a non-regular file.

POSIX first; on Windows (no `fcntl`) the same calls work without the advisory locks.
"""

from __future__ import annotations

import csv
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".binoche-"
TEMP_SUFFIX = ".tmp"
# A temporary file of ours older than this, and not locked by a live writer, is debris from
# a crash and may be deleted.
STALE_AFTER_SECONDS = 60.0
_MIB = 1024 * 1024
_CHUNK = 1024 * 1024
# Paths through which a shell hands over an already-open descriptor (`<(cmd)`, `/dev/stdin`).
_HANDED_OVER = ("/dev/fd/", "/proc/self/fd/")
_HANDED_OVER_NAMES = ("/dev/stdin",)


class FileProblem(Exception):
    """A file cannot be read or written; the message is one line naming the file.

    `reason` is one of: missing, directory, permission, too-large, special, io, exists, usage.
    """

    def __init__(self, message: str, reason: str = "io") -> None:
        super().__init__(message)
        self.reason = reason


def shown(path: str | os.PathLike[str]) -> str:
    """A path for a one-line message: control characters (a newline in a name) escaped."""
    text = os.fspath(path)
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def is_stdout_path(path: str | os.PathLike[str]) -> bool:
    return os.fspath(path) in ("-", "/dev/stdout")


def _limit_text(limit: int) -> str:
    if limit >= _MIB and limit % _MIB == 0:
        return f"{limit // _MIB} MiB"
    if limit >= _MIB:
        return f"{limit / _MIB:.1f} MiB"
    return f"{limit} byte"


def _handed_over(text: str) -> bool:
    """True for paths naming a descriptor the shell opened for us (`<(...)`, stdin).

    Judged on the normalised path, and only `/dev/fd/N` or `/proc/self/fd/N` itself:
    `/proc/self/fd/../../../dev/zero` names /dev/zero, not a descriptor."""
    if text == "-":
        return True
    normal = os.path.normpath(text)
    if normal in _HANDED_OVER_NAMES:
        return True
    return any(normal.startswith(p) and normal[len(p) :].isdecimal() for p in _HANDED_OVER)


def _slash_problem(text: str, name: str) -> FileProblem | None:
    """A file path ending in `/` names a directory; pathlib and realpath would drop the slash
    and quietly use the file, so it is refused in words."""
    if text.endswith(("/", os.sep)) and text not in ("/", os.sep) and not os.path.isdir(text):
        return FileProblem(f"{name}: a file path cannot end in '/' (it names a directory)", "directory")
    return None


def _empty_problem(text: str) -> FileProblem | None:
    """An empty path, or one no system call can take (a lone surrogate the file system
    encoding cannot write): refused in words, not with a UnicodeEncodeError."""
    if not text.strip():
        return FileProblem("the file path is empty; give a file name", "missing")
    try:
        os.fsencode(text)
    except UnicodeError:
        return FileProblem(f"{shown(text)}: not a valid path (it cannot be encoded)", "missing")
    return None


def check_path_text(path: str | os.PathLike[str]) -> None:
    """Raise FileProblem for a path no file can have: empty, holding a NUL, or a file path
    ending in `/`. For callers that turn the text into a `Path`, which drops the slash."""
    text = os.fspath(path)
    if "\0" in text:
        raise FileProblem(f"{shown(text)}: not a valid path (it holds a NUL character)", "missing")
    problem = _empty_problem(text) or _slash_problem(text, shown(text))
    if problem is not None:
        raise problem


def byte_limit(variable: str, default: int) -> int:
    """A size limit from the environment variable `variable`, or `default` when it is unset or
    empty. Anything but ASCII digits (`²`, `1e9`, `-5`, 5,000 digits) is a FileProblem: a limit
    the user tried to set is never silently replaced."""
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 18 and int(value) > 0):
        shown_value = shown(value if len(value) <= 40 else value[:39] + "…")
        raise FileProblem(
            f"{variable}={shown_value}: not a size in bytes; use a positive whole number such as 100000000",
            "usage",
        )
    return int(value)


def _os_problem(exc: OSError, name: str, what: str, verb: str = "read") -> FileProblem:
    import errno

    if exc.errno == errno.ENOENT:
        return FileProblem(f"{name}: no such file", "missing")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileProblem(f"{name}: permission denied", "permission")
    if exc.errno == errno.EISDIR:
        return FileProblem(f"{name}: is a directory, not {what}", "directory")
    return FileProblem(f"{name}: cannot {verb} {what}: {exc.strerror or exc}")


def _read_fd(fd: int, limit: int, name: str, what: str, size_hint: int = 0) -> bytes:
    """At most `limit` bytes; one more byte read means the source is too large.

    A regular file's size (`size_hint`) is read in one call, so a large file is not read in
    chunks and joined again; the limit holds whatever the hint says.
    """
    parts: list[bytes] = []
    total = 0
    first = min(size_hint + 1, limit + 1) if size_hint > 0 else _CHUNK
    while True:
        chunk = os.read(fd, min(first if not parts else _CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileProblem(f"{name}: over the {_limit_text(limit)} limit for {what}", "too-large")


def read_bounded(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file (or stdin, or a pipe the shell handed over), at most `limit`.

    Raises FileProblem for a missing file, a directory, no permission, too many bytes, or
    anything else that is not a regular file (a device, a named FIFO, a socket).
    """
    text = os.fspath(path)
    name = "stdin" if text == "-" else shown(text)
    if text == "-":
        try:
            return _read_fd(sys.stdin.buffer.fileno(), limit, name, what)
        except (OSError, ValueError, AttributeError):
            # No real descriptor (a test runner's fake stdin): read the stream itself.
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:
                raise FileProblem(
                    f"{name}: over the {_limit_text(limit)} limit for {what}", "too-large"
                ) from None
            return data
    if "\0" in text:
        raise FileProblem(f"{name}: not a valid path (it holds a NUL character)", "missing")
    problem = _empty_problem(text) or _slash_problem(text, name)
    if problem is not None:
        raise problem
    allowed_special = _handed_over(text)
    try:
        # Look before opening: opening a device or a FIFO can itself have effects or block.
        before = os.stat(text)
    except OSError as exc:
        raise _os_problem(exc, name, what) from None
    _check_kind(before.st_mode, allowed_special, name, what)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # Non-blocking so a FIFO whose writer went away cannot hang the open.
    flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(text, flags)
    except OSError as exc:
        raise _os_problem(exc, name, what) from None
    try:
        after = os.fstat(fd)  # what we actually opened, in case the path changed meanwhile
        _check_kind(after.st_mode, allowed_special, name, what)
        _set_blocking(fd)
        hint = after.st_size if stat.S_ISREG(after.st_mode) else 0
        return _read_fd(fd, limit, name, what, hint)
    except OSError as exc:
        raise _os_problem(exc, name, what) from None
    finally:
        os.close(fd)


def _check_kind(mode: int, allowed_special: bool, name: str, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise FileProblem(f"{name}: is a directory, not {what}", "directory")
    if stat.S_ISREG(mode):
        return
    if allowed_special and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return
    raise FileProblem(f"{name}: not a regular file", "special")


def _set_blocking(fd: int) -> None:
    try:
        os.set_blocking(fd, True)
    except (OSError, AttributeError):  # pragma: no cover - Windows before 3.12
        pass


# ---------------------------------------------------------------------------------------
# Writing


def _target(path: str | os.PathLike[str]) -> str:
    """Where a write really lands: the final target of any symlinks."""
    text = os.fspath(path)
    if "\0" in text:  # no system call takes it; refuse it in words, not with a ValueError
        raise FileProblem(f"{shown(text)}: not a valid path (it holds a NUL character)", "missing")
    problem = _empty_problem(text) or _slash_problem(text, shown(text))
    if problem is not None:
        raise problem
    return os.path.realpath(text)


def check_writable(path: str | Path) -> None:
    """Raise FileProblem unless `path` can be written by write_atomic (or is stdout).

    Used to validate every output path before anything is written.
    """
    if is_stdout_path(path):
        return
    name = shown(path)
    target = _target(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _os_problem(exc, name, "a file", "write") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{name}: is a directory", "directory")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{name}: not a regular file; refusing to replace it", "special")
        if not os.access(target, os.W_OK):
            raise FileProblem(f"{name}: permission denied (the file is read-only)", "permission")
    parent = os.path.dirname(target) or "."
    if not os.path.isdir(parent):
        raise FileProblem(f"{name}: directory {shown(parent)} does not exist", "missing")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise FileProblem(f"{name}: cannot create files in {shown(parent)}: permission denied", "permission")


def _current_umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Not thread-safe, but only where /proc is missing (macOS, Windows).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _lock_nonblocking(fd: int) -> bool:
    """Try to take our exclusive advisory lock; True when we hold it (or locks do not exist)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale_temps(directory: str, now: float | None = None) -> list[str]:
    """Delete our temporary files older than a minute that no live writer holds locked."""
    import time

    now = time.time() if now is None else now
    removed: list[str] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for entry in names:
        if not (entry.startswith(TEMP_PREFIX) and entry.endswith(TEMP_SUFFIX)):
            continue
        full = os.path.join(directory, entry)
        try:
            info = os.lstat(full)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER_SECONDS:
                continue
            fd = os.open(full, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            if _lock_nonblocking(fd):
                os.unlink(full)
                removed.append(full)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def write_atomic(path: str | Path, data: bytes | tuple[bytes, ...]) -> None:
    """Replace `path` (through symlinks, at its final target) with `data`, all or nothing.

    `data` may come in parts, written one after the other: a large payload and its header need
    not be joined into one more copy first (the dataset cache writes tens of megabytes).
    `-` and `/dev/stdout` write to standard output instead. A new file gets the umask's mode;
    a replaced file keeps its mode. Raises FileProblem; nothing is left half-written.
    """
    parts = (data,) if isinstance(data, bytes) else data
    if is_stdout_path(path):
        sys.stdout.flush()
        for part in parts:
            sys.stdout.buffer.write(part)
        sys.stdout.buffer.flush()
        return
    import tempfile

    check_writable(path)
    name = shown(path)
    target = _target(path)
    directory = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()
    except OSError as exc:
        raise _os_problem(exc, name, "a file", "write") from None
    remove_stale_temps(directory)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise _os_problem(exc, name, "a file", "write") from None
    try:
        try:
            _lock_nonblocking(fd)  # marks the temp file as live for remove_stale_temps
            for part in parts:
                view = memoryview(part)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            else:  # pragma: no cover - Windows
                os.chmod(temp_name, mode)
            os.fsync(fd)
            _before_replace(temp_name)
            os.replace(temp_name, target)
        finally:
            os.close(fd)  # after the rename: the lock stays until the file is in place
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise _os_problem(exc, name, "a file", "write") from None
        raise
    _fsync_directory(directory)


def _before_replace(temp_name: str) -> None:
    """A seam for tests that simulate a crash between writing and renaming."""


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


# ---------------------------------------------------------------------------------------
# CSV: the one writer. Every `-f csv` listing and every CSV export (`seen export -f csv`,
# `letterboxd`, `imdb`) goes through `write_csv`, so `--csv-safe` holds for all of them.

# Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list): the
# four formula signs, and tab and carriage return, which some spreadsheets skip first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """`text` as a spreadsheet shows it but never runs it: a leading `'` before a formula start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def write_csv(
    stream: IO[str],
    header: Sequence[str] | None,
    rows: Iterable[Sequence[object]],
    *,
    csv_safe: bool,
    lineterminator: str = "\r\n",
) -> None:
    """RFC 4180 CSV: `header` (None: no header row), then `rows`.

    With `csv_safe`, every cell starting with = + - @, a tab or a carriage return gets a
    leading `'` (OWASP's advice), headers included. `csv_safe` has no default so that no
    caller can forget it."""
    writer = csv.writer(stream, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([neutralised(h) for h in header] if csv_safe else header)
    for row in rows:
        cells = [_cell(value) for value in row]
        writer.writerow([neutralised(c) for c in cells] if csv_safe else cells)
