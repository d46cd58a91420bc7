"""The numbers as bar charts: decades, kinds, languages, collaborators, and awards by body.

Panels are laid out in two columns with the awards, the only two-series chart, across the
bottom. Every bar has its number beside it. One scale per unit: every panel that counts
works draws a work the same length, and the awards panels (another unit) share their own
scale, which their headings say. Bars are a neutral slate, except "By kind", which uses the
timeline's colour for each kind: the same colour means the same thing in every picture.
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
from binoche_cli.output.svg._palette import fill, fill_stroke, kind_colour_key, svg_style
from binoche_cli.output.svg._shapes import award_star
from binoche_cli.query.summaries import Stats

WIDTH = 960.0
MARGIN = 24.0
GUTTER = 40.0
ROW = 20.0
BAR = 13.0
SIZE = 11.5
SMALL = 11.0  # the smallest text: 11 CSS px on a phone, where the page shows the chart unscaled
LABEL_LIMIT = 30
MAX_ROWS = 14  # per panel; the rest are summed up in one line

Row = tuple[str, Sequence[int], str]  # label, one value per series, a muted note after the number


def _panel(
    x: float,
    y: float,
    width: float,
    heading: str,
    rows: Sequence[Row],
    series: Sequence[str],
    more: str = "",
    per_unit: float | None = None,
) -> tuple[str, float]:
    """One bar chart at (x, y); returns its markup and height. `series` are palette keys,
    one per value, or one per row when each row has one value and its own colour
    (`colours`); `per_unit` is the shared scale in px per counted thing."""
    parts = [
        tag(
            "text", {**fill("ink"), "x": x, "y": y + 14, "font_size": 13.5, "font_weight": 700}, text(heading)
        )
    ]
    labels = [shorten(label, LABEL_LIMIT) for label, _, _ in rows]
    label_width = min(width * 0.45, max((text_width(label, SIZE) for label in labels), default=0) + 10)
    top_value = max((sum(values) for _, values, _ in rows), default=1) or 1
    room = per_unit * top_value if per_unit else _room(width, rows, series)
    cursor = y + 28
    for index, (label, (_, values, note)) in enumerate(zip(labels, rows, strict=True)):
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
        keys = series if len(series) == len(values) else [series[min(index, len(series) - 1)]]
        for value, key in zip(values, keys, strict=True):
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
                    {**fill("muted"), "x": after, "y": cursor + BAR - 3, "font_size": SMALL},
                    text(note),
                )
            )
        cursor += ROW
    if more:
        parts.append(
            tag(
                "text",
                {**fill("muted"), "x": x, "y": cursor + 10, "font_size": SMALL, "font_style": "italic"},
                text(more),
            )
        )
        cursor += ROW
    return tag("g", {"class_": "bn-panel"}, *parts), cursor - y + 16


def _room(width: float, rows: Sequence[Row], series: Sequence[str]) -> float:
    """Length left for the longest bar in a panel `width` wide, after labels and numbers."""
    labels = [shorten(label, LABEL_LIMIT) for label, _, _ in rows]
    label_width = min(width * 0.45, max((text_width(label, SIZE) for label in labels), default=0) + 10)
    notes = [f"{' '.join(_value_text(values, series))}  {note}".strip() for _, values, note in rows]
    return max(width - label_width - max((text_width(n, SIZE) for n in notes), default=0) - 10, 40.0)


def _per_unit(width: float, panels: Sequence[tuple[Sequence[Row], Sequence[str]]]) -> float:
    """One scale for panels of one unit: the px per unit that fits every panel's longest bar."""
    scales = []
    for rows, series in panels:
        top = max((sum(values) for _, values, _ in rows), default=0)
        if top:
            scales.append(_room(width, rows, series) / top)
    return min(scales, default=1.0)


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


def stats_svg(stats: Stats, *, title: str, source: str = "") -> str:
    """Bar charts of `stats` as a self-contained SVG document; `source` is printed at the foot."""
    column = (WIDTH - 2 * MARGIN - GUTTER) / 2
    left_x, right_x = MARGIN, MARGIN + column + GUTTER
    top = 134.0
    won, nominated, honours = stats.awards_won, stats.nominations, stats.honours_won
    span = (
        str(stats.first_year)
        if stats.first_year == stats.last_year
        else f"{stats.first_year}–{stats.last_year}"
    )

    figures = [
        (str(stats.total), "works"),
        (span, "years"),
        (str(won), "awards won for works"),
        (str(nominated), "nominations for works"),
    ]
    if stats.honours_by_body:
        figures.append((str(honours), "career honours won"))
    header = [
        tag("text", {**fill("ink"), "x": MARGIN, "y": 38, "font_size": 21, "font_weight": 700}, text(title))
    ]
    x = MARGIN
    for value, name in figures:
        header.append(
            tag(
                "text",
                {
                    **fill("ink"),
                    "class_": "bn-figure bn-f-ink",
                    "x": x,
                    "y": 78,
                    "font_size": 22,
                    "font_weight": 700,
                },
                text(value),
            )
        )
        header.append(tag("text", {**fill("muted"), "x": x, "y": 96, "font_size": SMALL}, text(name)))
        x += max(text_width(value, 22), text_width(name, SMALL)) + 30
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
    header.append(
        tag(
            "text",
            {**fill("muted"), "x": MARGIN, "y": 122, "font_size": SMALL},
            text(" · ".join([*facts, "Bars that count works share one scale; awards have their own"])),
        )
    )

    left: list[tuple[str, list[Row], list[str], str]] = [
        ("Works per decade", [(k, [v], "") for k, v in stats.per_decade], ["bar"], ""),
        (
            "By kind",
            [(k, [v], "") for k, v in stats.by_kind],
            [kind_colour_key(k) for k, _ in stats.by_kind],
            "",
        ),
    ]
    if stats.by_language:
        rows, more = _capped([(k, [v], "") for k, v in stats.by_language], "languages")
        left.append(("By language", rows, ["bar"], more))
    right: list[tuple[str, list[Row], list[str], str]] = []
    if stats.directors:
        rows, more = _capped([(n, [c], _span(a, b)) for n, c, a, b in stats.directors], "directors")
        right.append(("Directors, more than once (works)", rows, ["bar"], more))
    if stats.costars:
        rows, more = _capped([(n, [c], "") for n, c in stats.costars], "co-stars")
        right.append(("Co-stars, more than once (works)", rows, ["bar"], more))
    works_scale = _per_unit(column, [(rows, keys) for _, rows, keys, _ in (*left, *right)])

    body: list[str] = []
    bottom = top
    for x_, panels in ((left_x, left), (right_x, right)):
        y = top
        for heading, rows, keys, more in panels:
            markup, height = _panel(x_, y, column, heading, rows, keys, more, works_scale)
            body.append(markup)
            y += height + 8
        bottom = max(bottom, y)
    award_panels: list[tuple[str, list[Row]]] = []
    if stats.awards_by_body:
        award_panels.append(
            ("Awards for her works, by body", [(b, [w, n], "") for b, w, n in stats.awards_by_body])
        )
    if stats.honours_by_body:
        award_panels.append(
            (
                "Career honours (for no single work), by body",
                [(b, [w, n], "") for b, w, n in stats.honours_by_body],
            )
        )
    awards_scale = _per_unit(WIDTH - 2 * MARGIN, [(rows, ["won", "nomfill"]) for _, rows in award_panels])
    for index, (heading, award_rows) in enumerate(award_panels):
        markup, height = _panel(
            MARGIN, bottom, WIDTH - 2 * MARGIN, heading, award_rows, ["won", "nomfill"], "", awards_scale
        )
        body.append(markup)
        if index == 0:
            legend_y = bottom + 8
            legend = [
                award_star(WIDTH - MARGIN - 210, legend_y, 6.5, True),
                tag(
                    "text",
                    {**fill("ink"), "x": WIDTH - MARGIN - 200, "y": legend_y + 4, "font_size": SIZE},
                    text("won"),
                ),
                award_star(WIDTH - MARGIN - 150, legend_y, 6.5, False),
                tag(
                    "text",
                    {**fill("ink"), "x": WIDTH - MARGIN - 140, "y": legend_y + 4, "font_size": SIZE},
                    text("nominated"),
                ),
            ]
            body.append(tag("g", {"class_": "bn-legend"}, *legend))
        bottom += height + 8
    if source:
        body.append(
            tag(
                "text",
                {
                    **fill("muted"),
                    "class_": "bn-source bn-f-muted",
                    "x": MARGIN,
                    "y": bottom + 8,
                    "font_size": SMALL,
                },
                text(source),
            )
        )
        bottom += 20
    height = bottom + 8
    description = (
        f"Statistics: {stats.total} works from {span}, {won} awards won and {nominated} nominations "
        f"for these works"
        + (f", and {honours} career honours won" if stats.honours_by_body else "")
        + ". "
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
