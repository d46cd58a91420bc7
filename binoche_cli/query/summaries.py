"""Summaries over a set of films: directors, counts, the timeline, the stats, the next film
to watch and what the dataset holds. Pure functions, like `query`, which they build on."""

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.query.films import FilmFilter, relevant_awards
from binoche_cli.query.values import YearRange, decade_of
from binoche_cli.text import fold


class DirectorSummary(NamedTuple):
    name: str
    films: tuple[Film, ...]
    wins: tuple[Award, ...]

    @property
    def first_year(self) -> int:
        return min(f.year for f in self.films)

    @property
    def last_year(self) -> int:
        return max(f.year for f in self.films)


def director_summaries(
    catalog: Catalog, films: Sequence[Film] | None = None, minimum: int = 1
) -> list[DirectorSummary]:
    grouped: dict[str, list[Film]] = {}
    for film in catalog.films if films is None else films:
        for name in film.directors:
            grouped.setdefault(name, []).append(film)
    rows = [
        DirectorSummary(
            name=name,
            films=tuple(sorted(group, key=lambda f: f.year)),
            wins=tuple(a for f in group for a in catalog.awards_for(f.id) if a.won),
        )
        for name, group in grouped.items()
        if len(group) >= minimum
    ]
    return sorted(rows, key=lambda d: (-len(d.films), d.first_year, fold(d.name)))


def count_by(values: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], fold(kv[0])))


# The three festivals' best-actress prizes that make the European "triple crown".
_CROWN = {
    "cannes film festival": "best actress",
    "venice film festival": "best actress",
    "berlin international film festival": "best actress",
}


def triple_crown(awards: Iterable[Award]) -> dict[str, Award] | None:
    """The Cannes, Venice and Berlin best-actress wins, if all three are in `awards`."""
    found: dict[str, Award] = {}
    for award in awards:
        body = fold(award.body)
        if award.won and body in _CROWN and _CROWN[body] in fold(award.category):
            found.setdefault(body, award)
    return found if len(found) == len(_CROWN) else None


class TimelineEntry(NamedTuple):
    year: int
    kind: str  # a film kind, or "stage" / "event"
    title: str
    directors: tuple[str, ...] = ()
    role: str = ""
    awards: tuple[Award, ...] = ()
    status: str = "released"
    detail: str = ""

    @property
    def is_film(self) -> bool:
        return self.kind not in ("stage", "event")


def timeline_entries(
    catalog: Catalog,
    films: Sequence[Film],
    with_events: bool = False,
    awards_of: Callable[[Film], tuple[Award, ...]] | None = None,
    years: Iterable[YearRange] = (),
) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            year=f.year,
            kind=f.kind,
            title=f.title,
            directors=f.directors,
            role=f.role,
            awards=awards_of(f) if awards_of else catalog.awards_for(f.id),
            status=f.status,
        )
        for f in films
    ]
    if with_events:
        spans = list(years)

        def wanted(year: int) -> bool:
            return all(year in span for span in spans)

        entries += [
            TimelineEntry(
                year=s.year,
                kind="stage",
                title=s.title,
                directors=s.directors,
                role=s.role,
                awards=catalog.awards_for(s.id),
                detail=", ".join(
                    p
                    for p in (s.venue, f"until {s.end_year}" if s.end_year and s.end_year != s.year else "")
                    if p
                ),
            )
            for s in catalog.stage
            if wanted(s.year)
        ]
        entries += [
            TimelineEntry(year=e.year, kind="event", title=e.text, detail=e.kind)
            for e in catalog.events
            if wanted(e.year)
        ]
    order = {"event": 0, "stage": 2}
    return sorted(entries, key=lambda e: (e.year, order.get(e.kind, 1)))


class Stats(NamedTuple):
    total: int
    first_year: int
    last_year: int
    per_decade: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    by_language: list[tuple[str, int]]
    directors: list[tuple[str, int, int, int]]  # name, films, first, last
    costars: list[tuple[str, int]]
    awards_by_body: list[tuple[str, int, int]]  # awards for the works counted: body, won, nominated
    busiest: tuple[int, list[str]] | None  # None when no year has more than one work
    crown: list[tuple[str, int, str]] | None  # body, year, title
    # Career honours (awards for no single work), counted only when the whole career is shown.
    honours_by_body: Sequence[tuple[str, int, int]] = ()

    @property
    def awards_won(self) -> int:
        """Awards won for the works counted; career honours are not among them."""
        return sum(w for _, w, _ in self.awards_by_body)

    @property
    def nominations(self) -> int:
        return sum(n for _, _, n in self.awards_by_body)

    @property
    def honours_won(self) -> int:
        return sum(w for _, w, _ in self.honours_by_body)


def _by_body(awards: Iterable[Award]) -> list[tuple[str, int, int]]:
    bodies: dict[str, list[int]] = {}
    for award in awards:
        pair = bodies.setdefault(award.body, [0, 0])
        pair[0 if award.won else 1] += 1
    return sorted(((b, w, n) for b, (w, n) in bodies.items()), key=lambda r: (-(r[1] + r[2]), r[0]))


def awards_shown(catalog: Catalog, film_filter: FilmFilter) -> Callable[[Film], tuple[Award, ...]] | None:
    """The awards a picture shows for each work: those the award options select, or None
    (all of them) when no award option narrows them."""
    if not (film_filter.awards or film_filter.result):
        return None
    return lambda film: relevant_awards(catalog, film, film_filter)


def stats_for(catalog: Catalog, films: Sequence[Film], film_filter: FilmFilter) -> Stats:
    """The one definition every picture and `binoche stats` count by: awards for the works
    shown, narrowed as the filter narrows them, and career honours only when every work is
    shown and no award option narrows them."""
    awards_of = awards_shown(catalog, film_filter)
    whole_career = len(films) == len(catalog.films) and awards_of is None
    return compute_stats(catalog, films, career_wide=whole_career, awards_of=awards_of)


def compute_stats(
    catalog: Catalog,
    films: Sequence[Film],
    career_wide: bool = True,
    awards_of: Callable[[Film], tuple[Award, ...]] | None = None,
) -> Stats:
    """Counts over `films` only. One definition of an award count, shared by every picture:
    the awards for these works (narrowed by `awards_of`, as the timeline narrows them), never
    career honours; those are counted apart, and only when the whole career is shown
    (`career_wide`). Sections with no meaning for these works are None."""
    decades = count_by(f"{decade_of(f.year)}s" for f in films)
    per_decade = sorted(decades)
    awards = [a for f in films for a in (awards_of(f) if awards_of else catalog.awards_for(f.id))]
    honours = [a for a in catalog.awards if not a.work] if career_wide else []
    per_year: dict[int, list[str]] = {}
    for f in films:
        per_year.setdefault(f.year, []).append(f.title)
    busiest_year = max(sorted(per_year), key=lambda y: len(per_year[y]))
    crown = triple_crown(awards)
    return Stats(
        total=len(films),
        first_year=min(f.year for f in films),
        last_year=max(f.year for f in films),
        per_decade=per_decade,
        by_kind=count_by(f.kind for f in films),
        by_language=count_by(lang for f in films for lang in f.languages),
        directors=[
            (d.name, len(d.films), d.first_year, d.last_year)
            for d in director_summaries(catalog, films, minimum=2)
        ],
        costars=[(n, c) for n, c in count_by(c for f in films for c in f.costars) if c >= 2],
        awards_by_body=_by_body(awards),
        busiest=(busiest_year, per_year[busiest_year]) if len(per_year[busiest_year]) > 1 else None,
        crown=(
            [
                (a.body, a.year, catalog.work_title(a.work))
                for a in sorted(crown.values(), key=lambda a: a.year)
            ]
            if crown
            else None
        ),
        honours_by_body=_by_body(honours),
    )


def next_to_watch(catalog: Catalog, pool: Sequence[Film], random_pick: bool = False) -> Film | None:
    """The first released film of `pool` in guide order, else the earliest; or a random one."""
    released = [f for f in pool if f.status == "released"]
    if random_pick:
        import random

        return random.choice(released) if released else None
    wanted = {f.id for f in released}
    for step in catalog.guide:
        for film_id in step.films:
            if film_id in wanted:
                return catalog.film(film_id)
    return min(released, key=lambda f: f.year) if released else None


def dataset_info(catalog: Catalog) -> dict[str, object]:
    """What `data info` prints: as-of date, counts, newest work, source domains, licence."""
    from urllib.parse import urlsplit

    sources = [
        url
        for group in (catalog.films, catalog.awards, catalog.stage, catalog.events)
        for record in group
        for url in record.sources
    ]
    domains = count_by((urlsplit(u).hostname or "").removeprefix("www.") for u in sources)
    newest = max(catalog.films, key=lambda f: f.year) if catalog.films else None
    with_imdb = sum(1 for f in catalog.films if f.imdb)
    return {
        "path": catalog.path,
        "as_of": catalog.about.get("as_of"),
        "license": catalog.about.get("license"),
        "artist": catalog.artist,
        "artist_imdb": catalog.about.get("artist_imdb"),
        "artist_wikidata": catalog.about.get("artist_wikidata"),
        "works": len(catalog.films),
        "by_kind": dict(count_by(f.kind for f in catalog.films)),
        "not_released": {f.id: f.status for f in catalog.films if f.status != "released"},
        "newest": {"year": newest.year, "title": newest.title, "id": newest.id} if newest else None,
        "awards": len(catalog.awards),
        "stage": len(catalog.stage),
        "events": len(catalog.events),
        "with_imdb": with_imdb,
        "sources": len(sources),
        "domains": dict(domains),
    }
