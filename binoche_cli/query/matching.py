"""Matching names and titles the forgiving way: accent-, case- and punctuation-blind, on word
starts; finding one film by any of its titles; suggesting the closest names for a typo."""

import difflib
import re
from collections.abc import Iterable

from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.query.values import YearRange
from binoche_cli.text import fold


def matches(query: str, text: str) -> bool:
    """True when the folded query appears in the folded text on word boundaries' start."""
    q = fold(query)
    if not q:
        return False
    return f" {q}" in f" {fold(text)}"


# ---------------------------------------------------------------------------------------
# Finding one film by title


def find_film_candidates(
    catalog: Catalog, query: str, span: YearRange | None = None
) -> tuple[list[Film], YearRange | None]:
    """The films `query` names, narrowed to `span`; a trailing year in the query ("paris
    2008", "Paris (2008)") counts as the span when no film's title itself ends that way."""
    found = find_films(catalog, query)
    trailing = re.fullmatch(r"(.*?\S)\s*\(?((?:19|20)\d\d)\)?", query.strip())
    if span is None and trailing and not any(f.id == query for f in found):
        base, year = trailing.group(1), int(trailing.group(2))
        with_year = [f for f in find_films(catalog, base) if f.year == year]
        if with_year or not found:
            found, span = with_year, YearRange(year, year)
    if span is not None:
        found = [f for f in found if f.year in span]
    return found, span


def suggest_titles(catalog: Catalog, query: str, span: YearRange | None = None) -> list[str]:
    """Close titles, only from the given years when a year was given."""
    if span is not None:
        trailing = re.fullmatch(r"(.*?\S)\s*\(?((?:19|20)\d\d)\)?", query.strip())
        base = trailing.group(1) if trailing else query
        pool = [t for f in catalog.films if f.year in span for t in f.titles]
        return suggest(base, pool)
    return suggest(query, all_titles(catalog))


def find_films(catalog: Catalog, query: str) -> list[Film]:
    """Exact id/title/aka matches win; otherwise every film whose title contains the query."""
    q = fold(query)
    if not q:
        return []
    exact = [f for f in catalog.films if f.id == query or any(fold(t) == q for t in f.titles)]
    if exact:
        return exact
    # "red" means Three Colours: Red rather than Flight of the Red Balloon.
    segment = [f for f in catalog.films if any(fold(part) == q for t in f.titles for part in t.split(":"))]
    if segment:
        return segment
    return [f for f in catalog.films if any(matches(query, t) for t in f.titles)]


def suggest(query: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The closest names or titles to a query that matched nothing."""
    originals: dict[str, str] = {}
    for name in candidates:
        originals.setdefault(fold(name), name)
        # Surnames alone too, so `kieslowsky` finds Krzysztof Kieślowski.
        for word in fold(name).split():
            if len(word) > 3:
                originals.setdefault(word, name)
    close = difflib.get_close_matches(fold(query), list(originals), n=limit * 3, cutoff=0.6)
    result: list[str] = []
    for key in close:
        name = originals[key]
        if name not in result:
            result.append(name)
    return result[:limit]


def all_titles(catalog: Catalog) -> list[str]:
    return [t for f in catalog.films for t in f.titles]


def all_directors(catalog: Catalog) -> list[str]:
    return sorted({d for f in catalog.films for d in f.directors}, key=fold)


def all_costars(catalog: Catalog) -> list[str]:
    return sorted({c for f in catalog.films for c in f.costars}, key=fold)


def all_bodies(catalog: Catalog) -> list[str]:
    return sorted({a.body for a in catalog.awards}, key=fold)


def all_languages(catalog: Catalog) -> list[str]:
    return sorted({lang for f in catalog.films for lang in f.languages}, key=fold)
