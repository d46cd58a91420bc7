"""One film: its card (`film`) and its pages on the web (`open`)."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, app, command, state_of
from binoche_cli.cli.options import Fields, Format, Years, completer, no_match, not_empty, output_choice
from binoche_cli.dataset.catalog import Catalog, Film
from binoche_cli.output.render import message
from binoche_cli.text import quote

TitleWords = Annotated[
    list[str],
    typer.Argument(
        metavar="TITLE",
        help="Any title, alternative title or id; a trailing year picks among namesakes (paris 2008).",
        autocompletion=completer("complete_titles"),
        show_default=False,
    ),
]


def one_film(catalog: Catalog, query: str, year: str | None = None) -> Film:
    """The one film `query` names, or exit: 1 when nothing matches, 4 when several do."""
    from binoche_cli.query.matching import find_film_candidates, suggest_titles
    from binoche_cli.query.values import parse_years
    from binoche_cli.text import visible

    not_empty(query, "'TITLE'")
    span = None
    if not_empty(year, "'--year'") is not None and year is not None:
        try:
            span = parse_years(year)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--year'") from None
    found, span = find_film_candidates(catalog, query, span)
    if len(found) == 1:
        return found[0]
    if not found:
        hints = [repr(visible(s)) for s in suggest_titles(catalog, query, span)]
        no_match(f"no film matches {quote(query)}", hints)
    message(f"binoche: {quote(query)} matches {len(found)} films; name one by its year or id:")
    for candidate in found:
        message(f"  {candidate.year}  {visible(candidate.title)}  (id: {candidate.id})")
    raise typer.Exit(ExitCode.AMBIGUOUS)


@command(app)
def film(
    ctx: typer.Context,
    title: TitleWords,
    year: Years = None,
    out_format: Format = None,
    fields: Fields = None,
) -> None:
    """Everything about one film: credits, awards with results, co-stars, identifiers, sources.

    \b
    Examples:
      binoche film "three colors blue"
      binoche film bleu
      binoche film paris 2008
      binoche film "the english patient" -f json
      binoche film damage --fields imdb,tmdb
    """
    from binoche_cli.output.cards import write_film
    from binoche_cli.output.shapes import FIELD_MEANINGS, FILM_FIELDS

    state = state_of(ctx)
    out = output_choice(
        state, out_format, fields, True, FILM_FIELDS, FILM_FIELDS, field_help=FIELD_MEANINGS["film"]
    )
    catalog = state.catalog()
    picked = one_film(catalog, " ".join(title), year)
    write_film(
        catalog,
        picked,
        out.fmt,
        out.fields,
        out.fields_given,
        state.terminal(),
        titles=state.titles,
        csv_safe=state.csv_safe,
    )


@command(app, "open")
def open_page(
    ctx: typer.Context,
    title: TitleWords,
    site: Annotated[
        Optional[str],
        typer.Option(
            "--site",
            help="imdb, letterboxd, tmdb, wikidata or wikipedia. Default: the best page known.",
            autocompletion=completer("complete_sites"),
            metavar="SITE",
        ),
    ] = None,
    year: Years = None,
    print_only: Annotated[
        bool, typer.Option("--print", help="Print the URL instead of opening a browser.")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Print every page known for the film, one 'site<TAB>URL' a line.")
    ] = False,
) -> None:
    """Open a film's page on IMDb, Letterboxd, TMDb, Wikidata or Wikipedia.

    Without --site it opens the best page known: IMDb, else Letterboxd, TMDb, Wikidata,
    Wikipedia, else the film's first source. Prints the URL instead when --print is given or
    when output is not a terminal.

    \b
    Examples:
      binoche open "three colours blue"
      binoche open caché --site letterboxd
      binoche open damage --site tmdb --print
      binoche open "certified copy" --all --print
    """
    from binoche_cli.output.cards import SITES, best_link, film_links, film_pages

    wanted = None
    if site is not None:
        chosen = site.strip().lower()
        matches = [s for s in SITES if s.startswith(chosen)] if chosen else []
        if len(matches) != 1:
            raise typer.BadParameter(f"{quote(site)}; choose from {', '.join(SITES)}", param_hint="'--site'")
        wanted = matches[0]
    state = state_of(ctx)
    catalog = state.catalog()
    picked = one_film(catalog, " ".join(title), year)
    if every:
        for name, page in film_pages(picked):
            print(f"{name}\t{page}")
        return
    if wanted is None:
        url = best_link(picked)
    else:
        url = film_links(picked).get(wanted, "")
        if not url:
            known = ", ".join(film_links(picked)) or "none (try without --site for its first source)"
            no_match(f"no {wanted} page is known for {picked.title} ({picked.year}); it has: {known}")
    term = state.terminal()
    if print_only or not term.isatty:
        print(url)
        return
    import webbrowser

    if not webbrowser.open(url):
        print(url)
        return
    message(f"binoche: opened {url}")
