"""The result objects every command outputs: plain dicts with stable keys.

These keys are the JSON contract documented in the README; the line formats pick columns
from them by name (`--fields`).
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.query.awards import award_label
from binoche_cli.query.films import SearchHit
from binoche_cli.text import plural


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
        "credit": list(film.credit),
        "runtime": film.runtime or None,
        "awards": [award_record(a, with_work=False) for a in chosen],
        "notes": film.notes or None,
        "imdb": film.imdb or None,
        "wikidata": film.wikidata or None,
        "tmdb": film.tmdb or None,
        "letterboxd": film.letterboxd or None,
        "confidence": film.confidence or None,
        "confidence_reason": film.confidence_reason or None,
        "sources": list(film.sources),
    }


def director_record(summary: "DirectorSummary") -> dict[str, Any]:
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


def seen_record(film: Film, viewing: "Viewing", viewings: int, mean_rating: float | None) -> dict[str, Any]:
    """One film with one of its viewings (the latest, or each with `seen list --all`)."""
    return {
        "id": film.id,
        "year": film.year,
        "title": film.title,
        "directors": list(film.directors),
        "date": viewing.date,
        "rating": viewing.rating,
        "rewatch": viewing.rewatch,
        "tags": list(viewing.tags),
        "note": viewing.note,
        "viewings": viewings,
        "mean_rating": None if mean_rating is None else round(mean_rating, 2),
    }


def seen_stat_records(stats: "SeenStats") -> list[dict[str, Any]]:
    def row(
        section: str,
        key: str,
        value: int,
        total: int | None = None,
        rating: float | None = None,
        detail: str | None = None,
    ) -> dict[str, Any]:
        return {
            "section": section,
            "key": key,
            "value": value,
            "total": total,
            "rating": rating,
            "detail": detail,
        }

    rows = [
        row("total", "films", stats.films_seen, stats.films_total, detail=plural(stats.viewings, "viewing"))
    ]
    rows += [row("decade", k, seen, total) for k, seen, total in stats.by_decade]
    rows += [row("kind", k, seen, total) for k, seen, total in stats.by_kind]
    rows += [row("year", k, n) for k, n in stats.per_year]
    rows += [row("director", name, n, rating=round(mean, 2)) for name, mean, n in stats.by_director]
    rows += [
        row("unseen_winner", film.title, film.year, detail="; ".join(award_label(a) for a in won))
        for film, won in stats.unseen_winners
    ]
    rows += [row("not_in_dataset", film_id, 0) for film_id in stats.not_in_catalog]
    return rows


def span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def timeline_records(entries: Sequence["TimelineEntry"]) -> list[dict[str, Any]]:
    from binoche_cli.output.records import award_record

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


def stat_records(stats: "Stats") -> list[dict[str, Any]]:
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
    rows += [
        {"section": "honours", "key": b, "value": w + n, "detail": f"{w} won, {n} nominated"}
        for b, w, n in stats.honours_by_body
    ]
    if stats.busiest:
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


# ---------------------------------------------------------------------------------------
# People: co-stars, shared works, the collaboration network (binoche_cli/people.py)

if TYPE_CHECKING:
    from binoche_cli.query.people import CostarSummary, Graph, SharedWork
    from binoche_cli.query.summaries import DirectorSummary, Stats, TimelineEntry
    from binoche_cli.viewing.store import SeenStats, Viewing


def costar_record(summary: "CostarSummary") -> dict[str, Any]:
    return {
        "costar": summary.name,
        "films": len(summary.films),
        "first_year": summary.first_year,
        "last_year": summary.last_year,
        "titles": [f.title for f in summary.films],
        "roles": [f.role for f in summary.films],
    }


def together_record(shared: "SharedWork") -> dict[str, Any]:
    film = shared.film
    one = len(shared.parts) == 1
    return {
        "id": film.id,
        "year": film.year,
        "title": film.title,
        "kind": film.kind,
        "part": shared.parts[0][1] if one else "; ".join(f"{name}: {part}" for name, part in shared.parts),
        "parts": [{"name": name, "part": part} for name, part in shared.parts],
        "role": film.role,
        "directors": list(film.directors),
    }


def graph_record(graph: "Graph") -> dict[str, Any]:
    """The network as one JSON object: {"nodes": [...], "edges": [...]}."""
    return {
        "nodes": [{"id": n.id, "label": n.label, "type": n.type, "year": n.year} for n in graph.nodes],
        "edges": [{"source": e.source, "target": e.target, "role": e.role} for e in graph.edges],
    }
