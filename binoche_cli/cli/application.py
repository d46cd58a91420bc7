"""The `binoche` app with every command family registered, for tests, the docs generators and
anyone embedding it. The console script (`entry.main`) registers only the family it needs.

`command_tree` and `params_of` hand the Click objects to the docs (man pages, schemas, the
README reference), so that only this package deals with Typer.
"""

from typing import Any

import typer

from binoche_cli.cli.app import app
from binoche_cli.cli.commands import register
from binoche_cli.cli.run import main

register()

__all__ = ["app", "command_tree", "main", "params_of"]


def command_tree() -> Any:
    """The root Click command, every command registered under it."""
    return typer.main.get_command(app)


def params_of(command: Any) -> list[Any]:
    """A command's parameters as its help shows them (help and completion options included)."""
    return list(command.get_params(typer.Context(command)))
