"""Your viewing log: log, list and rate viewings; stats. Moving it in and out (import,
export, backup, restore) is in `history`.

The work happens elsewhere: `watchlist` (the log file and its pure helpers), `exchange`
(other services' formats) and `files` (bounded reads, atomic writes). These commands validate
their options first (exit 2), then read or change the log under its lock.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional, TypeVar

import typer

from binoche_cli.cli.app import ExitCode, command, state_of, sub_app
from binoche_cli.cli.commands.card import TitleWords, one_film
from binoche_cli.cli.options import Fields, Format, Limit, NoHeader, completer, emit, no_match, output_choice
from binoche_cli.output.render import message
from binoche_cli.text import plural, visible

if TYPE_CHECKING:
    from binoche_cli.viewing.store import Viewing, ViewingLog

seen_app = sub_app(
    "Your viewing log: what you watched, when, and how you rated it; import from Letterboxd, "
    "IMDb or Trakt, export, back up."
)

# Far above any real history (a 20-year Letterboxd diary is a few MB).
MAX_IMPORT_BYTES = 50 * 1024 * 1024

DateOpt = Annotated[
    Optional[str], typer.Option("--date", help="The day you watched it: YYYY-MM-DD.", metavar="DATE")
]


def fail(text: str, code: ExitCode = ExitCode.DATA) -> NoReturn:
    message(f"binoche: {text}")
    raise typer.Exit(code)


def read_log() -> "ViewingLog":
    from binoche_cli.viewing import store as watchlist

    try:
        return watchlist.read()
    except watchlist.WatchListError as exc:
        fail(str(exc))


def update_log(change: Callable[["ViewingLog"], "ViewingLog"]) -> tuple["ViewingLog", "ViewingLog"]:
    from binoche_cli.viewing import store as watchlist

    try:
        return watchlist.update(change)
    except watchlist.WatchListError as exc:
        fail(str(exc))


Parsed = TypeVar("Parsed")


def _checked(parse: Callable[[str], Parsed], value: str, option: str) -> Parsed:
    """A user's value through a watchlist parser; its ValueError is a usage error (exit 2)."""
    try:
        return parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _viewing_text(viewing: "Viewing") -> str:
    parts = [f"on {viewing.date}" if viewing.date else "undated"]
    if viewing.rating is not None:
        parts.append(f"rated {viewing.rating:g}")
    if viewing.rewatch:
        parts.append("rewatch")
    if viewing.tags:
        parts.append("tags " + ", ".join(viewing.tags))
    return ", ".join(parts)


@command(seen_app, "add")
def seen_add(
    ctx: typer.Context,
    title: TitleWords,
    date: DateOpt = None,
    rating: Annotated[
        Optional[str], typer.Option("--rating", help="0.5 to 5 in halves, e.g. 4.5.", metavar="STARS")
    ] = None,
    tag: Annotated[
        Optional[list[str]],
        typer.Option(
            "--tag", "-t", help="A short label (repeat for several): cinema, tv, festival.", metavar="TAG"
        ),
    ] = None,
    note: Annotated[
        Optional[str], typer.Option("--note", help="A short note (500 characters).", metavar="TEXT")
    ] = None,
    rewatch: Annotated[
        Optional[bool],
        typer.Option(
            "--rewatch/--first-time",
            help="Mark it a rewatch, or not. Default: a rewatch when the log already has a viewing.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Log a viewing of a film. Today unless --date, with an optional rating, tags and note.

    A film can be logged many times; one viewing per day. A trailing year picks among
    namesakes (paris 2008).

    \b
    Examples:
      binoche seen add "three colors blue"
      binoche seen add damage --date 2024-03-01 --rating 4.5 --tag cinema --note "35mm print"
      binoche seen add paris 2008 --rewatch
    """
    import datetime

    from binoche_cli.viewing import store as watchlist
    from binoche_cli.viewing.store import Viewing

    # Every value is checked before the dataset or the log is touched (exit 2).
    day = _checked(watchlist.parse_date, date, "'--date'") if date is not None else None
    stars = _checked(watchlist.parse_rating, rating, "'--rating'") if rating is not None else None
    tags = [_checked(watchlist.parse_tag, t, "'--tag'") for t in tag or ()]
    text = _checked(watchlist.parse_note, note, "'--note'") if note is not None else ""
    when = day or datetime.date.today().isoformat()
    catalog = state_of(ctx).catalog()
    film = one_film(catalog, " ".join(title))
    # What happened under the lock: ("added" | "exists", the viewing, its number for the film).
    outcome: list[tuple[str, Viewing, int]] = []

    def add(log: "ViewingLog") -> "ViewingLog":
        earlier = watchlist.viewings_of(log, film.id)
        same_day = [v for v in earlier if v.date == when]
        if same_day:
            outcome.append(("exists", same_day[-1], len(earlier)))
            return log
        viewing = Viewing(
            date=when,
            rating=stars,
            rewatch=bool(earlier) if rewatch is None else rewatch,
            tags=tuple(dict.fromkeys(tags)),
            note=text,
        )
        outcome.append(("added", viewing, len(earlier) + 1))
        return watchlist.add_viewing(log, film.id, viewing)

    update_log(add)
    what, viewing, number = outcome[-1]
    if what == "exists":
        message(
            f"binoche: {film.title} ({film.year}) is already logged on {when} ({_viewing_text(viewing)}); "
            f"nothing changed. To change it: binoche seen remove {film.id} --date {when}, then add it again"
        )
        return
    message(
        f"binoche: logged {film.title} ({film.year}) {_viewing_text(viewing)}; viewing {number} of this film"
    )


LoggedTitleWords = Annotated[
    list[str],
    typer.Argument(
        metavar="TITLE",
        help="A film in your log: any title or id; a trailing year picks among namesakes.",
        autocompletion=completer("complete_seen_titles"),
        show_default=False,
    ),
]


@command(seen_app, "remove")
def seen_remove(ctx: typer.Context, title: LoggedTitleWords, date: DateOpt = None) -> None:
    """Take viewings of a film off the log. The one on --date, or all of them.

    \b
    Examples:
      binoche seen remove damage --date 2024-03-01
      binoche seen remove damage
    """
    from binoche_cli.viewing import store as watchlist

    day = _checked(watchlist.parse_date, date, "'--date'") if date is not None else None
    catalog = state_of(ctx).catalog()
    film = one_film(catalog, " ".join(title))
    before, after = update_log(lambda log: watchlist.remove_viewings(log, film.id, day))
    removed = watchlist.viewing_count(before, film.id) - watchlist.viewing_count(after, film.id)
    if not removed:
        where = f" on {day}" if day else ""
        no_match(f"no viewing of {film.title} ({film.year}){where} in the log; nothing changed")
    left = watchlist.viewing_count(after, film.id)
    message(
        f"binoche: removed {plural(removed, 'viewing')} of {visible(film.title)} ({film.year}); {left} left"
    )


@command(seen_app, "list")
def seen_list(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="Every viewing, not only each film's latest.")] = False,
    year: Annotated[
        Optional[int],
        typer.Option("--year", "-y", help="Watched in this year.", min=1900, max=9999, metavar="YEAR"),
    ] = None,
    rating: Annotated[
        Optional[str], typer.Option("--rating", help="Rated: 4, >=4, <3 or 3-4.5.", metavar="STARS")
    ] = None,
    tag: Annotated[
        Optional[list[str]], typer.Option("--tag", "-t", help="Tagged (repeat: all of them).", metavar="TAG")
    ] = None,
    limit: Limit = None,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """The films you watched, with your ratings. In the order you watched them.

    One row per film (its latest matching viewing, how many times you watched it, your mean
    rating), or one per viewing with --all. Filters apply to viewings.

    \b
    Examples:
      binoche seen list
      binoche seen list --all --year 2024
      binoche seen list --rating '>=4' -f json
      binoche seen list --tag cinema --fields date,title,rating
    """
    from binoche_cli.output.records import seen_record
    from binoche_cli.output.shapes import FIELD_MEANINGS, SEEN_DEFAULT, SEEN_FIELDS, VIEWING_DEFAULT
    from binoche_cli.viewing import store as watchlist

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        SEEN_FIELDS,
        VIEWING_DEFAULT if every else SEEN_DEFAULT,
        field_help=FIELD_MEANINGS["seen"],
    )
    stars = _checked(watchlist.parse_rating_filter, rating, "'--rating'") if rating is not None else None
    tags = tuple(_checked(watchlist.parse_tag, t, "'--tag'") for t in tag or ())
    viewing_filter = watchlist.ViewingFilter(year=year, rating=stars, tags=tags)
    log = read_log()
    catalog = state.catalog()
    pairs = watchlist.filter_viewings(log, viewing_filter)
    rows = []
    if every:
        for film_id, viewing in pairs:
            film = catalog.film(film_id)
            if film is not None:
                rows.append(
                    seen_record(
                        film,
                        viewing,
                        watchlist.viewing_count(log, film_id),
                        watchlist.film_mean_rating(log, film_id),
                    )
                )
    else:
        for summary in watchlist.summarise_films(pairs):
            film = catalog.film(summary.film_id)
            if film is not None:
                rows.append(
                    seen_record(
                        film,
                        summary.last,
                        watchlist.viewing_count(log, summary.film_id),
                        watchlist.film_mean_rating(log, summary.film_id),
                    )
                )
    # In the order watched; undated viewings first, as they happened at some earlier time.
    rows.sort(key=lambda r: (r["date"] is not None, r["date"] or "", r["year"], r["title"]))
    if limit is not None:
        rows = rows[:limit]
    unknown = sorted(watchlist.seen_ids(log) - {f.id for f in catalog.films})
    if unknown:
        message(
            f"binoche: {plural(len(unknown), 'film')} in the log not in this dataset, kept as they are: "
            + ", ".join(unknown)
        )
    if not rows:
        emit(state, [], out)
        if not watchlist.seen_ids(log):
            no_match("the viewing log is empty; log a film with 'binoche seen add TITLE'")
        no_match("no viewing matches the filters")
    emit(state, rows, out)


@command(seen_app, "stats")
def seen_stats(
    ctx: typer.Context,
    out_format: Format = None,
    fields: Fields = None,
    no_header: NoHeader = False,
) -> None:
    """How much of the career you have seen. By decade and kind; viewings per year; your
    average rating by director; the award winners you have not seen yet.

    On a terminal, bars like `binoche stats`; in a pipe, with --fields or another -f,
    section/key/value rows.
    With an empty log the numbers are still shown (nothing seen yet) and the exit code is 1,
    as for `seen list`: a script can tell that nothing is logged.

    \b
    Examples:
      binoche seen stats
      binoche seen stats -f json
    """
    from binoche_cli.output.records import seen_stat_records
    from binoche_cli.output.shapes import FIELD_MEANINGS, SEEN_STAT_FIELDS
    from binoche_cli.viewing import store as watchlist

    state = state_of(ctx)
    out = output_choice(
        state,
        out_format,
        fields,
        not no_header,
        SEEN_STAT_FIELDS,
        SEEN_STAT_FIELDS,
        field_help=FIELD_MEANINGS["seen_stat"],
    )
    log = read_log()
    stats = watchlist.compute_seen_stats(state.catalog(), log)
    if out.fmt == "table" and fields is None:
        from binoche_cli.output.seen_charts import render_seen_stats

        term = state.terminal()
        render_seen_stats(stats, term, term.console())
    else:
        emit(state, seen_stat_records(stats), out)
    if not stats.viewings:
        no_match("the viewing log is empty; log a film with 'binoche seen add TITLE'")


@command(seen_app, "path")
def seen_path() -> None:
    """Print where the viewing log is kept (BINOCHE_HOME overrides it).

    \b
    Example:
      binoche seen path
    """
    from binoche_cli.viewing import store as watchlist

    print(watchlist.path())
