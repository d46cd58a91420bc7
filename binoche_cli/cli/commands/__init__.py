"""The command families, imported on demand: a lookup imports only its own module.

Importing every family costs about 5 ms, a tenth of a piped lookup; `register` imports the
family that holds the invoked command, or all of them when the name is unknown (help, a
typo, completing the command name itself).
"""

import importlib

from binoche_cli.cli.app import app

# family module -> the command names it registers (a group counts as one name)
FAMILIES: dict[str, tuple[str, ...]] = {
    "card": ("film", "open"),
    "guide": ("guide", "next"),
    "help": ("help",),
    "listings": ("films", "decade", "director", "award", "directors", "awards", "search"),
    "meta": ("schema", "man"),
    "people": ("costars", "together", "graph"),
    "pictures": ("timeline", "stats"),
    "data": ("data",),
    "seen": ("seen",),
}
# Commands that describe the others (help pages, man pages, schemas) need every family.
_DESCRIBE_OTHERS = ("help", "man", "schema")
_loaded: set[str] = set()


def register(name: str | None = None) -> None:
    """Import (and so register on `app`) the family of command `name`, or every family."""
    wanted = [family for family, names in FAMILIES.items() if name in names]
    if not wanted or name in _DESCRIBE_OTHERS:
        wanted = list(FAMILIES)
    for family in wanted:
        if family in _loaded:
            continue
        module = importlib.import_module(f"{__name__}.{family}")
        _loaded.add(family)
        if family == "data":
            app.add_typer(module.data_app, name="data")
        elif family == "seen":
            importlib.import_module(f"{__name__}.history")  # more `seen` commands
            app.add_typer(module.seen_app, name="seen")
