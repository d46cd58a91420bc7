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


# Print-friendly hues, each measured against both backgrounds and the decade bands (the
# browser tests recompute them): text at least 4.5:1, marks and lines at least 3:1. Gold is
# kept for awards alone, so a star is never mistaken for a kind of work, and the stats' bars
# are a neutral slate: a bar counts works, it is not a kind.
COLOURS: dict[str, Swatch] = {
    "bg": Swatch("#fbfaf7", "#16181d"),
    "band": Swatch("#f2efe8", "#1e2128"),
    "ink": Swatch("#1f2328", "#e9e7e3"),
    "muted": Swatch("#5b6068", "#a3abb6"),
    "rule": Swatch("#8c8577", "#6f7785"),
    "axis": Swatch("#6b665c", "#8a93a1"),
    "track": Swatch("#ebe7df", "#262a33"),
    "feature": Swatch("#33679e", "#7ba9e0"),
    "tv": Swatch("#1d7a6e", "#4fc2b2"),
    "documentary": Swatch("#7d56b4", "#b48ef0"),
    "short": Swatch("#c2414f", "#f07e8c"),
    "segment": Swatch("#5f7f2f", "#a3c96b"),
    "stage": Swatch("#a2517f", "#e493c3"),
    "event": Swatch("#6f747d", "#a9b0ba"),
    "bar": Swatch("#55606e", "#9fb0c3"),
    # A win is a solid gold star with a dark rim; a nomination only a hollow outline.
    "won": Swatch("#b57f00", "#f5c542"),
    "wonline": Swatch("#6e4d00", "#ffe08a"),
    "wontext": Swatch("#7f5a00", "#f5c542"),
    "nominated": Swatch("#8a6d1f", "#b8975a"),
    "nomfill": Swatch("#fbfaf7", "#16181d"),
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
    """The inline stylesheet: dark values on screens only (paper is always light), focus and
    hover feedback, and a standalone SVG that fits the page when printed. No fonts, no URLs."""
    dark = "".join(
        f".bn-f-{key}{{fill:{c.dark}}}.bn-s-{key}{{stroke:{c.dark}}}" for key, c in COLOURS.items()
    )
    ink = COLOURS["ink"]
    return (
        ".bn-work{cursor:pointer}"
        ".bn-work:hover .bn-shape,.bn-work:focus .bn-shape"
        f"{{stroke:{ink.light};stroke-width:2.5}}"
        f".bn-work:focus{{outline:2px solid {ink.light};outline-offset:2px}}"
        ".bn-label:hover text{text-decoration:underline}"
        "@media print{svg:root{width:100%;height:auto}}"
        f"@media screen and (prefers-color-scheme: dark){{{dark}"
        f".bn-work:hover .bn-shape,.bn-work:focus .bn-shape{{stroke:{ink.dark}}}"
        f".bn-work:focus{{outline-color:{ink.dark}}}}}"
    )
