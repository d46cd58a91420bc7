"""Moving a viewing history in and out: match an imported file's rows to films, plan the
import against the log, and apply the plan.

Pure: rows and plans in and out. Nothing here prints, reads files or takes locks; the CLI
reads the file (files.read_bounded), plans the import against the log, and applies the plan
inside one locked update of the log, so an import lands whole or not at all.

Reading each format lives in `import_formats`, writing them in `export_formats`; their public
names are re-exported here, so `from binoche_cli.viewing.exchange import X` works as it always has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from binoche_cli.text import fold, plural
from binoche_cli.viewing import import_formats
from binoche_cli.viewing import log as viewing_log
from binoche_cli.viewing.export_formats import EXPORT_FORMATS as EXPORT_FORMATS
from binoche_cli.viewing.export_formats import IMDB_LIST_FIELDS as IMDB_LIST_FIELDS
from binoche_cli.viewing.export_formats import LETTERBOXD_FIELDS as LETTERBOXD_FIELDS
from binoche_cli.viewing.export_formats import OUR_CSV_FIELDS as OUR_CSV_FIELDS
from binoche_cli.viewing.export_formats import ExportResult as ExportResult
from binoche_cli.viewing.export_formats import export as export
from binoche_cli.viewing.export_formats import export_csv as export_csv
from binoche_cli.viewing.export_formats import export_imdb as export_imdb
from binoche_cli.viewing.export_formats import export_json as export_json
from binoche_cli.viewing.export_formats import export_letterboxd as export_letterboxd
from binoche_cli.viewing.import_formats import MAX_MEMBER_BYTES as MAX_MEMBER_BYTES
from binoche_cli.viewing.import_formats import ExchangeError as ExchangeError
from binoche_cli.viewing.import_formats import ImportRow as ImportRow
from binoche_cli.viewing.import_formats import ParsedFile as ParsedFile
from binoche_cli.viewing.log import Viewing, ViewingLog

if TYPE_CHECKING:
    import datetime

    from binoche_cli.dataset.catalog import Catalog, Film

UNMATCHED_SHOWN = 20
# The reason for a row about a film the dataset does not hold: most rows of a whole IMDb or
# Letterboxd history. Counted in one line, not listed (--verbose lists them).
NOT_IN_DATASET = "not a film in the dataset"
_FOLDED_KEPT = 10_000
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LETTERBOXD_FILM = re.compile(r"letterboxd\.com/(?:[^/]+/)?film/([a-z0-9]+(?:-[a-z0-9]+)*)")


def parse_file(name: str, data: bytes, today: datetime.date | None = None) -> ParsedFile:
    """Recognise the format from the content and read every row; ExchangeError if unknown."""
    # MAX_MEMBER_BYTES is looked up on this module at each call, so lowering it here applies.
    return import_formats.parse_file(name, data, today, member_limit=MAX_MEMBER_BYTES)


def detect_and_parse(name: str, data: bytes, today: datetime.date | None = None) -> list[ImportRow]:
    """Every row of an export in any supported format (see `import_formats`)."""
    return list(parse_file(name, data, today).rows)


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
            if len(self._folded) >= _FOLDED_KEPT:  # bounded: a million distinct titles stream by
                self._folded.clear()
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
            return None, NOT_IN_DATASET
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
    more_unmatched: int = 0  # unmatched rows counted but not kept (plan_import's keep_unmatched)
    other_films: int = 0  # unmatched rows about films the dataset does not hold (NOT_IN_DATASET)
    other_films_dropped: int = 0  # of those, the ones counted but not kept in `unmatched`

    @property
    def rows(self) -> int:
        return len(self.new) + len(self.known) + self.unmatched_count + len(self.conflicts)

    @property
    def unmatched_count(self) -> int:
        return len(self.unmatched) + self.more_unmatched + self.other_films_dropped


def plan_import(
    catalog: Catalog, log: ViewingLog, rows: Iterable[ImportRow], keep_unmatched: int | None = None
) -> ImportPlan:
    """What importing `rows` into `log` would do. Pure: the log is not changed.

    A viewing is known when the film already has one on that date (an undated row: when the
    film has any viewing); the same date with a different rating is a conflict, and the
    rating in the log is kept. Rows repeated in the file count once.

    `keep_unmatched` keeps only that many unmatched rows (the rest are counted): with a
    streamed file, memory then grows with the matched rows only.
    """
    index = MatchIndex(catalog)
    new: list[PlannedViewing] = []
    known: list[PlannedViewing] = []
    unmatched: list[Unmatched] = []
    conflicts: list[Conflict] = []
    # Per film touched: its viewings by day, the log's and this plan's (a dict, so a file with
    # thousands of viewings of one film stays linear).
    days: dict[str, dict[str | None, list[Viewing]]] = {}
    more_unmatched = other_films = other_films_dropped = 0
    for row in rows:
        film, reason = (None, row.problem) if row.problem else index.match(row)
        if film is None:
            if reason == NOT_IN_DATASET:
                other_films += 1
                if keep_unmatched is not None:  # counted only, so they leave room for problems
                    other_films_dropped += 1
                    continue
            if keep_unmatched is None or len(unmatched) < keep_unmatched:
                unmatched.append(Unmatched(row.source, row.line, row.title or row.film_id, row.year, reason))
            else:
                more_unmatched += 1
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
            for old in viewing_log.viewings_of(log, film.id):
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
    return ImportPlan(
        tuple(new),
        tuple(known),
        tuple(unmatched),
        tuple(conflicts),
        more_unmatched,
        other_films,
        other_films_dropped,
    )


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
        entry = films.get(film_id, viewing_log.FilmLog())
        films[film_id] = replace(
            entry,
            viewings=viewing_log.order_viewings((*entry.viewings, *viewings)),
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
    others = (
        f"; {plan.other_films:,} {'row' if plan.other_films == 1 else 'rows'} of other films ignored"
        if plan.other_films
        else ""
    )
    not_matched = plan.unmatched_count - plan.other_films
    lines = [
        f"{plural(len(plan.new), 'new viewing')} of {plural(films, 'film')}; {len(plan.known)} already in the log; "
        f"{plural(len(plan.conflicts), 'conflict')}{others}; {plural(not_matched, 'row')} not matched"
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
    # Rows about other films are the bulk of a whole history: listed only with --verbose.
    listed = plan.unmatched if verbose else [u for u in plan.unmatched if u.reason != NOT_IN_DATASET]
    shown = listed if verbose else listed[:limit]
    for miss in shown:
        label = f"{miss.title} ({miss.year})" if miss.year else miss.title or "(no title)"
        lines.append(f"{miss.source}:{miss.line}: {label}: {miss.reason}")
    hidden = (plan.unmatched_count if verbose else not_matched) - len(shown)
    if hidden > 0:
        lines.append(f"... and {plural(hidden, 'more unmatched row')} (--verbose lists them all)")
    return lines
