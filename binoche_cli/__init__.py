"""binoche-cli: explore Juliette Binoche's filmography from the command line, or from Python:

    import binoche_cli
    catalog = binoche_cli.load()
    catalog.films(director="kieslowski", decade="1990s")

See `binoche_cli.library` for the API.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Catalog", "FilterError", "__version__", "load"]

if TYPE_CHECKING:
    from binoche_cli.library import Catalog, FilterError, load


def __getattr__(name: str) -> Any:
    # The library is loaded on first use (PEP 562): the console script imports this package
    # first, and `binoche --help` needs none of the dataset or query modules.
    if name in ("Catalog", "FilterError", "load"):
        from binoche_cli import library

        return getattr(library, name)
    raise AttributeError(f"module 'binoche_cli' has no attribute {name!r}")
