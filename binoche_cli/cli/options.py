"""The shared options, defined once, and what every command builds from them: the output
choice (format, fields, header) and the film filter.

Values are validated here, at the edge: a bad `--decade` is a usage error (exit 2) before any
work is done.
"""

import os
from typing import Annotated, Any, NamedTuple, NoReturn, Optional

import typer

from binoche_cli.cli.app import ExitCode, State
from binoche_cli.output.render import FORMATS, message
from binoche_cli.text import quote

# Typer inspects every completion callback while building a command, so they are attached
# only when the shell asks for completions (Typer sets _BINOCHE_COMPLETE), not on every run.
_COMPLETING = "_BINOCHE_COMPLETE" in os.environ


def completer(name: str) -> Any:
    if not _COMPLETING:
        return None
    from binoche_cli.cli import completion

    return getattr(completion, name, None)


Decade = Annotated[
    Optional[str],
    typer.Option(
        "--decade",
        help="Only this decade: 1990s, 1990, 90s or '90s.",
        autocompletion=completer("complete_decades"),
        metavar="DECADE",
    ),
]
Years = Annotated[
    Optional[str],
    typer.Option(
        "--year", "-y", help="A year or range: 1993, 93, 1990-1999, 2010- or -1990.", metavar="YEARS"
    ),
]
Directors = Annotated[
    Optional[list[str]],
    typer.Option(
        "--director",
        "-d",
        help="Directed by (part of a name; repeat for any of several).",
        autocompletion=completer("complete_directors"),
        metavar="NAME",
    ),
]
AwardsOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--award",
        "-a",
        help="Has an award whose body or category matches: cesar, oscar, volpi, cannes...",
        autocompletion=completer("complete_bodies"),
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
        autocompletion=completer("complete_costars"),
        metavar="NAME",
    ),
]
Kinds = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        "-k",
        help="feature, short, tv, documentary or segment (a prefix will do: doc).",
        autocompletion=completer("complete_kinds"),
        metavar="KIND",
    ),
]
Credits = Annotated[
    Optional[list[str]],
    typer.Option(
        "--credit",
        help="Her kind of credit: lead, supporting, cameo, voice, herself or director.",
        autocompletion=completer("complete_credits"),
        metavar="CREDIT",
    ),
]
Runtime = Annotated[
    Optional[str],
    typer.Option("--runtime", help="Running time in minutes: <100, 90-120, >150.", metavar="MINUTES"),
]
Languages = Annotated[
    Optional[list[str]],
    typer.Option(
        "--language",
        "-l",
        help="Spoken language, e.g. English.",
        autocompletion=completer("complete_languages"),
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
        autocompletion=completer("complete_formats"),
        show_default=False,
        metavar="FORMAT",
    ),
]
# What a bare `--fields` (no value) stands for (main() rewrites it): argv cannot hold a NUL,
# so no typed value clashes with it.
LIST_FIELDS = "\0"
Fields = Annotated[
    Optional[str],
    typer.Option(
        "--fields",
        help="Columns to show, comma-separated, e.g. year,title. Without a value: list the fields.",
        autocompletion=completer("complete_fields"),
        metavar="FIELDS",
    ),
]
NoHeader = Annotated[bool, typer.Option("--no-header", help="Leave out the header row of tsv and csv.")]
Sort = Annotated[
    str,
    typer.Option(
        "--sort",
        help="year, title, director or awards.",
        autocompletion=completer("complete_sort_keys"),
        metavar="KEY",
    ),
]
Reverse = Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")]
SvgFile = Annotated[
    Optional[str],
    typer.Option("--svg", help="Also write the picture as an SVG file ('-' for stdout).", metavar="FILE"),
]
HtmlFile = Annotated[
    Optional[str],
    typer.Option("--html", help="Also write a self-contained HTML page ('-' for stdout).", metavar="FILE"),
]
Limit = Annotated[
    Optional[int], typer.Option("--limit", "-n", help="Show at most N rows.", min=1, metavar="N")
]


# ---------------------------------------------------------------------------------------
# Output choice


class Output(NamedTuple):
    fmt: str
    fields: tuple[str, ...]
    header: bool
    fields_given: bool  # --fields given: JSON keeps only those keys


def output_choice(
    state: State,
    fmt: str | None,
    fields: str | None,
    header: bool,
    allowed: tuple[str, ...],
    default: tuple[str, ...],
    *,
    field_help: dict[str, str] | None = None,
) -> Output:
    """Validate format and fields at the edge (exit 2) before any work.

    A bare `--fields` lists the fields with their meaning and exits 0.
    """
    term = state.terminal()
    chosen_fmt = (fmt if fmt is not None else ("table" if term.isatty else "plain")).strip().lower()
    if chosen_fmt not in FORMATS:
        raise typer.BadParameter(
            f"{quote(chosen_fmt)} is not a format; choose from {', '.join(FORMATS)}", param_hint="'--format'"
        )
    if fields == LIST_FIELDS:
        _list_fields(allowed, field_help or {})
    if fields is not None and not fields.strip(" ,"):
        raise typer.BadParameter(
            f"needs field names; valid fields: {', '.join(allowed)} (or a bare --fields to list them)",
            param_hint="'--fields'",
        )
    if fields is not None:
        by_lower = {a.lower(): a for a in allowed}
        names = tuple(f.strip() for f in fields.split(",") if f.strip())
        unknown = [n for n in names if n.lower() not in by_lower]
        if unknown or not names:
            raise typer.BadParameter(
                f"unknown field {', '.join(repr(u) for u in unknown) or repr(fields)}; "
                f"valid fields: {', '.join(allowed)}",
                param_hint="'--fields'",
            )
        return Output(chosen_fmt, tuple(by_lower[n.lower()] for n in names), header, True)
    return Output(chosen_fmt, default, header, False)


def _list_fields(allowed: tuple[str, ...], meanings: dict[str, str]) -> NoReturn:
    width = max(len(a) for a in allowed)
    for name in allowed:
        print(f"{name:<{width}}  {meanings.get(name, '')}".rstrip())
    raise typer.Exit(ExitCode.OK)


def emit(
    state: State,
    records: list[dict[str, Any]],
    out: Output,
    *,
    title: str = "",
    all_fields: bool | None = None,
) -> None:
    """Write records as chosen. Titles follow `--titles` in every format but JSON, which
    always carries both `title` and `original_title`."""
    from binoche_cli.output.render import write

    if state.titles != "english" and out.fmt not in ("json", "jsonl") and records:
        from binoche_cli.output.records import retitle

        records = retitle(records, state.catalog(), state.titles)
    if out.fmt == "table":
        # Works not yet released say so where people read the title; data formats keep `status`.
        records = [
            {**r, "title": f"{r['title']} ({r['status']})"}
            if r.get("status") not in (None, "released") and isinstance(r.get("title"), str)
            else r
            for r in records
        ]
    every = not out.fields_given if all_fields is None else all_fields
    write(
        records,
        out.fields,
        out.fmt,
        state.terminal(),
        header=out.header,
        title=title,
        all_fields=every,
        csv_safe=state.csv_safe,
    )


def no_match(reason: str, suggestions: list[str] | None = None) -> NoReturn:
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    message(f"binoche: {reason}{hint}")
    raise typer.Exit(ExitCode.NO_MATCH)


def not_empty(value: str | None, option: str) -> str | None:
    """`--year ''` is a mistake, not "no filter"."""
    if value is not None and not value.strip():
        raise typer.BadParameter("needs a value, not an empty string", param_hint=option)
    return value


# ---------------------------------------------------------------------------------------
# The film filter


def build_film_filter(
    *,
    decade: str | None = None,
    year: str | None = None,
    director: list[str] | None = None,
    award: list[str] | None = None,
    won: bool = False,
    nominated: bool = False,
    costar: list[str] | None = None,
    kind: list[str] | None = None,
    credit: list[str] | None = None,
    runtime: str | None = None,
    language: list[str] | None = None,
    search: str | None = None,
    seen: bool | None = None,
    marks: frozenset[str] | None = None,
    decade_hint: str = "'--decade'",
) -> Any:
    """The `FilmFilter` the options describe; `marks` are the watch-list ids, read by the caller
    only when `seen` is given."""
    from binoche_cli.query.films import FilmFilter, parse_decade, parse_runtime, parse_years, resolve_kinds

    years = []
    try:
        if not_empty(decade, decade_hint) is not None and decade is not None:
            years.append(parse_decade(decade))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=decade_hint) from None
    try:
        if not_empty(year, "'--year'") is not None and year is not None:
            years.append(parse_years(year))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--year'") from None
    minutes = None
    try:
        if not_empty(runtime, "'--runtime'") is not None and runtime is not None:
            minutes = parse_runtime(runtime)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--runtime'") from None
    if won and nominated:
        raise typer.BadParameter("choose one of --won and --nominated", param_hint="'--won'")
    try:
        kinds = resolve_kinds(kind or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--kind'") from None
    if credit:
        from binoche_cli.dataset.catalog import CREDITS

        bad = [c for c in credit if c.lower() not in CREDITS]
        if bad:
            raise typer.BadParameter(
                f"{quote(bad[0])} is not a credit; choose from {', '.join(CREDITS)}", param_hint="'--credit'"
            )
    for option, values in (("--director", director), ("--award", award), ("--with", costar)):
        for value in values or ():
            not_empty(value, f"'{option}'")
    return FilmFilter(
        years=tuple(years),
        directors=tuple(director or ()),
        awards=tuple(award or ()),
        result="won" if won else ("nominated" if nominated else ""),
        costars=tuple(costar or ()),
        kinds=kinds,
        credits=tuple(c.lower() for c in credit or ()),
        runtime=minutes,
        languages=tuple(language or ()),
        search=search or "",
        seen=marks if seen is not None else None,
        seen_wanted=bool(seen),
    )


# The options `build_film_filter` reads, as Typer names the command parameters that carry them.
FILTER_OPTIONS = (
    "decade",
    "year",
    "director",
    "award",
    "won",
    "nominated",
    "costar",
    "kind",
    "credit",
    "runtime",
    "language",
    "search",
    "seen",
)


def filter_from(ctx: typer.Context, **overrides: Any) -> Any:
    """The film filter a command's parsed options describe (`ctx.params`), so each command
    lists its options once, in its signature, and not again in a call."""
    values = {k: v for k, v in ctx.params.items() if k in FILTER_OPTIONS}
    values.update(overrides)
    return build_film_filter(**values, marks=watch_marks(values.get("seen")))


def watch_marks(seen: bool | None) -> frozenset[str] | None:
    """The ids on the watch list, read only when a command's `--seen/--unseen` asks for them."""
    if seen is None:
        return None
    return frozenset(read_marks())


def read_marks() -> dict[str, str]:
    """film id -> date of its latest viewing ('' if undated), for every film watched at least
    once; an unreadable viewing log is exit 3."""
    from binoche_cli.viewing import store as watchlist

    try:
        log = watchlist.read()
    except watchlist.WatchListError as exc:
        message(f"binoche: {exc}")
        raise typer.Exit(ExitCode.DATA) from None
    return {film_id: log.films[film_id].viewings[-1].date or "" for film_id in watchlist.seen_ids(log)}
