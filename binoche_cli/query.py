"""Pure functions over the catalogue: parsing filter values, matching, filtering, aggregates.

Nothing here prints or imports Rich; the CLI turns `ValueError` from the parsers into a
usage error (exit 2) and an empty result into exit 1.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from .catalog import Award, Catalog, Film

# Letters that NFKD does not split into base + accent.
_FOLD_TABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
# Patterns are compiled on first use (re caches them): most lookups never need them.
_NON_WORD = r"[\W_]+"


def fold(text: str) -> str:
    """Accent-, case- and punctuation-blind form: `Kieślowski` and `KIESLOWSKI` fold alike."""
    text = text.translate(_FOLD_TABLE)
    import unicodedata  # not needed by lookups that never compare text

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Apostrophes join words ("L'Attesa" ~ "lattesa" is less useful than "l attesa").
    return re.sub(_NON_WORD, " ", stripped.casefold()).strip()


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


def parse_decade(text: str) -> YearRange:
    """`1990s`, `1990`, `90s`, `'90s` -> 1990..1999. Two-digit decades: 80-99 are 19xx."""
    digits = text.strip().lower().replace("\u2019", "'")
    # Plain string steps rather than a regex: this is on the path of every decade lookup.
    digits = digits.removeprefix("'").removesuffix("s").removesuffix("'")
    if not (digits.isascii() and digits.isdigit() and len(digits) in (2, 4)):
        raise ValueError(f"{text!r} is not a decade; try 1990s, 1990, 90s or '90s")
    start = (1900 if int(digits) >= 30 else 2000) + int(digits) if len(digits) == 2 else int(digits)
    if start % 10:
        raise ValueError(f"{text!r} is not the start of a decade; did you mean {start - start % 10}s?")
    return YearRange(start, start + 9)


def parse_years(text: str) -> YearRange:
    """`1993`, `1990-1999`, `2010-` (onwards), `-1990` (up to)."""
    cleaned = text.strip().replace("\u2013", "-").replace("..", "-")
    match = re.fullmatch(r"(\d{4})?\s*(-)?\s*(\d{4})?", cleaned)
    if not cleaned or not match or (match.group(2) is None and match.group(3)):
        raise ValueError(f"{text!r} is not a year or range; try 1993, 1990-1999, 2010- or -1990")
    first, dash, last = match.groups()
    if dash is None:
        if first is None:
            raise ValueError(f"{text!r} is not a year or range; try 1993, 1990-1999, 2010- or -1990")
        return YearRange(int(first), int(first))
    if first is None and last is None:
        raise ValueError(f"{text!r} is not a year or range; try 1993, 1990-1999, 2010- or -1990")
    low = int(first) if first else 0
    high = int(last) if last else 9999
    if low > high:
        raise ValueError(f"{text!r}: the range ends before it starts")
    return YearRange(low, high)


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


def relevant_awards(catalog: Catalog, film: Film, flt: FilmFilter) -> tuple[Award, ...]:
    """The film's awards that the award/result options select (all, if none given)."""
    found = catalog.awards_for(film.id)
    if flt.awards:
        found = tuple(a for a in found if any(award_matches(q, a) for q in flt.awards))
    if flt.result:
        found = tuple(a for a in found if a.result == flt.result)
    return found


def film_matches(catalog: Catalog, film: Film, flt: FilmFilter) -> bool:
    if flt.years and not all(film.year in r for r in flt.years):
        return False
    if flt.directors and not any(matches(q, name) for q in flt.directors for name in film.directors):
        return False
    if (flt.awards or flt.result) and not relevant_awards(catalog, film, flt):
        return False
    if flt.costars and not all(any(matches(q, c) for c in film.costars) for q in flt.costars):
        return False
    if flt.kinds and fold(film.kind) not in {fold(k) for k in flt.kinds}:
        return False
    if flt.languages and not any(matches(q, lang) for q in flt.languages for lang in film.languages):
        return False
    if flt.search and not any(matches(flt.search, t) for t in searchable_film_text(film)):
        return False
    return not (flt.seen is not None and (film.id in flt.seen) != flt.seen_wanted)


def searchable_film_text(film: Film) -> tuple[str, ...]:
    return (*film.titles, film.role, film.notes)


def why_nothing_matched(catalog: Catalog, flt: FilmFilter) -> tuple[str, list[str]]:
    """The reason a film query came back empty, and the closest names for a misspelling."""
    checks: list[tuple[str, tuple[str, ...], list[str], Callable[[str, str], bool]]] = [
        ("director", flt.directors, all_directors(catalog), matches),
        ("co-star", flt.costars, all_costars(catalog), matches),
        ("language", flt.languages, all_languages(catalog), matches),
    ]
    for label, wanted, known, test in checks:
        for name in wanted:
            if not any(test(name, value) for value in known):
                return f"no {label} matches {name!r}", suggest(name, known)
    for name in flt.awards:
        if not any(award_matches(name, a) for a in catalog.awards):
            return f"no award matches {name!r}", suggest(name, award_names(catalog))
    if flt.search:
        reason = f"no film matches the search {flt.search!r} together with the other filters"
        return reason, suggest(flt.search, all_titles(catalog))
    return "no films match all of the given filters", []


def filter_films(catalog: Catalog, flt: FilmFilter) -> list[Film]:
    return [f for f in catalog.films if film_matches(catalog, f, flt)]


SORT_KEYS = ("year", "title", "director", "awards")


def sort_films(
    catalog: Catalog, films: Iterable[Film], key: str = "year", reverse: bool = False
) -> list[Film]:
    keyfuncs: dict[str, Callable[[Film], tuple[object, ...]]] = {
        # Within a year the file order holds (sorted is stable): no per-title folding on the hot path.
        "year": lambda f: (f.year,),
        "title": lambda f: (_title_sort_key(f.title), f.year),
        "director": lambda f: (fold(f.directors[0].split()[-1]) if f.directors else "", f.year),
        # Most honoured first: wins, then nominations, then year.
        "awards": lambda f: (
            -sum(a.won for a in catalog.awards_for(f.id)),
            -len(catalog.awards_for(f.id)),
            f.year,
        ),
    }
    return sorted(films, key=keyfuncs[key], reverse=reverse)


_ARTICLES = ("the ", "a ", "an ", "le ", "la ", "les ", "l ", "un ", "une ")


def _title_sort_key(title: str) -> str:
    folded = fold(title)
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :]
    return folded


# ---------------------------------------------------------------------------------------
# Finding one film by title


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


class WatchedRow(NamedTuple):
    """One row of a Letterboxd export and what it matched."""

    line: int
    name: str
    year: str
    watched: str
    film_id: str | None
    problem: str = ""


def match_watched_rows(catalog: Catalog, rows: Iterable[dict[str, str]]) -> list[WatchedRow]:
    """Match rows (Name, Year, Watched Date) to films: the whole title, and the year give or
    take one (festival premiere against release). A part of a title is not enough here:
    another film called "Blue" must not mark Three Colours: Blue."""
    result: list[WatchedRow] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        name = (row.get("Name") or "").strip()
        year = (row.get("Year") or "").strip()
        watched = (row.get("Watched Date") or row.get("Date") or "").strip()
        wanted = fold(name)
        candidates = [f for f in catalog.films if wanted and any(fold(t) == wanted for t in f.titles)]
        if year.isdigit():
            candidates = [f for f in candidates if abs(f.year - int(year)) <= 1]
        if len(candidates) == 1:
            film = candidates[0]
            problem = "duplicate row, already matched" if film.id in seen else ""
            seen.add(film.id)
            result.append(WatchedRow(line, name, year, watched, film.id, problem))
        elif not candidates:
            result.append(WatchedRow(line, name, year, watched, None, "not a film in the dataset"))
        else:
            result.append(
                WatchedRow(line, name, year, watched, None, f"ambiguous, matches {len(candidates)} films")
            )
    return result


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


def all_kinds(catalog: Catalog) -> list[str]:
    return sorted({f.kind for f in catalog.films})


# ---------------------------------------------------------------------------------------
# Awards listing


class AwardFilter(NamedTuple):
    bodies: tuple[str, ...] = ()  # OR; matches body, category or aliases
    years: tuple[YearRange, ...] = ()
    result: str = ""
    film: str = ""  # any title/aka/id of the work


def filter_awards(catalog: Catalog, flt: AwardFilter) -> list[Award]:
    film_ids: set[str] | None = None
    if flt.film:
        film_ids = {f.id for f in find_films(catalog, flt.film)}
        film_ids |= {s.id for s in catalog.stage if matches(flt.film, s.title) or s.id == flt.film}
    rows = [
        a
        for a in catalog.awards
        if (not flt.bodies or any(award_matches(q, a) for q in flt.bodies))
        and all(a.year in r for r in flt.years)
        and (not flt.result or a.result == flt.result)
        and (film_ids is None or a.work in film_ids)
    ]
    return sorted(rows, key=lambda a: (a.year, fold(a.body), a.result != "won", fold(a.category)))


# ---------------------------------------------------------------------------------------
# Aggregates


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


def triple_crown(catalog: Catalog) -> dict[str, Award] | None:
    """The Cannes, Venice and Berlin best-actress wins, if all three are in the award rows."""
    found: dict[str, Award] = {}
    for award in catalog.awards:
        body = fold(award.body)
        if award.won and body in _CROWN and _CROWN[body] in fold(award.category):
            found.setdefault(body, award)
    return found if len(found) == len(_CROWN) else None


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
    awards_by_body: list[tuple[str, int, int]]  # body, won, nominated
    busiest: tuple[int, list[str]]
    crown: list[tuple[str, int, str]] | None  # body, year, title


def compute_stats(catalog: Catalog, films: Sequence[Film], with_career_prizes: bool = True) -> Stats:
    """Counts over `films`; career prizes (awards for no single work) count unless filtered."""
    ids = {f.id for f in films}
    decades = count_by(f"{decade_of(f.year)}s" for f in films)
    per_decade = sorted(decades)
    awards = [a for a in catalog.awards if a.work in ids or (with_career_prizes and not a.work)]
    bodies: dict[str, list[int]] = {}
    for award in awards:
        pair = bodies.setdefault(award.body, [0, 0])
        pair[0 if award.won else 1] += 1
    per_year: dict[int, list[str]] = {}
    for f in films:
        per_year.setdefault(f.year, []).append(f.title)
    busiest_year = max(sorted(per_year), key=lambda y: len(per_year[y]))
    crown = triple_crown(catalog)
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
        awards_by_body=sorted(
            ((b, w, n) for b, (w, n) in bodies.items()), key=lambda r: (-(r[1] + r[2]), r[0])
        ),
        busiest=(busiest_year, per_year[busiest_year]),
        crown=(
            [
                (a.body, a.year, catalog.work_title(a.work))
                for a in sorted(crown.values(), key=lambda a: a.year)
            ]
            if crown
            else None
        ),
    )
