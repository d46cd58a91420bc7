"""The watch list: the only state the tool keeps, so it must never be lost.

One JSON file `{"version": 1, "seen": {"film-id": "YYYY-MM-DD", ...}}` in the user's data
directory. Reads never repair: a file we cannot understand is left byte-for-byte alone and
reported (exit 3). Writes go to a temporary file in the same directory, are fsynced and then
renamed over the old one, under an exclusive lock so concurrent runs do not drop marks.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

FILE_NAME = "seen.json"


class WatchListError(Exception):
    """The watch list cannot be read or written; the message is one line for stderr."""


def home() -> Path:
    """BINOCHE_HOME, else XDG_DATA_HOME, else the platform's usual data directory."""
    explicit = os.environ.get("BINOCHE_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg) / "binoche-cli"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "binoche-cli"
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "binoche-cli"
    return Path.home() / ".local" / "share" / "binoche-cli"


def path() -> Path:
    return home() / FILE_NAME


def _recovery_hint(file: Path) -> str:
    return f"it was left untouched; fix it, or move it aside (mv {file} {file}.bak) to start a new list"


def read(file: Path | None = None) -> dict[str, str]:
    """film id -> date marked. A missing file is an empty list; a bad one is an error."""
    import json

    file = file or path()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise WatchListError(f"{file}: is a directory, not a watch list; {_recovery_hint(file)}") from None
    except OSError as exc:
        raise WatchListError(f"{file}: cannot read the watch list: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WatchListError(
            f"{file}: not a valid watch list (corrupt JSON); {_recovery_hint(file)}"
        ) from None
    marks = data.get("seen") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("version") != 1
        or not isinstance(marks, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in marks.items())
    ):
        raise WatchListError(f"{file}: not a watch list this version understands; {_recovery_hint(file)}")
    return dict(marks)


def _write_atomically(file: Path, marks: dict[str, str]) -> None:
    import json
    import tempfile

    payload = json.dumps({"version": 1, "seen": dict(sorted(marks.items()))}, indent=1, ensure_ascii=False)
    fd, temp_name = tempfile.mkstemp(prefix=".seen-", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        _before_replace(temp_name)
        os.replace(temp_name, file)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(file.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _before_replace(temp_name: str) -> None:
    """A seam for tests that simulate a crash between writing and renaming."""


@contextmanager
def _locked(file: Path) -> Iterator[None]:
    lock_path = file.with_name(file.name + ".lock")
    handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: best effort without a lock
            pass
        yield
    finally:
        handle.close()  # releases the lock


def update(
    change: Callable[[dict[str, str]], dict[str, str]], file: Path | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Read, change and write the list under the lock; returns the marks before and after."""
    file = file or path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _locked(file):
            marks = read(file)
            new = change(dict(marks))
            if new != marks:
                _write_atomically(file, new)
            return marks, new
    except WatchListError:
        raise
    except OSError as exc:
        where = exc.filename or file.parent
        raise WatchListError(
            f"{where}: cannot write the watch list: {exc.strerror or exc} "
            "(set BINOCHE_HOME to a writable directory)"
        ) from None
