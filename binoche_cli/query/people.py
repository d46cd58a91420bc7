"""Pure queries about the people she worked with: co-stars ranked, the works shared with one
person (or several), and the collaboration network (people and works).

Nothing here prints; the commands turn an empty result into exit 1 and an ambiguous name
into exit 4.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.query.matching import matches
from binoche_cli.text import fold

DIRECTOR, COSTAR = "director", "co-star"


class CostarSummary(NamedTuple):
    name: str
    films: tuple[Film, ...]  # in year order

    @property
    def first_year(self) -> int:
        return self.films[0].year

    @property
    def last_year(self) -> int:
        return self.films[-1].year


def costar_summaries(films: Iterable[Film], minimum: int = 1) -> list[CostarSummary]:
    """Every co-star of `films`, most shared works first, then earliest, then by name."""
    grouped: dict[str, list[Film]] = {}
    for film in films:
        for name in dict.fromkeys(film.costars):  # a name listed twice counts once
            grouped.setdefault(name, []).append(film)
    rows = [
        CostarSummary(name, tuple(sorted(group, key=lambda f: f.year)))
        for name, group in grouped.items()
        if len(group) >= minimum
    ]
    return sorted(rows, key=lambda c: (-len(c.films), c.first_year, fold(c.name)))


def people(catalog: Catalog) -> list[str]:
    """Everyone credited beside her: directors and co-stars, each name once."""
    names = {n for f in catalog.films for n in (*f.directors, *f.costars)}
    return sorted(names, key=fold)


def find_people(catalog: Catalog, query: str) -> list[str]:
    """The people `query` names; a whole-name match wins over names that merely contain it,
    so `claire denis` is one person even if another Denis is credited."""
    wanted = fold(query)
    if not wanted:
        return []
    known = people(catalog)
    exact = [n for n in known if fold(n) == wanted]
    return exact or [n for n in known if matches(query, n)]


def part_of(person: str, film: Film) -> str:
    """`director`, `co-star`, or `director, co-star`; empty when not credited on `film`."""
    parts = [part for part, names in ((DIRECTOR, film.directors), (COSTAR, film.costars)) if person in names]
    return ", ".join(parts)


class SharedWork(NamedTuple):
    film: Film
    parts: tuple[tuple[str, str], ...]  # (person, part), one per person asked about


def works_together(films: Iterable[Film], persons: Sequence[str]) -> list[SharedWork]:
    """The works every one of `persons` is credited on, in year order, with each one's part."""
    rows = []
    for film in films:
        parts = tuple((person, part_of(person, film)) for person in persons)
        if persons and all(part for _, part in parts):
            rows.append(SharedWork(film, parts))
    return sorted(rows, key=lambda r: r.film.year)


# ---------------------------------------------------------------------------------------
# The collaboration network


class Node(NamedTuple):
    id: str
    label: str
    type: str  # "person" or "work"
    year: int | None = None  # works only


class Edge(NamedTuple):
    source: str  # a person's node id
    target: str  # a work's node id
    role: str  # "director" or "costar"


class Graph(NamedTuple):
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


EDGE_ROLES = {DIRECTOR: "director", COSTAR: "costar"}


def person_id(name: str, taken: set[str]) -> str:
    """A readable, stable id (`person:claire-denis`); a suffix keeps two names that fold
    alike apart."""
    base = "person:" + ("-".join(fold(name).split()) or "unnamed")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def collaboration_graph(films: Sequence[Film], minimum: int = 1) -> Graph:
    """People and works, joined by who directed or starred in what.

    Only people with at least `minimum` of these works are kept, and only works with a kept
    person: a work alone is no part of a network. People come most connected first, works in
    year order, so the output is stable from run to run.
    """
    ordered = sorted(films, key=lambda f: f.year)
    credits: dict[str, list[tuple[Film, str]]] = {}
    for film in ordered:
        for part, names in ((DIRECTOR, film.directors), (COSTAR, film.costars)):
            for name in dict.fromkeys(names):
                credits.setdefault(name, []).append((film, part))
    kept = {name: rows for name, rows in credits.items() if len({f.id for f, _ in rows}) >= max(minimum, 1)}
    taken: set[str] = set()
    person_nodes = [
        Node(person_id(name, taken), name, "person")
        for name in sorted(kept, key=lambda n: (-len({f.id for f, _ in kept[n]}), fold(n)))
    ]
    ids = {node.label: node.id for node in person_nodes}
    linked = {f.id for rows in kept.values() for f, _ in rows}
    work_nodes = [Node(f"work:{f.id}", f.title, "work", f.year) for f in ordered if f.id in linked]
    edges = [
        Edge(ids[name], f"work:{film.id}", EDGE_ROLES[part])
        for film in ordered
        for part, names in ((DIRECTOR, film.directors), (COSTAR, film.costars))
        for name in dict.fromkeys(names)
        if name in kept
    ]
    return Graph(tuple(person_nodes + work_nodes), tuple(edges))
