"""The watch list: mark films as seen, list them, import and export them."""

from typing import Annotated, Any

import typer

from ..app import ExitCode, command, state_of, sub_app
from ..catalog import Catalog, Film
from ..options import Fields, Format, NoHeader, completer, no_match, output_choice, read_marks
from ..render import message

seen_app = sub_app("Your watch list: mark films as seen, list, import from Letterboxd, export.")


def _resolve_titles(catalog: Catalog, titles: list[str]) -> list[Film]:
    """Every title to exactly one film, or exit 1 naming the ones that did not resolve."""
    from ..query import all_titles, find_films, suggest

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
        raise typer.Exit(ExitCode.NO_MATCH)
    return resolved


def _update_marks(change: Any) -> tuple[dict[str, str], dict[str, str]]:
    from .. import seen as watchlist

    try:
        return watchlist.update(change)
    except watchlist.WatchListError as exc:
        message(f"binoche: {exc}")
        raise typer.Exit(ExitCode.DATA) from None


@command(seen_app, "add")
def seen_add(
    ctx: typer.Context,
    titles: Annotated[
        list[str],
        typer.Argument(
            metavar="TITLE...",
            help="Titles (quote each one with spaces), alternative titles or ids.",
            autocompletion=completer("complete_titles"),
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

    catalog = state_of(ctx).catalog()
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


@command(seen_app, "remove")
def seen_remove(
    ctx: typer.Context,
    titles: Annotated[
        list[str],
        typer.Argument(
            metavar="TITLE...",
            help="Titles, alternative titles or ids.",
            autocompletion=completer("complete_titles"),
            show_default=False,
        ),
    ],
) -> None:
    """Take films off the watch list.

    \b
    Example:
      binoche seen remove damage
    """
    catalog = state_of(ctx).catalog()
    chosen = _resolve_titles(catalog, titles)

    def remove(marks: dict[str, str]) -> dict[str, str]:
        for f in chosen:
            marks.pop(f.id, None)
        return marks

    before, _ = _update_marks(remove)
    for f in chosen:
        note = "removed" if f.id in before else "was not on the list"
        message(f"binoche: {f.title} ({f.year}): {note}")


@command(seen_app, "list")
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
    from ..records import SEEN_DEFAULT, SEEN_FIELDS, seen_record
    from ..render import write

    state = state_of(ctx)
    out = output_choice(state, out_format, fields, not no_header, SEEN_FIELDS, SEEN_DEFAULT)
    marks = read_marks()
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
        no_match("the watch list is empty; add films with 'binoche seen add TITLE'")
    write(rows, out.fields, out.fmt, state.terminal(), header=out.header, all_fields=not out.fields_given)


@command(seen_app, "path")
def seen_path() -> None:
    """Print where the watch list is kept (BINOCHE_HOME overrides it).

    \b
    Example:
      binoche seen path
    """
    from .. import seen as watchlist

    print(watchlist.path())


@command(seen_app, "import")
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

    from ..query import match_watched_rows

    catalog = state_of(ctx).catalog()
    try:
        with open(file, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        message(f"binoche: {file}: cannot read the CSV: {getattr(exc, 'strerror', None) or exc}")
        raise typer.Exit(ExitCode.USAGE) from None
    if rows and not {"Name", "Year"} <= set(rows[0]):
        message(
            f"binoche: {file}: expected Letterboxd columns Name and Year, found {', '.join(k for k in rows[0] if k)}"
        )
        raise typer.Exit(ExitCode.USAGE)
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
        raise typer.Exit(ExitCode.NO_MATCH)


@command(seen_app, "export")
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
    from ..records import EXPORT_FIELDS, LETTERBOXD_FIELDS, export_record
    from ..render import write

    marks = read_marks()
    state = state_of(ctx)
    catalog = state.catalog()
    letterboxd = out_format == "csv"
    rows = [export_record(catalog, film_id, when, letterboxd) for film_id, when in sorted(marks.items())]
    fields = LETTERBOXD_FIELDS if letterboxd else EXPORT_FIELDS
    write(rows, fields, out_format, state.terminal(), header=True, all_fields=True)
