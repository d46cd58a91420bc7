"""The dataset: where it is, whether it is valid, and what it holds."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, check_data_path, command, state_of, sub_app
from binoche_cli.output.render import message
from binoche_cli.text import plural, quote

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
    """Check a dataset file and list every problem with its place. Exit 3 if there are any.

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
        message(f"binoche: {plural(len(problems), 'problem')} in {target}")
        raise typer.Exit(ExitCode.DATA)
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    message(f"{target}: valid ({summary})")


@command(data_app, "path")
def data_path(ctx: typer.Context) -> None:
    """Print the location of the dataset in use. The bundled one unless --data or BINOCHE_DATA.

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
    all_sites: Annotated[
        bool,
        typer.Option("--all-sites", help="List every source domain, not only the 10 cited most."),
    ] = False,
) -> None:
    """What the dataset holds. Its as-of date, counts by kind, the newest work, identifier
    coverage per site and kind, the sources' domains, and the licence of the data.

    Identifiers: how many works have an IMDb, TMDb, Letterboxd and Wikidata id, in all and
    per kind (`identifiers.tmdb.feature 53/70`). Domains: the 10 cited most and how many
    others (--all-sites lists them all; JSON always has every one).

    \b
    Examples:
      binoche data info
      binoche data info --all-sites
      binoche data info -f json | jq .identifiers.tmdb
    """
    from binoche_cli.query.coverage import identifier_coverage, top_domains
    from binoche_cli.query.summaries import dataset_info

    fmt = (out_format or "plain").strip().lower()
    if fmt not in ("plain", "json", "table"):
        raise typer.BadParameter(f"{quote(fmt)}; choose plain or json", param_hint="'--format'")
    state = state_of(ctx)
    catalog = state.catalog()
    info = dataset_info(catalog)
    domains = info.get("domains")
    domains = domains if isinstance(domains, dict) else {}
    coverage = identifier_coverage(catalog)
    info["domain_count"] = len(domains)
    term = state.terminal()
    if fmt == "json":
        from binoche_cli.output.render import write_object

        write_object({**info, "identifiers": coverage}, term)
        return
    from binoche_cli.output.render import write_info

    shown, more = (domains, 0) if all_sites else top_domains(domains)
    lines: dict[str, object] = {k: v for k, v in info.items() if k != "domains"}
    lines["identifiers"] = _coverage_lines(coverage)
    lines["domains"] = shown
    if more:
        lines["domains_not_shown"] = f"{more} (binoche data info --all-sites)"
    write_info(lines, term)


def _coverage_lines(coverage: dict[str, dict[str, object]]) -> dict[str, str]:
    """`imdb 65/84`, then `imdb.feature 62/70`... for the key/value lines of `data info`."""
    lines: dict[str, str] = {}
    for site, counts in coverage.items():
        lines[site] = f"{counts['with']}/{counts['of']}"
        by_kind = counts["by_kind"]
        if isinstance(by_kind, dict):
            for kind, pair in by_kind.items():
                lines[f"{site}.{kind}"] = f"{pair['with']}/{pair['of']}"
    return lines
