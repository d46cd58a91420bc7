"""People: co-stars ranked (`costars`), the works shared with someone (`together`), and the
collaboration network (`graph`)."""

from typing import Annotated, Any, NoReturn, Optional

import typer

from binoche_cli.cli.app import ExitCode, app, command, state_of
from binoche_cli.cli.options import (
    NO_FILTER,
    Fields,
    Format,
    Limit,
    NoHeader,
    completer,
    emit,
    film_filters,
    no_match,
    not_empty,
    output_choice,
)
from binoche_cli.query.films import FilmFilter
from binoche_cli.text import quote

MinimumPeople = Annotated[
    int,
    typer.Option("--min", help="Only people with at least N works together.", min=1, metavar="N"),
]


@command(app)
@film_filters()
def costars(
    ctx: typer.Context,
    minimum: MinimumPeople = 1,
    film_filter: FilmFilter = NO_FILTER,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Every co-star: works together, years, titles and her roles; most frequent first.

    \b
    Examples:
      binoche costars --min 2
      binoche costars --decade 2010s --limit 5
      binoche costars -d assayas -f json
    """
    from binoche_cli.output.records import costar_record
    from binoche_cli.output.shapes import COSTAR_DEFAULT, COSTAR_FIELDS, FIELD_MEANINGS
    from binoche_cli.query.films import explain_empty, filter_films
    from binoche_cli.query.people import costar_summaries

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        COSTAR_FIELDS,
        COSTAR_DEFAULT,
        field_help=FIELD_MEANINGS["costar"],
    )
    catalog = state.catalog()
    films = filter_films(catalog, film_filter)
    rows = costar_summaries(films, minimum)
    if limit is not None:
        rows = rows[:limit]
    emit(state, [costar_record(r) for r in rows], out)
    if not films:
        no_match(*explain_empty(catalog, film_filter))
    if not rows:
        no_match(f"no co-star has {minimum} or more works with these filters")


def _one_person(catalog: Any, query: str) -> str:
    """The one person `query` names, or exit: 1 with suggestions, 4 with the candidates."""
    from binoche_cli.output.render import message
    from binoche_cli.query.matching import suggest
    from binoche_cli.query.people import find_people, people
    from binoche_cli.text import visible

    not_empty(query, "'NAME'")
    found = find_people(catalog, query)
    if len(found) == 1:
        return found[0]
    if not found:
        no_match(f"nobody matches {quote(query)}", [visible(s) for s in suggest(query, people(catalog))])
    message(f"binoche: {quote(query)} matches {len(found)} people; give more of the name:")
    for name in found:
        message(f"  {visible(name)}")
    raise typer.Exit(ExitCode.AMBIGUOUS)


@command(app)
@film_filters()
def together(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Part of a person's name, any accents or case; several names: works they all share.",
            autocompletion=completer("complete_costars"),
            show_default=False,
        ),
    ],
    film_filter: FilmFilter = NO_FILTER,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Every work she shares with someone, whatever their part: director, co-star or both.

    With several names, the works all of them share, with each one's part.

    \b
    Examples:
      binoche together magimel
      binoche together kieslowski
      binoche together "juliette binoche" -f json
      binoche together assayas "charles berling"
    """
    from binoche_cli.output.records import together_record
    from binoche_cli.output.render import write
    from binoche_cli.output.shapes import FIELD_MEANINGS, TOGETHER_DEFAULT, TOGETHER_FIELDS
    from binoche_cli.query.films import filter_films
    from binoche_cli.query.people import works_together
    from binoche_cli.text import visible

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        TOGETHER_FIELDS,
        TOGETHER_DEFAULT,
        field_help=FIELD_MEANINGS["together"],
    )
    catalog = state.catalog()
    persons = list(dict.fromkeys(_one_person(catalog, name) for name in names))
    rows = works_together(filter_films(catalog, film_filter), persons)
    if limit is not None:
        rows = rows[:limit]
    records = [together_record(r) for r in rows]
    title = " & ".join(visible(p) for p in persons)
    write(
        records,
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        title=title,
        all_fields=not out.fields_given,
        csv_safe=state.csv_safe,
    )
    if not rows:
        who = " and ".join(visible(p) for p in persons)
        no_match(f"no work with {who}" + (" together" if len(persons) > 1 else "") + " matches these filters")


def _bad_graph_format(value: str) -> NoReturn:
    from binoche_cli.output.graph import GRAPH_FORMATS

    raise typer.BadParameter(
        f"{quote(value)} is not a graph format; choose from {', '.join(GRAPH_FORMATS)}",
        param_hint="'--format'",
    )


@command(app)
@film_filters()
def graph(
    ctx: typer.Context,
    minimum: MinimumPeople = 1,
    film_filter: FilmFilter = NO_FILTER,
    out_format: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help="dot (Graphviz, the default), mermaid, json or graphml.",
            show_default=False,
            metavar="FORMAT",
            autocompletion=completer("complete_graph_formats"),
        ),
    ] = None,
) -> None:
    """The collaboration network: people and works, joined by who directed or starred in what.

    Filters narrow the works; --min keeps only people with that many works together.

    \b
    Examples:
      binoche graph --min 2 | dot -Tsvg > network.svg
      binoche graph --director kieslowski -f mermaid
      binoche graph --decade 1990s -f json
      binoche graph -f graphml > network.graphml
    """
    from binoche_cli.output.graph import GRAPH_FORMATS, WRITERS, to_json
    from binoche_cli.query.films import filter_films
    from binoche_cli.query.people import collaboration_graph

    fmt = (out_format or "dot").strip().lower()
    if fmt not in GRAPH_FORMATS:
        _bad_graph_format(out_format or "")
    state = state_of(ctx)
    catalog = state.catalog()
    network = collaboration_graph(filter_films(catalog, film_filter), minimum)
    term = state.terminal()
    text = to_json(network, ascii_only=not term.utf8) if fmt == "json" else WRITERS[fmt](network)
    term.stdout.write(term.encodable(text))
    if not network.nodes:
        no_match(f"no one has {minimum} or more works together with these filters")
