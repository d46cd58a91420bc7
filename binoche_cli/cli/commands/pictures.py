"""Pictures: the career timeline and the stats, on the terminal, as SVG or as an HTML page."""

from collections.abc import Callable
from typing import Annotated

import typer

from binoche_cli.cli.app import ExitCode, app, command, state_of
from binoche_cli.cli.options import (
    NO_FILTER,
    Fields,
    Format,
    HtmlFile,
    Limit,
    NoHeader,
    SvgFile,
    emit,
    film_filters,
    no_match,
    output_choice,
)
from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.output.render import message
from binoche_cli.query.films import FilmFilter
from binoche_cli.query.summaries import Stats, TimelineEntry

# `--svg` names that mean another format: converted by rsvg-convert, or refused without it.
CONVERTED = {".png": "png", ".pdf": "pdf"}


def converted_format(option: str, target: str) -> str | None:
    """The format `--svg t.png` asks for (None for SVG itself)."""
    from pathlib import PurePath

    return CONVERTED.get(PurePath(target).suffix.lower()) if option == "svg" else None


def picture_targets(
    svg: str | None, html: str | None, records_option: str | None = None
) -> list[tuple[str, str]]:
    """Every output path checked before anything is written (exit 2 on the first bad one).

    `records_option` names an explicit `-f`/`--fields` choice: with a picture on standard
    output the two would be mixed there, so that is refused rather than one dropped."""
    import shutil

    from binoche_cli.files import FileProblem, check_writable, is_stdout_path

    targets = []
    for option, target in (("svg", svg), ("html", html)):
        if target is None:
            continue
        if not target.strip():
            raise typer.BadParameter("needs a file path, not an empty string", param_hint=f"'--{option}'")
        wanted = converted_format(option, target)
        if wanted and shutil.which("rsvg-convert") is None:
            raise typer.BadParameter(
                f"writes SVG; a .{wanted} file needs rsvg-convert (librsvg), which is not installed",
                param_hint=f"'--{option}'",
            )
        if option == "html" and target.lower().endswith((".png", ".pdf", ".svg")):
            raise typer.BadParameter(
                "writes an HTML page; give the file an .html name", param_hint="'--html'"
            )
        if not is_stdout_path(target):
            try:
                check_writable(target)
            except FileProblem as exc:
                raise typer.BadParameter(str(exc), param_hint=f"'--{option}'") from None
        targets.append((option, target))
    if sum(is_stdout_path(t) for _, t in targets) > 1:
        raise typer.BadParameter("only one picture can go to standard output", param_hint="'--svg'")
    on_stdout = next((option for option, t in targets if is_stdout_path(t)), None)
    if on_stdout and records_option:
        raise typer.BadParameter(
            f"'--{on_stdout} -' and '{records_option}' both write to standard output; "
            f"send the picture to a file (--{on_stdout} FILE) to have both",
            param_hint=f"'--{on_stdout}'",
        )
    return targets


def _retitled(entries: list[TimelineEntry], catalog: Catalog, mode: str) -> list[TimelineEntry]:
    """The timeline's works under the titles `--titles` asks for."""
    if mode == "english":
        return entries
    from binoche_cli.output.cards import original_titles, shown_title

    originals = original_titles(catalog)
    return [
        e._replace(title=shown_title(e.title, originals.get(e.title, ""), mode)) if e.is_film else e
        for e in entries
    ]


def _picture_on_stdout(targets: list[tuple[str, str]]) -> bool:
    """A picture written to stdout takes the place of the listing there."""
    from binoche_cli.files import is_stdout_path

    return any(is_stdout_path(target) for _, target in targets)


def write_pictures(targets: list[tuple[str, str]], make: Callable[[str], str]) -> None:
    """Write each picture: to stdout for '-', else atomically to its file."""
    import sys

    from binoche_cli.files import FileProblem, is_stdout_path, write_atomic

    for kind, target in targets:
        text = make(kind)
        if is_stdout_path(target):
            sys.stdout.write(text)
            continue
        data = text.encode("utf-8")
        wanted = converted_format(kind, target)
        if wanted:
            data = _convert(data, wanted)
        try:
            write_atomic(target, data)
        except FileProblem as exc:  # the path was checked first: this is a write failing
            message(f"binoche: {exc}")
            raise typer.Exit(ExitCode.OUTPUT) from None
        message(f"binoche: wrote {target}")


def _convert(svg: bytes, fmt: str) -> bytes:
    """The SVG drawn as PNG or PDF by rsvg-convert (checked present by `picture_targets`)."""
    import shutil
    import subprocess

    program = shutil.which("rsvg-convert")
    try:
        if program is None:
            raise OSError("rsvg-convert is not installed")
        done = subprocess.run([program, "-f", fmt], input=svg, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        message(f"binoche: cannot convert the picture to {fmt.upper()}: {exc}")
        raise typer.Exit(ExitCode.OUTPUT) from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message(f"binoche: rsvg-convert failed: {reason[0] if reason else f'exit {done.returncode}'}")
        raise typer.Exit(ExitCode.OUTPUT)
    return done.stdout


def _records_option(out_format: str | None, fields: str | None) -> str | None:
    """The option that asked for records on standard output, if one did."""
    if out_format is not None:
        return f"-f {out_format}"
    return "--fields" if fields is not None else None


@command(app)
@film_filters()
def timeline(
    ctx: typer.Context,
    film_filter: FilmFilter = NO_FILTER,
    events: Annotated[
        bool, typer.Option("--events", help="Add stage work and dated life and career events.")
    ] = False,
    compact: Annotated[
        bool, typer.Option("--compact", help="One line per year: the whole career on one screen.")
    ] = False,
    svg: SvgFile = None,
    html: HtmlFile = None,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """The career year by year, with award markers (★ won, ☆ nominated).

    With --svg or --html the chart is also written to a file; standard output still gets
    the timeline (or the records, with -f).

    \b
    Examples:
      binoche timeline
      binoche timeline --director assayas
      binoche timeline --award cesar --events
      binoche timeline --compact
      binoche timeline --svg career.svg -f json | jq length
      binoche timeline --html career.html
    """
    from binoche_cli.output import charts
    from binoche_cli.output.records import timeline_records
    from binoche_cli.output.shapes import FIELD_MEANINGS, TIMELINE_DEFAULT, TIMELINE_FIELDS
    from binoche_cli.query.films import explain_empty, filter_films
    from binoche_cli.query.summaries import awards_shown, stats_for, timeline_entries

    state = state_of(ctx)
    term = state.terminal()
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        TIMELINE_FIELDS,
        TIMELINE_DEFAULT,
        field_help=FIELD_MEANINGS["timeline"],
    )
    targets = picture_targets(svg, html, _records_option(out_format, fields))
    catalog = state.catalog()
    everything = sorted(filter_films(catalog, film_filter), key=lambda f: (f.year, f.title))
    chosen = everything if limit is None else everything[:limit]
    awards_of = awards_shown(catalog, film_filter)
    # Events belong to the years the works span when films are filtered: three 1990s films
    # are not spread on an axis that starts at her birth.
    whole_career = len(chosen) == len(catalog.films) and awards_of is None
    spans = film_filter.years
    if events and chosen and not whole_career and not spans:
        from binoche_cli.query.values import YearRange

        spans = (YearRange(chosen[0].year, chosen[-1].year),)
    entries = timeline_entries(catalog, chosen, events, awards_of, spans)
    if chosen and targets:  # the counts serve the pictures only
        summary = stats_for(catalog, chosen, film_filter)
        write_pictures(targets, lambda kind: _timeline_picture(kind, catalog, chosen, entries, summary))
    to_stdout = _picture_on_stdout(targets)
    if out.fmt != "table" or not chosen:
        if not to_stdout:
            records = timeline_records(entries)
            emit(state, records, out)
    elif not to_stdout:
        draw = charts.render_compact if compact else charts.render_timeline
        draw(_retitled(entries, catalog, state.titles), term, term.console())
    if not chosen:
        no_match(*explain_empty(catalog, film_filter))


PAGE_COLUMNS = ("year", "title", "directors", "role", "kind", "awards", "links")


def _source_line(catalog: Catalog) -> str:
    """Where the numbers come from, and as of when: printed under every picture."""
    as_of = catalog.about.get("as_of")
    return f"Source: the binoche-cli dataset{f', as of {as_of}' if as_of else ''} (each fact cites its page)."


def _film_pages(catalog: Catalog, films: list[Film]) -> dict[tuple[str, int], dict[str, str]]:
    """(title, year) -> the film's own pages. A page about the artist, or one that several
    films cite (her filmography), is not a film's page: marks and rows must not link there."""
    from collections import Counter

    from binoche_cli.output.cards import film_links

    cited = Counter(url for film in catalog.films for url in set(film_links(film).values()))
    pages: dict[tuple[str, int], dict[str, str]] = {}
    for film in films:
        links = {
            site: url
            for site, url in film_links(film).items()
            if cited[url] == 1 and not _about_artist(url, catalog.artist)
        }
        pages[(film.title, film.year)] = links
    return pages


def _about_artist(url: str, artist: str) -> bool:
    """A Wikipedia page about the artist herself (or her filmography), not about one film."""
    from urllib.parse import unquote

    from binoche_cli.text import fold

    if "wikipedia.org/wiki/" not in url:
        return False
    page = unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ")
    return fold(page).startswith(fold(artist))


def _main_link(links: dict[str, str]) -> str:
    return links.get("wikipedia") or links.get("imdb") or links.get("letterboxd") or ""


def _page_rows(
    rows: list[dict[str, object]], pages: dict[tuple[str, int], dict[str, str]]
) -> list[dict[str, object]]:
    """The table's rows, each with its IMDb and Letterboxd pages where they are known."""
    names = {"imdb": "IMDb", "letterboxd": "Letterboxd", "wikipedia": "Wikipedia"}
    out = []
    for row in rows:
        title, year = row.get("title"), row.get("year")
        known = pages.get((title, year), {}) if isinstance(title, str) and isinstance(year, int) else {}
        out.append({**row, "links": {names[s]: known[s] for s in names if s in known}})
    return out


def _timeline_picture(
    kind: str, catalog: Catalog, films: list[Film], entries: list[TimelineEntry], summary: Stats
) -> str:
    from binoche_cli.output.records import timeline_records
    from binoche_cli.output.svg import career_page, stats_svg, timeline_svg

    pages = _film_pages(catalog, films)
    links = {title: url for (title, _), found in pages.items() for url in [_main_link(found)] if url}
    guide = {film.title for step in catalog.guide for i in step.films if (film := catalog.film(i))}
    source = _source_line(catalog)
    chart = timeline_svg(
        entries,
        title=f"{catalog.artist}: a career",
        links=links,
        guide_titles=guide,
        source=source,
        honours=summary.honours_won,
    )
    if kind == "svg":
        return chart
    numbers = stats_svg(summary, title=f"{catalog.artist} in numbers", source=source)
    rows = _page_rows(timeline_records(entries), pages)
    return career_page(
        title=catalog.artist, timeline=chart, stats=numbers, rows=rows, columns=PAGE_COLUMNS, source=source
    )


@command(app)
@film_filters(exclude=("seen",))  # --seen is the viewing log here
def stats(
    ctx: typer.Context,
    film_filter: FilmFilter = NO_FILTER,
    svg: SvgFile = None,
    html: HtmlFile = None,
    seen_log: Annotated[
        bool, typer.Option("--seen", help="Your viewing log instead: the same as 'binoche seen stats'.")
    ] = False,
    out_format: Format = None,
    no_header: NoHeader = False,
) -> None:
    """Numbers at a glance: works per decade, kinds, languages, collaborators, awards, records.

    Every number is computed from the works the filters select. With --seen: how much of the
    career you have seen, viewings per year, your ratings (as `binoche seen stats`).

    \b
    Examples:
      binoche stats
      binoche stats --decade 2010s
      binoche stats -f json
      binoche stats --svg stats.svg
    """
    if seen_log:
        from binoche_cli.cli.commands.seen import seen_stats

        seen_stats(ctx, out_format=out_format, fields=None, no_header=no_header)
        return
    from binoche_cli.output import charts
    from binoche_cli.output.records import stat_records
    from binoche_cli.output.shapes import STAT_FIELDS
    from binoche_cli.query.films import explain_empty, filter_films
    from binoche_cli.query.summaries import stats_for

    state = state_of(ctx)
    term = state.terminal()
    out = output_choice(state, out_format, None, not no_header, STAT_FIELDS, STAT_FIELDS)
    targets = picture_targets(svg, html, _records_option(out_format, None))
    catalog = state.catalog()
    chosen = filter_films(catalog, film_filter)
    if not chosen:
        emit(state, [], out, all_fields=True)
        no_match(*explain_empty(catalog, film_filter))
    summary = stats_for(catalog, chosen, film_filter)
    write_pictures(targets, lambda kind_: _stats_picture(kind_, catalog, chosen, summary))
    if _picture_on_stdout(targets):
        return
    if out.fmt != "table":
        emit(state, stat_records(summary), out, all_fields=True)
        return
    charts.render_stats(summary, term, term.console())


def _stats_picture(kind: str, catalog: Catalog, films: list[Film], summary: Stats) -> str:
    from binoche_cli.output.records import film_record
    from binoche_cli.output.svg import career_page, stats_svg

    source = _source_line(catalog)
    chart = stats_svg(summary, title=f"{catalog.artist} in numbers", source=source)
    if kind == "svg":
        return chart
    ordered = sorted(films, key=lambda f: (f.year, f.title))
    rows = _page_rows([film_record(catalog, f) for f in ordered], _film_pages(catalog, ordered))
    return career_page(
        title=catalog.artist, timeline=None, stats=chart, rows=rows, columns=PAGE_COLUMNS, source=source
    )
