"""Marks shared by the timeline and its legend: one shape per kind of work, stars for awards."""

import math

from binoche_cli.output.svg._markup import num, tag
from binoche_cli.output.svg._palette import fill_stroke, kind_colour_key


def star_path(cx: float, cy: float, outer: float) -> str:
    """A five-pointed star centred on (cx, cy)."""
    inner = outer * 0.45
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{num(cx + radius * math.cos(angle))} {num(cy + radius * math.sin(angle))}")
    return "M" + " L".join(points) + " Z"


def kind_shape(kind: str, cx: float, cy: float, r: float) -> str:
    """Feature: disc; tv: rounded square; documentary: diamond; short: triangle; segment: ring;
    stage: square; event: small disc. Shape and colour both differ, for colour-blind readers."""
    colour = kind_colour_key(kind)
    if kind == "segment":
        attrs = {**fill_stroke("bg", colour), "stroke_width": 2.2}
        return tag(
            "circle", {"class_": f"bn-shape {attrs.pop('class_')}", **attrs, "cx": cx, "cy": cy, "r": r - 1}
        )
    base = fill_stroke(colour, "bg")
    common = {"class_": f"bn-shape {base['class_']}", "fill": base["fill"], "stroke": base["stroke"]}
    if kind in ("tv", "stage"):
        side = r * 1.75
        corner = 2.5 if kind == "tv" else 1.2
        return tag(
            "rect",
            {**common, "x": cx - side / 2, "y": cy - side / 2, "width": side, "height": side, "rx": corner},
        )
    if kind == "documentary":
        d = r * 1.3
        path = f"M{num(cx)} {num(cy - d)} L{num(cx + d)} {num(cy)} L{num(cx)} {num(cy + d)} L{num(cx - d)} {num(cy)} Z"
        return tag("path", {**common, "d": path})
    if kind == "short":
        d = r * 1.25
        path = f"M{num(cx)} {num(cy - d)} L{num(cx + d)} {num(cy + d * 0.8)} L{num(cx - d)} {num(cy + d * 0.8)} Z"
        return tag("path", {**common, "d": path})
    return tag("circle", {**common, "cx": cx, "cy": cy, "r": r})


def award_star(cx: float, cy: float, outer: float, won: bool) -> str:
    """A solid gold star with a dark rim for a win; a hollow outline star for nominations
    only, so a win always carries more ink. Both rims keep 3:1 against the background."""
    colours = fill_stroke("won", "wonline") if won else fill_stroke("nomfill", "nominated")
    return tag(
        "path",
        {
            **colours,
            "class_": f"bn-star {colours['class_']}",
            "d": star_path(cx, cy, outer),
            "stroke_width": 1.2,
            "stroke_linejoin": "round",
        },
    )
