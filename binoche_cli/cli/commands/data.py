"""The dataset: where it is, whether it is valid, and what it holds."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, check_data_path, command, state_of, sub_app
from binoche_cli.output.render import message
from binoche_cli.text import quote

data_app = sub_app("Inspect and check the dataset file.")


@command(data_app, "validate")
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

    from binoche_cli.dataset.catalog import check_file, resolve_path

    check_data_path(path, "'PATH'")
    target = Path(path) if path else resolve_path(state_of(ctx).data)
    problems, counts = check_file(target)
    for problem in problems:
        message(problem)
    if problems:
        message(f"binoche: {len(problems)} problem{'s' if len(problems) > 1 else ''} in {target}")
        raise typer.Exit(ExitCode.DATA)
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    message(f"{target}: valid ({summary})")


@command(data_app, "path")
def data_path(ctx: typer.Context) -> None:
    """Print the location of the dataset in use (the bundled one unless --data or BINOCHE_DATA).

    \b
    Example:
      binoche data path
    """
    from binoche_cli.dataset.catalog import resolve_path

    print(resolve_path(state_of(ctx).data))


@command(data_app, "info")
def data_info(
    ctx: typer.Context,
    out_format: Annotated[
        Optional[str], typer.Option("--format", "-f", help="plain or json.", metavar="FORMAT")
    ] = None,
) -> None:
    """What the dataset holds: its as-of date, counts by kind, the newest work, the sources'
    domains by count, and the licence of the data.

    \b
    Examples:
      binoche data info
      binoche data info -f json | jq .domains
    """
    from binoche_cli.query.summaries import dataset_info

    fmt = (out_format or "plain").strip().lower()
    if fmt not in ("plain", "json", "table"):
        raise typer.BadParameter(f"{quote(fmt)}; choose plain or json", param_hint="'--format'")
    state = state_of(ctx)
    info = dataset_info(state.catalog())
    term = state.terminal()
    if fmt == "json":
        from binoche_cli.output.render import write_object

        write_object(info, term)
        return
    from binoche_cli.output.render import write_info

    write_info(info, term)
