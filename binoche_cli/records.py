"""The result objects every command outputs: plain dicts with stable keys.

These keys are the JSON contract documented in the README; the line formats pick columns
from them by name (`--fields`).
"""

from collections.abc import Sequence
from typing import Any

from .catalog import Award, Catalog, Film
from .query import DirectorSummary, SearchHit, Stats, TimelineEntry, award_label

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

LETTERBOXD_FIELDS = ("Title", "Year", "WatchedDate", "id")
EXPORT_FIELDS = ("id", "title", "year", "marked")

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


def span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def timeline_records(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    from .records import award_record

    return [
        {
            "year": e.year,
            "kind": e.kind,
            "title": e.title,
            "directors": list(e.directors),
            "role": e.role or None,
            "status": e.status,
            "awards": [award_record(a, with_work=False) for a in e.awards],
        }
        for e in entries
    ]


def stat_records(stats: Stats) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "section": "total",
            "key": "works",
            "value": stats.total,
            "detail": span_text(stats.first_year, stats.last_year),
        }
    ]
    rows += [{"section": "decade", "key": k, "value": v, "detail": None} for k, v in stats.per_decade]
    rows += [{"section": "kind", "key": k, "value": v, "detail": None} for k, v in stats.by_kind]
    rows += [{"section": "language", "key": k, "value": v, "detail": None} for k, v in stats.by_language]
    rows += [
        {"section": "director", "key": n, "value": c, "detail": span_text(a, b)}
        for n, c, a, b in stats.directors
    ]
    rows += [{"section": "costar", "key": n, "value": c, "detail": None} for n, c in stats.costars]
    rows += [
        {"section": "awards", "key": b, "value": w + n, "detail": f"{w} won, {n} nominated"}
        for b, w, n in stats.awards_by_body
    ]
    year, titles = stats.busiest
    rows.append(
        {"section": "busiest_year", "key": str(year), "value": len(titles), "detail": "; ".join(titles)}
    )
    if stats.crown:
        rows += [{"section": "triple_crown", "key": b, "value": y, "detail": t} for b, y, t in stats.crown]
    return rows


def guide_records(catalog: Catalog, marks: dict[str, str], unseen_only: bool) -> list[dict[str, Any]]:
    rows = []
    for number, step in enumerate(catalog.guide, start=1):
        for film_id in step.films:
            film = catalog.film(film_id)
            if film is None or (unseen_only and film_id in marks):
                continue
            rows.append(
                {
                    "step": number,
                    "heading": step.heading,
                    "why": step.why,
                    "year": film.year,
                    "title": film.title,
                    "id": film.id,
                    "seen": film_id in marks,
                }
            )
    return rows


def export_record(catalog: Catalog, film_id: str, marked: str, letterboxd: bool) -> dict[str, Any]:
    """One watch-list mark; marks for ids the dataset does not know are kept, untitled.

    With `letterboxd`, the keys are Letterboxd's import columns, so a CSV goes straight back there.
    """
    film = catalog.film(film_id)
    title, year = (film.title, film.year) if film else (None, None)
    values = (title, year, marked, film_id) if letterboxd else (film_id, title, year, marked)
    return dict(zip(LETTERBOXD_FIELDS if letterboxd else EXPORT_FIELDS, values, strict=True))
