"""Pictures: the career timeline and the stats, on the terminal, as SVG or as an HTML page."""

from collections.abc import Callable
from typing import Annotated

import typer

from binoche_cli.cli.app import ExitCode, app, command, state_of
from binoche_cli.cli.options import (
    AwardsOpt,
    Costars,
    Credits,
    Decade,
    Directors,
    Fields,
    Format,
    HtmlFile,
    Kinds,
    Languages,
    Limit,
    NoHeader,
    Nominated,
    Runtime,
    Search,
    Seen,
    SvgFile,
    Won,
    Years,
    emit,
    filter_from,
    no_match,
    output_choice,
)
from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.output.render import message
from binoche_cli.query.summaries import Stats, TimelineEntry


def picture_targets(svg: str | None, html: str | None) -> list[tuple[str, str]]:
    """Every output path checked before anything is written (exit 2 on the first bad one)."""
    from binoche_cli.files import FileProblem, check_writable, is_stdout_path

    targets = []
    for option, target in (("svg", svg), ("html", html)):
        if target is None:
            continue
        if not target.strip():
            raise typer.BadParameter("needs a file path, not an empty string", param_hint=f"'--{option}'")
        if not is_stdout_path(target):
            try:
                check_writable(target)
            except FileProblem as exc:
                raise typer.BadParameter(str(exc), param_hint=f"'--{option}'") from None
        targets.append((option, target))
    if sum(is_stdout_path(t) for _, t in targets) > 1:
        raise typer.BadParameter("only one picture can go to standard output", param_hint="'--svg'")
    return targets


def _retitled(entries: list[TimelineEntry], catalog: Catalog, mode: str) -> list[TimelineEntry]:
    """The timeline's works under the titles `--titles` asks for."""
    if mode == "english":
        return entries
    from binoche_cli.output.records import original_titles, shown_title

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
        try:
            write_atomic(target, text.encode("utf-8"))
        except FileProblem as exc:
            message(f"binoche: {exc}")
            raise typer.Exit(ExitCode.USAGE) from None
        message(f"binoche: wrote {target}")


@command(app)
def timeline(
    ctx: typer.Context,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    award: AwardsOpt = None,
    won: Won = False,
    nominated: Nominated = False,
    costar: Costars = None,
    kind: Kinds = None,
    credit: Credits = None,
    runtime: Runtime = None,
    language: Languages = None,
    search: Search = None,
    seen: Seen = None,
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
    from binoche_cli.output.records import FIELD_MEANINGS, TIMELINE_DEFAULT, TIMELINE_FIELDS, timeline_records
    from binoche_cli.query.films import explain_empty, filter_films, relevant_awards
    from binoche_cli.query.summaries import timeline_entries

    state = state_of(ctx)
    film_filter = filter_from(ctx)
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
    targets = picture_targets(svg, html)
    catalog = state.catalog()
    chosen = sorted(filter_films(catalog, film_filter), key=lambda f: (f.year, f.title))
    if limit is not None:
        chosen = chosen[:limit]
    narrowed = bool(film_filter.awards or film_filter.result)
    entries = timeline_entries(
        catalog,
        chosen,
        events,
        (lambda f: relevant_awards(catalog, f, film_filter)) if narrowed else None,
        film_filter.years,
    )
    if chosen:
        write_pictures(targets, lambda kind: _timeline_picture(kind, catalog, chosen, entries))
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


PAGE_COLUMNS = ("year", "title", "directors", "role", "kind", "awards")


def _timeline_picture(kind: str, catalog: Catalog, films: list[Film], entries: list[TimelineEntry]) -> str:
    from binoche_cli.output.records import film_links, timeline_records
    from binoche_cli.output.svg import career_page, stats_svg, timeline_svg
    from binoche_cli.query.summaries import compute_stats

    links = {f.title: url for f in films for url in [_main_link(film_links(f))] if url}
    guide = {film.title for step in catalog.guide for i in step.films if (film := catalog.film(i))}
    chart = timeline_svg(entries, title=f"{catalog.artist}: a career", links=links, guide_titles=guide)
    if kind == "svg":
        return chart
    summary = stats_svg(compute_stats(catalog, films), title=f"{catalog.artist} in numbers")
    rows = timeline_records(entries)
    return career_page(title=catalog.artist, timeline=chart, stats=summary, rows=rows, columns=PAGE_COLUMNS)


def _main_link(links: dict[str, str]) -> str:
    return links.get("wikipedia") or links.get("imdb") or next(iter(links.values()), "")


@command(app)
def stats(
    ctx: typer.Context,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    kind: Kinds = None,
    credit: Credits = None,
    language: Languages = None,
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
    from binoche_cli.output.records import STAT_FIELDS, stat_records
    from binoche_cli.query.films import explain_empty, filter_films
    from binoche_cli.query.summaries import compute_stats

    state = state_of(ctx)
    film_filter = filter_from(ctx)
    term = state.terminal()
    out = output_choice(state, out_format, None, not no_header, STAT_FIELDS, STAT_FIELDS)
    targets = picture_targets(svg, html)
    catalog = state.catalog()
    chosen = filter_films(catalog, film_filter)
    if not chosen:
        emit(state, [], out, all_fields=True)
        no_match(*explain_empty(catalog, film_filter))
    filtered = any((decade, year, director, kind, credit, language))
    summary = compute_stats(catalog, chosen, career_wide=not filtered)
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

    chart = stats_svg(summary, title=f"{catalog.artist} in numbers")
    if kind == "svg":
        return chart
    rows = [film_record(catalog, f) for f in sorted(films, key=lambda f: (f.year, f.title))]
    return career_page(title=catalog.artist, timeline=None, stats=chart, rows=rows, columns=PAGE_COLUMNS)
