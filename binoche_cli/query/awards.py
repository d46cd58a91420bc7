"""Awards: the names people type for them (`oscar`, `berlinale`), short labels for markers,
and the `awards` listing."""

import re
from typing import NamedTuple

from binoche_cli.dataset.catalog import Award, Catalog
from binoche_cli.query.matching import all_bodies, all_titles, find_films, matches, suggest
from binoche_cli.query.values import YearRange
from binoche_cli.text import fold, quote

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
