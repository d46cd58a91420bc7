"""Reading a viewing history from a file: Letterboxd, IMDb, Trakt, and our own CSV and JSON.

Pure: bytes in, validated rows out. Nothing here prints, reads files or matches films;
`exchange` matches the rows to the catalogue and plans the import.

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
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from binoche_cli.text import fold
from binoche_cli.viewing import store as watchlist
from binoche_cli.viewing.csv_records import ExchangeError as ExchangeError
from binoche_cli.viewing.csv_records import csv_header, csv_records, iter_csv_records
from binoche_cli.viewing.export_formats import OUR_CSV_FIELDS
from binoche_cli.viewing.import_rows import ImportRow as ImportRow
from binoche_cli.viewing.import_rows import ParsedFile as ParsedFile
from binoche_cli.viewing.import_rows import RowStream as RowStream
from binoche_cli.viewing.import_rows import cell_text, is_truthy, make_row, split_tags
from binoche_cli.viewing.log import ViewingLog

# Each CSV inside a ZIP is bounded too: a small ZIP can inflate to gigabytes.
MAX_MEMBER_BYTES = 50 * 1024 * 1024
_ZIP_MEMBERS = ("diary.csv", "watched.csv", "ratings.csv")


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


# ---------------------------------------------------------------------------------------
# Recognising a format and reading its rows


class _CsvLayout(NamedTuple):
    """Which column of a CSV holds each value of a row; None: this layout does not have it."""

    title: str
    year: str
    dates: tuple[str, ...]  # the first non-empty one wins
    rating: str
    rating_scale: float = 1.0  # IMDb rates 1-10: halve it
    rewatch: str | None = None
    tags: str | None = None
    note: str | None = None
    film_id: str | None = None
    imdb: str | None = None
    tmdb: str | None = None
    letterboxd: str | None = None


# Diary rows: `Date` is when the entry was logged, `Watched Date` when the film was seen.
# watched.csv and ratings.csv only have `Date`, the best date they know.
_LETTERBOXD = _CsvLayout(
    title="Name",
    year="Year",
    dates=("Watched Date", "Date"),
    rating="Rating",
    rewatch="Rewatch",
    tags="Tags",
    note="Review",
    letterboxd="Letterboxd URI",
)
# Letterboxd's import layout (what `seen export -f letterboxd` writes) renames a few columns
# of its export and adds the IMDb and TMDB ids.
_LETTERBOXD_IMPORT = _LETTERBOXD._replace(
    title="Title", dates=("WatchedDate",), imdb="imdbID", tmdb="tmdbID", letterboxd="LetterboxdURI"
)
_IMDB = _CsvLayout(
    title="Title", year="Year", dates=("Date Rated",), rating="Your Rating", rating_scale=2.0, imdb="Const"
)
_OURS = _CsvLayout(
    film_id="id",
    title="title",
    year="year",
    dates=("date",),
    rating="rating",
    rewatch="rewatch",
    tags="tags",
    note="note",
)


def _csv_row(
    layout: _CsvLayout, source: str, line: int, r: dict[str, str], today: datetime.date | None
) -> ImportRow:
    def cell(column: str | None) -> str:
        return cell_text(r.get(column)) if column is not None else ""

    def raw(column: str | None) -> str:
        return (r.get(column) or "") if column is not None else ""

    return make_row(
        source,
        line,
        film_id=cell(layout.film_id),
        title=cell(layout.title),
        year=cell(layout.year),
        date=next((day for day in map(cell, layout.dates) if day), ""),
        rating=cell(layout.rating),
        rating_scale=layout.rating_scale,
        rewatch=is_truthy(raw(layout.rewatch)),
        tags=split_tags(raw(layout.tags)),
        note=raw(layout.note),
        imdb=cell(layout.imdb),
        tmdb=cell(layout.tmdb),
        letterboxd=cell(layout.letterboxd),
        today=today,
    )


def parse_file(
    name: str, data: bytes, today: datetime.date | None = None, *, member_limit: int = MAX_MEMBER_BYTES
) -> ParsedFile:
    """Recognise the format from the content and read every row; ExchangeError if unknown.

    `member_limit` bounds each CSV read out of a ZIP."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return ParsedFile("Letterboxd export ZIP", _parse_zip(name, data, today, member_limit))
    text = _decode(name, data).lstrip("\ufeff")
    if not text.strip():
        raise ExchangeError(f"{name}: the file is empty")
    if text.lstrip()[:1] in ("{", "["):
        return _parse_json(name, text, today)
    kind, layout = _csv_layout(name, csv_header(name, text))
    # A first pass finds any CSV error now (not halfway through an import) and counts rows.
    count = sum(1 for _ in iter_csv_records(name, text))

    def rows() -> Iterator[ImportRow]:
        return (_csv_row(layout, name, n, r, today) for n, r in iter_csv_records(name, text))

    return ParsedFile(kind, RowStream(rows, count))


def _csv_layout(name: str, header: Sequence[str]) -> tuple[str, _CsvLayout]:
    """The format a CSV's header names, and its layout; ExchangeError when it names none."""
    columns = set(header)
    if set(OUR_CSV_FIELDS) <= columns:
        return "binoche CSV", _OURS
    if {"Const", "Your Rating"} <= columns and "Position" not in columns:
        return "IMDb ratings CSV", _IMDB
    if {"Position", "Const"} <= columns:
        return "IMDb list CSV", _IMDB
    if "Title" in columns and ({"WatchedDate", "imdbID"} & columns):
        return "Letterboxd import CSV", _LETTERBOXD_IMPORT
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
        return kind, _LETTERBOXD
    shown = ", ".join(h for h in header[:8] if h) or "none"
    raise ExchangeError(
        f"{name}: columns not recognised ({shown}); expected a Letterboxd, IMDb, Trakt or binoche export"
    )


def _parse_zip(name: str, data: bytes, today: datetime.date | None, member_limit: int) -> list[ImportRow]:
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
                    raw = handle.read(member_limit + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                raise ExchangeError(f"{source}: cannot read from the ZIP: {exc}") from None
            if len(raw) > member_limit:
                raise ExchangeError(f"{source}: over the {member_limit // (1024 * 1024)} MiB limit")
            header, records = csv_records(source, _decode(source, raw).lstrip("\ufeff"))
            if records and not {"Name", "Year"} <= set(header):
                raise ExchangeError(f"{source}: expected Letterboxd columns Name and Year")
            parsed[base] = [_csv_row(_LETTERBOXD, source, n, r, today) for n, r in records]

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
    try:
        data = watchlist.decode_json(text)
    except watchlist.JsonTextError as exc:
        where = f":{exc.line}" if exc.line is not None else ""
        raise ExchangeError(f"{name}{where}: not valid JSON: {exc.reason}") from None
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
                make_row(
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
        kind = cell_text(item.get("type")) or "item"
        show = item.get("show")
        title = cell_text(show.get("title")) if isinstance(show, dict) else ""
        return ImportRow(source, number, title=title, problem=f"a Trakt {kind}, not a film")
    raw_ids = movie.get("ids")
    ids: dict[str, Any] = raw_ids if isinstance(raw_ids, dict) else {}
    when = item.get("watched_at") or item.get("last_watched_at") or item.get("rated_at") or ""
    rating = item.get("rating") if "rated_at" in item else None
    return make_row(
        source,
        number,
        title=cell_text(movie.get("title")),
        year=movie.get("year"),
        date=when if isinstance(when, str) else "",
        rating=rating,
        rating_scale=2.0,
        imdb=cell_text(ids.get("imdb")),
        tmdb=ids.get("tmdb"),
        today=today,
    )
