"""About the CLI itself: the JSON Schemas of its output (`schema`) and its man pages (`man`)."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, app, command, state_of
from binoche_cli.cli.options import completer
from binoche_cli.output.render import message
from binoche_cli.text import quote


@command(app)
def schema(
    ctx: typer.Context,
    name: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[COMMAND]",
            help="A command with JSON output: films, film, costars, seen list...",
            autocompletion=completer("complete_schema_commands"),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The JSON Schema (draft 2020-12) of a command's `-f json` output; without a command, the
    commands that have JSON output and the shape each writes.

    \b
    Examples:
      binoche schema
      binoche schema films
      binoche schema "seen list" > seen.schema.json
    """
    from binoche_cli.about.schema import OUTPUTS, render_schema

    wanted = " ".join(" ".join(name or []).split())
    if not wanted:
        term = state_of(ctx).terminal()
        width = max(len(c) for c in OUTPUTS)
        for path, output in OUTPUTS.items():
            line = f"{path:<{width}}  {output.describe()}" if term.isatty else f"{path}\t{output.describe()}"
            term.stdout.write(line + "\n")
        return
    if wanted not in OUTPUTS:
        from binoche_cli.query.matching import suggest

        hints = suggest(wanted, list(OUTPUTS))
        hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
        raise typer.BadParameter(
            f"{quote(wanted)} has no JSON output{hint} (commands: {', '.join(OUTPUTS)})",
            param_hint="'COMMAND'",
        )
    state_of(ctx).terminal().stdout.write(render_schema(wanted))


@command(app)
def man(
    ctx: typer.Context,
    name: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[COMMAND]",
            help="A command (films, seen add...); without one, the page for binoche itself.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The manual page of binoche or of one command, from the same help as --help.

    On a terminal the page is shown with man(1); in a pipe the roff source is printed.

    \b
    Examples:
      binoche man
      binoche man films
      binoche man seen add | groff -man -Tutf8
    """
    from binoche_cli.about.manpage import page_for

    words = [word for part in name or [] for word in part.split()]
    page = page_for(words)
    if page is None:
        message(f"binoche: no command {quote(' '.join(words))}; commands: binoche --help")
        raise typer.Exit(ExitCode.USAGE)
    term = state_of(ctx).terminal()
    if term.isatty and _show_with_man(page):
        return
    term.stdout.write(page)


def _show_with_man(page: str) -> bool:
    """Page the roff through `man -l -`; False when there is no man(1) to do it."""
    import shutil
    import subprocess
    import sys

    program = shutil.which("man")
    if program is None:
        return False
    sys.stdout.flush()
    try:
        subprocess.run([program, "-l", "-"], input=page, text=True, encoding="utf-8", check=False)
    except OSError:
        return False
    return True
