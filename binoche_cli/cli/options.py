"""The shared options, defined once, and what every command builds from them: the output
choice (format, fields, header) and the film filter.

Values are validated here, at the edge: a bad `--decade` is a usage error (exit 2) before any
work is done.
"""

import contextlib
import functools
import inspect
import os
from collections.abc import Callable, Iterator
from typing import Annotated, Any, NoReturn, Optional, TypeVar

import typer

from binoche_cli.cli import declarations
from binoche_cli.cli.app import ExitCode, State, declared_option
from binoche_cli.cli.declarations import (
    FILTERS,
    OUTPUT,
    FilterOptions,
    OptionProblem,
    OptionSpec,
    Output,
    choose_output,
    film_filter_of,
    filter_options,
)
from binoche_cli.output.render import message
from binoche_cli.query.films import FilmFilter

# Typer inspects every completion callback while building a command, so they are attached
# only when the shell asks for completions (Typer sets _BINOCHE_COMPLETE), not on every run.
_COMPLETING = "_BINOCHE_COMPLETE" in os.environ


def completer(name: str) -> Any:
    if not _COMPLETING:
        return None
    from binoche_cli.cli import completion

    return getattr(completion, name, None)


def typer_option(spec: OptionSpec) -> Any:
    """The Typer option a declaration describes, with its completer when completing."""
    return declared_option(spec, autocompletion=completer(spec.completer) if spec.completer else None)


# The Typer type of each arity; `FilterOptions` holds the same values as tuples.
_TYPER_TYPES: dict[str, Any] = {
    "value": Optional[str],
    "multiple": Optional[list[str]],
    "flag": bool,
    "switch": Optional[bool],
    "count": Optional[int],
}


def typer_parameter(spec: OptionSpec) -> Any:
    """`Annotated[type, typer.Option(...)]` for one declared option."""
    return Annotated[_TYPER_TYPES[spec.arity], typer_option(spec)]


Decade = Annotated[Optional[str], typer_option(FILTERS["decade"])]
Years = Annotated[Optional[str], typer_option(FILTERS["year"])]
Directors = Annotated[Optional[list[str]], typer_option(FILTERS["director"])]
AwardsOpt = Annotated[Optional[list[str]], typer_option(FILTERS["award"])]
Won = Annotated[bool, typer_option(FILTERS["won"])]
Nominated = Annotated[bool, typer_option(FILTERS["nominated"])]
Costars = Annotated[Optional[list[str]], typer_option(FILTERS["costar"])]
Kinds = Annotated[Optional[list[str]], typer_option(FILTERS["kind"])]
Credits = Annotated[Optional[list[str]], typer_option(FILTERS["credit"])]
Runtime = Annotated[Optional[str], typer_option(FILTERS["runtime"])]
Languages = Annotated[Optional[list[str]], typer_option(FILTERS["language"])]
Search = Annotated[Optional[str], typer_option(FILTERS["search"])]
Seen = Annotated[Optional[bool], typer_option(FILTERS["seen"])]
Format = Annotated[Optional[str], typer_option(OUTPUT["out_format"])]
Fields = Annotated[Optional[str], typer_option(OUTPUT["fields"])]
NoHeader = Annotated[bool, typer_option(OUTPUT["no_header"])]
Sort = Annotated[str, typer_option(OUTPUT["sort"])]
Reverse = Annotated[bool, typer_option(OUTPUT["reverse"])]
SvgFile = Annotated[
    Optional[str],
    typer.Option("--svg", help="Also write the picture as an SVG file ('-' for stdout).", metavar="FILE"),
]
HtmlFile = Annotated[
    Optional[str],
    typer.Option("--html", help="Also write a self-contained HTML page ('-' for stdout).", metavar="FILE"),
]
Limit = Annotated[Optional[int], typer_option(OUTPUT["limit"])]


# ---------------------------------------------------------------------------------------
# Output choice


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
    with usage_errors():
        chosen = choose_output(fmt, fields, header, allowed, default, isatty=state.terminal().isatty)
    if chosen is None:
        _list_fields(allowed, field_help or {})
    return chosen


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
        from binoche_cli.output.cards import retitle

        records = retitle(records, state.catalog(), state.titles)
    if out.fmt == "table" and records:
        from binoche_cli.output.cards import mark_unreleased

        records = mark_unreleased(records, state.catalog(), state.titles)
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
    with usage_errors():
        return declarations.not_empty(value, option)


@contextlib.contextmanager
def usage_errors() -> Iterator[None]:
    """A declaration's failed check (`OptionProblem`) as Typer's usage error: exit 2."""
    try:
        yield
    except OptionProblem as problem:
        raise typer.BadParameter(problem.text, param_hint=problem.hint) from None


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
) -> FilmFilter:
    """The `FilmFilter` the options describe; `marks` are the watch-list ids, read by the caller
    only when `seen` is given."""
    options = FilterOptions(
        decade=decade,
        year=year,
        director=tuple(director or ()),
        award=tuple(award or ()),
        won=won,
        nominated=nominated,
        costar=tuple(costar or ()),
        kind=tuple(kind or ()),
        credit=tuple(credit or ()),
        runtime=runtime,
        language=tuple(language or ()),
        search=search,
        seen=seen,
    )
    with usage_errors():
        return film_filter_of(options, marks, decade_hint=decade_hint)


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])
NO_FILTER = FilmFilter()  # the default a decorated command declares; the decorator replaces it


def film_filters(*, exclude: tuple[str, ...] = ()) -> Callable[[CommandFunction], CommandFunction]:
    """Give a command every film filter (but `exclude`), handed to it as one checked
    `film_filter: FilmFilter` parameter, as sqlite-utils' `output_options` decorator does.

    The command declares `film_filter: FilmFilter = NO_FILTER` where the filter options should
    appear in its help; Typer sees the options declared in `FilterOptions` in its place.
    """
    unknown = set(exclude) - set(FILTERS)
    assert not unknown, f"not filters: {unknown}"
    taken = [name for name in FilterOptions._fields if name not in exclude]

    def decorate(command: CommandFunction) -> CommandFunction:
        signature = inspect.signature(command)
        assert "film_filter" in signature.parameters, f"{command.__name__} takes no film_filter"
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name != "film_filter":
                parameters.append(parameter)
                continue
            parameters.extend(
                inspect.Parameter(
                    name,
                    parameter.kind,
                    default=FilterOptions._field_defaults[name],
                    annotation=typer_parameter(FILTERS[name]),
                )
                for name in taken
            )

        @functools.wraps(command)
        def with_filter(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in taken if name in kwargs}
            options = filter_options(given)
            with usage_errors():
                kwargs["film_filter"] = film_filter_of(options, watch_marks(options.seen))
            return command(*args, **kwargs)

        # Typer reads the signature (it stops at `__signature__`) and, for plain parameters,
        # the annotations.
        with_filter.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=parameters
        )
        with_filter.__annotations__ = {
            **{k: v for k, v in command.__annotations__.items() if k != "film_filter"},
            **{p.name: p.annotation for p in parameters},
        }
        return with_filter  # type: ignore[return-value]

    return decorate


def with_decade(film_filter: FilmFilter, text: str) -> FilmFilter:
    with usage_errors():
        return declarations.with_decade(film_filter, text)


def with_directors(film_filter: FilmFilter, names: list[str]) -> FilmFilter:
    with usage_errors():
        return declarations.with_directors(film_filter, names)


def with_award(film_filter: FilmFilter, name: str) -> FilmFilter:
    with usage_errors():
        return declarations.with_award(film_filter, name)


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
