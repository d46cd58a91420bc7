"""How a film is presented to a person: the `film` card's rows, its pages on the sites people
use (what `open` picks from), and titles shown as `--titles` asks."""

from typing import Any

from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.output.records import film_record
from binoche_cli.output.render import write, write_card, write_object
from binoche_cli.output.terminal import Terminal


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
        shown_title(f.title, f.original_title, mode): f.status
        for f in catalog.films
        if f.status != "released"
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


def write_film(
    catalog: Catalog,
    film: Film,
    fmt: str,
    fields: tuple[str, ...],
    fields_given: bool,
    term: Terminal,
    *,
    titles: str,
    csv_safe: bool,
) -> None:
    """`binoche film`: one object in JSON, one row in the line formats, else the card; with
    `--fields`, only those keys (a row in plain and table too, since a card of two lines is a
    row)."""
    record = film_record(catalog, film)
    if fmt == "json":
        write_object({key: record[key] for key in fields} if fields_given else record, term)
        return
    if fmt == "jsonl":
        write([record], fields, fmt, term, header=True, all_fields=not fields_given)
        return
    if titles != "english":
        record = retitle([record], catalog, titles)[0]
    if fmt in ("csv", "tsv", "markdown") or fields_given:
        write([record], fields, fmt, term, header=True, all_fields=not fields_given, csv_safe=csv_safe)
        return
    write_card(film_card_rows(record), f"{record['title']} ({record['year']})", term, fmt)
