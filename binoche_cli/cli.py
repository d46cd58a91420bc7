"""The `binoche` command: options, help text and exit codes. The work happens elsewhere:
`catalog` loads, `query` filters, `records` shapes results and `render`/`charts` write them.

Exit codes: 0 results printed; 1 a valid query matched nothing; 2 usage error;
3 the dataset or the watch list cannot be read or is invalid; 130 interrupted.
"""

import os
import sys
from typing import Annotated, Any, NamedTuple, NoReturn, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .catalog import Catalog, DataError, Film
from .render import FORMATS, message
from .terminal import COLOR_MODES, Terminal

EXIT_OK, EXIT_NO_MATCH, EXIT_USAGE, EXIT_DATA, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _Group(TyperGroup):
    """Turns the failures every command shares into their documented exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # inside the guard, so a closed pipe is caught here
            return result
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except DataError as exc:
            _report_data_error(exc)
            raise typer.Exit(EXIT_DATA) from None
        except KeyboardInterrupt:
            raise typer.Exit(EXIT_INTERRUPTED) from None


def _silence_stdout() -> None:
    # The reader went away: point stdout at devnull so the interpreter's final flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _report_data_error(exc: DataError) -> None:
    problems = exc.problems
    more = len(problems) - 1
    extra = (
        f" (and {more} more problem{'s' if more > 1 else ''}; run 'binoche data validate')" if more else ""
    )
    message(f"binoche: {problems[0]}{extra}")


# Shared by the app and its sub-groups. Plain Click help: Typer's Rich help imports
# markdown-it, about 60 ms on every `--help`.
_GROUP_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(
    name="binoche",
    help=(
        "Explore Juliette Binoche's screen career: films, directors, awards, timelines.\n\n"
        "Output is a table on a terminal and tab-separated lines in a pipe; choose with -f.\n\n"
        "\b\nExamples:\n"
        "  binoche director kieslowski\n"
        "  binoche films --decade 1990s -f json\n"
        "  binoche awards --won | cut -f2\n"
        "  binoche timeline --director assayas\n\n"
        "\b\nExit codes: 0 results printed, 1 nothing matched, 2 usage error,\n"
        "3 dataset or watch list unreadable or invalid, 130 interrupted."
    ),
    pretty_exceptions_enable=False,
    **_GROUP_SETTINGS,
)
data_app = typer.Typer(help="Inspect and check the dataset file.", **_GROUP_SETTINGS)
seen_app = typer.Typer(
    help="Your watch list: mark films as seen, list, import from Letterboxd, export.", **_GROUP_SETTINGS
)
app.add_typer(data_app, name="data")
app.add_typer(seen_app, name="seen")


class State:
    """Per-invocation settings from the root options; the catalogue loads on first use."""

    def __init__(self, data: str | None = None, color: str = "auto") -> None:
        self.data = data
        self.color = color
        self._catalog: Catalog | None = None
        self._terminal: Terminal | None = None

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from .catalog import load, resolve_path

            self._catalog = load(resolve_path(self.data))
        return self._catalog

    def terminal(self) -> Terminal:
        if self._terminal is None:
            self._terminal = Terminal.detect(self.color)
        return self._terminal


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


# ---------------------------------------------------------------------------------------
# Completion: option values come from the data


# Typer inspects every completion callback while building a command, so they are attached
# only when the shell asks for completions (Typer sets _BINOCHE_COMPLETE), not on every run.
_COMPLETING = "_BINOCHE_COMPLETE" in os.environ


def _completer(name: str) -> Any:
    if not _COMPLETING:
        return None
    from . import completion

    return getattr(completion, name)


# ---------------------------------------------------------------------------------------
# Shared options, defined once

Decade = Annotated[
    Optional[str],
    typer.Option(
        "--decade",
        help="Only this decade: 1990s, 1990, 90s or '90s.",
        autocompletion=_completer("complete_decades"),
        metavar="DECADE",
    ),
]
Years = Annotated[
    Optional[str],
    typer.Option("--year", "-y", help="A year or range: 1993, 1990-1999, 2010- or -1990.", metavar="YEARS"),
]
Directors = Annotated[
    Optional[list[str]],
    typer.Option(
        "--director",
        "-d",
        help="Directed by (part of a name; repeat for any of several).",
        autocompletion=_completer("complete_directors"),
        metavar="NAME",
    ),
]
AwardsOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--award",
        "-a",
        help="Has an award whose body or category matches: cesar, oscar, volpi, cannes...",
        autocompletion=_completer("complete_bodies"),
        metavar="AWARD",
    ),
]
Won = Annotated[bool, typer.Option("--won", help="Only awards won.")]
Nominated = Annotated[bool, typer.Option("--nominated", help="Only nominations not won.")]
Costars = Annotated[
    Optional[list[str]],
    typer.Option(
        "--costar",
        "--with",
        help="Starring with (repeat: with all of them).",
        autocompletion=_completer("complete_costars"),
        metavar="NAME",
    ),
]
Kinds = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        "-k",
        help="feature, short, tv, documentary or segment.",
        autocompletion=_completer("complete_kinds"),
        metavar="KIND",
    ),
]
Languages = Annotated[
    Optional[list[str]],
    typer.Option(
        "--language",
        "-l",
        help="Spoken language, e.g. English.",
        autocompletion=_completer("complete_languages"),
        metavar="LANGUAGE",
    ),
]
Search = Annotated[
    Optional[str],
    typer.Option(
        "--search", "-s", help="Text in any title, alternative title, role or notes.", metavar="TEXT"
    ),
]
Seen = Annotated[
    Optional[bool],
    typer.Option("--seen/--unseen", help="Only films on / not on your watch list.", show_default=False),
]
Format = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        help="table, plain, tsv, csv, json, jsonl or markdown. Default: table on a terminal, plain in a pipe.",
        autocompletion=_completer("complete_formats"),
        show_default=False,
        metavar="FORMAT",
    ),
]
Fields = Annotated[
    Optional[str],
    typer.Option("--fields", help="Columns to show, comma-separated, e.g. year,title.", metavar="FIELDS"),
]
NoHeader = Annotated[bool, typer.Option("--no-header", help="Leave out the header row of tsv and csv.")]
Sort = Annotated[str, typer.Option("--sort", help="year, title, director or awards.", metavar="KEY")]
Reverse = Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")]
SvgFile = Annotated[
    Optional[str], typer.Option("--svg", help="Also write the picture as an SVG file.", metavar="FILE")
]
HtmlFile = Annotated[
    Optional[str], typer.Option("--html", help="Also write the picture as an HTML file.", metavar="FILE")
]
Limit = Annotated[
    Optional[int], typer.Option("--limit", "-n", help="Show at most N rows.", min=1, metavar="N")
]


class Output(NamedTuple):
    fmt: str
    fields: tuple[str, ...]
    header: bool
    chosen: bool  # --fields given: JSON keeps only those keys


def _output(
    state: State,
    fmt: str | None,
    fields: str | None,
    header: bool,
    allowed: tuple[str, ...],
    default: tuple[str, ...],
    plain_default: tuple[str, ...] | None = None,
) -> Output:
    """Validate format and fields at the edge (exit 2) before any work."""
    term = state.terminal()
    chosen_fmt = (fmt or ("table" if term.isatty else "plain")).lower()
    if chosen_fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not a format; choose from {', '.join(FORMATS)}", param_hint="'--format'"
        )
    if fields:
        names = tuple(f.strip() for f in fields.split(",") if f.strip())
        unknown = [n for n in names if n not in allowed]
        if unknown or not names:
            raise typer.BadParameter(
                f"unknown field {', '.join(repr(u) for u in unknown) or repr(fields)}; valid fields: {', '.join(allowed)}",
                param_hint="'--fields'",
            )
        return Output(chosen_fmt, names, header, True)
    if chosen_fmt in ("plain", "tsv", "csv") and plain_default:
        return Output(chosen_fmt, plain_default, header, False)
    return Output(chosen_fmt, default, header, False)


def _no_match(reason: str, suggestions: list[str] | None = None) -> NoReturn:
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    message(f"binoche: {reason}{hint}")
    raise typer.Exit(EXIT_NO_MATCH)


def _film_filter(
    state: State,
    *,
    decade: str | None = None,
    year: str | None = None,
    director: list[str] | None = None,
    award: list[str] | None = None,
    won: bool = False,
    nominated: bool = False,
    costar: list[str] | None = None,
    kind: list[str] | None = None,
    language: list[str] | None = None,
    search: str | None = None,
    seen: bool | None = None,
    decade_hint: str = "'--decade'",
) -> Any:
    from .query import FilmFilter, parse_decade, parse_years

    years = []
    try:
        if decade:
            years.append(parse_decade(decade))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=decade_hint) from None
    try:
        if year:
            years.append(parse_years(year))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--year'") from None
    if won and nominated:
        raise typer.BadParameter("choose one of --won and --nominated", param_hint="'--won'")
    if kind:
        from .catalog import FILM_KINDS

        bad = [k for k in kind if k.lower() not in FILM_KINDS]
        if bad:
            raise typer.BadParameter(
                f"{bad[0]!r} is not a kind; choose from {', '.join(FILM_KINDS)}", param_hint="'--kind'"
            )
    marks: frozenset[str] | None = None
    if seen is not None:
        marks = frozenset(_read_marks())
    return FilmFilter(
        years=tuple(years),
        directors=tuple(director or ()),
        awards=tuple(award or ()),
        result="won" if won else ("nominated" if nominated else ""),
        costars=tuple(costar or ()),
        kinds=tuple(k.lower() for k in kind or ()),
        languages=tuple(language or ()),
        search=search or "",
        seen=marks,
        seen_wanted=bool(seen),
    )


def _explain_empty(catalog: Catalog, flt: Any) -> NoReturn:
    from .query import why_nothing_matched

    reason, suggestions = why_nothing_matched(catalog, flt)
    _no_match(reason, suggestions)


def _list_films(
    ctx: typer.Context,
    flt: Any,
    out_fmt: str | None,
    fields: str | None,
    no_header: bool,
    sort: str,
    reverse: bool,
    limit: int | None,
    title: str = "",
) -> None:
    from .query import SORT_KEYS, filter_films, relevant_awards, sort_films
    from .records import FILM_DEFAULT, FILM_FIELDS, FILM_PLAIN_DEFAULT, film_record
    from .render import write

    state = _state(ctx)
    if sort not in SORT_KEYS:
        raise typer.BadParameter(
            f"{sort!r} is not a sort key; choose from {', '.join(SORT_KEYS)}", param_hint="'--sort'"
        )
    narrowed = bool(flt.awards or flt.result)
    # An award lookup always shows which award each film got, in every format.
    plain_default = FILM_DEFAULT if narrowed else FILM_PLAIN_DEFAULT
    out = _output(state, out_fmt, fields, not no_header, FILM_FIELDS, FILM_DEFAULT, plain_default)
    catalog = state.catalog()
    films = sort_films(catalog, filter_films(catalog, flt), sort, reverse)
    if limit is not None:
        films = films[:limit]
    if not films:
        _explain_empty(catalog, flt)
    # With an award filter, each row shows the awards that made it match.
    records = [film_record(catalog, f, relevant_awards(catalog, f, flt) if narrowed else None) for f in films]
    write(
        records,
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        title=title,
        all_fields=not out.chosen,
    )


# ---------------------------------------------------------------------------------------
# Root


def _version(value: bool) -> None:
    if value:
        print(f"binoche {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option(
            "--data",
            help="Read another dataset file of the same schema (also: BINOCHE_DATA).",
            metavar="PATH",
        ),
    ] = None,
    color: Annotated[
        str,
        typer.Option(
            "--color", help="auto, always or never (beats NO_COLOR and FORCE_COLOR).", metavar="MODE"
        ),
    ] = "auto",
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    if color not in COLOR_MODES:
        raise typer.BadParameter(f"{color!r}; choose from {', '.join(COLOR_MODES)}", param_hint="'--color'")
    ctx.obj = State(data=data, color=color)


# ---------------------------------------------------------------------------------------
# Film listings


@app.command()
def films(
    ctx: typer.Context,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    award: AwardsOpt = None,
    won: Won = False,
    nominated: Nominated = False,
    costar: Costars = None,
    kind: Kinds = None,
    language: Languages = None,
    search: Search = None,
    seen: Seen = None,
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
      binoche films --with magimel --fields year,title
    """
    flt = _film_filter(
        _state(ctx),
        decade=decade,
        year=year,
        director=director,
        award=award,
        won=won,
        nominated=nominated,
        costar=costar,
        kind=kind,
        language=language,
        search=search,
        seen=seen,
    )
    _list_films(ctx, flt, out_format, fields, no_header, sort, reverse, limit)


@app.command()
def decade(
    ctx: typer.Context,
    which: Annotated[
        str,
        typer.Argument(
            metavar="DECADE",
            help="1990s, 1990, 90s or '90s.",
            autocompletion=_completer("complete_decades"),
            show_default=False,
        ),
    ],
    director: Directors = None,
    award: AwardsOpt = None,
    won: Won = False,
    nominated: Nominated = False,
    costar: Costars = None,
    kind: Kinds = None,
    language: Languages = None,
    search: Search = None,
    seen: Seen = None,
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
    flt = _film_filter(
        _state(ctx),
        decade=which,
        decade_hint="'DECADE'",
        director=director,
        award=award,
        won=won,
        nominated=nominated,
        costar=costar,
        kind=kind,
        language=language,
        search=search,
        seen=seen,
    )
    _list_films(ctx, flt, out_format, fields, no_header, sort, reverse, limit, title=f"{flt.years[0].first}s")


@app.command()
def director(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Part of a director's name, any accents or case.",
            autocompletion=_completer("complete_directors"),
            show_default=False,
        ),
    ],
    decade: Decade = None,
    year: Years = None,
    award: AwardsOpt = None,
    won: Won = False,
    nominated: Nominated = False,
    costar: Costars = None,
    kind: Kinds = None,
    language: Languages = None,
    search: Search = None,
    seen: Seen = None,
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
    from .query import all_directors, matches

    state = _state(ctx)
    flt = _film_filter(
        state,
        decade=decade,
        year=year,
        director=name,
        award=award,
        won=won,
        nominated=nominated,
        costar=costar,
        kind=kind,
        language=language,
        search=search,
        seen=seen,
    )
    catalog = state.catalog()
    found = [d for d in all_directors(catalog) if any(matches(n, d) for n in name)]
    _list_films(ctx, flt, out_format, fields, no_header, sort, reverse, limit, title=", ".join(found))


@app.command()
def award(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="AWARD",
            help="Body or category: cesar, oscar, bafta, venice, volpi, silver bear...",
            autocompletion=_completer("complete_bodies"),
            show_default=False,
        ),
    ],
    won: Won = False,
    nominated: Nominated = False,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    costar: Costars = None,
    kind: Kinds = None,
    seen: Seen = None,
    sort: Sort = "year",
    reverse: Reverse = False,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Films with a given award, showing which award each got and whether it was won.

    \b
    Examples:
      binoche award cesar
      binoche award oscar --won
      binoche award "silver bear" -f json
    """
    flt = _film_filter(
        _state(ctx),
        decade=decade,
        year=year,
        director=director,
        award=[name],
        won=won,
        nominated=nominated,
        costar=costar,
        kind=kind,
        seen=seen,
    )
    _list_films(ctx, flt, out_format, fields, no_header, sort, reverse, limit)


@app.command()
def film(
    ctx: typer.Context,
    title: Annotated[
        list[str],
        typer.Argument(
            metavar="TITLE",
            help="Any title, alternative title or id.",
            autocompletion=_completer("complete_titles"),
            show_default=False,
        ),
    ],
    out_format: Format = None,
) -> None:
    """Everything about one film: credits, awards with results, co-stars, sources.

    \b
    Examples:
      binoche film "three colors blue"
      binoche film bleu
      binoche film "the english patient" -f json
    """
    from .query import all_titles, find_films, suggest
    from .records import film_record
    from .render import write_card

    state = _state(ctx)
    query = " ".join(title)
    out = _output(state, out_format, None, True, (), ())
    catalog = state.catalog()
    found = find_films(catalog, query)
    if not found:
        _no_match(f"no film matches {query!r}", [repr(s) for s in suggest(query, all_titles(catalog))])
    if len(found) > 1:
        message(f"binoche: {query!r} matches {len(found)} films; be more precise:")
        for candidate in found:
            message(f"  {candidate.year}  {candidate.title}  (id: {candidate.id})")
        raise typer.Exit(EXIT_NO_MATCH)
    record = film_record(catalog, found[0])
    term = state.terminal()
    if out.fmt in ("json", "jsonl"):
        import json

        term.stdout.write(
            json.dumps(record, ensure_ascii=not term.utf8, indent=2 if out.fmt == "json" else None) + "\n"
        )
        return
    if out.fmt in ("csv", "tsv", "markdown"):
        from .records import FILM_FIELDS
        from .render import write

        write([record], FILM_FIELDS, out.fmt, term, header=True)
        return
    rows = [
        ("title", record["title"]),
        ("original title", record["original_title"]),
        ("also known as", record["aka"]),
        ("year", record["year"]),
        (
            "kind",
            record["kind"] if record["status"] == "released" else f"{record['kind']} ({record['status']})",
        ),
        ("directors", record["directors"]),
        ("role", record["role"]),
        ("co-stars", record["costars"]),
        ("languages", record["languages"]),
        ("countries", record["countries"]),
        ("awards", record["awards"]),
        ("notes", record["notes"]),
        ("sources", record["sources"]),
        ("id", record["id"]),
    ]
    write_card(rows, f"{record['title']} ({record['year']})", term, out.fmt)


@app.command()
def directors(
    ctx: typer.Context,
    minimum: Annotated[
        int, typer.Option("--min", help="Only directors with at least N films.", min=1, metavar="N")
    ] = 1,
    decade: Decade = None,
    year: Years = None,
    kind: Kinds = None,
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
    from .query import director_summaries, filter_films
    from .records import DIRECTOR_DEFAULT, DIRECTOR_FIELDS, director_record
    from .render import write

    state = _state(ctx)
    out = _output(state, out_format, fields, not no_header, DIRECTOR_FIELDS, DIRECTOR_DEFAULT)
    flt = _film_filter(state, decade=decade, year=year, kind=kind)
    catalog = state.catalog()
    rows = director_summaries(catalog, filter_films(catalog, flt), minimum)
    if limit is not None:
        rows = rows[:limit]
    if not rows:
        _no_match(f"no director has {minimum} or more films with these filters")
    write(
        [director_record(r) for r in rows],
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        all_fields=not out.chosen,
    )


@app.command()
def awards(
    ctx: typer.Context,
    body: Annotated[
        Optional[list[str]],
        typer.Option(
            "--body",
            "-b",
            help="Awarding body or category: cesar, oscar, cannes, volpi...",
            autocompletion=_completer("complete_bodies"),
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
            autocompletion=_completer("complete_titles"),
            metavar="TITLE",
        ),
    ] = None,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """Award rows: wins and nominations, by ceremony year.

    \b
    Examples:
      binoche awards --won
      binoche awards --body cesar --nominated
      binoche awards --film "the english patient" -f json
      binoche awards --won | cut -f2
    """
    from .query import (
        AwardFilter,
        award_matches,
        award_names,
        filter_awards,
        parse_decade,
        parse_years,
        suggest,
    )
    from .records import AWARD_DEFAULT, AWARD_FIELDS, award_record
    from .render import write

    state = _state(ctx)
    out = _output(state, out_format, fields, not no_header, AWARD_FIELDS, AWARD_DEFAULT)
    if won and nominated:
        raise typer.BadParameter("choose one of --won and --nominated", param_hint="'--won'")
    spans = []
    try:
        if year:
            spans.append(parse_years(year))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--year'") from None
    try:
        if decade:
            spans.append(parse_decade(decade))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--decade'") from None
    catalog = state.catalog()
    flt = AwardFilter(
        bodies=tuple(body or ()),
        years=tuple(spans),
        result="won" if won else ("nominated" if nominated else ""),
        film=for_film or "",
    )
    rows = filter_awards(catalog, flt)
    if limit is not None:
        rows = rows[:limit]
    if not rows:
        for name in flt.bodies:
            if not any(award_matches(name, a) for a in catalog.awards):
                _no_match(f"no award matches {name!r}", suggest(name, award_names(catalog)))
        if for_film:
            from .query import all_titles, find_films

            if not find_films(catalog, for_film):
                _no_match(f"no film matches {for_film!r}", suggest(for_film, all_titles(catalog)))
        _no_match("no award rows match these filters")
    write(
        [award_record(a, catalog) for a in rows],
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        all_fields=not out.chosen,
    )


@app.command()
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
    from .query import all_costars, all_directors, all_titles, search_everything, suggest
    from .records import SEARCH_DEFAULT, SEARCH_FIELDS, search_record
    from .render import write

    state = _state(ctx)
    text = " ".join(query)
    out = _output(state, out_format, fields, not no_header, SEARCH_FIELDS, SEARCH_DEFAULT)
    catalog = state.catalog()
    hits = search_everything(catalog, text)
    if limit is not None:
        hits = hits[:limit]
    if not hits:
        pool = all_titles(catalog) + all_directors(catalog) + all_costars(catalog)
        _no_match(f"nothing matches {text!r}", suggest(text, pool))
    write(
        [search_record(h) for h in hits],
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        all_fields=not out.chosen,
    )


# ---------------------------------------------------------------------------------------
# Pictures: timeline and stats


@app.command()
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
    seen: Seen = None,
    events: Annotated[
        bool, typer.Option("--events", help="Add stage work and dated life and career events.")
    ] = False,
    compact: Annotated[
        bool, typer.Option("--compact", help="One line per year: the whole career on one screen.")
    ] = False,
    svg: SvgFile = None,
    html: HtmlFile = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """The career year by year, with award markers (★ won, ☆ nominated).

    \b
    Examples:
      binoche timeline
      binoche timeline --director assayas
      binoche timeline --award cesar --events
      binoche timeline --compact
      binoche timeline --svg career.svg
    """
    from . import charts
    from .query import filter_films, relevant_awards, timeline_entries
    from .records import timeline_records

    state = _state(ctx)
    flt = _film_filter(
        state,
        decade=decade,
        year=year,
        director=director,
        award=award,
        won=won,
        nominated=nominated,
        costar=costar,
        kind=kind,
        seen=seen,
    )
    term = state.terminal()
    out = _output(state, out_format, fields, not no_header, charts.TIMELINE_FIELDS, charts.TIMELINE_FIELDS)
    targets = _picture_targets(svg, html)
    catalog = state.catalog()
    chosen = sorted(filter_films(catalog, flt), key=lambda f: (f.year, f.title))
    if not chosen:
        _explain_empty(catalog, flt)
    narrowed = bool(flt.awards or flt.result)
    entries = timeline_entries(
        catalog, chosen, events, (lambda f: relevant_awards(catalog, f, flt)) if narrowed else None, flt.years
    )
    if out.fmt != "table" and not targets:
        from .render import write

        write(
            timeline_records(entries),
            out.fields,
            out.fmt,
            term,
            header=out.header,
            all_fields=not out.chosen,
        )
        return
    draw = charts.render_compact if compact else charts.render_timeline
    if out.fmt == "table":
        draw(entries, term, term.console())
    for picture_kind, target in targets:
        _write_picture(lambda console: draw(entries, term, console), picture_kind, target)


@app.command()
def stats(
    ctx: typer.Context,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    kind: Kinds = None,
    svg: SvgFile = None,
    html: HtmlFile = None,
    out_format: Format = None,
    no_header: NoHeader = False,
) -> None:
    """Numbers at a glance: films per decade, kinds, languages, collaborators, awards, records.

    \b
    Examples:
      binoche stats
      binoche stats --decade 2010s
      binoche stats -f json
    """
    from . import charts
    from .query import compute_stats, filter_films
    from .records import stat_records

    state = _state(ctx)
    flt = _film_filter(state, decade=decade, year=year, director=director, kind=kind)
    term = state.terminal()
    out = _output(state, out_format, None, not no_header, charts.STAT_FIELDS, charts.STAT_FIELDS)
    targets = _picture_targets(svg, html)
    catalog = state.catalog()
    chosen = filter_films(catalog, flt)
    if not chosen:
        _explain_empty(catalog, flt)
    summary = compute_stats(catalog, chosen, with_career_prizes=not (decade or year or director or kind))
    if out.fmt != "table" and not targets:
        from .render import write

        write(stat_records(summary), out.fields, out.fmt, term, header=out.header, all_fields=True)
        return
    if out.fmt == "table":
        charts.render_stats(summary, term, term.console())
    for picture_kind, target in targets:
        _write_picture(lambda console: charts.render_stats(summary, term, console), picture_kind, target)


def _picture_targets(svg: str | None, html: str | None) -> list[tuple[str, str]]:
    targets = [(k, v) for k, v in (("svg", svg), ("html", html)) if v]
    for option, target in targets:
        if os.path.lexists(target) and not os.path.isfile(target):
            raise typer.BadParameter(
                f"{target!r} exists and is not a regular file", param_hint=f"'--{option}'"
            )
    return targets


def _write_picture(draw: Any, kind: str, target: str) -> None:
    from . import charts

    try:
        charts.export_picture(draw, kind, target)
    except OSError as exc:
        message(f"binoche: cannot write {target}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    message(f"binoche: wrote {target}")


# ---------------------------------------------------------------------------------------
# Viewing guide and watch list


def _read_marks() -> dict[str, str]:
    from . import seen as watchlist

    try:
        return watchlist.read()
    except watchlist.WatchListError as exc:
        message(f"binoche: {exc}")
        raise typer.Exit(EXIT_DATA) from None


def _resolve_titles(catalog: Catalog, titles: list[str]) -> list[Film]:
    """Every title to exactly one film, or exit 1 naming the ones that did not resolve."""
    from .query import all_titles, find_films, suggest

    resolved: list[Film] = []
    failed = False
    for query in titles:
        found = find_films(catalog, query)
        if len(found) == 1:
            resolved.append(found[0])
            continue
        failed = True
        if not found:
            hint = suggest(query, all_titles(catalog))
            message(
                f"binoche: no film matches {query!r}"
                + (f"; did you mean {' or '.join(map(repr, hint))}?" if hint else "")
            )
        else:
            message(f"binoche: {query!r} matches {len(found)} films; be more precise:")
            for candidate in found:
                message(f"  {candidate.year}  {candidate.title}  (id: {candidate.id})")
    if failed:
        message("binoche: nothing was changed")
        raise typer.Exit(EXIT_NO_MATCH)
    return resolved


def _update_marks(change: Any) -> tuple[dict[str, str], dict[str, str]]:
    from . import seen as watchlist

    try:
        return watchlist.update(change)
    except watchlist.WatchListError as exc:
        message(f"binoche: {exc}")
        raise typer.Exit(EXIT_DATA) from None


@seen_app.command("add")
def seen_add(
    ctx: typer.Context,
    titles: Annotated[
        list[str],
        typer.Argument(
            metavar="TITLE...",
            help="Titles (quote each one with spaces), alternative titles or ids.",
            autocompletion=_completer("complete_titles"),
            show_default=False,
        ),
    ],
) -> None:
    """Mark films as seen (today's date is kept with each mark).

    \b
    Examples:
      binoche seen add "three colors blue" damage
      binoche seen add the-english-patient
    """
    import datetime

    catalog = _state(ctx).catalog()
    chosen = _resolve_titles(catalog, titles)
    today = datetime.date.today().isoformat()

    def add(marks: dict[str, str]) -> dict[str, str]:
        for f in chosen:
            marks.setdefault(f.id, today)
        return marks

    before, _ = _update_marks(add)
    for f in chosen:
        note = "already marked" if f.id in before else "marked as seen"
        message(f"binoche: {f.title} ({f.year}): {note}")


@seen_app.command("remove")
def seen_remove(
    ctx: typer.Context,
    titles: Annotated[
        list[str],
        typer.Argument(
            metavar="TITLE...",
            help="Titles, alternative titles or ids.",
            autocompletion=_completer("complete_titles"),
            show_default=False,
        ),
    ],
) -> None:
    """Take films off the watch list.

    \b
    Example:
      binoche seen remove damage
    """
    catalog = _state(ctx).catalog()
    chosen = _resolve_titles(catalog, titles)

    def remove(marks: dict[str, str]) -> dict[str, str]:
        for f in chosen:
            marks.pop(f.id, None)
        return marks

    before, _ = _update_marks(remove)
    for f in chosen:
        note = "removed" if f.id in before else "was not on the list"
        message(f"binoche: {f.title} ({f.year}): {note}")


@seen_app.command("list")
def seen_list(
    ctx: typer.Context,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """The films you marked, in film order, with the date each was marked.

    \b
    Examples:
      binoche seen list
      binoche seen list -f json
    """
    from .records import SEEN_DEFAULT, SEEN_FIELDS, seen_record
    from .render import write

    state = _state(ctx)
    out = _output(state, out_format, fields, not no_header, SEEN_FIELDS, SEEN_DEFAULT)
    marks = _read_marks()
    catalog = state.catalog()
    rows = [
        seen_record(f, marks[f.id])
        for f in sorted(catalog.films, key=lambda f: (f.year, f.title))
        if f.id in marks
    ]
    unknown = sorted(set(marks) - {f.id for f in catalog.films})
    if unknown:
        message(
            f"binoche: {len(unknown)} mark(s) for films not in this dataset kept as they are: {', '.join(unknown)}"
        )
    if not rows:
        _no_match("the watch list is empty; add films with 'binoche seen add TITLE'")
    write(rows, out.fields, out.fmt, state.terminal(), header=out.header, all_fields=not out.chosen)


@seen_app.command("path")
def seen_path() -> None:
    """Print where the watch list is kept (BINOCHE_HOME overrides it).

    \b
    Example:
      binoche seen path
    """
    from . import seen as watchlist

    print(watchlist.path())


@seen_app.command("import")
def seen_import(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE.csv",
            help="Letterboxd diary.csv or watched.csv (Name and Year columns).",
            show_default=False,
        ),
    ],
) -> None:
    """Mark films from a Letterboxd export, matching by title and year.

    \b
    Example:
      binoche seen import ~/Downloads/letterboxd/watched.csv
    """
    import csv
    import datetime

    from .query import match_watched_rows

    catalog = _state(ctx).catalog()
    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        message(f"binoche: {file}: cannot read the CSV: {getattr(exc, 'strerror', None) or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if rows and not {"Name", "Year"} <= set(rows[0]):
        message(
            f"binoche: {file}: expected Letterboxd columns Name and Year, found {', '.join(k for k in rows[0] if k)}"
        )
        raise typer.Exit(EXIT_USAGE)
    today = datetime.date.today().isoformat()
    matched: dict[str, str] = {}
    for row in match_watched_rows(catalog, rows):
        if row.film_id is None or row.problem:
            message(f"binoche: {file}:{row.line}: {row.name} ({row.year}): {row.problem}")
        if row.film_id is not None:
            matched.setdefault(row.film_id, row.watched or today)

    def merge(marks: dict[str, str]) -> dict[str, str]:
        for film_id, when in matched.items():
            marks.setdefault(film_id, when)
        return marks

    if matched:
        _update_marks(merge)
    message(f"binoche: {len(matched)} film(s) marked from {len(rows)} row(s)")
    if not matched:
        raise typer.Exit(EXIT_NO_MATCH)


@seen_app.command("export")
def seen_export(
    ctx: typer.Context,
    out_format: Annotated[
        str, typer.Option("--format", "-f", help="csv (Letterboxd import columns) or json.", metavar="FORMAT")
    ] = "csv",
) -> None:
    """Write the watch list as CSV (Title, Year, WatchedDate) or JSON, to stdout.

    \b
    Examples:
      binoche seen export > seen.csv
      binoche seen export -f json
    """
    if out_format not in ("csv", "json"):
        raise typer.BadParameter(f"{out_format!r}; choose csv or json", param_hint="'--format'")
    from .records import EXPORT_FIELDS, LETTERBOXD_FIELDS, export_record
    from .render import write

    marks = _read_marks()
    state = _state(ctx)
    catalog = state.catalog()
    letterboxd = out_format == "csv"
    rows = [export_record(catalog, film_id, when, letterboxd) for film_id, when in sorted(marks.items())]
    fields = LETTERBOXD_FIELDS if letterboxd else EXPORT_FIELDS
    write(rows, fields, out_format, state.terminal(), header=True, all_fields=True)


@app.command()
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
    from . import charts

    state = _state(ctx)
    out = _output(state, out_format, None, True, charts.GUIDE_FIELDS, charts.GUIDE_FIELDS)
    catalog = state.catalog()
    if not catalog.guide:
        _no_match(f"{catalog.path} has no [[guide]] steps")
    marks = _read_marks()
    from .records import guide_records

    rows = guide_records(catalog, marks, unseen)
    if not rows:
        _no_match("you have seen every film in the guide; try 'binoche next --random'")
    term = state.terminal()
    if out.fmt == "table":
        charts.render_guide(catalog, rows, term, term.console())
        return
    from .render import write

    write(rows, out.fields, out.fmt, term, header=out.header, all_fields=True)


@app.command("next")
def next_film(
    ctx: typer.Context,
    random_pick: Annotated[
        bool,
        typer.Option(
            "--random", help="A random unwatched film (with the filters) instead of the guide order."
        ),
    ] = False,
    decade: Decade = None,
    year: Years = None,
    director: Directors = None,
    award: AwardsOpt = None,
    won: Won = False,
    kind: Kinds = None,
    out_format: Format = None,
) -> None:
    """Suggest the next film to watch: the first unseen one in guide order.

    \b
    Examples:
      binoche next
      binoche next --random --decade 2000s
    """
    import random

    from .query import filter_films
    from .records import FILM_DEFAULT, FILM_FIELDS, FILM_PLAIN_DEFAULT, film_record
    from .render import write

    state = _state(ctx)
    out = _output(state, out_format, None, True, FILM_FIELDS, FILM_DEFAULT, FILM_PLAIN_DEFAULT)
    flt = _film_filter(
        state, decade=decade, year=year, director=director, award=award, won=won, kind=kind, seen=False
    )
    catalog = state.catalog()
    pool = [f for f in filter_films(catalog, flt) if f.status == "released"]
    if random_pick:
        pick = random.choice(pool) if pool else None
    else:
        wanted = {f.id for f in pool}
        order = [fid for step in catalog.guide for fid in step.films]
        pick = next((catalog.film(fid) for fid in order if fid in wanted), None)
        if pick is None and pool:
            pick = min(pool, key=lambda f: f.year)
    if pick is None:
        _no_match("no unwatched film matches; you have seen them all")
    write([film_record(catalog, pick)], out.fields, out.fmt, state.terminal(), header=True, all_fields=True)


# ---------------------------------------------------------------------------------------
# The dataset


@data_app.command("validate")
def data_validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(
            metavar="PATH",
            help="A dataset file (default: --data, BINOCHE_DATA or the bundled one).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a dataset file and list every problem with its place; exit 3 if there are any.

    \b
    Examples:
      binoche data validate
      binoche data validate my-fork.toml
    """
    from pathlib import Path

    from .catalog import _parse_toml, _read_bytes, resolve_path, validate

    target = Path(path) if path else resolve_path(_state(ctx).data)
    try:
        raw = _read_bytes(target)
        data = _parse_toml(raw, str(target))
    except DataError as exc:
        for problem in exc.problems:
            message(problem)
        raise typer.Exit(EXIT_DATA) from None
    problems = validate(data, str(target), raw)
    for problem in problems:
        message(problem)
    if problems:
        message(f"binoche: {len(problems)} problem{'s' if len(problems) > 1 else ''} in {target}")
        raise typer.Exit(EXIT_DATA)
    counts = ", ".join(f"{len(data.get(t, []))} {t}" for t in ("film", "award", "stage", "event", "guide"))
    message(f"{target}: valid ({counts})")


@data_app.command("path")
def data_path(ctx: typer.Context) -> None:
    """Print the location of the dataset in use (the bundled one unless --data or BINOCHE_DATA).

    \b
    Example:
      binoche data path
    """
    from .catalog import resolve_path

    print(resolve_path(_state(ctx).data))


# ---------------------------------------------------------------------------------------
# Entry point


def _usage_error(exc: Any) -> None:
    """Click's usage errors as one line, with a suggestion for a mistyped command."""
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "binoche"
    text = " ".join(text.split())
    message(f"{where}: error: {text} (see '{where} --help')")


# Root options that take a value, so the subcommand can be found without parsing.
_ROOT_VALUE_OPTIONS = {"--data", "--color"}


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the invoked subcommand registered.

    Typer turns every command's signature into Click parameters before parsing; with two
    dozen commands that is a third of the start-up time. When the subcommand is known, the
    others are left out; help, completion and typos still get the full app.
    """
    if os.environ.get("_BINOCHE_COMPLETE"):
        return app
    name = None
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _ROOT_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            name = arg
            break
        elif (
            arg in ("-h", "--help")
            or arg.startswith("--install-completion")
            or arg.startswith("--show-completion")
        ):
            return app
    if name is None:
        return app
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    import copy

    narrowed = copy.copy(app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = groups
    return narrowed


def _command_name(info: Any) -> str:
    if info.name:
        return str(info.name)
    return str(info.callback.__name__).lower().replace("_", "-")


def main() -> None:
    """Console-script entry point: documented exit codes, never a traceback."""
    import typer._click as click

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        command = typer.main.get_command(_app_for(sys.argv[1:]))
        code = command.main(prog_name="binoche", standalone_mode=False)
    except click.exceptions.ClickException as exc:
        _usage_error(exc)
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_OK
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(code if isinstance(code, int) else EXIT_OK)
