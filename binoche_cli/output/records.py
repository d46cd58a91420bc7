"""The result objects every command outputs: plain dicts with stable keys.

These keys are the JSON contract documented in the README; the line formats pick columns
from them by name (`--fields`).
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.query.films import SearchHit, award_label
from binoche_cli.text import plural

# Each record shape is declared once: (key, JSON type, meaning). The field tuples, `--fields`
# validation and its listing, the README key table and the JSON Schemas all derive from these.
STR, INT, STRS, OBJS, BOOL, NUM = "string", "integer", "array<string>", "array<object>", "boolean", "number"
Shape = tuple[tuple[str, str, str], ...]

AWARD_IN_FILM: Shape = (
    ("year", INT, "year of the ceremony or festival edition"),
    ("body", STR, "awarding body or festival"),
    ("category", STR, "category as the body names it"),
    ("result", STR, "won or nominated"),
    ("label", STR, "short name of the prize: Oscar, Volpi Cup, César"),
)
SHAPES: dict[str, Shape] = {
    "film": (
        ("id", STR, "stable slug; what the viewing log stores"),
        ("year", INT, "first public release or festival premiere"),
        ("title", STR, "English title"),
        ("original_title", STR + "?", "title in the original language, when different"),
        ("aka", STRS, "other titles people use"),
        ("kind", STR, "feature, short, tv, documentary or segment"),
        ("status", STR, "released, completed, post-production, in-production or announced"),
        ("directors", STRS, "directors, full names"),
        ("role", STR, "her character, or Herself"),
        ("languages", STRS, "spoken languages"),
        ("countries", STRS, "production countries"),
        ("costars", STRS, "principal cast members"),
        ("credit", STRS, "her kind of credit: lead, supporting, cameo, voice, herself, director"),
        ("runtime", INT + "?", "running time in minutes, where a source states it"),
        ("awards", OBJS, "awards for this work: year, body, category, result, label"),
        ("notes", STR + "?", "a short note, disagreements between sources"),
        ("imdb", STR + "?", "IMDb title id (tt...)"),
        ("wikidata", STR + "?", "Wikidata item (Q...)"),
        ("tmdb", INT + "?", "TMDb movie id"),
        ("letterboxd", STR + "?", "Letterboxd film slug"),
        ("confidence", STR + "?", "low when her credit rests on a single source; else null"),
        ("confidence_reason", STR + "?", "why the confidence is low"),
        ("sources", STRS, "public pages that state these facts"),
    ),
    "award": (
        *AWARD_IN_FILM,
        ("work", STR + "?", "id of the film or stage work; null for career prizes"),
        ("title", STR + "?", "title of that work"),
        ("notes", STR + "?", "a short note"),
        ("sources", STRS, "public pages that state this award"),
    ),
    "director": (
        ("director", STR, "director's name"),
        ("films", INT, "number of works together"),
        ("first_year", INT, "year of the first"),
        ("last_year", INT, "year of the latest"),
        ("titles", STRS, "titles, in year order"),
        ("wins", INT, "awards won for these works"),
    ),
    "search": (
        ("field", STR, "where the text was found: title, role, director, costar, award..."),
        ("value", STR, "the matching text"),
        ("year", INT + "?", "year of the work or award"),
        ("title", STR + "?", "title of the work"),
        ("id", STR + "?", "id of the work"),
    ),
    "timeline": (
        ("year", INT, "year"),
        ("kind", STR, "film kind, or stage / event"),
        ("title", STR, "title, or the event's text"),
        ("directors", STRS, "directors"),
        ("role", STR + "?", "her role"),
        ("status", STR, "released, completed, post-production, in-production or announced"),
        ("awards", OBJS, "awards for this work"),
    ),
    "stat": (
        (
            "section",
            STR,
            "total, decade, kind, language, director, costar, awards (for works), honours (career), busiest_year, triple_crown",
        ),
        ("key", STR, "what is counted"),
        ("value", INT, "the count (or year)"),
        ("detail", STR + "?", "span of years, titles or a won/nominated split"),
    ),
    "guide": (
        ("step", INT, "step number"),
        ("heading", STR, "the step's heading"),
        ("why", STR, "why this step"),
        ("year", INT, "year of the film"),
        ("title", STR, "title"),
        ("id", STR, "film id"),
        ("seen", BOOL, "in your viewing log"),
    ),
    "seen": (
        ("id", STR, "film id"),
        ("year", INT, "year of the film"),
        ("title", STR, "title"),
        ("directors", STRS, "directors"),
        ("date", STR + "?", "date watched: the latest viewing (each viewing with --all); null if unknown"),
        ("rating", NUM + "?", "your rating of that viewing, 0.5 to 5 in halves"),
        ("rewatch", BOOL, "that viewing was a rewatch"),
        ("tags", STRS, "your tags for that viewing"),
        ("note", STR, "your note for that viewing"),
        ("viewings", INT, "how many times you watched the film"),
        ("mean_rating", NUM + "?", "mean of your ratings of the film, 2 decimals"),
    ),
    "seen_stat": (
        ("section", STR, "total, decade, kind, year, director, unseen_winner or not_in_dataset"),
        ("key", STR, "what is counted: a decade, kind, year watched, director, title or id"),
        ("value", INT, "films seen (total, decade, kind), viewings (year), films rated (director), year"),
        ("total", INT + "?", "films in the career (total, decade, kind)"),
        ("rating", NUM + "?", "your average rating (director), each film counted once"),
        ("detail", STR + "?", "the awards won (unseen_winner), viewings (total)"),
    ),
    "costar": (
        ("costar", STR, "co-star's name"),
        ("films", INT, "number of works together"),
        ("first_year", INT, "year of the first"),
        ("last_year", INT, "year of the latest"),
        ("titles", STRS, "titles, in year order"),
        ("roles", STRS, "her roles in those works, in the same order"),
    ),
    "together": (
        ("id", STR, "film id"),
        ("year", INT, "year of the work"),
        ("title", STR, "title"),
        ("kind", STR, "feature, short, tv, documentary or segment"),
        ("part", STR, "their part: director, co-star or both (Name: part; ... for several people)"),
        ("parts", OBJS, "each person asked about and their part: name, part"),
        ("role", STR, "her character, or Herself"),
        ("directors", STRS, "directors"),
    ),
    "graph_node": (
        ("id", STR, "stable node id: person:<name> or work:<film id>"),
        ("label", STR, "the person's name or the work's title"),
        ("type", STR, "person or work"),
        ("year", INT + "?", "year of the work; null for people"),
    ),
    "graph_edge": (
        ("source", STR, "id of the person"),
        ("target", STR, "id of the work"),
        ("role", STR, "director or costar"),
    ),
}


def fields_of(shape: str) -> tuple[str, ...]:
    return tuple(name for name, _, _ in SHAPES[shape])


FIELD_MEANINGS: dict[str, dict[str, str]] = {
    shape: {name: meaning for name, _, meaning in fields} for shape, fields in SHAPES.items()
}

FILM_FIELDS = fields_of("film")
FILM_DEFAULT = ("year", "title", "directors", "role", "awards")
AWARD_FIELDS = fields_of("award")
AWARD_DEFAULT = ("year", "body", "category", "title", "result")
DIRECTOR_FIELDS = fields_of("director")
DIRECTOR_DEFAULT = DIRECTOR_FIELDS
SEARCH_FIELDS = fields_of("search")
SEARCH_DEFAULT = ("field", "value", "year", "title")
TIMELINE_FIELDS = fields_of("timeline")
TIMELINE_DEFAULT = ("year", "kind", "title", "directors", "awards")
STAT_FIELDS = fields_of("stat")
GUIDE_FIELDS = fields_of("guide")
GUIDE_DEFAULT = ("step", "heading", "year", "title", "id", "seen")
SEEN_FIELDS = fields_of("seen")
SEEN_DEFAULT = ("date", "year", "title", "rating", "viewings")
VIEWING_DEFAULT = ("date", "year", "title", "rating", "rewatch", "tags", "note")
SEEN_STAT_FIELDS = fields_of("seen_stat")


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


def film_card_rows(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """The `film` card: label and value, in reading order."""
    kind = record["kind"] if record["status"] == "released" else f"{record['kind']} ({record['status']})"
    runtime = f"{record['runtime']} min" if record.get("runtime") else None
    ids = [f"{key}: {record[key]}" for key in ("imdb", "wikidata", "tmdb", "letterboxd") if record.get(key)]
    reason = record.get("confidence_reason")
    confidence = f"{record['confidence']}: {reason}" if record.get("confidence") and reason else None
    return [
        ("title", record["title"]),
        ("original title", record["original_title"]),
        ("also known as", record["aka"]),
        ("year", record["year"]),
        ("kind", kind),
        ("runtime", runtime),
        ("directors", record["directors"]),
        ("role", record["role"]),
        ("credit", record.get("credit")),
        ("co-stars", record["costars"]),
        ("languages", record["languages"]),
        ("countries", record["countries"]),
        ("awards", record["awards"]),
        ("notes", record["notes"]),
        ("confidence", confidence),
        ("identifiers", ids),
        ("sources", record["sources"]),
        ("id", record["id"]),
    ]


# The sites `open` knows, best first: the order `open` picks from without --site.
SITES = ("imdb", "letterboxd", "tmdb", "wikidata", "wikipedia")


def film_links(film: Film) -> dict[str, str]:
    """The film's pages on the sites people use, where its identifiers are known."""
    links: dict[str, str] = {}
    if film.imdb:
        links["imdb"] = f"https://www.imdb.com/title/{film.imdb}/"
    if film.wikidata:
        links["wikidata"] = f"https://www.wikidata.org/wiki/{film.wikidata}"
    if film.tmdb:
        links["tmdb"] = f"https://www.themoviedb.org/movie/{film.tmdb}"
    if film.letterboxd:
        links["letterboxd"] = f"https://letterboxd.com/film/{film.letterboxd}/"
    wikipedia = next((s for s in film.sources if s.startswith("https://en.wikipedia.org/wiki/")), "")
    if wikipedia:
        links["wikipedia"] = wikipedia
    return links


def best_link(film: Film) -> str:
    """The best page known for the film: the first of SITES it has, else its first source."""
    links = film_links(film)
    return next((links[site] for site in SITES if site in links), film.sources[0] if film.sources else "")


def film_pages(film: Film) -> list[tuple[str, str]]:
    """Every page known for the film, as (site, URL): the sites, best first, then the other
    sources, each URL once."""
    links = film_links(film)
    pages = [(site, links[site]) for site in SITES if site in links]
    listed = {url for _, url in pages}
    pages += [("source", url) for url in film.sources if url not in listed]
    return pages


def shown_title(title: str, original: str, mode: str) -> str:
    """The title as `--titles` asks: "Three Colours: Blue (Trois couleurs : Bleu)" for both."""
    if not original or original == title or mode == "english":
        return title
    return original if mode == "original" else f"{title} ({original})"


def original_titles(catalog: Catalog) -> dict[str, str]:
    """English title -> original title, for the films that have one."""
    return {f.title: f.original_title for f in catalog.films if f.original_title}


def retitle(records: list[dict[str, Any]], catalog: Catalog, mode: str) -> list[dict[str, Any]]:
    """Copies of `records` whose `title`/`titles` are shown in `mode` (for the line formats)."""
    originals = original_titles(catalog)
    changed = []
    for record in records:
        record = dict(record)
        title = record.get("title")
        if isinstance(title, str):
            record["title"] = shown_title(
                title, record.get("original_title") or originals.get(title, ""), mode
            )
        titles = record.get("titles")
        if isinstance(titles, list):
            record["titles"] = [shown_title(t, originals.get(t, ""), mode) for t in titles]
        changed.append(record)
    return changed


def mark_unreleased(records: list[dict[str, Any]], catalog: Catalog, mode: str) -> list[dict[str, Any]]:
    """Copies of `records` (titles already shown in `mode`) in which works not yet released say
    so where people read the title: "Title (completed)". For tables; data formats keep `status`."""
    pending = {
        shown_title(f.title, f.original_title, mode): f.status for f in catalog.films if f.status != "released"
    }
    marked = []
    for record in records:
        title, status = record.get("title"), record.get("status")
        if isinstance(title, str) and status not in (None, "released"):
            record = {**record, "title": f"{title} ({status})"}
        titles = record.get("titles")
        if isinstance(titles, list) and pending:
            record = {**record, "titles": [f"{t} ({pending[t]})" if t in pending else t for t in titles]}
        marked.append(record)
    return marked


# ---------------------------------------------------------------------------------------
# People: co-stars, shared works, the collaboration network (binoche_cli/people.py)

COSTAR_FIELDS = fields_of("costar")
COSTAR_DEFAULT = ("costar", "films", "first_year", "last_year", "titles")
TOGETHER_FIELDS = fields_of("together")
TOGETHER_DEFAULT = ("year", "title", "part", "role")
# One entry of a `together` row's `parts`.
PERSON_PART: Shape = (
    ("name", STR, "the person's name as credited"),
    ("part", STR, "director, co-star, or director, co-star"),
)

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
