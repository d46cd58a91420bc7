"""Pure functions over the catalogue: parsing filter values, matching, filtering, aggregates.

Nothing here prints or imports Rich; the CLI turns `ValueError` from the parsers into a
usage error (exit 2) and an empty result into exit 1.
"""

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.text import fold, quote


def matches(query: str, text: str) -> bool:
    """True when the folded query appears in the folded text on word boundaries' start."""
    q = fold(query)
    if not q:
        return False
    return f" {q}" in f" {fold(text)}"


# ---------------------------------------------------------------------------------------
# Parsing filter values


class YearRange(NamedTuple):
    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


def _century(two_digits: int) -> int:
    """Two-digit years and decades: 30-99 are 19xx, 00-29 are 20xx."""
    return (1900 if two_digits >= 30 else 2000) + two_digits


def parse_decade(text: str) -> YearRange:
    """`1990s`, `1990`, `90s`, `'90s` -> 1990..1999; a year inside it (`1993`) means its decade."""
    digits = text.strip().lower().replace("\u2019", "'")
    # Plain string steps rather than a regex: this is on the path of every decade lookup.
    digits = digits.removeprefix("'").removesuffix("s").removesuffix("'")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (2, 4)):
        raise ValueError(f"{text!r} is not a decade; try 1990s, 1990, 90s or '90s")
    start = _century(int(digits)) if len(digits) == 2 else int(digits)
    start -= start % 10
    return YearRange(start, start + 9)


def _year(text: str) -> int | None:
    if not text:
        return None
    return _century(int(text)) if len(text) == 2 else int(text)


def parse_years(text: str) -> YearRange:
    """`1993` or `93`, `1990-1999`, `2010-` (onwards), `-1990` (up to)."""
    cleaned = text.strip().replace("\u2013", "-").replace("..", "-")
    match = re.fullmatch(r"(\d{4}|\d{2})?\s*(-)?\s*(\d{4}|\d{2})?", cleaned)
    hint = f"{text!r} is not a year or range; try 1993, 93, 1990-1999, 2010- or -1990"
    if not cleaned or not match or (match.group(2) is None and match.group(3)):
        raise ValueError(hint)
    first, dash, last = match.groups()
    low, high = _year(first or ""), _year(last or "")
    if dash is None:
        if low is None:
            raise ValueError(hint)
        return YearRange(low, low)
    if low is None and high is None:
        raise ValueError(hint)
    low = 0 if low is None else low
    high = 9999 if high is None else high
    if low > high:
        raise ValueError(f"{text!r}: the range ends before it starts")
    return YearRange(low, high)


def parse_runtime(text: str) -> YearRange:
    """`<100`, `>150`, `90-120`, `<=90`, `95` -> a range of minutes."""
    cleaned = text.strip().replace(" ", "").replace("\u2013", "-").removesuffix("min")
    hint = f"{text!r} is not a running time; try <100, 90-120 or >150 (minutes)"
    match = re.fullmatch(r"(<=|>=|<|>)?(\d{1,4})(?:-(\d{1,4}))?", cleaned)
    if not match:
        raise ValueError(hint)
    op, first, last = match.groups()
    low = int(first)
    if last is not None:
        if op:
            raise ValueError(hint)
        if int(last) < low:
            raise ValueError(f"{text!r}: the range ends before it starts")
        return YearRange(low, int(last))
    bounds = {"<": (0, low - 1), "<=": (0, low), ">": (low + 1, 99999), ">=": (low, 99999)}
    return YearRange(*bounds.get(op or "", (low, low)))


def resolve_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Kinds by prefix, like every other name: `doc` -> documentary. ValueError if unknown."""
    from binoche_cli.dataset.catalog import FILM_KINDS

    found: list[str] = []
    for kind in kinds:
        wanted = kind.strip().lower()
        hits = [k for k in FILM_KINDS if k.startswith(wanted)] if wanted else []
        if len(hits) != 1:
            reason = "matches several kinds" if hits else "is not a kind"
            raise ValueError(f"{kind!r} {reason}; choose from {', '.join(FILM_KINDS)}")
        found.append(hits[0])
    return tuple(found)


def decade_of(year: int) -> int:
    return year - year % 10


# ---------------------------------------------------------------------------------------
# Awards: names people type for them

# Generic knowledge of award bodies (not of this artist): what people call them.
_BODY_ALIASES: dict[str, str] = {
    "academy awards": "oscar oscars academy award",
    "bafta awards": "bafta british academy",
    "golden globe awards": "golden globe golden globes globes",
    "cesar awards": "cesar cesars",
    "european film awards": "efa european film academy",
    "cannes film festival": "cannes festival de cannes",
    "venice film festival": "venice mostra venezia",
    "berlin international film festival": "berlin berlinale",
    "lumiere awards": "lumiere lumieres",
    "tony awards": "tony tonys",
    "screen actors guild awards": "sag screen actors guild",
}
_SHORT_BODY: dict[str, str] = {
    "academy awards": "Oscar",
    "bafta awards": "BAFTA",
    "golden globe awards": "Golden Globe",
    "cesar awards": "César",
    "european film awards": "European Film Award",
    "cannes film festival": "Cannes",
    "venice film festival": "Venice",
    "berlin international film festival": "Berlinale",
    "lumiere awards": "Lumière",
    "tony awards": "Tony",
    "screen actors guild awards": "SAG",
}
# A named prize inside the category says more than the body ("Volpi Cup", "Silver Bear").
_NAMED_PRIZE = (
    r"(Volpi Cup|Silver Bear|Golden Bear|Golden Lion|Palme d'Or|Golden Globe|Prix [A-Z][\w-]+"
    r"(?: [A-Z][\w-]+)*)"
)


def award_names(catalog: Catalog) -> list[str]:
    """What a person may type for the awards in this dataset: bodies, categories, common names."""
    bodies = all_bodies(catalog)
    aliases = [_BODY_ALIASES.get(fold(body), "") for body in bodies]
    common = [name for group in aliases for name in group.split() if len(name) > 3]
    return bodies + sorted({a.category for a in catalog.awards}) + sorted(set(common))


def award_haystack(award: Award) -> str:
    body = fold(award.body)
    return f"{body} {fold(award.category)} {_BODY_ALIASES.get(body, '')}"


def award_matches(query: str, award: Award) -> bool:
    q = fold(query)
    return bool(q) and f" {q}" in f" {award_haystack(award)}"


def award_label(award: Award) -> str:
    """A short name for markers: `Volpi Cup`, `Oscar`, `César`."""
    named = re.search(_NAMED_PRIZE, award.category)
    if named:
        return named.group(1)
    return _SHORT_BODY.get(fold(award.body), award.body)


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
                f"{quote(name)} matches no film: its {_plural(len(found), 'award')} "
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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _shell_word(text: str) -> str:
    import shlex

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
    import difflib

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


# ---------------------------------------------------------------------------------------
# Awards listing


class AwardFilter(NamedTuple):
    bodies: tuple[str, ...] = ()  # OR; matches body, category or aliases
    years: tuple[YearRange, ...] = ()
    result: str = ""
    film: str = ""  # any title/aka/id of the work


def filter_awards(catalog: Catalog, film_filter: AwardFilter) -> list[Award]:
    film_ids: set[str] | None = None
    if film_filter.film:
        film_ids = {f.id for f in find_films(catalog, film_filter.film)}
        film_ids |= {
            s.id for s in catalog.stage if matches(film_filter.film, s.title) or s.id == film_filter.film
        }
    rows = [
        a
        for a in catalog.awards
        if (not film_filter.bodies or any(award_matches(q, a) for q in film_filter.bodies))
        and all(a.year in r for r in film_filter.years)
        and (not film_filter.result or a.result == film_filter.result)
        and (film_ids is None or a.work in film_ids)
    ]
    return sorted(rows, key=lambda a: (a.year, fold(a.body), a.result != "won", fold(a.category)))


def explain_no_awards(catalog: Catalog, film_filter: AwardFilter) -> tuple[str, list[str]]:
    """Why `awards` found no rows: a misspelt body or film, or filters that exclude each other."""
    for name in film_filter.bodies:
        if not any(award_matches(name, a) for a in catalog.awards):
            return f"no award matches {quote(name)}", suggest(name, award_names(catalog))
    if film_filter.film and not find_films(catalog, film_filter.film):
        return f"no film matches {quote(film_filter.film)}", suggest(film_filter.film, all_titles(catalog))
    return "no award rows match these filters", []


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


# ---------------------------------------------------------------------------------------
# Timeline and stats
