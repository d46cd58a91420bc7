"""The `binoche` command: the app with every command family joined. Nothing else lives here:
`app` holds the Typer objects and `main`, `options` the shared options, `commands/` the
commands, and the work happens in `catalog` (load), `query` (filter) and `render` (write).
"""

from .app import app, main
from .commands import card, guide, help, history, listings, meta, people, pictures
from .commands.data import data_app
from .commands.seen import seen_app

app.add_typer(data_app, name="data")
app.add_typer(seen_app, name="seen")

__all__ = ["app", "card", "guide", "help", "history", "listings", "main", "meta", "people", "pictures"]
