"""The `binoche` app with every command family registered, for tests, the docs generators and
anyone embedding it. The console script (`entry.main`) registers only the family it needs.

`app` holds the Typer objects and `main`, `options` the shared options, `commands/` the
commands; the work happens in `catalog` (load), `query` (filter) and `render` (write).
"""

from binoche_cli.cli.app import app, main
from binoche_cli.cli.commands import register

register()

__all__ = ["app", "main"]
