"""One palette for every picture, in a light and a dark version.

Each colour is written twice: as a presentation attribute (the light value, which every SVG
renderer honours, rsvg-convert included) and as a class whose dark value an inline
`prefers-color-scheme` rule swaps in where CSS is supported. Class names carry a `bn-` prefix
because an SVG inlined in HTML shares the page's stylesheet scope.
"""

from typing import NamedTuple


class Swatch(NamedTuple):
    light: str
    dark: str


# Muted, print-friendly hues that keep about 3:1 against both backgrounds; gold is kept for
# awards alone, so a star is never mistaken for a kind of work.
COLOURS: dict[str, Swatch] = {
    "bg": Swatch("#fbfaf7", "#16181d"),
    "band": Swatch("#f2efe8", "#1e2128"),
    "ink": Swatch("#1f2328", "#e9e7e3"),
    "muted": Swatch("#6a6f78", "#9ba3ae"),
    "rule": Swatch("#cfcac0", "#3a3f49"),
    "track": Swatch("#ebe7df", "#262a33"),
    "feature": Swatch("#33679e", "#7ba9e0"),
    "tv": Swatch("#23897c", "#4fc2b2"),
    "documentary": Swatch("#7d56b4", "#b48ef0"),
    "short": Swatch("#c2414f", "#f07e8c"),
    "segment": Swatch("#5f7f2f", "#a3c96b"),
    "stage": Swatch("#a2517f", "#e493c3"),
    "event": Swatch("#7b8089", "#a9b0ba"),
    "won": Swatch("#d99a00", "#f5c542"),
    "wonline": Swatch("#8a6100", "#ffe08a"),
    "nominated": Swatch("#b98a12", "#d9b45a"),
    "nomfill": Swatch("#f6e7bd", "#4a3f22"),
}

KIND_ORDER = ("feature", "tv", "documentary", "short", "segment")


def kind_colour_key(kind: str) -> str:
    """The palette entry for a kind; unknown kinds are drawn like events, in grey."""
    return kind if kind in COLOURS and kind in (*KIND_ORDER, "stage") else "event"


def fill(key: str) -> dict[str, str]:
    """Attributes that fill a shape with a palette colour in both schemes."""
    return {"fill": COLOURS[key].light, "class_": f"bn-f-{key}"}


def stroke(key: str) -> dict[str, str]:
    return {"stroke": COLOURS[key].light, "class_": f"bn-s-{key}"}


def fill_stroke(fill_key: str, stroke_key: str) -> dict[str, str]:
    return {
        "fill": COLOURS[fill_key].light,
        "stroke": COLOURS[stroke_key].light,
        "class_": f"bn-f-{fill_key} bn-s-{stroke_key}",
    }


def svg_style() -> str:
    """The inline stylesheet: dark values, hover and focus feedback. No fonts, no URLs."""
    dark = "".join(
        f".bn-f-{key}{{fill:{c.dark}}}.bn-s-{key}{{stroke:{c.dark}}}" for key, c in COLOURS.items()
    )
    return (
        ".bn-work{cursor:pointer}"
        ".bn-work:hover .bn-shape,.bn-work:focus .bn-shape"
        f"{{stroke:{COLOURS['ink'].light};stroke-width:2}}"
        ".bn-label:hover text{text-decoration:underline}"
        f"@media (prefers-color-scheme: dark){{{dark}"
        f".bn-work:hover .bn-shape,.bn-work:focus .bn-shape{{stroke:{COLOURS['ink'].dark}}}}}"
    )
