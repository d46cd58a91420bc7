"""Shell completion: option values come from the data, so `-d kies<TAB>` offers `kieslowski`."""

from .catalog import Catalog, DataError


def _catalog() -> Catalog | None:
    try:
        from .catalog import load, resolve_path

        return load(resolve_path(None))
    except DataError:
        return None


def _complete(values: list[str], incomplete: str) -> list[str]:
    """Candidates that start with what was typed (Typer keeps only those): the name itself,
    its accent-free form and its single words, so `kies` completes to `kieslowski`."""
    from .query import fold

    found: list[str] = []
    for value in values:
        folded = fold(value)
        for candidate in (value, folded, *value.split(), *folded.split()):
            if candidate.startswith(incomplete) and candidate not in found:
                found.append(candidate)
    return found


def complete_directors(incomplete: str) -> list[str]:
    from .query import all_directors

    catalog = _catalog()
    return _complete(all_directors(catalog), incomplete) if catalog else []


def complete_costars(incomplete: str) -> list[str]:
    from .query import all_costars

    catalog = _catalog()
    return _complete(all_costars(catalog), incomplete) if catalog else []


def complete_bodies(incomplete: str) -> list[str]:
    from .query import all_bodies

    catalog = _catalog()
    return _complete(all_bodies(catalog), incomplete) if catalog else []


def complete_titles(incomplete: str) -> list[str]:
    catalog = _catalog()
    return _complete([f.title for f in catalog.films], incomplete) if catalog else []


def complete_decades(incomplete: str) -> list[str]:
    catalog = _catalog()
    if catalog is None:
        return []
    decades = sorted({f"{f.year - f.year % 10}s" for f in catalog.films})
    return [d for d in decades if d.startswith(incomplete)]


def complete_kinds(incomplete: str) -> list[str]:
    from .catalog import FILM_KINDS

    return [k for k in FILM_KINDS if k.startswith(incomplete)]


def complete_languages(incomplete: str) -> list[str]:
    from .query import all_languages

    catalog = _catalog()
    return _complete(all_languages(catalog), incomplete) if catalog else []


def complete_formats(incomplete: str) -> list[str]:
    from .render import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete)]
