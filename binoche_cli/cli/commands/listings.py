"""Listings: films by any filter, by decade, director or award; directors; award rows; search."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import app, command, state_of
from binoche_cli.cli.options import (
    NO_FILTER,
    Decade,
    Fields,
    Format,
    Limit,
    NoHeader,
    Nominated,
    Reverse,
    Sort,
    Won,
    Years,
    build_film_filter,
    completer,
    emit,
    film_filters,
    no_match,
    not_empty,
    output_choice,
    with_award,
    with_decade,
    with_directors,
)
from binoche_cli.query.films import FilmFilter
from binoche_cli.text import quote


def list_films(
    ctx: typer.Context,
    film_filter: FilmFilter,
    out_format: str | None,
    fields: str | None,
    no_header: bool,
    sort: str,
    reverse: bool,
    limit: int | None,
    *,
    title: str = "",
    pinned: tuple[str, ...] = (),
) -> None:
    """Filter, sort and write films. `pinned` columns (the one director of `director NAME`)
    are left out of the default columns: every row would repeat them."""
    from binoche_cli.output.records import film_record
    from binoche_cli.output.shapes import FIELD_MEANINGS, FILM_DEFAULT, FILM_FIELDS
    from binoche_cli.query.films import SORT_KEYS, explain_empty, filter_films, relevant_awards, sort_films

    state = state_of(ctx)
    if sort not in SORT_KEYS:
        raise typer.BadParameter(
            f"{quote(sort)} is not a sort key; choose from {', '.join(SORT_KEYS)}", param_hint="'--sort'"
        )
    default = tuple(f for f in FILM_DEFAULT if f not in pinned)
    out = output_choice(
        state, out_format, fields, not no_header, FILM_FIELDS, default, field_help=FIELD_MEANINGS["film"]
    )
    catalog = state.catalog()
    films = sort_films(catalog, filter_films(catalog, film_filter), sort, reverse, titles=state.titles)
    if limit is not None:
        films = films[:limit]
    narrowed = bool(film_filter.awards or film_filter.result)
    # With an award filter, each row shows the awards that made it match.
    records = [
        film_record(catalog, f, relevant_awards(catalog, f, film_filter) if narrowed else None) for f in films
    ]
    emit(state, records, out, title=title)
    if not films:
        no_match(*explain_empty(catalog, film_filter))


@command(app)
@film_filters()
def films(
    ctx: typer.Context,
    film_filter: FilmFilter = NO_FILTER,
    sort: Sort = "year",
    reverse: Reverse = False,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """List films, filtered by any combination of options (all must hold).

    \b
    Examples:
      binoche films --decade 1990s
      binoche films -d kieslowski -d haneke --sort title
      binoche films --award cesar --won -f json
      binoche films --credit lead --runtime '<110' --fields year,title,runtime
      binoche films --with magimel --fields year,title
    """
    list_films(ctx, film_filter, out_format, fields, no_header, sort, reverse, limit)


@command(app)
@film_filters(exclude=("decade",))
def decade(
    ctx: typer.Context,
    which: Annotated[
        str,
        typer.Argument(
            metavar="DECADE",
            help="1990s, 1990, 90s or '90s (a year means its decade).",
            autocompletion=completer("complete_decades"),
            show_default=False,
        ),
    ],
    film_filter: FilmFilter = NO_FILTER,
    sort: Sort = "year",
    reverse: Reverse = False,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Films of one decade.

    \b
    Examples:
      binoche decade 1990s
      binoche decade 80s -f csv
    """
    film_filter = with_decade(film_filter, which)
    first = film_filter.years[0].first
    list_films(ctx, film_filter, out_format, fields, no_header, sort, reverse, limit, title=f"{first}s")


@command(app)
@film_filters(exclude=("director",))
def director(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Part of a director's name, any accents or case.",
            autocompletion=completer("complete_directors"),
            show_default=False,
        ),
    ],
    film_filter: FilmFilter = NO_FILTER,
    sort: Sort = "year",
    reverse: Reverse = False,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Films by a director (several names: films by any of them).

    \b
    Examples:
      binoche director kieslowski
      binoche director "claire denis" -f json
      binoche director techine haneke --sort title
    """
    from binoche_cli.query.matching import all_directors, matches

    film_filter = with_directors(film_filter, name)
    catalog = state_of(ctx).catalog()
    found = [d for d in all_directors(catalog) if any(matches(n, d) for n in name)]
    # One director named: the column would only repeat the title.
    pinned = ("directors",) if len(found) == 1 else ()
    list_films(
        ctx,
        film_filter,
        out_format,
        fields,
        no_header,
        sort,
        reverse,
        limit,
        title=", ".join(found),
        pinned=pinned,
    )


@command(app)
@film_filters(exclude=("award",))
def award(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="AWARD",
            help="Body or category: cesar, oscar, bafta, venice, volpi, silver bear...",
            autocompletion=completer("complete_bodies"),
            show_default=False,
        ),
    ],
    film_filter: FilmFilter = NO_FILTER,
    sort: Sort = "year",
    reverse: Reverse = False,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Films with a given award, showing which award each got and whether it was won.

    Awards for stage work (the Tony nomination for Betrayal) are listed by `binoche awards`.

    \b
    Examples:
      binoche award cesar
      binoche award oscar --won
      binoche award "silver bear" -f json
    """
    film_filter = with_award(film_filter, name)
    list_films(ctx, film_filter, out_format, fields, no_header, sort, reverse, limit)


@command(app)
@film_filters()
def directors(
    ctx: typer.Context,
    minimum: Annotated[
        int, typer.Option("--min", help="Only directors with at least N films.", min=1, metavar="N")
    ] = 1,
    film_filter: FilmFilter = NO_FILTER,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Every director she worked with: films, years, titles and awards won; most frequent first.

    \b
    Examples:
      binoche directors --min 2
      binoche directors -f json
    """
    from binoche_cli.output.records import director_record
    from binoche_cli.output.shapes import DIRECTOR_DEFAULT, DIRECTOR_FIELDS, FIELD_MEANINGS
    from binoche_cli.query.films import filter_films
    from binoche_cli.query.summaries import director_summaries

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        DIRECTOR_FIELDS,
        DIRECTOR_DEFAULT,
        field_help=FIELD_MEANINGS["director"],
    )
    catalog = state.catalog()
    rows = director_summaries(catalog, filter_films(catalog, film_filter), minimum)
    if limit is not None:
        rows = rows[:limit]
    records = [director_record(r) for r in rows]
    emit(state, records, out)
    if not rows:
        no_match(f"no director has {minimum} or more works with these filters")


@command(app)
def awards(
    ctx: typer.Context,
    body: Annotated[
        Optional[list[str]],
        typer.Option(
            "--body",
            "-b",
            help="Awarding body or category: cesar, oscar, cannes, volpi...",
            autocompletion=completer("complete_bodies"),
            metavar="BODY",
        ),
    ] = None,
    year: Years = None,
    decade: Decade = None,
    won: Won = False,
    nominated: Nominated = False,
    for_film: Annotated[
        Optional[str],
        typer.Option(
            "--film",
            help="Only awards for this film (any title).",
            autocompletion=completer("complete_titles"),
            metavar="TITLE",
        ),
    ] = None,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Award rows: wins and nominations, by ceremony year, for films, stage work and careers.

    \b
    Examples:
      binoche awards --won
      binoche awards --body cesar --nominated
      binoche awards --film "the english patient" -f json
      binoche awards --won | cut -f2
    """
    from binoche_cli.output.records import award_record
    from binoche_cli.output.shapes import AWARD_DEFAULT, AWARD_FIELDS, FIELD_MEANINGS
    from binoche_cli.query.awards import AwardFilter, explain_no_awards, filter_awards

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        AWARD_FIELDS,
        AWARD_DEFAULT,
        field_help=FIELD_MEANINGS["award"],
    )
    # The year and decade checks are the film filter's; only its spans are used here.
    spans = build_film_filter(decade=decade, year=year, won=won, nominated=nominated).years
    not_empty(for_film, "'--film'")
    for value in body or ():
        not_empty(value, "'--body'")
    catalog = state.catalog()
    film_filter = AwardFilter(
        bodies=tuple(body or ()),
        years=spans,
        result="won" if won else ("nominated" if nominated else ""),
        film=for_film or "",
    )
    rows = filter_awards(catalog, film_filter)
    if limit is not None:
        rows = rows[:limit]
    records = [award_record(a, catalog) for a in rows]
    emit(state, records, out)
    if not rows:
        no_match(*explain_no_awards(catalog, film_filter))


@command(app)
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY", help="Words to look for.", show_default=False)
    ],
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Search titles, alternative titles, roles, directors, co-stars and awards at once.

    \b
    Examples:
      binoche search magimel
      binoche search "english patient"
      binoche search volpi -f json
    """
    from binoche_cli.output.records import search_record
    from binoche_cli.output.shapes import FIELD_MEANINGS, SEARCH_DEFAULT, SEARCH_FIELDS
    from binoche_cli.query.films import search_everything
    from binoche_cli.query.matching import all_costars, all_directors, all_titles, suggest

    state = state_of(ctx)
    text = " ".join(query)
    not_empty(text, "'QUERY'")
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        SEARCH_FIELDS,
        SEARCH_DEFAULT,
        field_help=FIELD_MEANINGS["search"],
    )
    catalog = state.catalog()
    hits = search_everything(catalog, text)
    if limit is not None:
        hits = hits[:limit]
    records = [search_record(h) for h in hits]
    emit(state, records, out)
    if not hits:
        pool = all_titles(catalog) + all_directors(catalog) + all_costars(catalog)
        no_match(f"nothing matches {quote(text)}", suggest(text, pool))
