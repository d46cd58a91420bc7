"""`binoche help [COMMAND | TOPIC]`: the same help as --help, plus topics people look for."""

from typing import Annotated, Optional

import typer

from binoche_cli.cli.app import ExitCode, app, command
from binoche_cli.cli.options import completer
from binoche_cli.output.render import message
from binoche_cli.text import quote


@command(app, "help")
def help_command(
    ctx: typer.Context,
    name: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[COMMAND | TOPIC]",
            help="A command (films, seen add...) or a topic: formats, fields, exit-codes, dataset.",
            autocompletion=completer("complete_help_names"),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show help for a command, or a topic: formats, fields, exit-codes, dataset.

    \b
    Examples:
      binoche help
      binoche help films
      binoche help seen add
      binoche help exit-codes
    """
    from binoche_cli.about.topics import TOPICS

    words = name or []
    if len(words) == 1 and words[0] in TOPICS:
        print(TOPICS[words[0]]().rstrip())
        return
    target = typer.main.get_command(app)
    # Each level's context is the parent of the next, so settings such as `-h` carry down.
    context = target.make_context("binoche", [], resilient_parsing=True)
    for word in words:
        sub = getattr(target, "commands", {}).get(word)
        if sub is None:
            topics = ", ".join(TOPICS)
            message(f"binoche: no command or topic {quote(word)}; topics: {topics}; commands: binoche --help")
            raise typer.Exit(ExitCode.USAGE)
        target = sub
        context = target.make_context(word, [], parent=context, resilient_parsing=True)
    print(target.get_help(context))
