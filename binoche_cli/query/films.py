"""Filtering and sorting films, explaining an empty result, and searching everything.

Nothing here prints or imports Rich; the CLI turns `ValueError` from the parsers into a
usage error (exit 2) and an empty result into exit 1. The parsers live in `values`, name
matching in `matching`, award names in `awards`.
"""

import shlex
from collections.abc import Callable, Iterable
from typing import NamedTuple

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.query.awards import award_matches, award_names
from binoche_cli.query.matching import all_costars, all_directors, all_languages, all_titles, matches, suggest
from binoche_cli.query.values import YearRange
from binoche_cli.text import fold, plural, quote

# ---------------------------------------------------------------------------------------
# Filtering films


class FilmFilter(NamedTuple):
    """Every option of `binoche films`; unset fields do not filter. Fields AND together."""

    years: tuple[YearRange, ...] = ()
    directors: tuple[str, ...] = ()  # OR among them
    awards: tuple[str, ...] = ()  # OR among them
    result: str = ""  # "won" / "nominated": applies to the awards considered
    costars: tuple[str, ...] = ()  # AND: films with all of them
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    search: str = ""
    seen: frozenset[str] | None = None  # ids; with `seen_wanted`
    seen_wanted: bool = True
    credits: tuple[str, ...] = ()
    runtime: YearRange | None = None  # minutes


def relevant_awards(catalog: Catalog, film: Film, film_filter: FilmFilter) -> tuple[Award, ...]:
    """The film's awards that the award/result options select (all, if none given)."""
    found = catalog.awards_for(film.id)
    if film_filter.awards:
        found = tuple(a for a in found if any(award_matches(q, a) for q in film_filter.awards))
    if film_filter.result:
        found = tuple(a for a in found if a.result == film_filter.result)
    return found


def film_matches(catalog: Catalog, film: Film, film_filter: FilmFilter) -> bool:
    if film_filter.years and not all(film.year in r for r in film_filter.years):
        return False
    if film_filter.directors and not any(
        matches(q, name) for q in film_filter.directors for name in film.directors
    ):
        return False
    if (film_filter.awards or film_filter.result) and not relevant_awards(catalog, film, film_filter):
        return False
    if film_filter.costars and not all(any(matches(q, c) for c in film.costars) for q in film_filter.costars):
        return False
    if film_filter.kinds and film.kind not in film_filter.kinds:
        return False
    if film_filter.credits and not any(c in film.credit for c in film_filter.credits):
        return False
    if film_filter.runtime is not None and not (film.runtime and film.runtime in film_filter.runtime):
        return False
    if film_filter.languages and not any(
        matches(q, lang) for q in film_filter.languages for lang in film.languages
    ):
        return False
    if film_filter.search and not any(matches(film_filter.search, t) for t in searchable_film_text(film)):
        return False
    return not (film_filter.seen is not None and (film.id in film_filter.seen) != film_filter.seen_wanted)


def searchable_film_text(film: Film) -> tuple[str, ...]:
    return (*film.titles, film.role, film.notes)


def explain_empty(catalog: Catalog, film_filter: FilmFilter) -> tuple[str, list[str]]:
    """The reason a film query came back empty, and the closest names for a misspelling."""
    checks: list[tuple[str, tuple[str, ...], list[str]]] = [
        ("director", film_filter.directors, all_directors(catalog)),
        ("co-star", film_filter.costars, all_costars(catalog)),
        ("language", film_filter.languages, all_languages(catalog)),
    ]
    for label, wanted, known in checks:
        for name in wanted:
            if not any(matches(name, value) for value in known):
                return f"no {label} matches {quote(name)}", suggest(name, known)
    for name in film_filter.awards:
        found = [a for a in catalog.awards if award_matches(name, a)]
        if not found:
            return f"no award matches {quote(name)}", suggest(name, award_names(catalog))
        if not any(catalog.film(a.work) for a in found):
            # A Tony is for a play: point to the rows rather than saying nothing matched.
            works = sorted({catalog.work_title(a.work) if a.work else "her career" for a in found})
            return (
                f"{quote(name)} matches no film: its {plural(len(found), 'award')} "
                f"{'is' if len(found) == 1 else 'are'} for {', '.join(works)}; "
                f"see: binoche awards --body {_shell_word(name)}",
                [],
            )
    others = _other_filters(film_filter)
    if film_filter.search:
        tail = " together with the other filters" if others > 1 else ""
        return f"no work matches the search {quote(film_filter.search)}{tail}", suggest(
            film_filter.search, all_titles(catalog)
        )
    return ("no work matches this filter" if others == 1 else "no work matches all of these filters"), []


def _other_filters(film_filter: FilmFilter) -> int:
    given = (
        film_filter.years,
        film_filter.directors,
        film_filter.awards or film_filter.result,
        film_filter.costars,
        film_filter.kinds,
        film_filter.credits,
        film_filter.runtime,
        film_filter.languages,
        film_filter.search,
        film_filter.seen is not None,
    )
    return sum(1 for g in given if g)


def _shell_word(text: str) -> str:
    return shlex.quote(text)


def filter_films(catalog: Catalog, film_filter: FilmFilter) -> list[Film]:
    return [f for f in catalog.films if film_matches(catalog, f, film_filter)]


SORT_KEYS = ("year", "title", "director", "awards")


def sort_films(
    catalog: Catalog, films: Iterable[Film], key: str = "year", reverse: bool = False, titles: str = "english"
) -> list[Film]:
    """Films in `key` order; by title, the title shown (`titles`), leading articles ignored."""

    def shown(f: Film) -> str:
        return f.original_title if titles == "original" and f.original_title else f.title

    keyfuncs: dict[str, Callable[[Film], tuple[object, ...]]] = {
        # Within a year the file order holds (sorted is stable): no per-title folding on the hot path.
        "year": lambda f: (f.year,),
        "title": lambda f: (_title_sort_key(shown(f)), f.year),
        "director": lambda f: (fold(f.directors[0].split()[-1]) if f.directors else "", f.year),
        # Most honoured first: wins, then nominations, then year.
        "awards": lambda f: (
            -sum(a.won for a in catalog.awards_for(f.id)),
            -len(catalog.awards_for(f.id)),
            f.year,
        ),
    }
    return sorted(films, key=keyfuncs[key], reverse=reverse)


# Leading articles of the languages in the data (English, French, Italian, Spanish, German).
_ARTICLES = (
    *("the ", "a ", "an "),
    *("le ", "la ", "les ", "l ", "un ", "une "),
    *("il ", "lo ", "gli ", "i "),
    *("el ", "los ", "las "),
    *("der ", "die ", "das ", "ein ", "eine "),
)


def _title_sort_key(title: str) -> str:
    folded = fold(title)
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :]
    return folded


class SearchHit(NamedTuple):
    film: Film | None
    award: Award | None
    field: str
    value: str


def search_everything(catalog: Catalog, query: str) -> list[SearchHit]:
    """One query across titles, akas, roles, directors, co-stars and awards."""
    hits: list[SearchHit] = []
    for film in catalog.films:
        fields: list[tuple[str, str]] = [("title", t) for t in film.titles]
        fields += [("role", film.role)]
        fields += [("director", d) for d in film.directors]
        fields += [("costar", c) for c in film.costars]
        for name, value in fields:
            if matches(query, value):
                hits.append(SearchHit(film, None, name, value))
    for award in catalog.awards:
        if award_matches(query, award):
            work = catalog.film(award.work) if award.work else None
            hits.append(SearchHit(work, award, "award", f"{award.body}: {award.category}"))
    return hits
