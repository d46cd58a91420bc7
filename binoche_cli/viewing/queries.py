"""Questions asked of the viewing log: which viewings pass `seen list`'s filters, one row per
film for its table, and the `seen stats` aggregates. Pure: a log in, values out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from binoche_cli.viewing.log import (
    Viewing,
    ViewingLog,
    film_mean_rating,
    mean_rating,
    order_viewings,
    parse_rating,
    seen_ids,
    total_viewings,
)

if TYPE_CHECKING:
    from binoche_cli.dataset.catalog import Award, Catalog, Film

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


def viewing_matches(viewing: Viewing, viewing_filter: ViewingFilter) -> bool:
    if viewing_filter.year is not None and (
        viewing.date is None or int(viewing.date[:4]) != viewing_filter.year
    ):
        return False
    if viewing_filter.rating is not None and viewing.rating not in viewing_filter.rating:
        return False
    if viewing_filter.tags:
        have = {t.casefold() for t in viewing.tags}
        if not all(t.strip().casefold() in have for t in viewing_filter.tags):
            return False
    return True


def filter_viewings(log: ViewingLog, viewing_filter: ViewingFilter) -> list[tuple[str, Viewing]]:
    """(film id, viewing) pairs that pass the filter, in film id then date order."""
    return [
        (film_id, viewing)
        for film_id in sorted(log.films)
        for viewing in log.films[film_id].viewings
        if viewing_matches(viewing, viewing_filter)
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
