"""Moving your history: import from other services, export for them, back up and restore.

Formats live in `exchange` (reading, matching, planning) and its `import_formats` and
`export_formats`; these commands check their paths first (exit 2), then read or replace the
log under its lock, all or nothing.
"""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, command, state_of
from binoche_cli.cli.commands.seen import MAX_IMPORT_BYTES, fail, read_log, seen_app, update_log
from binoche_cli.cli.options import completer, no_match
from binoche_cli.output.render import message
from binoche_cli.text import plural, quote

if TYPE_CHECKING:
    from binoche_cli.viewing.store import ViewingLog


@command(seen_app, "import")
def seen_import(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A Letterboxd export ZIP or CSV, an IMDb ratings or list CSV, a Trakt JSON, or our "
            "own CSV or JSON; '-' reads stdin.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show what would change; write nothing.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every unmatched row and conflict.")
    ] = False,
) -> None:
    """Add the viewings in another service's export. The format is recognised by content.

    Films are matched by IMDb, TMDb or Letterboxd id, then by title and year. A viewing
    already in the log (same film, same day) is skipped; one with another rating is a
    conflict, and your log's rating is kept. The import lands whole or not at all.

    \b
    Examples:
      binoche seen import ~/Downloads/letterboxd-me-2024-06-01.zip --dry-run
      binoche seen import ratings.csv
      unzip -p export.zip diary.csv | binoche seen import -
    """
    from binoche_cli.files import FileProblem, read_bounded
    from binoche_cli.viewing import exchange

    name = "stdin" if file == "-" else file
    try:
        data = read_bounded(file, MAX_IMPORT_BYTES, "an import file")
        parsed = exchange.parse_file(name, data)
    except (FileProblem, exchange.ExchangeError) as exc:
        fail(str(exc))
    catalog = state_of(ctx).catalog()
    plans: list[exchange.ImportPlan] = []
    keep = None if verbose else exchange.UNMATCHED_SHOWN  # the rest are counted, not held
    if dry_run:
        plans.append(exchange.plan_import(catalog, read_log(), parsed.rows, keep))
    else:

        def apply(log: "ViewingLog") -> "ViewingLog":
            # Planned against the log as it is under the lock: a concurrent `seen add` is kept.
            plans.append(exchange.plan_import(catalog, log, parsed.rows, keep))
            return exchange.apply_plan(log, plans[-1])

        update_log(apply)
    plan = plans[-1]
    message(f"binoche: {name}: {plural(len(parsed.rows), 'row')}, read as {parsed.format}")
    for line in exchange.summary_lines(plan, catalog, verbose=verbose):
        message(f"binoche: {line}")
    if dry_run:
        message("binoche: dry run: nothing was written")
    elif plan.new:
        from binoche_cli.viewing import store as watchlist

        films = len({p.film_id for p in plan.new})
        message(
            f"binoche: added {plural(len(plan.new), 'viewing')} of {plural(films, 'film')} to {watchlist.path()}"
        )
    else:
        message("binoche: nothing new; the viewing log is unchanged")
    if not plan.new and not plan.known and not plan.conflicts:
        raise typer.Exit(ExitCode.NO_MATCH)


@command(seen_app, "export")
def seen_export(
    ctx: typer.Context,
    out_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="csv (ours: one row per viewing), json (the whole log), letterboxd (its import "
            "CSV) or imdb (a list CSV).",
            metavar="FORMAT",
            autocompletion=completer("complete_export_formats"),
        ),
    ] = "csv",
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """Write the viewing log for another service. Or as a file this tool imports back.

    \b
    Examples:
      binoche seen export -f letterboxd > letterboxd-import.csv
      binoche seen export -f imdb -o imdb-list.csv
      binoche seen export -f json -o seen-backup.json
    """
    from binoche_cli.files import FileProblem, check_writable, write_atomic
    from binoche_cli.viewing import exchange

    fmt = out_format.strip().lower()
    if fmt not in exchange.EXPORT_FORMATS:
        raise typer.BadParameter(
            f"{quote(out_format)}; choose from {', '.join(exchange.EXPORT_FORMATS)}", param_hint="'--format'"
        )
    if output is not None:
        try:
            check_writable(output)
        except FileProblem as exc:
            raise typer.BadParameter(str(exc), param_hint="'--output'") from None
    log = read_log()
    result = exchange.export(state_of(ctx).catalog(), log, fmt, csv_safe=state_of(ctx).csv_safe)
    if result.skipped:
        why = "no IMDb id in the dataset" if fmt == "imdb" else "not in this dataset"
        message(
            f"binoche: left out {plural(len(result.skipped), 'film')} ({why}): {', '.join(result.skipped)}"
        )
    if output is None or output == "-":
        import sys

        sys.stdout.write(result.text)
        return
    try:
        write_atomic(output, result.text.encode("utf-8"))
    except FileProblem as exc:
        fail(str(exc), ExitCode.OUTPUT)  # checked above; this is a write failing (disk full)
    message(f"binoche: wrote {output}")


@command(seen_app, "backup")
def seen_backup(
    file: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[FILE]",
            help="Where to write it ('-' for stdout). Default: backups/seen-DATE-TIME.json beside the log.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Copy the viewing log to a file. Exactly as it is; an existing file is never replaced.

    \b
    Examples:
      binoche seen backup
      binoche seen backup ~/Dropbox/binoche-seen.json
    """
    import datetime
    import os

    from binoche_cli.files import FileProblem, check_writable, read_bounded, write_atomic
    from binoche_cli.viewing import store as watchlist

    def check(target: str) -> None:
        if target == "-":
            return
        if os.path.lexists(target):
            raise typer.BadParameter(f"{target} already exists; choose another name", param_hint="'FILE'")
        try:
            check_writable(target)
        except FileProblem as exc:
            raise typer.BadParameter(str(exc), param_hint="'FILE'") from None

    if file is not None:
        check(file)  # a bad path is a usage error before anything is read
    source = watchlist.path()
    log = read_log()  # a log we cannot read is reported, not copied
    if log.source_version == 0:
        no_match(f"there is no viewing log yet ({source}); nothing to back up")
    if file is None:
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = str(source.parent / "backups" / f"seen-{stamp}.json")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        check(target)
    else:
        target = file
    try:
        raw = read_bounded(source, watchlist.MAX_LOG_BYTES, "a viewing log")
    except FileProblem as exc:
        fail(str(exc))
    try:
        write_atomic(target, raw)
    except FileProblem as exc:
        fail(str(exc), ExitCode.OUTPUT)
    if target != "-":
        films = len(watchlist.seen_ids(log))
        message(
            f"binoche: backed up {plural(watchlist.total_viewings(log), 'viewing')} of {plural(films, 'film')} to {target}"
        )


@command(seen_app, "restore")
def seen_restore(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A backup or `seen export -f json` file; '-' reads stdin.",
            show_default=False,
        ),
    ],
) -> None:
    """Replace the viewing log with a backup. The current log is kept beside it (seen.json.bak).

    A log that cannot be read (corrupt, cut short) is replaced too, and kept as seen.json.broken.

    \b
    Example:
      binoche seen restore ~/.local/share/binoche-cli/backups/seen-20240601-101500.json
    """
    from binoche_cli.files import FileProblem, read_bounded
    from binoche_cli.viewing import store as watchlist

    name = "stdin" if file == "-" else file
    try:
        new = watchlist.loads(read_bounded(file, watchlist.MAX_LOG_BYTES, "a viewing log"), name)
    except (FileProblem, watchlist.WatchListError) as exc:
        fail(str(exc))
    try:
        replaced = watchlist.replace_all(new)
    except watchlist.WatchListError as exc:
        fail(str(exc))
    films = len(watchlist.seen_ids(new))
    message(
        f"binoche: restored {plural(watchlist.total_viewings(new), 'viewing')} of {plural(films, 'film')} "
        f"from {name} to {watchlist.path()}"
    )
    if replaced.broken:
        message(f"binoche: the unreadable log it replaced is kept as {replaced.kept}")
    elif replaced.kept is not None:
        message(f"binoche: the previous log is kept as {replaced.kept}")
