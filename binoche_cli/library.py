"""binoche_cli as a library: load the dataset and ask it what the command line asks.

    >>> import binoche_cli
    >>> catalog = binoche_cli.load()
    >>> [f.title for f in catalog.films(director="kieslowski")]
    ['Three Colours: Blue', 'Three Colours: Red', 'Three Colours: White']

The keyword arguments are the CLI's filter options, with the same names and the same forgiving
matching (`decade="90s"`, `director="KIESLOWSKI"`, `kind="doc"`, `runtime="<100"`); a value
that cannot mean anything raises `ValueError` (a `FilterError` naming the option). Results are
the frozen records of `binoche_cli.dataset.catalog`: `Film`, `Award`, and the summaries of
`binoche_cli.query`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from binoche_cli.dataset import catalog as dataset
from binoche_cli.dataset.catalog import Award, Film
from binoche_cli.query.awards import AwardFilter, filter_awards
from binoche_cli.query.films import SORT_KEYS, filter_films, sort_films
from binoche_cli.query.filters import FilterError, Many, film_filter
from binoche_cli.query.matching import find_film_candidates
from binoche_cli.query.people import CostarSummary, costar_summaries
from binoche_cli.query.summaries import (
    DirectorSummary,
    Stats,
    TimelineEntry,
    director_summaries,
    stats_for,
    timeline_entries,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = ["Catalog", "FilterError", "load"]


class Filters(TypedDict, total=False):
    """The film filters every listing takes, as `binoche films --help` documents them."""

    decade: str
    year: str | int
    director: Many
    award: Many
    won: bool
    nominated: bool
    costar: Many
    kind: Many
    credit: Many
    runtime: str
    language: Many
    search: str


class Catalog:
    """One dataset, with the questions the commands answer. `data` is the raw catalogue."""

    def __init__(self, data: dataset.Catalog) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"<binoche_cli.Catalog {self.data.path!r}: {len(self.data.films)} works>"

    @property
    def artist(self) -> str:
        return self.data.artist

    def films(self, *, sort: str = "year", reverse: bool = False, **filters: Unpack[Filters]) -> list[Film]:
        """The works that pass every filter, in `sort` order (year, title, director, awards)."""
        if sort not in SORT_KEYS:
            raise FilterError("--sort", f"{sort!r} is not a sort key; choose from {', '.join(SORT_KEYS)}")
        chosen = filter_films(self.data, film_filter(**filters))
        return sort_films(self.data, chosen, sort, reverse)

    def film(self, title: str, year: int | None = None) -> Film:
        """The one work `title` names (any title, alternative title or id; "paris 2008" works).
        LookupError when none or several match."""
        span = None if year is None else film_filter(year=year).years[0]
        found, _ = find_film_candidates(self.data, title, span)
        if len(found) != 1:
            names = ", ".join(f"{f.title} ({f.year})" for f in found) or "none"
            raise LookupError(f"{title!r} matches {len(found)} works: {names}")
        return found[0]

    def awards(
        self,
        *,
        award: Many = None,
        decade: str | None = None,
        year: str | int | None = None,
        won: bool = False,
        nominated: bool = False,
        film: str | None = None,
    ) -> list[Award]:
        """Award rows (wins and nominations, career prizes included), as `binoche awards`."""
        spans = film_filter(decade=decade, year=year, won=won, nominated=nominated).years
        bodies = (award,) if isinstance(award, str) else tuple(award or ())
        result = "won" if won else ("nominated" if nominated else "")
        return filter_awards(
            self.data, AwardFilter(bodies=bodies, years=spans, result=result, film=film or "")
        )

    def directors(self, minimum: int = 1, **filters: Unpack[Filters]) -> list[DirectorSummary]:
        """Directors of the chosen works, most collaborations first."""
        return director_summaries(self.data, self.films(**filters), minimum)

    def costars(self, minimum: int = 1, **filters: Unpack[Filters]) -> list[CostarSummary]:
        """Co-stars of the chosen works, most shared works first."""
        return costar_summaries(self.films(**filters), minimum)

    def timeline(self, events: bool = False, **filters: Unpack[Filters]) -> list[TimelineEntry]:
        """The chosen works year by year; with `events`, stage work and life events too."""
        chosen = film_filter(**filters)
        return timeline_entries(self.data, filter_films(self.data, chosen), events, years=chosen.years)

    def stats(self, **filters: Unpack[Filters]) -> Stats:
        """Counts over the chosen works, as `binoche stats` counts them: awards for these works,
        and career honours only when every work is shown."""
        chosen = film_filter(**filters)
        films = filter_films(self.data, chosen)
        if not films:
            raise LookupError("no work matches these filters")
        return stats_for(self.data, films, chosen)


def load(path: str | Path | None = None) -> Catalog:
    """Load a dataset (default: `BINOCHE_DATA`, else the bundled one), validated and cached.
    Raises `binoche_cli.dataset.catalog.DataError` listing every problem in a bad file."""
    chosen = dataset.resolve_path(None if path is None else str(path))
    return Catalog(dataset.load(chosen))
