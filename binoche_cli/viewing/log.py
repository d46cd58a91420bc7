"""The viewing log as data: its frozen records, the rules for the values that go in them, and
the pure edits and lookups every room uses. No I/O: `watchlist` reads and writes the file,
`viewing_queries` answers `seen list` and `seen stats`.

Records are frozen; the helpers here return new logs.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

FORMAT_VERSION = 2
MAX_TAG_CHARS = 50
MAX_NOTE_CHARS = 500
DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The keys of a viewing this version knows; any other key is kept in `Viewing.extra`.
VIEWING_KEYS = ("date", "rating", "rewatch", "tags", "note")

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
    if not DATE_SHAPE.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2024-03-01")
    try:
        day = datetime.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a real calendar date") from None
    if day > (today or datetime.date.today()):
        raise ValueError(f"{text!r} is in the future")
    return cleaned


def parse_number(text: str) -> float:
    """A rating as a file or the command line writes it (`4.5`, `4,5`, `9`), as a float.

    ValueError for anything but a few ASCII characters: float() also takes `４.５`, `1_0`
    and 5,000-digit strings, and `1e400` is infinite."""
    cleaned = text.strip().replace(",", ".")
    if not (cleaned.isascii() and len(cleaned) <= 20):
        raise ValueError(f"{shown_number(text)} is not a number")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"{shown_number(text)} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{shown_number(text)} is not a finite number")
    return number


def parse_rating(value: str | float) -> float:
    """0.5 to 5 in steps of a half (`4`, `4.5`, `4,5`); ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a rating")
    wrong = f"{shown_number(value)} is not a rating; use 0.5 to 5 in halves, e.g. 4.5"
    if isinstance(value, str):
        try:
            number = parse_number(value)
        except ValueError:
            raise ValueError(wrong) from None
    else:
        try:
            number = float(value)  # 10**400 from JSON is an int too big for a float
        except (OverflowError, ValueError, TypeError):
            raise ValueError(wrong) from None
    # Compare within range first: inf and nan fail here instead of in int() below.
    if not (0.5 <= number <= 5) or (number * 2) != int(number * 2):
        raise ValueError(wrong)
    return number


def shown_number(value: object) -> str:
    """A value as a message quotes it, cut short: `repr(10**400)` is 401 characters."""
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number that large"  # repr() itself fails past 4,300 digits
    text = repr(value)
    return text if len(text) <= 24 else text[:20] + "..."


def has_control(text: str, allowed: str = "") -> bool:
    """Whether `text` holds a control, format or line/paragraph separator character."""
    import unicodedata

    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in allowed for c in text)


def parse_tag(text: str) -> str:
    """A short label: not empty, no control characters or commas, at most 50 characters."""
    tag = text.strip()
    if not tag:
        raise ValueError("a tag cannot be empty")
    if has_control(tag):
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
    if has_control(text, allowed="\n\t"):
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
    for key in VIEWING_KEYS:
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
