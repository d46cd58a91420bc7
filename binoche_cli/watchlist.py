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

Records are frozen; the helpers here are pure and return new logs.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .catalog import Award, Catalog, Film

FILE_NAME = "seen.json"
FORMAT_VERSION = 2
MAX_LOG_BYTES = 50 * 1024 * 1024
MAX_TAG_CHARS = 50
MAX_NOTE_CHARS = 500
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VIEWING_KEYS = ("date", "rating", "rewatch", "tags", "note")


class WatchListError(Exception):
    """The viewing log cannot be read or written; the message is one line for stderr."""


# ---------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Viewing:
    """One time a film was watched. `extra` holds keys a newer version wrote; do not mutate it."""

    date: str | None = None  # YYYY-MM-DD, or None when the date is unknown
    rating: float | None = None  # 0.5 .. 5 in halves
    rewatch: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FilmLog:
    viewings: tuple[Viewing, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ViewingLog:
    """The whole file. `source_version` is what was on disk (0: no file yet)."""

    films: Mapping[str, FilmLog] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    source_version: int = FORMAT_VERSION

    def __eq__(self, other: object) -> bool:
        # Where it came from does not make two logs different.
        if not isinstance(other, ViewingLog):
            return NotImplemented
        return dict(self.films) == dict(other.films) and dict(self.extra) == dict(other.extra)


EMPTY = ViewingLog(source_version=0)


# ---------------------------------------------------------------------------------------
# Validating input (the edge: nothing unvalidated is stored)


def parse_date(text: str, today: datetime.date | None = None) -> str:
    """A real calendar date as YYYY-MM-DD, not in the future; ValueError otherwise."""
    cleaned = text.strip()
    if not _DATE_SHAPE.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2024-03-01")
    try:
        day = datetime.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a real calendar date") from None
    if day > (today or datetime.date.today()):
        raise ValueError(f"{text!r} is in the future")
    return cleaned


def parse_rating(value: str | float) -> float:
    """0.5 to 5 in steps of a half (`4`, `4.5`, `4,5`); ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a rating")
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{value!r} is not a rating; use 0.5 to 5 in halves, e.g. 4.5") from None
    else:
        number = float(value)
    if not (0.5 <= number <= 5) or (number * 2) != int(number * 2):
        raise ValueError(f"{value!r} is not a rating; use 0.5 to 5 in halves, e.g. 4.5")
    return number


def _has_control(text: str, allowed: str = "") -> bool:
    import unicodedata

    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in allowed for c in text)


def parse_tag(text: str) -> str:
    """A short label: not empty, no control characters or commas, at most 50 characters."""
    tag = text.strip()
    if not tag:
        raise ValueError("a tag cannot be empty")
    if _has_control(tag):
        raise ValueError(f"tag {tag!r} contains control characters")
    if "," in tag:
        raise ValueError(f"tag {tag!r} contains a comma; give each tag separately")
    if len(tag) > MAX_TAG_CHARS:
        raise ValueError(f"tag {tag[:20]!r}... is longer than {MAX_TAG_CHARS} characters")
    return tag


def parse_note(text: str) -> str:
    """At most 500 characters; line breaks and tabs are fine, other control characters are not."""
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"the note is longer than {MAX_NOTE_CHARS} characters ({len(text)})")
    if _has_control(text, allowed="\n\t"):
        raise ValueError("the note contains control characters")
    return text


def make_viewing(
    date: str | None = None,
    rating: str | float | None = None,
    rewatch: bool = False,
    tags: Iterable[str] = (),
    note: str = "",
    today: datetime.date | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Viewing:
    """A validated Viewing from user input; ValueError (one line) names the bad value."""
    clean_tags: list[str] = []
    for tag in tags:
        checked = parse_tag(tag)
        if checked not in clean_tags:
            clean_tags.append(checked)
    extra = dict(extra or {})
    for key in _VIEWING_KEYS:
        extra.pop(key, None)
    return Viewing(
        date=None if date is None or date == "" else parse_date(date, today),
        rating=None if rating is None or rating == "" else parse_rating(rating),
        rewatch=bool(rewatch),
        tags=tuple(clean_tags),
        note=parse_note(note),
        extra=extra,
    )


# ---------------------------------------------------------------------------------------
# Pure helpers


def order_viewings(viewings: Iterable[Viewing]) -> tuple[Viewing, ...]:
    """Undated viewings first (they happened at some unknown earlier time), then by date."""
    return tuple(sorted(viewings, key=lambda v: (v.date is not None, v.date or "")))


def add_viewing(log: ViewingLog, film_id: str, viewing: Viewing) -> ViewingLog:
    films = dict(log.films)
    current = films.get(film_id, FilmLog())
    films[film_id] = replace(current, viewings=order_viewings((*current.viewings, viewing)))
    return replace(log, films=films)


def remove_viewings(log: ViewingLog, film_id: str, date: str | None = None) -> ViewingLog:
    """Without `date`, every viewing of the film; with it, the viewings on that day."""
    current = log.films.get(film_id)
    if current is None:
        return log
    kept = () if date is None else tuple(v for v in current.viewings if v.date != date)
    films = dict(log.films)
    if kept or current.extra:
        films[film_id] = replace(current, viewings=kept)
    else:
        del films[film_id]
    return replace(log, films=films)


def viewings_of(log: ViewingLog, film_id: str) -> tuple[Viewing, ...]:
    entry = log.films.get(film_id)
    return entry.viewings if entry else ()


def last_viewing(log: ViewingLog, film_id: str) -> Viewing | None:
    found = viewings_of(log, film_id)
    return found[-1] if found else None


def viewing_count(log: ViewingLog, film_id: str) -> int:
    return len(viewings_of(log, film_id))


def mean_rating(viewings: Iterable[Viewing]) -> float | None:
    ratings = [v.rating for v in viewings if v.rating is not None]
    return sum(ratings) / len(ratings) if ratings else None


def film_mean_rating(log: ViewingLog, film_id: str) -> float | None:
    return mean_rating(viewings_of(log, film_id))


def seen_ids(log: ViewingLog) -> frozenset[str]:
    """Films watched at least once: what `--seen` / `--unseen` filter on."""
    return frozenset(fid for fid, entry in log.films.items() if entry.viewings)


def total_viewings(log: ViewingLog) -> int:
    return sum(len(entry.viewings) for entry in log.films.values())


# ---------------------------------------------------------------------------------------
# List filters


class RatingRange(NamedTuple):
    low: float = 0.0
    high: float = 5.0
    low_inclusive: bool = True
    high_inclusive: bool = True

    def __contains__(self, rating: object) -> bool:
        if not isinstance(rating, (int, float)) or isinstance(rating, bool):
            return False
        above = rating >= self.low if self.low_inclusive else rating > self.low
        below = rating <= self.high if self.high_inclusive else rating < self.high
        return above and below


def parse_rating_filter(text: str) -> RatingRange:
    """`>=4`, `>4`, `<=3`, `<3`, `4` (exactly), `3-4.5` (inclusive); ValueError otherwise."""
    cleaned = text.strip().replace(" ", "").replace("\u2013", "-")
    hint = f"{text!r} is not a rating filter; try 4, >=4, <3 or 3-4.5"
    for op in (">=", "<=", ">", "<", "="):
        if cleaned.startswith(op):
            try:
                value = float(cleaned[len(op) :].replace(",", "."))
            except ValueError:
                raise ValueError(hint) from None
            if op == ">=":
                return RatingRange(low=value)
            if op == ">":
                return RatingRange(low=value, low_inclusive=False)
            if op == "<=":
                return RatingRange(high=value)
            if op == "<":
                return RatingRange(high=value, high_inclusive=False)
            return RatingRange(value, value)
    if "-" in cleaned:
        first, _, last = cleaned.partition("-")
        try:
            low, high = float(first.replace(",", ".")), float(last.replace(",", "."))
        except ValueError:
            raise ValueError(hint) from None
        if low > high:
            raise ValueError(f"{text!r}: the range ends before it starts")
        return RatingRange(low, high)
    try:
        value = parse_rating(cleaned)
    except ValueError:
        raise ValueError(hint) from None
    return RatingRange(value, value)


class ViewingFilter(NamedTuple):
    """Options of `seen list`; unset fields do not filter, set ones AND together."""

    year: int | None = None  # watched in this year
    rating: RatingRange | None = None
    tags: tuple[str, ...] = ()  # every one of them (case-blind)


def viewing_matches(viewing: Viewing, flt: ViewingFilter) -> bool:
    if flt.year is not None and (viewing.date is None or int(viewing.date[:4]) != flt.year):
        return False
    if flt.rating is not None and viewing.rating not in flt.rating:
        return False
    if flt.tags:
        have = {t.casefold() for t in viewing.tags}
        if not all(t.strip().casefold() in have for t in flt.tags):
            return False
    return True


def filter_viewings(log: ViewingLog, flt: ViewingFilter) -> list[tuple[str, Viewing]]:
    """(film id, viewing) pairs that pass the filter, in film id then date order."""
    return [
        (film_id, viewing)
        for film_id in sorted(log.films)
        for viewing in log.films[film_id].viewings
        if viewing_matches(viewing, flt)
    ]


class FilmSummary(NamedTuple):
    film_id: str
    last: Viewing
    viewings: int
    mean: float | None


def summarise_films(pairs: Iterable[tuple[str, Viewing]]) -> list[FilmSummary]:
    """One row per film from (film id, viewing) pairs: the latest viewing, count, mean rating."""
    grouped: dict[str, list[Viewing]] = {}
    for film_id, viewing in pairs:
        grouped.setdefault(film_id, []).append(viewing)
    return [
        FilmSummary(film_id, order_viewings(views)[-1], len(views), mean_rating(views))
        for film_id, views in grouped.items()
    ]


# ---------------------------------------------------------------------------------------
# Stats


class SeenStats(NamedTuple):
    films_seen: int
    films_total: int
    viewings: int
    by_decade: list[tuple[str, int, int]]  # decade label, seen, total
    by_kind: list[tuple[str, int, int]]  # kind, seen, total
    per_year: list[tuple[str, int]]  # year watched (or "undated"), viewings
    by_director: list[tuple[str, float, int]]  # director, mean rating, films rated
    unseen_winners: list[tuple[Film, tuple[Award, ...]]]  # films with a won award, not seen
    not_in_catalog: tuple[str, ...]  # ids in the log that this dataset does not know


def compute_seen_stats(catalog: Catalog, log: ViewingLog) -> SeenStats:
    """How much of the career you have seen, and how you rated it. Pure.

    The career counts released films plus any unreleased one already in your log. A
    director's average weighs each film once (its mean rating), so rewatches do not tilt it.
    """
    seen = seen_ids(log)
    career = [f for f in catalog.films if f.status == "released" or f.id in seen]

    def tally(key: Callable[[Film], str]) -> list[tuple[str, int, int]]:
        counts: dict[str, list[int]] = {}
        for film in career:
            pair = counts.setdefault(key(film), [0, 0])
            pair[0] += film.id in seen
            pair[1] += 1
        return [(k, s, t) for k, (s, t) in counts.items()]

    by_decade = sorted(tally(lambda f: f"{f.year - f.year % 10}s"))
    by_kind = sorted(tally(lambda f: f.kind), key=lambda r: (-r[2], r[0]))
    years: dict[str, int] = {}
    for entry in log.films.values():
        for viewing in entry.viewings:
            label = viewing.date[:4] if viewing.date else "undated"
            years[label] = years.get(label, 0) + 1
    per_year = sorted(years.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
    ratings: dict[str, list[float]] = {}
    for film in catalog.films:
        mean = film_mean_rating(log, film.id)
        if mean is None:
            continue
        for name in film.directors:
            ratings.setdefault(name, []).append(mean)
    by_director = sorted(
        ((name, sum(r) / len(r), len(r)) for name, r in ratings.items()),
        key=lambda row: (-row[1], -row[2], row[0]),
    )
    winners = [
        (film, won)
        for film in career
        if film.id not in seen and (won := tuple(a for a in catalog.awards_for(film.id) if a.won))
    ]
    known = {f.id for f in catalog.films}
    return SeenStats(
        films_seen=sum(1 for f in career if f.id in seen),
        films_total=len(career),
        viewings=total_viewings(log),
        by_decade=by_decade,
        by_kind=by_kind,
        per_year=per_year,
        by_director=by_director,
        unseen_winners=sorted(winners, key=lambda pair: pair[0].year),
        not_in_catalog=tuple(sorted(fid for fid in seen if fid not in known)),
    )


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
    from .files import shown

    return shown(file)


def move_aside_hint(file: Path | str) -> str:
    import shlex

    name = os.fspath(file)
    return (
        "it was left untouched; fix it, or move it aside to start a new log: "
        f"mv {shlex.quote(name)} {shlex.quote(name + '.broken')}"
    )


class _Corrupt(ValueError):
    """A located problem inside the JSON (`films.damage.viewings[0].rating: ...`)."""


def _check_stored_date(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
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
        extra={k: v for k, v in raw.items() if k not in _VIEWING_KEYS},
    )


def _check_film_id(film_id: str, where: str) -> None:
    if not film_id.strip() or _has_control(film_id) or len(film_id) > 200:
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


def dumps(log: ViewingLog) -> bytes:
    import json

    return (json.dumps(to_json(log), indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def loads(raw: bytes, source: str = "") -> ViewingLog:
    """Parse file bytes; WatchListError (one line, naming `source`) when they are not a log."""
    import json

    name = source or "the viewing log"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WatchListError(f"{name}: not a valid viewing log (not UTF-8 text)") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise WatchListError(f"{name}: not a valid viewing log (corrupt JSON{where})") from None
    except RecursionError:
        raise WatchListError(f"{name}: not a valid viewing log (JSON nested too deeply)") from None
    try:
        return from_json(data)
    except _Corrupt as exc:
        raise WatchListError(f"{name}: not a valid viewing log: {exc}") from None
    except RecursionError:  # pragma: no cover - from_json does not recurse, kept as a guard
        raise WatchListError(f"{name}: not a valid viewing log (nested too deeply)") from None


def read(file: Path | None = None) -> ViewingLog:
    """The log on disk; a missing file is an empty log, anything we cannot read is an error."""
    from .files import FileProblem, read_bounded

    file = file or path()
    try:
        raw = read_bounded(file, MAX_LOG_BYTES, "a viewing log")
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


def update(
    change: Callable[[ViewingLog], ViewingLog], file: Path | None = None
) -> tuple[ViewingLog, ViewingLog]:
    """Read, change and write the log under the lock; returns the log before and after.

    `change` is called with the log as it is on disk while the lock is held, so concurrent
    writers each see the others' viewings. Nothing is written when it returns an equal log.
    A version-1 file is kept as `seen.json.bak` before its first rewrite.
    """
    from .files import FileProblem, write_atomic

    file = file or path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _locked(file):
            before = read(file)
            after = change(before)
            if after != before:
                if before.source_version == 1:
                    from .files import read_bounded

                    old = read_bounded(file, MAX_LOG_BYTES, "a viewing log")
                    write_atomic(backup_name(file), old)
                write_atomic(file, dumps(after))
            return before, after
    except WatchListError:
        raise
    except FileProblem as exc:
        raise WatchListError(f"{exc} (set BINOCHE_HOME to a writable directory)") from None
    except OSError as exc:
        where = _shown(exc.filename or file.parent)
        raise WatchListError(
            f"{where}: cannot write the viewing log: {exc.strerror or exc} "
            "(set BINOCHE_HOME to a writable directory)"
        ) from None


def replace_all(new: ViewingLog, file: Path | None = None) -> tuple[ViewingLog, Path | None]:
    """Swap in a whole log (restore) under the lock; returns the log replaced and where the
    file it came from was kept (`seen.json.bak`, `.bak.1`...; None when there was no file)."""
    from .files import FileProblem, read_bounded, write_atomic

    file = file or path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _locked(file):
            before = read(file)
            kept = None
            if before.source_version != 0:
                kept = backup_name(file)
                write_atomic(kept, read_bounded(file, MAX_LOG_BYTES, "a viewing log"))
            write_atomic(file, dumps(new))
            return before, kept
    except FileProblem as exc:
        raise WatchListError(f"{exc} (set BINOCHE_HOME to a writable directory)") from None
    except OSError as exc:
        where = _shown(exc.filename or file.parent)
        raise WatchListError(f"{where}: cannot write the viewing log: {exc.strerror or exc}") from None
