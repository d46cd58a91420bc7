"""Writing the viewing log out: our CSV and JSON, and the layouts Letterboxd and IMDb import.

Pure: a log (and the catalogue, for titles and ids) in, text out; the CLI writes the file.
`import_formats` reads every one of these back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from binoche_cli.files import write_csv
from binoche_cli.viewing import log as viewing_log
from binoche_cli.viewing import store as watchlist

if TYPE_CHECKING:
    from binoche_cli.dataset.catalog import Catalog
    from binoche_cli.viewing.log import Viewing, ViewingLog

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


class ExportResult(NamedTuple):
    text: str
    skipped: tuple[str, ...]  # film ids that this format cannot carry (no title, no IMDb id)


def _csv_text(fields: Sequence[str], rows: Iterable[Sequence[object]], csv_safe: bool) -> str:
    import io

    buffer = io.StringIO(newline="")
    write_csv(buffer, fields, rows, csv_safe=csv_safe, lineterminator="\n")
    return buffer.getvalue()


def _every_viewing(log: ViewingLog) -> Iterable[tuple[str, Viewing]]:
    for film_id in sorted(log.films):
        for viewing in log.films[film_id].viewings:
            yield film_id, viewing


def _viewing_cells(v: Viewing) -> list[object]:
    """date, rating, rewatch, tags, note: the last five columns of ours and Letterboxd's CSV."""
    return [
        v.date or "",
        "" if v.rating is None else f"{v.rating:g}",
        "true" if v.rewatch else "false",
        ", ".join(v.tags),
        v.note,
    ]


def export_csv(catalog: Catalog, log: ViewingLog, *, csv_safe: bool = False) -> ExportResult:
    """Ours: one row per viewing, `id,title,year,date,rating,rewatch,tags,note`."""

    def row(film_id: str, v: Viewing) -> list[object]:
        film = catalog.film(film_id)
        return [film_id, film.title if film else "", film.year if film else "", *_viewing_cells(v)]

    rows = (row(f, v) for f, v in _every_viewing(log))
    return ExportResult(_csv_text(OUR_CSV_FIELDS, rows, csv_safe), ())


def export_json(log: ViewingLog) -> ExportResult:
    """The whole log, exactly as the log file holds it."""
    return ExportResult(watchlist.dumps(log).decode("utf-8"), ())


def export_letterboxd(catalog: Catalog, log: ViewingLog, *, csv_safe: bool = False) -> ExportResult:
    """Letterboxd's import layout, one row per viewing; films the dataset lacks are skipped."""
    rows: list[list[object]] = []
    skipped: list[str] = []
    for film_id, v in _every_viewing(log):
        film = catalog.film(film_id)
        if film is None:
            if film_id not in skipped:
                skipped.append(film_id)
            continue
        rows.append([film.title, film.year, film.imdb, *_viewing_cells(v)])
    return ExportResult(_csv_text(LETTERBOXD_FIELDS, rows, csv_safe), tuple(skipped))


_IMDB_TYPES = {"short": "Short", "tv": "TV Movie"}


def export_imdb(catalog: Catalog, log: ViewingLog, *, csv_safe: bool = False) -> ExportResult:
    """An IMDb list CSV, one row per film with an IMDb id (rating: the latest, doubled)."""
    rows: list[list[object]] = []
    skipped: list[str] = []
    for film_id in sorted(viewing_log.seen_ids(log)):
        film = catalog.film(film_id)
        if film is None or not film.imdb:
            skipped.append(film_id)
            continue
        viewings = viewing_log.viewings_of(log, film_id)
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
    return ExportResult(_csv_text(IMDB_LIST_FIELDS, rows, csv_safe), tuple(skipped))


def export(catalog: Catalog, log: ViewingLog, fmt: str, *, csv_safe: bool) -> ExportResult:
    """One of EXPORT_FORMATS; ValueError for anything else. `csv_safe` (`--csv-safe`)
    neutralises spreadsheet formulas in the CSV formats; JSON is never changed."""
    writers: dict[str, Callable[[], ExportResult]] = {
        "letterboxd": lambda: export_letterboxd(catalog, log, csv_safe=csv_safe),
        "imdb": lambda: export_imdb(catalog, log, csv_safe=csv_safe),
        "json": lambda: export_json(log),
        "csv": lambda: export_csv(catalog, log, csv_safe=csv_safe),
    }
    if fmt not in writers:
        raise ValueError(f"{fmt!r} is not an export format; choose {', '.join(EXPORT_FORMATS)}")
    return writers[fmt]()
