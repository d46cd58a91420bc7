"""The shared command-line options, declared once as plain data, and their checks.

No Typer here: `options.py` builds the Typer parameters from these declarations, and the fast
lane (`fast/`) its argv parser, so the two cannot disagree on a name, a short flag or a check.
Adding a film filter is one field in `FilterOptions` and one line in `film_filter_of` (plus
the matching in `query.films`); every command that lists or counts films then offers it.

A failed check raises `OptionProblem`; `options.py` turns it into Typer's usage error (exit 2),
the fast lane into "not mine: let the framework answer".
"""

import os
from typing import Annotated, Any, Literal, NamedTuple

from binoche_cli.output.render import FORMATS
from binoche_cli.output.terminal import COLOR_MODES
from binoche_cli.query.films import FilmFilter
from binoche_cli.query.filters import FilterError, film_filter
from binoche_cli.query.values import parse_decade
from binoche_cli.text import quote

# value: one string; multiple: repeatable string; flag: on/off; switch: --x/--no-x (None
# when absent); count: a whole number >= `minimum`.
Arity = Literal["value", "multiple", "flag", "switch", "count"]


class OptionSpec(NamedTuple):
    """One option as the user types it."""

    names: tuple[str, ...]  # long name first, then aliases and short flags
    help: str
    arity: Arity = "value"
    metavar: str = ""
    completer: str = ""  # a function of cli/completion.py
    off_names: tuple[str, ...] = ()  # a switch's negative form: --unseen
    minimum: int | None = None  # a count's least value
    show_default: bool = True


def specs_of(options: type) -> dict[str, OptionSpec]:
    """The declarations carried by a NamedTuple's `Annotated` fields, by field name."""
    found: dict[str, OptionSpec] = {}
    for name, hint in options.__annotations__.items():
        (spec,) = (m for m in getattr(hint, "__metadata__", ()) if isinstance(m, OptionSpec))
        found[name] = spec
    return found


class OptionProblem(ValueError):
    """A value the options cannot take: `hint` names the option, as Click's param_hint."""

    def __init__(self, text: str, hint: str) -> None:
        super().__init__(text)
        self.text = text
        self.hint = hint


# ---------------------------------------------------------------------------------------
# The film filter: every command that lists or counts films takes these.


class FilterOptions(NamedTuple):
    """The film filter as typed: one field per option, in the order `--help` lists them."""

    decade: Annotated[
        str | None,
        OptionSpec(
            ("--decade",),
            "Only this decade: 1990s, 1990, 90s or '90s.",
            metavar="DECADE",
            completer="complete_decades",
        ),
    ] = None
    year: Annotated[
        str | None,
        OptionSpec(
            ("--year", "-y"), "A year or range: 1993, 93, 1990-1999, 2010- or -1990.", metavar="YEARS"
        ),
    ] = None
    director: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--director", "-d"),
            "Directed by (part of a name; repeat for any of several).",
            "multiple",
            metavar="NAME",
            completer="complete_directors",
        ),
    ] = ()
    award: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--award", "-a"),
            "Has an award whose body or category matches: cesar, oscar, volpi, cannes...",
            "multiple",
            metavar="AWARD",
            completer="complete_bodies",
        ),
    ] = ()
    won: Annotated[bool, OptionSpec(("--won",), "Only awards won.", "flag")] = False
    nominated: Annotated[bool, OptionSpec(("--nominated",), "Only nominations not won.", "flag")] = False
    costar: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--costar", "--with"),
            "Starring with (repeat: with all of them).",
            "multiple",
            metavar="NAME",
            completer="complete_costars",
        ),
    ] = ()
    kind: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--kind", "-k"),
            "feature, short, tv, documentary or segment (a prefix will do: doc).",
            "multiple",
            metavar="KIND",
            completer="complete_kinds",
        ),
    ] = ()
    credit: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--credit",),
            "Her kind of credit: lead, supporting, cameo, voice, herself or director.",
            "multiple",
            metavar="CREDIT",
            completer="complete_credits",
        ),
    ] = ()
    runtime: Annotated[
        str | None,
        OptionSpec(("--runtime",), "Running time in minutes: <100, 90-120, >150.", metavar="MINUTES"),
    ] = None
    language: Annotated[
        tuple[str, ...],
        OptionSpec(
            ("--language", "-l"),
            "Spoken language, e.g. English.",
            "multiple",
            metavar="LANGUAGE",
            completer="complete_languages",
        ),
    ] = ()
    search: Annotated[
        str | None,
        OptionSpec(
            ("--search", "-s"), "Text in any title, alternative title, role or notes.", metavar="TEXT"
        ),
    ] = None
    seen: Annotated[
        bool | None,
        OptionSpec(
            ("--seen",),
            "Only films in / not in your viewing log (seen at least once, or never).",
            "switch",
            off_names=("--unseen",),
            show_default=False,
        ),
    ] = None


FILTERS: dict[str, OptionSpec] = specs_of(FilterOptions)


def filter_options(given: dict[str, Any]) -> FilterOptions:
    """`FilterOptions` from parsed values by name (a repeated option's list becomes a tuple;
    None is "not given")."""
    values: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in given.items()
        if name in FILTERS and value is not None
    }
    return FilterOptions(**values)


def not_empty(value: str | None, hint: str) -> str | None:
    """`--year ''` is a mistake, not "no filter"."""
    if value is not None and not value.strip():
        raise OptionProblem("needs a value, not an empty string", hint)
    return value


def _parsed(parse: Any, value: str | None, hint: str) -> Any:
    if not_empty(value, hint) is None:
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise OptionProblem(str(exc), hint) from None


def film_filter_of(
    options: FilterOptions, marks: frozenset[str] | None = None, *, decade_hint: str = "'--decade'"
) -> FilmFilter:
    """The `FilmFilter` the options describe, checked in the order of the options by the
    library's own builder (query.filters), so the CLI and `catalog.films()` read values alike.
    `marks` are the viewing-log ids, read by the caller only when `seen` is given."""
    try:
        return film_filter(
            decade=options.decade,
            year=options.year,
            director=options.director,
            award=options.award,
            won=options.won,
            nominated=options.nominated,
            costar=options.costar,
            kind=options.kind,
            credit=options.credit,
            runtime=options.runtime,
            language=options.language,
            search=options.search,
            seen=options.seen,
            seen_ids=marks or frozenset(),
            decade_option=decade_hint.strip("'"),
        )
    except FilterError as exc:
        raise OptionProblem(exc.reason, f"'{exc.option}'") from None


def with_decade(film_filter: FilmFilter, text: str, hint: str = "'DECADE'") -> FilmFilter:
    """`binoche decade TEXT`: the decade first, before any `--year`."""
    span = _parsed(parse_decade, text, hint)
    return film_filter._replace(years=(span, *film_filter.years))


def with_directors(film_filter: FilmFilter, names: list[str]) -> FilmFilter:
    """`binoche director NAME...`: films by any of them."""
    for name in names:
        not_empty(name, "'--director'")
    return film_filter._replace(directors=tuple(names))


def with_award(film_filter: FilmFilter, name: str) -> FilmFilter:
    """`binoche award NAME`."""
    not_empty(name, "'AWARD'")
    return film_filter._replace(awards=(name,))


# ---------------------------------------------------------------------------------------
# The output choice and the order of a listing.

OUTPUT: dict[str, OptionSpec] = {
    "out_format": OptionSpec(
        ("--format", "-f"),
        "table, plain, tsv, csv, json, jsonl or markdown. Default: table on a terminal, plain in a pipe.",
        metavar="FORMAT",
        completer="complete_formats",
        show_default=False,
    ),
    "fields": OptionSpec(
        ("--fields",),
        "Columns to show, comma-separated, e.g. year,title. Without a value: list the fields.",
        metavar="FIELDS",
        completer="complete_fields",
    ),
    "no_header": OptionSpec(("--no-header",), "Leave out the header row of tsv and csv.", "flag"),
    "sort": OptionSpec(
        ("--sort",), "year, title, director or awards.", metavar="KEY", completer="complete_sort_keys"
    ),
    "reverse": OptionSpec(("--reverse", "-r"), "Reverse the order.", "flag"),
    "limit": OptionSpec(("--limit", "-n"), "Show at most N rows.", "count", metavar="N", minimum=1),
}
SORT_DEFAULT = "year"
# What a bare `--fields` (no value) stands for (main() rewrites it): argv cannot hold a NUL,
# so no typed value clashes with it.
LIST_FIELDS = "\0"


class Output(NamedTuple):
    fmt: str
    fields: tuple[str, ...]
    header: bool
    fields_given: bool  # --fields given: JSON keeps only those keys


def choose_output(
    fmt: str | None,
    fields: str | None,
    header: bool,
    allowed: tuple[str, ...],
    default: tuple[str, ...],
    *,
    isatty: bool,
) -> Output | None:
    """The format and fields chosen, checked; None for a bare `--fields` (list the fields)."""
    chosen_fmt = (fmt if fmt is not None else ("table" if isatty else "plain")).strip().lower()
    if chosen_fmt not in FORMATS:
        raise OptionProblem(
            f"{quote(chosen_fmt)} is not a format; choose from {', '.join(FORMATS)}", "'--format'"
        )
    if fields == LIST_FIELDS:
        return None
    if fields is not None and not fields.strip(" ,"):
        raise OptionProblem(
            f"needs field names; valid fields: {', '.join(allowed)} (or a bare --fields to list them)",
            "'--fields'",
        )
    if fields is not None:
        by_lower = {a.lower(): a for a in allowed}
        names = tuple(f.strip() for f in fields.split(",") if f.strip())
        unknown = [n for n in names if n.lower() not in by_lower]
        if unknown or not names:
            raise OptionProblem(
                f"unknown field {', '.join(repr(u) for u in unknown) or repr(fields)}; "
                f"valid fields: {', '.join(allowed)}",
                "'--fields'",
            )
        return Output(chosen_fmt, tuple(by_lower[n.lower()] for n in names), header, True)
    return Output(chosen_fmt, default, header, False)


# ---------------------------------------------------------------------------------------
# The root options: taken before the command and after it (`binoche films --color never`).


class RootOptions(NamedTuple):
    data: Annotated[
        str | None,
        OptionSpec(
            ("--data",), "Read another dataset file of the same schema (also: BINOCHE_DATA).", metavar="PATH"
        ),
    ] = None
    color: Annotated[
        str | None,
        OptionSpec(
            ("--color",),
            "auto, always or never (beats NO_COLOR and FORCE_COLOR).",
            metavar="MODE",
            completer="complete_color_modes",
        ),
    ] = None
    titles: Annotated[
        str | None,
        OptionSpec(
            ("--titles",),
            "english, original or both: the titles shown (also: BINOCHE_TITLES; JSON has both).",
            metavar="LANG",
            completer="complete_title_modes",
        ),
    ] = None
    csv_safe: Annotated[
        bool,
        OptionSpec(
            ("--csv-safe",),
            "In CSV, prefix cells starting with = + - @ with ' so spreadsheets do not run them.",
            "flag",
        ),
    ] = False


ROOT: dict[str, OptionSpec] = specs_of(RootOptions)
TITLE_MODES = ("english", "original", "both")


def check_data_path(value: str | None, hint: str = "'--data'") -> str | None:
    if value is not None and not value.strip():
        raise OptionProblem("needs a file path, not an empty string", hint)
    return value


def check_color(value: str | None) -> str | None:
    if value is not None and value.lower() not in COLOR_MODES:
        raise OptionProblem(f"{quote(value)}; choose from {', '.join(COLOR_MODES)}", "'--color'")
    return value.lower() if value is not None else None


def check_titles(value: str, hint: str = "'--titles'") -> str:
    mode = value.strip().lower()
    found = [m for m in TITLE_MODES if m.startswith(mode)] if mode else []
    if len(found) != 1:
        raise OptionProblem(f"{quote(value)}; choose from {', '.join(TITLE_MODES)}", hint)
    return found[0]


def default_titles() -> str:
    """The titles mode when `--titles` is not given: BINOCHE_TITLES, else english."""
    return check_titles(os.environ.get("BINOCHE_TITLES") or "english", "BINOCHE_TITLES")


def every_option() -> dict[str, OptionSpec]:
    """Every declared option by its parameter name."""
    return {**FILTERS, **OUTPUT, **ROOT}
