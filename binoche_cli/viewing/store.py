"""The viewing log: every time you watched a film, with an optional rating, tags and a note.

The only state the tool keeps, so it must never be lost. One JSON file in the user's data
directory (format version 2):

    {"version": 2,
     "films": {"damage": {"viewings": [{"date": "2024-03-01", "rating": 4.5,
                                         "rewatch": false, "tags": ["cinema"], "note": ""}]}}}

- Reads never repair: a file we cannot understand is left byte-for-byte alone and reported,
  with the command that moves it aside.
- Keys this version does not know (top level, per film, per viewing) are kept on rewrite.
- A version-1 file (`{"version": 1, "seen": {id: date}}`) is read as one viewing per film and
  upgraded on the first write; the old bytes are kept beside it as `seen.json.bak`.
- Every write happens under an exclusive lock on `seen.json.lock`, as a function of the log
  read under that lock, and replaces the file atomically (files.write_atomic).

The records and their rules live in `viewing_log`, the `seen list`/`seen stats` queries in
`viewing_queries`; both are re-exported here, so `from binoche_cli.viewing.store import X` keeps
working for every name this module has always offered.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from binoche_cli.viewing.log import DATE_SHAPE, VIEWING_KEYS, has_control
from binoche_cli.viewing.log import EMPTY as EMPTY
from binoche_cli.viewing.log import FORMAT_VERSION as FORMAT_VERSION
from binoche_cli.viewing.log import MAX_NOTE_CHARS as MAX_NOTE_CHARS
from binoche_cli.viewing.log import MAX_TAG_CHARS as MAX_TAG_CHARS
from binoche_cli.viewing.log import FilmLog as FilmLog
from binoche_cli.viewing.log import Viewing as Viewing
from binoche_cli.viewing.log import ViewingLog as ViewingLog
from binoche_cli.viewing.log import add_viewing as add_viewing
from binoche_cli.viewing.log import film_mean_rating as film_mean_rating
from binoche_cli.viewing.log import last_viewing as last_viewing
from binoche_cli.viewing.log import make_viewing as make_viewing
from binoche_cli.viewing.log import mean_rating as mean_rating
from binoche_cli.viewing.log import order_viewings as order_viewings
from binoche_cli.viewing.log import parse_date as parse_date
from binoche_cli.viewing.log import parse_note as parse_note
from binoche_cli.viewing.log import parse_rating as parse_rating
from binoche_cli.viewing.log import parse_tag as parse_tag
from binoche_cli.viewing.log import remove_viewings as remove_viewings
from binoche_cli.viewing.log import seen_ids as seen_ids
from binoche_cli.viewing.log import total_viewings as total_viewings
from binoche_cli.viewing.log import viewing_count as viewing_count
from binoche_cli.viewing.log import viewings_of as viewings_of
from binoche_cli.viewing.queries import FilmSummary as FilmSummary
from binoche_cli.viewing.queries import RatingRange as RatingRange
from binoche_cli.viewing.queries import SeenStats as SeenStats
from binoche_cli.viewing.queries import ViewingFilter as ViewingFilter
from binoche_cli.viewing.queries import compute_seen_stats as compute_seen_stats
from binoche_cli.viewing.queries import filter_viewings as filter_viewings
from binoche_cli.viewing.queries import parse_rating_filter as parse_rating_filter
from binoche_cli.viewing.queries import summarise_films as summarise_films
from binoche_cli.viewing.queries import viewing_matches as viewing_matches
from binoche_cli.viewing.recovery import backups as backups
from binoche_cli.viewing.recovery import broken_name, move_aside_hint

FILE_NAME = "seen.json"
MAX_LOG_BYTES = 50 * 1024 * 1024
_VIEWING_KEYS = VIEWING_KEYS  # the name it had before the split, which tests still use
_WRITABLE_HINT = " (set BINOCHE_HOME to a writable directory)"


class WatchListError(Exception):
    """The viewing log cannot be read or written; the message is one line for stderr."""


# ---------------------------------------------------------------------------------------
# The file


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


def _shown(file: Path | str) -> str:
    from binoche_cli.files import shown

    return shown(file)


class _Corrupt(ValueError):
    """A located problem inside the JSON (`films.damage.viewings[0].rating: ...`)."""


def _check_stored_date(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not DATE_SHAPE.fullmatch(value):
        raise _Corrupt(f"{where}: {value!r} is not a YYYY-MM-DD date")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise _Corrupt(f"{where}: {value!r} is not a real calendar date") from None
    return value


def _viewing_from_json(raw: object, where: str) -> Viewing:
    if not isinstance(raw, dict):
        raise _Corrupt(f"{where}: expected an object")
    rating = raw.get("rating")
    if rating is not None:
        if not isinstance(rating, (int, float)) or isinstance(rating, bool):
            raise _Corrupt(f"{where}.rating: {rating!r} is not a number")
        try:
            rating = parse_rating(rating)
        except ValueError as exc:
            raise _Corrupt(f"{where}.rating: {exc}") from None
    rewatch = raw.get("rewatch", False)
    if not isinstance(rewatch, bool):
        raise _Corrupt(f"{where}.rewatch: {rewatch!r} is not true or false")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Corrupt(f"{where}.tags: expected a list of strings")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise _Corrupt(f"{where}.note: expected a string")
    try:
        checked_tags = tuple(parse_tag(t) for t in tags)
        if any(checked != original for checked, original in zip(checked_tags, tags, strict=True)):
            raise ValueError("a tag has spaces around it")
        parse_note(note)
    except ValueError as exc:
        raise _Corrupt(f"{where}: {exc}") from None
    return Viewing(
        date=_check_stored_date(raw.get("date"), f"{where}.date"),
        rating=rating,
        rewatch=rewatch,
        tags=checked_tags,
        note=note,
        extra={k: v for k, v in raw.items() if k not in VIEWING_KEYS},
    )


def _check_film_id(film_id: str, where: str) -> None:
    if not film_id.strip() or has_control(film_id) or len(film_id) > 200:
        raise _Corrupt(f"{where}: {film_id[:40]!r} is not a film id")


def from_json(data: object) -> ViewingLog:
    """A parsed JSON document as a log, version 1 or 2; _Corrupt (ValueError) names the place."""
    if not isinstance(data, dict):
        raise _Corrupt("the top level is not an object")
    version = data.get("version")
    if version == 1:
        marks = data.get("seen")
        if not isinstance(marks, dict):
            raise _Corrupt("seen: expected an object of film id -> date")
        films: dict[str, FilmLog] = {}
        for film_id, when in marks.items():
            _check_film_id(film_id, f"seen.{film_id}")
            date = _check_stored_date(when, f"seen.{film_id}")
            films[film_id] = FilmLog(viewings=(Viewing(date=date),))
        extra = {k: v for k, v in data.items() if k not in ("version", "seen")}
        return ViewingLog(films=films, extra=extra, source_version=1)
    if version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise _Corrupt(f"version {version} was written by a newer binoche-cli; upgrade to read it")
        raise _Corrupt(f"version: {version!r} is not a version this tool understands")
    raw_films = data.get("films", {})
    if not isinstance(raw_films, dict):
        raise _Corrupt("films: expected an object of film id -> viewings")
    films = {}
    for film_id, entry in raw_films.items():
        where = f"films.{film_id}"
        _check_film_id(film_id, where)
        if not isinstance(entry, dict):
            raise _Corrupt(f"{where}: expected an object")
        raw_viewings = entry.get("viewings", [])
        if not isinstance(raw_viewings, list):
            raise _Corrupt(f"{where}.viewings: expected a list")
        viewings = [_viewing_from_json(v, f"{where}.viewings[{i}]") for i, v in enumerate(raw_viewings)]
        films[film_id] = FilmLog(
            viewings=order_viewings(viewings), extra={k: v for k, v in entry.items() if k != "viewings"}
        )
    extra = {k: v for k, v in data.items() if k not in ("version", "films")}
    return ViewingLog(films=films, extra=extra, source_version=FORMAT_VERSION)


def _viewing_to_json(viewing: Viewing) -> dict[str, Any]:
    return {
        "date": viewing.date,
        "rating": viewing.rating,
        "rewatch": viewing.rewatch,
        "tags": list(viewing.tags),
        "note": viewing.note,
        **viewing.extra,
    }


def to_json(log: ViewingLog) -> dict[str, Any]:
    """The log as version-2 JSON data; unknown keys where they were."""
    return {
        "version": FORMAT_VERSION,
        "films": {
            film_id: {
                "viewings": [_viewing_to_json(v) for v in log.films[film_id].viewings],
                **log.films[film_id].extra,
            }
            for film_id in sorted(log.films)
        },
        **log.extra,
    }


class JsonTextError(ValueError):
    """Text that is not JSON: `reason` is the parser's, `line` where it stopped when it knows."""

    def __init__(self, reason: str, line: int | None = None, too_deep: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.too_deep = too_deep


def decode_json(text: str) -> object:
    """`json.loads`, with every way it fails (bad syntax, deep nesting) as one JsonTextError."""
    import json

    try:
        return json.loads(text)
    except ValueError as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise JsonTextError(getattr(exc, "msg", str(exc)), line) from None
    except RecursionError:
        raise JsonTextError("nested too deeply", too_deep=True) from None


def dumps(log: ViewingLog) -> bytes:
    import json

    return (json.dumps(to_json(log), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def loads(raw: bytes, source: str = "") -> ViewingLog:
    """Parse file bytes; WatchListError (one line, naming `source`) when they are not a log."""
    name = source or "the viewing log"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WatchListError(f"{name}: not a valid viewing log (not UTF-8 text)") from None
    try:
        data = decode_json(text)
    except JsonTextError as exc:
        where = f" at line {exc.line}" if exc.line is not None else ""
        what = "JSON nested too deeply" if exc.too_deep else f"corrupt JSON{where}"
        raise WatchListError(f"{name}: not a valid viewing log ({what})") from None
    try:
        return from_json(data)
    except _Corrupt as exc:
        raise WatchListError(f"{name}: not a valid viewing log: {exc}") from None
    except RecursionError:  # pragma: no cover - from_json does not recurse, kept as a guard
        raise WatchListError(f"{name}: not a valid viewing log (nested too deeply)") from None


def _read_raw(file: Path) -> bytes:
    from binoche_cli.files import read_bounded

    return read_bounded(file, MAX_LOG_BYTES, "a viewing log")


def read(file: Path | None = None) -> ViewingLog:
    """The log on disk; a missing file is an empty log, anything we cannot read is an error."""
    from binoche_cli.files import FileProblem

    file = file or path()
    try:
        raw = _read_raw(file)
    except FileProblem as exc:
        if exc.reason == "missing":
            return EMPTY
        hint = f"; {move_aside_hint(file)}" if exc.reason in ("directory", "special", "too-large") else ""
        raise WatchListError(f"{exc}{hint}") from None
    try:
        return loads(raw, _shown(file))
    except WatchListError as exc:
        raise WatchListError(f"{exc}; {move_aside_hint(file)}") from None


def backup_name(file: Path) -> Path:
    """`seen.json.bak`, or the first free `seen.json.bak.N`: an old backup is never overwritten."""
    candidate = file.with_name(file.name + ".bak")
    number = 0
    while os.path.lexists(candidate):
        number += 1
        candidate = file.with_name(f"{file.name}.bak.{number}")
    return candidate


def _keep_backup(file: Path) -> Path:
    """Copy the file's current bytes to its first free backup name, and return that name."""
    from binoche_cli.files import write_atomic

    kept = backup_name(file)
    write_atomic(kept, _read_raw(file))
    return kept


@contextmanager
def _locked(file: Path) -> Iterator[None]:
    lock_path = file.with_name(file.name + ".lock")
    handle = open(lock_path, "a+b")  # noqa: SIM115 - held for the whole block
    try:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: best effort without a lock
            pass
        yield
    finally:
        handle.close()  # releases the lock


@contextmanager
def _writing(file: Path, os_error_hint: str) -> Iterator[None]:
    """Hold the lock for a write; a failure to create or write a file becomes one WatchListError.

    `os_error_hint` ends the message for a plain OSError (update names BINOCHE_HOME there,
    restore does not); a FileProblem always names it.
    """
    from binoche_cli.files import FileProblem

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _locked(file):
            yield
    except WatchListError:
        raise
    except FileProblem as exc:
        raise WatchListError(f"{exc}{_WRITABLE_HINT}") from None
    except OSError as exc:
        where = _shown(exc.filename or file.parent)
        raise WatchListError(
            f"{where}: cannot write the viewing log: {exc.strerror or exc}{os_error_hint}"
        ) from None


def update(
    change: Callable[[ViewingLog], ViewingLog], file: Path | None = None
) -> tuple[ViewingLog, ViewingLog]:
    """Read, change and write the log under the lock; returns the log before and after.

    `change` is called with the log as it is on disk while the lock is held, so concurrent
    writers each see the others' viewings. Nothing is written when it returns an equal log.
    A version-1 file is kept as `seen.json.bak` before its first rewrite.
    """
    from binoche_cli.files import write_atomic

    file = file or path()
    with _writing(file, _WRITABLE_HINT):
        before = read(file)
        after = change(before)
        if after != before:
            if before.source_version == 1:
                _keep_backup(file)
            write_atomic(file, dumps(after))
    return before, after


class Replaced(NamedTuple):
    """What `replace_all` did with the file it replaced."""

    before: ViewingLog  # the log replaced (EMPTY when there was none, or it was unreadable)
    kept: Path | None  # where its bytes were kept; None when there was no file
    broken: bool = False  # the file was not a readable log; `kept` is `seen.json.broken`


def replace_all(new: ViewingLog, file: Path | None = None) -> Replaced:
    """Swap in a whole log (restore) under the lock, keeping the file it replaces: a readable
    log as `seen.json.bak` (`.bak.1`...), an unreadable one as `seen.json.broken` (`.broken.1`...),
    so restoring works exactly when the log is corrupt and nothing is ever lost."""
    from binoche_cli.files import write_atomic

    file = file or path()
    with _writing(file, ""):
        try:
            before = read(file)
        except WatchListError:
            if not os.path.isfile(file):
                raise  # a directory or a device in its place: not ours to move
            import shutil

            aside = broken_name(file)
            shutil.copyfile(file, aside)  # unbounded: a log too large to read is kept too
            write_atomic(file, dumps(new))
            return Replaced(EMPTY, aside, broken=True)
        kept = _keep_backup(file) if before.source_version != 0 else None
        write_atomic(file, dumps(new))
    return Replaced(before, kept)
