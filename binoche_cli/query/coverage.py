"""How far the dataset reaches beyond itself: identifier coverage per site and per kind, and the
sources' domains summarised. Pure: `data info` shows what these return."""

from binoche_cli.dataset.catalog import Catalog, Film

# The sites a work can carry an identifier for, in the order `open` prefers them.
ID_SITES = ("imdb", "tmdb", "letterboxd", "wikidata")
TOP_DOMAINS = 10


def has_id(film: Film, site: str) -> bool:
    return bool(getattr(film, site))


def identifier_coverage(catalog: Catalog) -> dict[str, dict[str, object]]:
    """Per site: works with an id, of how many, and the same per kind of work.

    {"imdb": {"with": 65, "of": 84, "by_kind": {"feature": {"with": 62, "of": 70}, ...}}, ...}
    Kinds come most numerous first, as `by_kind` in `data info`.
    """
    kinds: dict[str, list[Film]] = {}
    for film in catalog.films:
        kinds.setdefault(film.kind, []).append(film)
    ordered = sorted(kinds, key=lambda k: (-len(kinds[k]), k))
    coverage: dict[str, dict[str, object]] = {}
    for site in ID_SITES:
        coverage[site] = {
            "with": sum(has_id(f, site) for f in catalog.films),
            "of": len(catalog.films),
            "by_kind": {
                kind: {"with": sum(has_id(f, site) for f in kinds[kind]), "of": len(kinds[kind])}
                for kind in ordered
            },
        }
    return coverage


def top_domains(domains: dict[str, int], top: int = TOP_DOMAINS) -> tuple[dict[str, int], int]:
    """The `top` domains cited most (ties by name), and how many other domains there are."""
    ranked = sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[:top]), max(len(ranked) - top, 0)
