"""The fast lane's body: parse argv from the declarations, run the same library functions and
writers as the commands, and print; or raise NotMine so the Typer app answers. Reached only
through the gate in `fast/__init__.py`."""

import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from binoche_cli.cli.declarations import (
    FILTERS,
    LIST_FIELDS,
    OUTPUT,
    ROOT,
    SORT_DEFAULT,
    OptionProblem,
    OptionSpec,
    Output,
    check_color,
    check_data_path,
    check_titles,
    choose_output,
    default_titles,
    film_filter_of,
    filter_options,
    not_empty,
    with_award,
    with_decade,
    with_directors,
)
from binoche_cli.cli.streams import OUTPUT_ERRNOS, output_failed, silence_stdout
from binoche_cli.dataset.catalog import Catalog, DataError, load, resolve_path
from binoche_cli.output import cards, records, shapes
from binoche_cli.output.render import write
from binoche_cli.output.terminal import Terminal
from binoche_cli.query import awards, matching, values
from binoche_cli.query import films as query
from binoche_cli.query.films import FilmFilter

LANE_FORMATS = frozenset(("plain", "tsv", "csv", "json", "jsonl"))


class NotMine(Exception):
    """The lane is not sure: the Typer app answers instead."""


class Command(NamedTuple):
    """What one command takes, by declaration name; tests/test_fast.py checks it against the
    Typer command's parameters."""

    options: frozenset[str]
    positional: str  # "" none, "one" exactly one, "many" one or more


_LISTING = frozenset(("out_format", "fields", "no_header", "limit"))
_SORTED = _LISTING | {"sort", "reverse"}
_ALL_FILTERS = frozenset(FILTERS)
COMMANDS: dict[str, Command] = {  # keys: exactly fast.LANE_COMMANDS (tests/test_fast.py)
    "films": Command(_ALL_FILTERS | _SORTED, ""),
    "decade": Command(_ALL_FILTERS - {"decade"} | _SORTED, "one"),
    "director": Command(_ALL_FILTERS - {"director"} | _SORTED, "many"),
    "award": Command(_ALL_FILTERS - {"award"} | _SORTED, "one"),
    "directors": Command(_ALL_FILTERS | _LISTING, ""),
    "costars": Command(_ALL_FILTERS | _LISTING, ""),
    "together": Command(_ALL_FILTERS | _LISTING, "many"),
    "awards": Command(frozenset(("year", "decade", "won", "nominated")) | _LISTING, ""),
    "search": Command(_LISTING, "many"),
    "film": Command(frozenset(("year", "out_format", "fields")), "many"),
}


class Request(NamedTuple):
    command: str
    values: dict[str, Any]  # declaration name -> value as Typer would pass it
    words: list[str]  # the positional arguments
    root: dict[str, Any]  # the root options before the command: data, color, titles, csv_safe
    after: dict[str, Any]  # and after it (these win, each checked on its own)


def _by_name(dests: frozenset[str]) -> dict[str, tuple[str, OptionSpec, bool]]:
    """Every spelling of the options `dests` -> (dest, spec, the value it sets for a switch)."""
    every = {**FILTERS, **OUTPUT, **ROOT}
    names: dict[str, tuple[str, OptionSpec, bool]] = {}
    for dest in dests:
        spec = every[dest]
        for name in spec.names:
            names[name] = (dest, spec, True)
        for name in spec.off_names:
            names[name] = (dest, spec, False)
    return names


_ROOT_NAMES = _by_name(frozenset(ROOT))


def parse(argv: list[str]) -> Request:
    """argv as the lane understands it, or NotMine. Conservative: a value that starts with a
    dash, an attached short value (`-fjson`), `--`, a repeated single-valued option, all go to
    Typer, whose parser has the final word."""
    root: dict[str, Any] = {}
    rest = list(argv)
    while rest and rest[0].startswith("-"):
        _take(rest, _ROOT_NAMES, root, set())
    if not rest or rest[0] not in COMMANDS:
        raise NotMine
    command = rest.pop(0)
    wanted = COMMANDS[command]
    names = {**_by_name(wanted.options), **_ROOT_NAMES}
    values: dict[str, Any] = {}
    after: dict[str, Any] = {}
    words: list[str] = []
    seen: set[str] = set()
    while rest:
        if rest[0].startswith("-") and rest[0] != "-":
            target = after if rest[0].split("=", 1)[0] in _ROOT_NAMES else values
            _take(rest, names, target, seen)
        else:
            words.append(rest.pop(0))
    if (wanted.positional == "" and words) or (wanted.positional == "one" and len(words) != 1):
        raise NotMine
    if wanted.positional == "many" and not words:
        raise NotMine
    return Request(command, values, words, root, after)


def _take(
    rest: list[str], names: dict[str, tuple[str, OptionSpec, bool]], into: dict[str, Any], seen: set[str]
) -> None:
    """Move one option (and its value) from `rest` into `into`."""
    token = rest.pop(0)
    name, equals, attached = token.partition("=")
    if name not in names or (equals and not name.startswith("--")):
        raise NotMine
    dest, spec, on = names[name]
    if spec.arity in ("flag", "switch"):
        if equals or (dest in seen and spec.arity == "switch"):
            raise NotMine
        into[dest] = on
        seen.add(dest)
        return
    if equals:
        value = attached
    elif rest and not rest[0].startswith("-"):
        value = rest.pop(0)
    else:
        raise NotMine
    if spec.arity == "multiple":
        into.setdefault(dest, []).append(value)
        return
    if dest in seen:
        raise NotMine
    seen.add(dest)
    if spec.arity == "count":
        if not (value.isascii() and value.isdigit()) or spec.minimum is None or int(value) < spec.minimum:
            raise NotMine
        into[dest] = int(value)
        return
    into[dest] = value


def answer(argv: list[str]) -> int | None:
    """Answer `argv` and return the exit code, or None when the Typer app must answer."""
    try:
        request = parse(argv)
        session = _Session(request)
        run = _RUNNERS[request.command]
        writing = run(session, request)
    except (NotMine, OptionProblem, DataError, ValueError, LookupError, OSError):
        # Not sure, or not well-formed: nothing is written yet, and the Typer app answers.
        return None
    for stream in (sys.stdout, sys.stderr):  # as run.main does: never fail on encoding
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        writing()
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRNOS:
            raise
        return output_failed(exc)
    return 0


class _Session:
    """What the root options and the environment say, checked (the lane's `State`)."""

    def __init__(self, request: Request) -> None:
        # Each position is checked, as Typer checks the root callback's and the command's.
        for given in (request.root, request.after):
            check_data_path(given.get("data"))
            check_color(given.get("color"))
            if given.get("titles") is not None:
                check_titles(given["titles"])
        root = {**request.root, **request.after}
        self.data = root.get("data")
        self.color = check_color(root.get("color")) or "auto"
        self.titles = check_titles(root["titles"]) if root.get("titles") is not None else default_titles()
        self.csv_safe = bool(root.get("csv_safe"))
        self.terminal = Terminal.detect(self.color)
        if self.terminal.isatty:  # a terminal gets tables and colours: Typer's side
            raise NotMine
        self.values = request.values
        self._catalog: Catalog | None = None

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = load(resolve_path(self.data), one_shot=True)
        return self._catalog

    def output(self, allowed: tuple[str, ...], default: tuple[str, ...], *, fields: bool = True) -> Output:
        given = self.values.get("fields") if fields else None
        if given == LIST_FIELDS:
            raise NotMine
        chosen = choose_output(
            self.values.get("out_format"),
            given,
            not self.values.get("no_header", False),
            allowed,
            default,
            isatty=False,
        )
        if chosen is None or chosen.fmt not in LANE_FORMATS:
            raise NotMine
        return chosen

    def film_filter(self) -> FilmFilter:
        options = filter_options(self.values)
        return film_filter_of(options, _watch_marks() if options.seen is not None else None)

    def limited(self, rows: list[Any]) -> list[Any]:
        limit = self.values.get("limit")
        return rows[:limit] if limit is not None else rows

    def emit(self, records: list[dict[str, Any]], out: Output, *, title: str = "") -> Callable[[], None]:
        """As options.emit, for the machine formats."""
        if not records:
            raise NotMine  # "nothing matched" is worded by the command
        if self.titles != "english" and out.fmt not in ("json", "jsonl"):
            records = cards.retitle(records, self.catalog(), self.titles)
        term = self.terminal

        def writing() -> None:
            write(
                records,
                out.fields,
                out.fmt,
                term,
                header=out.header,
                title=title,
                all_fields=not out.fields_given,
                csv_safe=self.csv_safe,
            )

        return writing


def _watch_marks() -> frozenset[str]:
    from binoche_cli.viewing import store

    try:
        return frozenset(store.seen_ids(store.read()))
    except store.WatchListError:
        raise NotMine from None


def _list_films(
    session: _Session, film_filter: FilmFilter, *, title: str = "", pinned: tuple[str, ...] = ()
) -> Callable[[], None]:
    sort = session.values.get("sort", SORT_DEFAULT)
    if sort not in query.SORT_KEYS:
        raise NotMine
    default = tuple(f for f in shapes.FILM_DEFAULT if f not in pinned)
    out = session.output(shapes.FILM_FIELDS, default)
    catalog = session.catalog()
    found = query.filter_films(catalog, film_filter)
    films = session.limited(
        query.sort_films(catalog, found, sort, session.values.get("reverse", False), titles=session.titles)
    )
    narrowed = bool(film_filter.awards or film_filter.result)
    rows = [
        records.film_record(catalog, f, query.relevant_awards(catalog, f, film_filter) if narrowed else None)
        for f in films
    ]
    return session.emit(rows, out, title=title)


def _films(session: _Session, request: Request) -> Callable[[], None]:
    return _list_films(session, session.film_filter())


def _decade(session: _Session, request: Request) -> Callable[[], None]:
    film_filter = with_decade(session.film_filter(), request.words[0])
    return _list_films(session, film_filter, title=f"{film_filter.years[0].first}s")


def _director(session: _Session, request: Request) -> Callable[[], None]:
    film_filter = with_directors(session.film_filter(), request.words)
    found = [
        d
        for d in matching.all_directors(session.catalog())
        if any(matching.matches(n, d) for n in request.words)
    ]
    pinned = ("directors",) if len(found) == 1 else ()
    return _list_films(session, film_filter, title=", ".join(found), pinned=pinned)


def _award(session: _Session, request: Request) -> Callable[[], None]:
    return _list_films(session, with_award(session.film_filter(), request.words[0]))


def _directors(session: _Session, request: Request) -> Callable[[], None]:
    from binoche_cli.query.summaries import director_summaries

    out = session.output(shapes.DIRECTOR_FIELDS, shapes.DIRECTOR_DEFAULT)
    film_filter = session.film_filter()
    catalog = session.catalog()
    rows = session.limited(director_summaries(catalog, query.filter_films(catalog, film_filter), 1))
    return session.emit([records.director_record(r) for r in rows], out)


def _costars(session: _Session, request: Request) -> Callable[[], None]:
    from binoche_cli.query.people import costar_summaries

    out = session.output(shapes.COSTAR_FIELDS, shapes.COSTAR_DEFAULT)
    film_filter = session.film_filter()
    catalog = session.catalog()
    rows = session.limited(costar_summaries(query.filter_films(catalog, film_filter), 1))
    return session.emit([records.costar_record(r) for r in rows], out)


def _together(session: _Session, request: Request) -> Callable[[], None]:
    from binoche_cli.query.people import find_people, works_together
    from binoche_cli.text import visible

    out = session.output(shapes.TOGETHER_FIELDS, shapes.TOGETHER_DEFAULT)
    film_filter = session.film_filter()
    catalog = session.catalog()
    persons: list[str] = []
    for name in request.words:
        not_empty(name, "'NAME'")
        found = find_people(catalog, name)
        if len(found) != 1:
            raise NotMine
        persons.append(found[0])
    persons = list(dict.fromkeys(persons))
    rows = session.limited(works_together(query.filter_films(catalog, film_filter), persons))
    title = " & ".join(visible(p) for p in persons)
    return session.emit([records.together_record(r) for r in rows], out, title=title)


def _awards(session: _Session, request: Request) -> Callable[[], None]:
    out = session.output(shapes.AWARD_FIELDS, shapes.AWARD_DEFAULT)
    spans = session.film_filter().years
    won, nominated = session.values.get("won", False), session.values.get("nominated", False)
    catalog = session.catalog()
    award_filter = awards.AwardFilter(
        bodies=(), years=spans, result="won" if won else ("nominated" if nominated else ""), film=""
    )
    rows = session.limited(awards.filter_awards(catalog, award_filter))
    return session.emit([records.award_record(a, catalog) for a in rows], out)


def _search(session: _Session, request: Request) -> Callable[[], None]:
    text = " ".join(request.words)
    not_empty(text, "'QUERY'")
    out = session.output(shapes.SEARCH_FIELDS, shapes.SEARCH_DEFAULT)
    hits = session.limited(query.search_everything(session.catalog(), text))
    return session.emit([records.search_record(h) for h in hits], out)


def _film(session: _Session, request: Request) -> Callable[[], None]:
    out = session.output(shapes.FILM_FIELDS, shapes.FILM_FIELDS)
    catalog = session.catalog()
    text = " ".join(request.words)
    not_empty(text, "'TITLE'")
    year = session.values.get("year")
    span = values.parse_years(year) if not_empty(year, "'--year'") is not None and year is not None else None
    found, _ = matching.find_film_candidates(catalog, text, span)
    if len(found) != 1:
        raise NotMine
    return lambda: cards.write_film(
        catalog,
        found[0],
        out.fmt,
        out.fields,
        out.fields_given,
        session.terminal,
        titles=session.titles,
        csv_safe=session.csv_safe,
    )


_RUNNERS: dict[str, Callable[[_Session, Request], Callable[[], None]]] = {
    "films": _films,
    "decade": _decade,
    "director": _director,
    "award": _award,
    "directors": _directors,
    "costars": _costars,
    "together": _together,
    "awards": _awards,
    "search": _search,
    "film": _film,
}
