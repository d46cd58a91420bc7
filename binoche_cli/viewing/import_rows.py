"""One row of an imported history, as every format reads it: the row type, a stream of rows
read on demand (a million-row CSV is never held whole), and the checks of its values."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from binoche_cli.viewing import log as viewing_log

IMDB_ID = re.compile(r"tt\d{7,8}")


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


class RowStream(Collection[ImportRow]):
    """A CSV's rows, read again from its text on each iteration and never all held at once:
    a 1,000,000-row file costs memory for the rows a caller keeps, not for every row."""

    def __init__(self, rows: Callable[[], Iterator[ImportRow]], count: int) -> None:
        self._rows = rows
        self._count = count

    def __iter__(self) -> Iterator[ImportRow]:
        return self._rows()

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(row == item for row in self)


class ParsedFile(NamedTuple):
    format: str  # a human name: "Letterboxd export ZIP", "IMDb ratings CSV", ...
    rows: Collection[ImportRow]  # a RowStream for a plain CSV: iterate it, do not index it


# ---------------------------------------------------------------------------------------
# Building validated rows


def cell_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def make_row(
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
    year_value = whole_number(year)
    date_value: str | None = None
    if date.strip():
        try:
            # Datetimes (Trakt, IMDb) keep their calendar day.
            date_value = viewing_log.parse_date(date.strip()[:10], today)
        except ValueError as exc:
            problems.append(f"date {exc}" if str(exc).startswith("'") else str(exc))
    rating_value: float | None = None
    if rating is not None and not (isinstance(rating, str) and not rating.strip()):
        try:
            if isinstance(rating, str):
                number = viewing_log.parse_number(rating)
            elif isinstance(rating, (int, float)) and not isinstance(rating, bool):
                number = float(rating)  # OverflowError for 10**400
            else:
                raise ValueError(f"{type(rating).__name__} is not a rating")
            rating_value = viewing_log.parse_rating(number / rating_scale)
        except (ValueError, OverflowError):
            scale = "1 to 10" if rating_scale == 2 else "0.5 to 5 in halves"
            problems.append(f"rating {viewing_log.shown_number(rating)} is not {scale}")
    clean_tags: list[str] = []
    for tag in tags:
        if not tag.strip():
            continue
        try:
            checked = viewing_log.parse_tag(tag)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if checked not in clean_tags:
            clean_tags.append(checked)
    try:
        note = viewing_log.parse_note(note)
    except ValueError as exc:
        problems.append(str(exc))
    imdb_value = imdb.strip().lower()
    tmdb_value = whole_number(tmdb) or 0
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
        imdb=imdb_value if IMDB_ID.fullmatch(imdb_value) else "",
        tmdb=tmdb_value,
        letterboxd=letterboxd.strip(),
        problem=problems[0] if problems else "",
        extra=extra,
        film_extra=film_extra,
    )


# A year or a TMDb id: ASCII digits, at most this many (int() of 4,300+ digits raises, and
# `¹⁹⁹²`.isdigit() is True though int() refuses it).
_MAX_DIGITS = 12


def whole_number(value: object) -> int | None:
    """A year or an id as a file gives it (an int, or a string of ASCII digits); else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value.bit_length() <= 40 else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
            return int(text)
    return None


def is_truthy(value: str) -> bool:
    return value.strip().casefold() in ("yes", "true", "1", "y")


def split_tags(value: str) -> list[str]:
    return [t for t in (part.strip() for part in value.split(",")) if t]
