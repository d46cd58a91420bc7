"""The viewing guide and the next film to watch."""

from typing import Annotated

import typer

from binoche_cli.cli.app import app, command, state_of
from binoche_cli.cli.options import (
    NO_FILTER,
    Format,
    emit,
    film_filters,
    no_match,
    output_choice,
    read_marks,
)
from binoche_cli.query.films import FilmFilter


@command(app)
def guide(
    ctx: typer.Context,
    unseen: Annotated[
        bool, typer.Option("--unseen", help="Only the films you have not marked as seen.")
    ] = False,
    out_format: Format = None,
) -> None:
    """A path into the filmography, step by step; films you have seen are checked.

    \b
    Examples:
      binoche guide
      binoche guide --unseen
      binoche guide -f json
    """
    from binoche_cli.output import charts
    from binoche_cli.output.records import guide_records
    from binoche_cli.output.shapes import GUIDE_DEFAULT, GUIDE_FIELDS

    state = state_of(ctx)
    out = output_choice(state, out_format, None, True, GUIDE_FIELDS, GUIDE_DEFAULT)
    catalog = state.catalog()
    if not catalog.guide:
        no_match(f"{catalog.path} has no [[guide]] steps")
    rows = guide_records(catalog, read_marks(), unseen)
    term = state.terminal()
    if out.fmt == "table" and rows:
        charts.render_guide(rows, term, term.console())
        return
    emit(state, rows, out, all_fields=True)
    if not rows:
        no_match("you have seen every film in the guide; try 'binoche next --random'")


@command(app, "next")
@film_filters(exclude=("seen",))  # always the films not seen
def next_film(
    ctx: typer.Context,
    random_pick: Annotated[
        bool,
        typer.Option(
            "--random", help="A random unwatched film (with the filters) instead of the guide order."
        ),
    ] = False,
    film_filter: FilmFilter = NO_FILTER,
    out_format: Format = None,
) -> None:
    """Suggest the next film to watch: the first unseen one in guide order.

    \b
    Examples:
      binoche next
      binoche next --random --decade 2000s
    """
    from binoche_cli.output.records import film_record
    from binoche_cli.output.shapes import FILM_DEFAULT, FILM_FIELDS
    from binoche_cli.query.films import filter_films
    from binoche_cli.query.summaries import next_to_watch

    state = state_of(ctx)
    out = output_choice(state, out_format, None, True, FILM_FIELDS, FILM_DEFAULT)
    marks = frozenset(read_marks())
    film_filter = film_filter._replace(seen=marks, seen_wanted=False)
    catalog = state.catalog()
    pick = next_to_watch(catalog, filter_films(catalog, film_filter), random_pick)
    if pick is None:
        emit(state, [], out, all_fields=True)
        # "Seen them all" only when the filters match films and every one is in the log.
        if any(f.id in marks for f in filter_films(catalog, film_filter._replace(seen=None))):
            no_match("no unwatched film matches; you have seen them all")
        no_match("no film matches the filters")
    emit(state, [film_record(catalog, pick)], out, all_fields=True)
