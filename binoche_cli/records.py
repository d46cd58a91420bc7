"""The result objects every command outputs: plain dicts with stable keys.

These keys are the JSON contract documented in the README; the line formats pick columns
from them by name (`--fields`).
"""

from collections.abc import Sequence
from typing import Any

from .catalog import Award, Catalog, Film
from .query import DirectorSummary, SearchHit, award_label

FILM_FIELDS = (
    "id",
    "year",
    "title",
    "original_title",
    "aka",
    "kind",
    "status",
    "directors",
    "role",
    "languages",
    "countries",
    "costars",
    "awards",
    "notes",
    "sources",
)
FILM_DEFAULT = ("year", "title", "directors", "role", "awards")
FILM_PLAIN_DEFAULT = ("year", "title", "directors", "role")

AWARD_FIELDS = ("year", "body", "category", "result", "work", "title", "notes", "sources")
AWARD_DEFAULT = ("year", "body", "category", "title", "result")

DIRECTOR_FIELDS = ("director", "films", "first_year", "last_year", "titles", "wins")
DIRECTOR_DEFAULT = DIRECTOR_FIELDS

SEARCH_FIELDS = ("field", "value", "year", "title", "id")
SEARCH_DEFAULT = ("field", "value", "year", "title")

SEEN_FIELDS = ("id", "year", "title", "directors", "marked")
SEEN_DEFAULT = ("year", "title", "directors", "marked")


def award_record(award: Award, catalog: Catalog | None = None, with_work: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "year": award.year,
        "body": award.body,
        "category": award.category,
        "result": award.result,
        "label": award_label(award),
    }
    if with_work:
        record["work"] = award.work or None
        record["title"] = catalog.work_title(award.work) if (catalog and award.work) else None
        record["notes"] = award.notes or None
        record["sources"] = list(award.sources)
    return record


def film_record(catalog: Catalog, film: Film, awards: Sequence[Award] | None = None) -> dict[str, Any]:
    chosen = catalog.awards_for(film.id) if awards is None else awards
    return {
        "id": film.id,
        "year": film.year,
        "title": film.title,
        "original_title": film.original_title or None,
        "aka": list(film.aka),
        "kind": film.kind,
        "status": film.status,
        "directors": list(film.directors),
        "role": film.role,
        "languages": list(film.languages),
        "countries": list(film.countries),
        "costars": list(film.costars),
        "awards": [award_record(a, with_work=False) for a in chosen],
        "notes": film.notes or None,
        "sources": list(film.sources),
    }


def director_record(summary: DirectorSummary) -> dict[str, Any]:
    return {
        "director": summary.name,
        "films": len(summary.films),
        "first_year": summary.first_year,
        "last_year": summary.last_year,
        "titles": [f.title for f in summary.films],
        "wins": len(summary.wins),
    }


def search_record(hit: SearchHit) -> dict[str, Any]:
    return {
        "field": hit.field,
        "value": hit.value,
        "year": hit.award.year if hit.award else (hit.film.year if hit.film else None),
        "title": hit.film.title if hit.film else None,
        "id": hit.film.id if hit.film else None,
    }


def seen_record(film: Film, marked: str) -> dict[str, Any]:
    return {
        "id": film.id,
        "year": film.year,
        "title": film.title,
        "directors": list(film.directors),
        "marked": marked,
    }
