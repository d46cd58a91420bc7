"""Moving a viewing history in and out: Letterboxd, IMDb, Trakt, and our own CSV and JSON.

Pure: bytes in, rows and plans out, text out. Nothing here prints, reads files or takes locks;
the CLI reads the file (files.read_bounded), plans the import against the log, and applies the
plan inside one locked update of the log, so an import lands whole or not at all.

Formats are recognised by content, not by name:

- a Letterboxd export ZIP (diary.csv, watched.csv, ratings.csv inside), or one of those CSVs;
- a CSV in Letterboxd's import layout (Title, Year, imdbID, WatchedDate, ...), which is what
  `seen export -f letterboxd` writes;
- an IMDb ratings CSV (Const, Your Rating, Date Rated, ...) or an IMDb list CSV (Position,
  Const, ...); IMDb rates 1-10, we rate 0.5-5, so ratings are halved;
- a Trakt JSON export (history, watched or ratings: a list of objects with a `movie`);
- our own CSV (one row per viewing) and JSON (the whole log, version 1 or 2).

Text may be UTF-8 with or without a BOM, or UTF-16 with a BOM (spreadsheet exports).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from . import watchlist
from .text import fold, plural
from .watchlist import Viewing, ViewingLog

if TYPE_CHECKING:
    from .catalog import Catalog, Film

# Each CSV inside a ZIP is bounded too: a small ZIP can inflate to gigabytes.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
UNMATCHED_SHOWN = 20
EXPORT_FORMATS = ("letterboxd", "imdb", "json", "csv")
OUR_CSV_FIELDS = ("id", "title", "year", "date", "rating", "rewatch", "tags", "note")
LETTERBOXD_FIELDS = ("Title", "Year", "imdbID", "WatchedDate", "Rating", "Rewatch", "Tags", "Review")
IMDB_LIST_FIELDS = (
    "Position",
    "Const",
    "Created",
    "Modified",
    "Description",
    "Title",
    "URL",
    "Title Type",
    "Year",
    "Your Rating",
    "Date Rated",
)
_IMDB_ID = re.compile(r"tt\d{7,8}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LETTERBOXD_FILM = re.compile(r"letterboxd\.com/(?:[^/]+/)?film/([a-z0-9]+(?:-[a-z0-9]+)*)")
_ZIP_MEMBERS = ("diary.csv", "watched.csv", "ratings.csv")


class ExchangeError(Exception):
    """The file is not in any format we read; the message is one line naming the file."""


class ImportRow(NamedTuple):
    """One viewing as a file states it, validated; `problem` says why it cannot be used."""

    source: str  # file name (or `export.zip/diary.csv`)
    line: int  # line in a CSV, item number in a JSON list
    title: str = ""
    year: int | None = None
    date: str | None = None
    rating: float | None = None
    rewatch: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""
    film_id: str = ""  # our own formats name the film directly
    imdb: str = ""
    tmdb: int = 0
    letterboxd: str = ""  # a film slug, a letterboxd.com URL, or a boxd.it short link
    problem: str = ""
    extra: Mapping[str, Any] | None = None  # per-viewing keys from our JSON
    film_extra: Mapping[str, Any] | None = None  # per-film keys from our JSON

    @property
    def label(self) -> str:
        name = self.title or self.film_id or "(no title)"
        return f"{name} ({self.year})" if self.year else name


class ParsedFile(NamedTuple):
    format: str  # a human name: "Letterboxd export ZIP", "IMDb ratings CSV", ...
    rows: list[ImportRow]


# ---------------------------------------------------------------------------------------
# Building validated rows


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _row(
    source: str,
    line: int,
    *,
    title: str = "",
    year: object = None,
    date: str = "",
    rating: object = None,
    rating_scale: float = 1.0,
    rewatch: bool = False,
    tags: Iterable[str] = (),
    note: str = "",
    film_id: str = "",
    imdb: str = "",
    tmdb: object = None,
    letterboxd: str = "",
    today: datetime.date | None = None,
    extra: Mapping[str, Any] | None = None,
    film_extra: Mapping[str, Any] | None = None,
) -> ImportRow:
    """Validate one row's values with the log's own rules; the first failure is its problem."""
    problems: list[str] = []
    year_value: int | None = None
    if isinstance(year, int) and not isinstance(year, bool):
        year_value = year
    elif isinstance(year, str) and year.strip().isdigit():
        year_value = int(year.strip())
    date_value: str | None = None
    if date.strip():
        try:
            # Datetimes (Trakt, IMDb) keep their calendar day.
            date_value = watchlist.parse_date(date.strip()[:10], today)
        except ValueError as exc:
            problems.append(f"date {exc}" if str(exc).startswith("'") else str(exc))
    rating_value: float | None = None
    if rating is not None and not (isinstance(rating, str) and not rating.strip()):
        try:
            number = float(rating.replace(",", ".")) if isinstance(rating, str) else rating
            if not isinstance(number, (int, float)) or isinstance(number, bool):
                raise ValueError(f"{rating!r} is not a rating")
            rating_value = watchlist.parse_rating(number / rating_scale)
        except ValueError:
            scale = "1 to 10" if rating_scale == 2 else "0.5 to 5 in halves"
            problems.append(f"rating {rating!r} is not {scale}")
    clean_tags: list[str] = []
    for tag in tags:
        if not tag.strip():
            continue
        try:
            checked = watchlist.parse_tag(tag)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if checked not in clean_tags:
            clean_tags.append(checked)
    try:
        note = watchlist.parse_note(note)
    except ValueError as exc:
        problems.append(str(exc))
    imdb_value = imdb.strip().lower()
    tmdb_value = 0
    if isinstance(tmdb, int) and not isinstance(tmdb, bool):
        tmdb_value = tmdb
    elif isinstance(tmdb, str) and tmdb.strip().isdigit():
        tmdb_value = int(tmdb.strip())
    return ImportRow(
        source=source,
        line=line,
        title=title.strip(),
        year=year_value,
        date=date_value,
        rating=rating_value,
        rewatch=rewatch,
        tags=tuple(clean_tags),
        note=note,
        film_id=film_id.strip(),
        imdb=imdb_value if _IMDB_ID.fullmatch(imdb_value) else "",
        tmdb=tmdb_value,
        letterboxd=letterboxd.strip(),
        problem=problems[0] if problems else "",
        extra=extra,
        film_extra=film_extra,
    )


def _truthy(value: str) -> bool:
    return value.strip().casefold() in ("yes", "true", "1", "y")


def _split_tags(value: str) -> list[str]:
    return [t for t in (part.strip() for part in value.split(",")) if t]


# ---------------------------------------------------------------------------------------
# Reading bytes


def _decode(name: str, data: bytes) -> str:
    import codecs

    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(
            f"{name}: not UTF-8 or UTF-16 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None


def _csv_records(name: str, text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (first line of the record, cells by column) for each non-blank row."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return [], []
    except csv.Error as exc:
        raise ExchangeError(f"{name}:1: not a readable CSV: {exc}") from None
    records: list[tuple[int, dict[str, str]]] = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                records.append((start, dict(zip(header, cells, strict=False))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExchangeError(f"{name}:{start}: not a readable CSV: {exc}") from None
    return header, records


def parse_file(name: str, data: bytes, today: datetime.date | None = None) -> ParsedFile:
    """Recognise the format from the content and read every row; ExchangeError if unknown."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return ParsedFile("Letterboxd export ZIP", _parse_zip(name, data, today))
    text = _decode(name, data).lstrip("\ufeff")
    if not text.strip():
        raise ExchangeError(f"{name}: the file is empty")
    if text.lstrip()[:1] in ("{", "["):
        return _parse_json(name, text, today)
    header, records = _csv_records(name, text)
    return _parse_csv(name, header, records, today)


def detect_and_parse(name: str, data: bytes, today: datetime.date | None = None) -> list[ImportRow]:
    """Every row of an export in any supported format (see the module docstring)."""
    return parse_file(name, data, today).rows


def _parse_csv(
    name: str, header: Sequence[str], records: list[tuple[int, dict[str, str]]], today: datetime.date | None
) -> ParsedFile:
    columns = set(header)
    if set(OUR_CSV_FIELDS) <= columns:
        return ParsedFile("binoche CSV", [_our_csv_row(name, n, r, today) for n, r in records])
    if {"Const", "Your Rating"} <= columns and "Position" not in columns:
        return ParsedFile("IMDb ratings CSV", [_imdb_row(name, n, r, today) for n, r in records])
    if {"Position", "Const"} <= columns:
        return ParsedFile("IMDb list CSV", [_imdb_row(name, n, r, today) for n, r in records])
    if "Title" in columns and ({"WatchedDate", "imdbID"} & columns):
        return ParsedFile(
            "Letterboxd import CSV", [_letterboxd_import_row(name, n, r, today) for n, r in records]
        )
    if {"Name", "Year"} <= columns:
        if name.casefold().endswith("watchlist.csv"):
            raise ExchangeError(
                f"{name}: a Letterboxd watchlist holds films you want to see, not films you saw; "
                "import diary.csv, watched.csv or the whole export ZIP"
            )
        kind = (
            "Letterboxd diary CSV"
            if "Watched Date" in columns
            else "Letterboxd ratings CSV"
            if "Rating" in columns
            else "Letterboxd watched CSV"
        )
        return ParsedFile(kind, [_letterboxd_row(name, n, r, today) for n, r in records])
    shown = ", ".join(h for h in header[:8] if h) or "none"
    raise ExchangeError(
        f"{name}: columns not recognised ({shown}); expected a Letterboxd, IMDb, Trakt or binoche export"
    )


def _letterboxd_row(source: str, line: int, r: dict[str, str], today: datetime.date | None) -> ImportRow:
    # Diary rows: `Date` is when the entry was logged, `Watched Date` when the film was seen.
    # watched.csv and ratings.csv only have `Date`, the best date they know.
    return _row(
        source,
        line,
        title=_text(r.get("Name")),
        year=_text(r.get("Year")),
        date=_text(r.get("Watched Date")) or _text(r.get("Date")),
        rating=_text(r.get("Rating")),
        rewatch=_truthy(r.get("Rewatch") or ""),
        tags=_split_tags(r.get("Tags") or ""),
        note=r.get("Review") or "",
        letterboxd=_text(r.get("Letterboxd URI")),
        today=today,
    )


def _letterboxd_import_row(
    source: str, line: int, r: dict[str, str], today: datetime.date | None
) -> ImportRow:
    return _row(
        source,
        line,
        title=_text(r.get("Title")),
        year=_text(r.get("Year")),
        date=_text(r.get("WatchedDate")),
        rating=_text(r.get("Rating")),
        rewatch=_truthy(r.get("Rewatch") or ""),
        tags=_split_tags(r.get("Tags") or ""),
        note=r.get("Review") or "",
        imdb=_text(r.get("imdbID")),
        tmdb=_text(r.get("tmdbID")),
        letterboxd=_text(r.get("LetterboxdURI")),
        today=today,
    )


def _imdb_row(source: str, line: int, r: dict[str, str], today: datetime.date | None) -> ImportRow:
    return _row(
        source,
        line,
        title=_text(r.get("Title")),
        year=_text(r.get("Year")),
        date=_text(r.get("Date Rated")),
        rating=_text(r.get("Your Rating")),
        rating_scale=2.0,
        imdb=_text(r.get("Const")),
        today=today,
    )


def _our_csv_row(source: str, line: int, r: dict[str, str], today: datetime.date | None) -> ImportRow:
    return _row(
        source,
        line,
        film_id=_text(r.get("id")),
        title=_text(r.get("title")),
        year=_text(r.get("year")),
        date=_text(r.get("date")),
        rating=_text(r.get("rating")),
        rewatch=_truthy(r.get("rewatch") or ""),
        tags=_split_tags(r.get("tags") or ""),
        note=r.get("note") or "",
        today=today,
    )


def _parse_zip(name: str, data: bytes, today: datetime.date | None) -> list[ImportRow]:
    """A Letterboxd export: diary entries are the viewings; watched.csv and ratings.csv add
    the films logged without a diary entry (a rating joins its film's watched row)."""
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExchangeError(f"{name}: not a readable ZIP file: {exc}") from None
    with archive:
        members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            parts = info.filename.replace("\\", "/").split("/")
            base = parts[-1]
            # deleted/ and orphaned/ hold entries the user removed; likes/ are not viewings.
            if (
                base in _ZIP_MEMBERS
                and len(parts) <= 2
                and not info.is_dir()
                and (base not in members or len(parts) < len(members[base].filename.split("/")))
            ):
                members[base] = info
        if not members:
            raise ExchangeError(f"{name}: no diary.csv, watched.csv or ratings.csv in this ZIP")
        parsed: dict[str, list[ImportRow]] = {}
        for base in _ZIP_MEMBERS:
            member = members.get(base)
            if member is None:
                continue
            source = f"{name}/{base}"
            try:
                with archive.open(member) as handle:
                    raw = handle.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                raise ExchangeError(f"{source}: cannot read from the ZIP: {exc}") from None
            if len(raw) > MAX_MEMBER_BYTES:
                raise ExchangeError(f"{source}: over the {MAX_MEMBER_BYTES // (1024 * 1024)} MiB limit")
            header, records = _csv_records(source, _decode(source, raw).lstrip("\ufeff"))
            if records and not {"Name", "Year"} <= set(header):
                raise ExchangeError(f"{source}: expected Letterboxd columns Name and Year")
            parsed[base] = [_letterboxd_row(source, n, r, today) for n, r in records]

    def key(row: ImportRow) -> tuple[str, int | None]:
        return fold(row.title), row.year

    rows = list(parsed.get("diary.csv", []))
    in_diary = {key(r) for r in rows}
    watched = {key(r): r for r in parsed.get("watched.csv", []) if key(r) not in in_diary}
    rated_alone: list[ImportRow] = []
    for rated in parsed.get("ratings.csv", []):
        k = key(rated)
        if k in in_diary:
            continue
        if k in watched:
            if not watched[k].problem and not rated.problem:
                watched[k] = watched[k]._replace(rating=rated.rating)
        else:
            rated_alone.append(rated)
    return rows + list(watched.values()) + rated_alone


def _parse_json(name: str, text: str, today: datetime.date | None) -> ParsedFile:
    import json

    try:
        data = json.loads(text)
    except ValueError as exc:
        where = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise ExchangeError(f"{name}{where}: not valid JSON: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise ExchangeError(f"{name}: not valid JSON: nested too deeply") from None
    if isinstance(data, dict) and "version" in data and ("films" in data or "seen" in data):
        try:
            log = watchlist.from_json(data)
        except ValueError as exc:
            raise ExchangeError(f"{name}: not a valid binoche viewing log: {exc}") from None
        return ParsedFile("binoche JSON", _log_rows(name, log, today))
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        if data and not any(k in data[0] for k in ("watched_at", "last_watched_at", "rated_at")):
            raise ExchangeError(f"{name}: a JSON list, but not a Trakt history, watched or ratings export")
        return ParsedFile("Trakt JSON", [_trakt_row(name, i, item, today) for i, item in enumerate(data, 1)])
    raise ExchangeError(f"{name}: JSON, but not a binoche log or a Trakt export")


def _log_rows(name: str, log: ViewingLog, today: datetime.date | None) -> list[ImportRow]:
    rows: list[ImportRow] = []
    number = 0
    for film_id in sorted(log.films):
        entry = log.films[film_id]
        for viewing in entry.viewings:
            number += 1
            rows.append(
                _row(
                    name,
                    number,
                    film_id=film_id,
                    date=viewing.date or "",
                    rating=viewing.rating,
                    rewatch=viewing.rewatch,
                    tags=viewing.tags,
                    note=viewing.note,
                    today=today,
                    extra=dict(viewing.extra) or None,
                    film_extra=dict(entry.extra) or None,
                )
            )
    return rows


def _trakt_row(source: str, number: int, item: dict[str, Any], today: datetime.date | None) -> ImportRow:
    movie = item.get("movie")
    if not isinstance(movie, dict):
        kind = _text(item.get("type")) or "item"
        show = item.get("show")
        title = _text(show.get("title")) if isinstance(show, dict) else ""
        return ImportRow(source, number, title=title, problem=f"a Trakt {kind}, not a film")
    raw_ids = movie.get("ids")
    ids: dict[str, Any] = raw_ids if isinstance(raw_ids, dict) else {}
    when = item.get("watched_at") or item.get("last_watched_at") or item.get("rated_at") or ""
    rating = item.get("rating") if "rated_at" in item else None
    return _row(
        source,
        number,
        title=_text(movie.get("title")),
        year=movie.get("year"),
        date=when if isinstance(when, str) else "",
        rating=rating,
        rating_scale=2.0,
        imdb=_text(ids.get("imdb")),
        tmdb=ids.get("tmdb"),
        today=today,
    )


# ---------------------------------------------------------------------------------------
# Matching rows to films


def letterboxd_slug(value: str) -> str:
    """`the-english-patient` from a slug or a letterboxd.com film URL; '' for boxd.it links."""
    text = value.strip()
    found = _LETTERBOXD_FILM.search(text)
    if found:
        return found.group(1)
    return text if _SLUG.fullmatch(text) else ""


class MatchIndex:
    """Every lookup key of the catalogue, folded once: matching a row costs one fold."""

    def __init__(self, catalog: Catalog) -> None:
        self.by_id: dict[str, Film] = {}
        self.by_imdb: dict[str, Film] = {}
        self.by_tmdb: dict[int, Film] = {}
        self.by_slug: dict[str, Film] = {}
        self.by_title: dict[str, list[Film]] = {}
        for film in catalog.films:
            self.by_id[film.id] = film
            if film.imdb:
                self.by_imdb[film.imdb.lower()] = film
            if film.tmdb:
                self.by_tmdb[film.tmdb] = film
            if film.letterboxd:
                self.by_slug[film.letterboxd] = film
            for title in film.titles:
                group = self.by_title.setdefault(fold(title), [])
                if film not in group:
                    group.append(film)
        self._folded: dict[str, str] = {}

    def _fold(self, title: str) -> str:
        folded = self._folded.get(title)
        if folded is None:
            folded = self._folded[title] = fold(title)
        return folded

    def match(self, row: ImportRow) -> tuple[Film | None, str]:
        """The film a row means, or None and the reason."""
        if row.film_id:
            film = self.by_id.get(row.film_id)
            if film is not None:
                return film, ""
            if not row.title:
                return None, f"no film with id {row.film_id!r} in this dataset"
        for found in (
            self.by_imdb.get(row.imdb) if row.imdb else None,
            self.by_tmdb.get(row.tmdb) if row.tmdb else None,
            self.by_slug.get(letterboxd_slug(row.letterboxd)) if row.letterboxd else None,
        ):
            if found is not None:
                return found, ""
        wanted = self._fold(row.title) if row.title else ""
        if not wanted:
            return None, "no title to match"
        candidates = self.by_title.get(wanted, [])
        if row.year is not None:
            near = [f for f in candidates if abs(f.year - row.year) <= 1]
            exact = [f for f in near if f.year == row.year]
            candidates = exact if len(near) > 1 and exact else near
        # A row that names another film's identifier is not this film, whatever its title.
        agreeing = [f for f in candidates if not _ids_disagree(f, row)]
        if len(agreeing) == 1:
            return agreeing[0], ""
        if not agreeing and candidates:
            return None, f"same title as {candidates[0].title} ({candidates[0].year}), but another film's id"
        if not agreeing:
            return None, "not a film in the dataset"
        candidates = agreeing
        return None, f"ambiguous: matches {len(candidates)} films"


def _ids_disagree(film: Film, row: ImportRow) -> bool:
    slug = letterboxd_slug(row.letterboxd) if row.letterboxd else ""
    return bool(
        (row.imdb and film.imdb and row.imdb != film.imdb.lower())
        or (row.tmdb and film.tmdb and row.tmdb != film.tmdb)
        or (slug and film.letterboxd and slug != film.letterboxd)
    )


# ---------------------------------------------------------------------------------------
# Planning and applying an import


class PlannedViewing(NamedTuple):
    film_id: str
    viewing: Viewing
    row: ImportRow


class Unmatched(NamedTuple):
    source: str
    line: int
    title: str
    year: int | None
    reason: str


class Conflict(NamedTuple):
    film_id: str
    date: str | None
    existing: float | None  # the rating in your log (kept)
    incoming: float | None  # the rating in the file
    row: ImportRow


class ImportPlan(NamedTuple):
    new: tuple[PlannedViewing, ...]
    known: tuple[PlannedViewing, ...]  # same film and date already in the log
    unmatched: tuple[Unmatched, ...]
    conflicts: tuple[Conflict, ...]  # same film and date, another rating: the log wins

    @property
    def rows(self) -> int:
        return len(self.new) + len(self.known) + len(self.unmatched) + len(self.conflicts)


def plan_import(catalog: Catalog, log: ViewingLog, rows: Iterable[ImportRow]) -> ImportPlan:
    """What importing `rows` into `log` would do. Pure: the log is not changed.

    A viewing is known when the film already has one on that date (an undated row: when the
    film has any viewing); the same date with a different rating is a conflict, and the
    rating in the log is kept. Rows repeated in the file count once.
    """
    index = MatchIndex(catalog)
    new: list[PlannedViewing] = []
    known: list[PlannedViewing] = []
    unmatched: list[Unmatched] = []
    conflicts: list[Conflict] = []
    # Per film touched: its viewings by day, the log's and this plan's (a dict, so a file with
    # thousands of viewings of one film stays linear).
    days: dict[str, dict[str | None, list[Viewing]]] = {}
    for row in rows:
        if row.problem:
            unmatched.append(Unmatched(row.source, row.line, row.title or row.film_id, row.year, row.problem))
            continue
        film, reason = index.match(row)
        if film is None:
            unmatched.append(Unmatched(row.source, row.line, row.title or row.film_id, row.year, reason))
            continue
        viewing = Viewing(
            date=row.date,
            rating=row.rating,
            rewatch=row.rewatch,
            tags=row.tags,
            note=row.note,
            extra=dict(row.extra or {}),
        )
        by_day = days.get(film.id)
        if by_day is None:
            by_day = days[film.id] = {}
            for old in watchlist.viewings_of(log, film.id):
                by_day.setdefault(old.date, []).append(old)
        item = PlannedViewing(film.id, viewing, row)
        if viewing.date is None and by_day:
            known.append(item)
            continue
        same_day = by_day.get(viewing.date)
        if same_day:
            if viewing.rating is not None and all(v.rating != viewing.rating for v in same_day):
                conflicts.append(Conflict(film.id, viewing.date, same_day[-1].rating, viewing.rating, row))
            else:
                known.append(item)
            continue
        new.append(item)
        by_day.setdefault(viewing.date, []).append(viewing)
    return ImportPlan(tuple(new), tuple(known), tuple(unmatched), tuple(conflicts))


def apply_plan(log: ViewingLog, plan: ImportPlan) -> ViewingLog:
    """The log with the plan's new viewings added (and per-film keys from our JSON kept)."""
    from dataclasses import replace

    if not plan.new:
        return log
    added: dict[str, list[Viewing]] = {}
    extras: dict[str, dict[str, Any]] = {}
    for item in plan.new:
        added.setdefault(item.film_id, []).append(item.viewing)
        if item.row.film_extra:
            extras.setdefault(item.film_id, {}).update(item.row.film_extra)
    films = dict(log.films)
    for film_id, viewings in added.items():
        entry = films.get(film_id, watchlist.FilmLog())
        films[film_id] = replace(
            entry,
            viewings=watchlist.order_viewings((*entry.viewings, *viewings)),
            # The log's own keys win over the file's.
            extra={**extras.get(film_id, {}), **entry.extra},
        )
    return replace(log, films=films)


def _rating_text(rating: float | None) -> str:
    return "none" if rating is None else f"{rating:g}"


def summary_lines(
    plan: ImportPlan, catalog: Catalog | None = None, verbose: bool = False, limit: int = UNMATCHED_SHOWN
) -> list[str]:
    """Human lines for the import report: counts, conflicts, then unmatched rows (capped)."""

    def name_of(film_id: str, row: ImportRow) -> str:
        film = catalog.film(film_id) if catalog else None
        return f"{film.title} ({film.year})" if film else row.label

    films = len({p.film_id for p in plan.new})
    lines = [
        f"{plural(len(plan.new), 'new viewing')} of {plural(films, 'film')}; {len(plan.known)} already in the log; "
        f"{plural(len(plan.conflicts), 'conflict')}; {plural(len(plan.unmatched), 'row')} not matched"
    ]
    for conflict in plan.conflicts if verbose else plan.conflicts[:limit]:
        row = conflict.row
        lines.append(
            f"{row.source}:{row.line}: {name_of(conflict.film_id, row)} on {conflict.date}: "
            f"the log says {_rating_text(conflict.existing)}, the file {_rating_text(conflict.incoming)}; "
            "kept the log's rating"
        )
    if not verbose and len(plan.conflicts) > limit:
        lines.append(
            f"... and {plural(len(plan.conflicts) - limit, 'more conflict')} (--verbose lists them all)"
        )
    shown = plan.unmatched if verbose else plan.unmatched[:limit]
    for miss in shown:
        label = f"{miss.title} ({miss.year})" if miss.year else miss.title or "(no title)"
        lines.append(f"{miss.source}:{miss.line}: {label}: {miss.reason}")
    if len(shown) < len(plan.unmatched):
        lines.append(
            f"... and {plural(len(plan.unmatched) - len(shown), 'more unmatched row')} (--verbose lists them all)"
        )
    return lines


# ---------------------------------------------------------------------------------------
# Exports


class ExportResult(NamedTuple):
    text: str
    skipped: tuple[str, ...]  # film ids that this format cannot carry (no title, no IMDb id)


def _csv_text(fields: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(rows)
    return buffer.getvalue()


def _every_viewing(log: ViewingLog) -> Iterable[tuple[str, Viewing]]:
    for film_id in sorted(log.films):
        for viewing in log.films[film_id].viewings:
            yield film_id, viewing


def export_csv(catalog: Catalog, log: ViewingLog) -> ExportResult:
    """Ours: one row per viewing, `id,title,year,date,rating,rewatch,tags,note`."""

    def row(film_id: str, v: Viewing) -> list[object]:
        film = catalog.film(film_id)
        return [
            film_id,
            film.title if film else "",
            film.year if film else "",
            v.date or "",
            "" if v.rating is None else f"{v.rating:g}",
            "true" if v.rewatch else "false",
            ", ".join(v.tags),
            v.note,
        ]

    return ExportResult(_csv_text(OUR_CSV_FIELDS, (row(f, v) for f, v in _every_viewing(log))), ())


def export_json(log: ViewingLog) -> ExportResult:
    """The whole log, exactly as the log file holds it."""
    return ExportResult(watchlist.dumps(log).decode("utf-8"), ())


def export_letterboxd(catalog: Catalog, log: ViewingLog) -> ExportResult:
    """Letterboxd's import layout, one row per viewing; films the dataset lacks are skipped."""
    rows: list[list[object]] = []
    skipped: list[str] = []
    for film_id, v in _every_viewing(log):
        film = catalog.film(film_id)
        if film is None:
            if film_id not in skipped:
                skipped.append(film_id)
            continue
        rows.append(
            [
                film.title,
                film.year,
                film.imdb,
                v.date or "",
                "" if v.rating is None else f"{v.rating:g}",
                "true" if v.rewatch else "false",
                ", ".join(v.tags),
                v.note,
            ]
        )
    return ExportResult(_csv_text(LETTERBOXD_FIELDS, rows), tuple(skipped))


_IMDB_TYPES = {"short": "Short", "tv": "TV Movie"}


def export_imdb(catalog: Catalog, log: ViewingLog) -> ExportResult:
    """An IMDb list CSV, one row per film with an IMDb id (rating: the latest, doubled)."""
    rows: list[list[object]] = []
    skipped: list[str] = []
    for film_id in sorted(watchlist.seen_ids(log)):
        film = catalog.film(film_id)
        if film is None or not film.imdb:
            skipped.append(film_id)
            continue
        viewings = watchlist.viewings_of(log, film_id)
        dated = [v.date for v in viewings if v.date]
        rated = [v for v in viewings if v.rating is not None]
        latest_rating = rated[-1] if rated else None
        rows.append(
            [
                len(rows) + 1,
                film.imdb,
                dated[0] if dated else "",
                dated[-1] if dated else "",
                "",
                film.title,
                f"https://www.imdb.com/title/{film.imdb}/",
                _IMDB_TYPES.get(film.kind, "Movie"),
                film.year,
                ""
                if latest_rating is None or latest_rating.rating is None
                else int(latest_rating.rating * 2),
                latest_rating.date or "" if latest_rating else "",
            ]
        )
    return ExportResult(_csv_text(IMDB_LIST_FIELDS, rows), tuple(skipped))


def export(catalog: Catalog, log: ViewingLog, fmt: str) -> ExportResult:
    """One of EXPORT_FORMATS; ValueError for anything else."""
    writers: dict[str, Callable[[], ExportResult]] = {
        "letterboxd": lambda: export_letterboxd(catalog, log),
        "imdb": lambda: export_imdb(catalog, log),
        "json": lambda: export_json(log),
        "csv": lambda: export_csv(catalog, log),
    }
    if fmt not in writers:
        raise ValueError(f"{fmt!r} is not an export format; choose {', '.join(EXPORT_FORMATS)}")
    return writers[fmt]()
