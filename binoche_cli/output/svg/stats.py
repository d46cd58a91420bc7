"""The numbers as bar charts: decades, kinds, languages, collaborators, and awards by body.

Panels are laid out in two columns with the awards, the only two-series chart, across the
bottom. Every bar has its number beside it, so the picture reads without a scale.
"""

from collections.abc import Sequence

from binoche_cli.output.svg._markup import (
    FONT_STACK,
    NOMINATION,
    SVG_NS,
    WIN,
    esc,
    num,
    shorten,
    tag,
    text,
    text_width,
)
from binoche_cli.output.svg._palette import fill, fill_stroke, svg_style
from binoche_cli.output.svg._shapes import award_star
from binoche_cli.query.summaries import Stats

WIDTH = 960.0
MARGIN = 24.0
GUTTER = 40.0
ROW = 20.0
BAR = 13.0
SIZE = 11.5
LABEL_LIMIT = 30
MAX_ROWS = 14  # per panel; the rest are summed up in one line

Row = tuple[str, Sequence[int], str]  # label, one value per series, a muted note after the number


def _panel(
    x: float, y: float, width: float, heading: str, rows: Sequence[Row], series: Sequence[str], more: str = ""
) -> tuple[str, float]:
    """One bar chart at (x, y); returns its markup and height. `series` are palette keys."""
    parts = [
        tag(
            "text", {**fill("ink"), "x": x, "y": y + 14, "font_size": 13.5, "font_weight": 700}, text(heading)
        )
    ]
    labels = [shorten(label, LABEL_LIMIT) for label, _, _ in rows]
    label_width = min(width * 0.45, max((text_width(label, SIZE) for label in labels), default=0) + 10)
    top_value = max((sum(values) for _, values, _ in rows), default=1) or 1
    notes = [f"{' '.join(_value_text(values, series))}  {note}".strip() for _, values, note in rows]
    room = width - label_width - max((text_width(n, SIZE) for n in notes), default=0) - 10
    room = max(room, 40.0)
    cursor = y + 28
    for (
        label,
        (_, values, note),
    ) in zip(labels, rows, strict=True):
        parts.append(
            tag(
                "text",
                {
                    **fill("ink"),
                    "x": x + label_width - 8,
                    "y": cursor + BAR - 3,
                    "font_size": SIZE,
                    "text_anchor": "end",
                },
                text(label),
            )
        )
        bar_x = x + label_width
        for value, key in zip(values, series, strict=True):
            length = value * room / top_value
            # The nominated series is outlined, like its star on the timeline.
            outlined = key == "nomfill"
            colours = fill_stroke(key, "nominated") if outlined else fill(key)
            if value:
                parts.append(
                    tag(
                        "rect",
                        {
                            **colours,
                            "class_": f"bn-bar {colours['class_']}",
                            "x": bar_x + 0.5 * outlined,
                            "y": cursor + 0.5 * outlined,
                            "width": max(length - outlined, 2.0),
                            "height": BAR - outlined,
                            "rx": 2,
                        },
                    )
                )
            bar_x += length
        number = tag(
            "text",
            {
                **fill("ink"),
                "class_": "bn-value bn-f-ink",
                "x": bar_x + 6,
                "y": cursor + BAR - 3,
                "font_size": SIZE,
                "font_weight": 700,
            },
            *_value_spans(values, series),
        )
        parts.append(number)
        if note:
            after = bar_x + 6 + text_width(" ".join(_value_text(values, series)), SIZE) + 8
            parts.append(
                tag(
                    "text",
                    {**fill("muted"), "x": after, "y": cursor + BAR - 3, "font_size": 10.5},
                    text(note),
                )
            )
        cursor += ROW
    if more:
        parts.append(
            tag(
                "text",
                {**fill("muted"), "x": x, "y": cursor + 10, "font_size": 10.5, "font_style": "italic"},
                text(more),
            )
        )
        cursor += ROW
    return tag("g", {"class_": "bn-panel"}, *parts), cursor - y + 16


def _value_text(values: Sequence[int], series: Sequence[str]) -> list[str]:
    if len(values) == 1:
        return [str(values[0])]
    glyph = {"won": WIN, "nomfill": NOMINATION}
    return [f"{glyph.get(key, '')}{value}" for value, key in zip(values, series, strict=True) if value]


def _value_spans(values: Sequence[int], series: Sequence[str]) -> list[str]:
    if len(values) == 1:
        return [text(values[0])]
    colour = {"won": "wonline", "nomfill": "nominated"}
    pieces = _value_text(values, series)
    keys = [key for value, key in zip(values, series, strict=True) if value]
    return [
        tag("tspan", fill(colour.get(k, "ink")), text(("\u00a0\u00a0" if i else "") + p))
        for i, (p, k) in enumerate(zip(pieces, keys, strict=True))
    ]


def _capped(rows: list[Row], what: str) -> tuple[list[Row], str]:
    if len(rows) <= MAX_ROWS:
        return rows, ""
    rest = rows[MAX_ROWS - 1 :]
    return rows[: MAX_ROWS - 1], f"and {len(rest)} more {what} ({sum(sum(v) for _, v, _ in rest)} in all)"


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def stats_svg(stats: Stats, *, title: str) -> str:
    """Bar charts of `stats` as a self-contained SVG document."""
    column = (WIDTH - 2 * MARGIN - GUTTER) / 2
    left_x, right_x = MARGIN, MARGIN + column + GUTTER
    top = 118.0
    won = sum(w for _, w, _ in stats.awards_by_body)
    nominated = sum(n for _, _, n in stats.awards_by_body)
    span = (
        str(stats.first_year)
        if stats.first_year == stats.last_year
        else f"{stats.first_year}–{stats.last_year}"
    )

    figures = [
        (str(stats.total), "works"),
        (span, "years"),
        (str(won), "awards won"),
        (str(nominated), "nominations"),
    ]
    header = [
        tag("text", {**fill("ink"), "x": MARGIN, "y": 38, "font_size": 21, "font_weight": 700}, text(title))
    ]
    x = MARGIN
    for value, name in figures:
        header.append(
            tag("text", {**fill("ink"), "x": x, "y": 78, "font_size": 22, "font_weight": 700}, text(value))
        )
        header.append(tag("text", {**fill("muted"), "x": x, "y": 96, "font_size": 11.5}, text(name)))
        x += max(text_width(value, 22), text_width(name, 11.5)) + 36
    facts: list[str] = []
    if stats.busiest:  # None when no year holds more than one work
        year, busiest = stats.busiest
        facts.append(f"Busiest year {year}: {len(busiest)} works")
    crown = stats.crown
    if crown:
        facts.append(
            "Triple crown: "
            + ", ".join(
                f"{shorten(body.replace(' Film Festival', '').replace(' International', ''), 20)} {y}"
                for body, y, _ in crown
            )
        )
    for line, fact in enumerate(facts):
        header.append(
            tag("text", {**fill("muted"), "x": x + 8, "y": 78 + 18 * line, "font_size": 11.5}, text(fact))
        )

    left: list[tuple[str, list[Row], str]] = [
        ("Works per decade", [(k, [v], "") for k, v in stats.per_decade], ""),
        ("By kind", [(k, [v], "") for k, v in stats.by_kind], ""),
    ]
    if stats.by_language:
        rows, more = _capped([(k, [v], "") for k, v in stats.by_language], "languages")
        left.append(("By language", rows, more))
    right: list[tuple[str, list[Row], str]] = []
    if stats.directors:
        rows, more = _capped([(n, [c], _span(a, b)) for n, c, a, b in stats.directors], "directors")
        right.append(("Directors, more than once", rows, more))
    if stats.costars:
        rows, more = _capped([(n, [c], "") for n, c in stats.costars], "co-stars")
        right.append(("Co-stars, more than once", rows, more))

    body: list[str] = []
    bottom = top
    for x_, panels in ((left_x, left), (right_x, right)):
        y = top
        for heading, rows, more in panels:
            markup, height = _panel(x_, y, column, heading, rows, ["feature" if x_ == left_x else "tv"], more)
            body.append(markup)
            y += height + 8
        bottom = max(bottom, y)
    if stats.awards_by_body:
        rows = [(b, [w, n], "") for b, w, n in stats.awards_by_body]
        markup, height = _panel(
            MARGIN, bottom, WIDTH - 2 * MARGIN, "Awards by body", rows, ["won", "nomfill"]
        )
        legend_y = bottom + 8
        legend = [
            award_star(WIDTH - MARGIN - 190, legend_y, 6.5, True),
            tag(
                "text",
                {**fill("ink"), "x": WIDTH - MARGIN - 180, "y": legend_y + 4, "font_size": SIZE},
                text("won"),
            ),
            award_star(WIDTH - MARGIN - 120, legend_y, 6.5, False),
            tag(
                "text",
                {**fill("ink"), "x": WIDTH - MARGIN - 110, "y": legend_y + 4, "font_size": SIZE},
                text("nominated"),
            ),
        ]
        body.append(markup)
        body.append(tag("g", {"class_": "bn-legend"}, *legend))
        bottom += height + 8
    height = bottom + 8
    description = (
        f"Statistics: {stats.total} works from {span}, {won} awards won and {nominated} nominations. "
        + "; ".join(f"{k}: {v}" for k, v in stats.per_decade)
        + "."
    )
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {num(WIDTH)} {num(height)}",
            "width": round(WIDTH),
            "height": round(height),
            "role": "img",
            "aria_labelledby": "bn-st-title bn-st-desc",
            "font_family": FONT_STACK,
        },
        tag("title", {"id": "bn-st-title"}, text(title)),
        tag("desc", {"id": "bn-st-desc"}, text(description)),
        tag("style", None, esc(svg_style())),
        tag("rect", {**fill("bg"), "width": "100%", "height": "100%"}),
        tag("g", None, *header),
        *body,
    )
