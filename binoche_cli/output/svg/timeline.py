"""The career as a chart: a year axis, a column of marks per year, labels for the works that matter.

Layout, top to bottom: heading, legend and what the labels mean; decade bands; labels in
rows, each joined to its mark by a leader line; the films' marks stacked per year on the
axis; then, when present, a lane for stage work and one for life and career events; last,
the source line. Every mark takes keyboard focus and carries a `<title>` with its details
(the HTML page shows them on focus and on tap).

Past `AGGREGATE_AT` works a mark per work would be a tall, multi-megabyte picture: the chart
then draws one bar per year (its height counts the works) and labels the most honoured works.
"""

from collections.abc import Collection, Mapping, Sequence

from binoche_cli.output.svg._layout import LABEL_PAD, lane_rows, place_labels, safe_link
from binoche_cli.output.svg._legend import SMALL, TOP_LABELS, description, event_span, header, summary_line
from binoche_cli.output.svg._marks import (
    BIG,
    DOT,
    award_suffix,
    count_lane,
    honour_key,
    mark,
    tooltip,
    wrap_link,
    year_bar,
)
from binoche_cli.output.svg._markup import FONT_STACK, NBSP, SVG_NS, esc, num, shorten, tag, text, text_width
from binoche_cli.output.svg._palette import COLOURS, fill, stroke, svg_style
from binoche_cli.query.summaries import TimelineEntry
from binoche_cli.query.values import decade_of

LABEL_SIZE = 11.0  # the smallest text anywhere: 11 CSS px when the page shows it unscaled
LABEL_ROW = 16.0
LABEL_LIMIT = 32  # characters; the tooltip has the whole title
RIGHT = 28.0
TOP = 134.0
AGGREGATE_AT = 400  # works; past this, one bar per year
BAR_HEIGHT = 180.0  # the tallest year's bar, aggregated
LANE_NAMES = ("Films", "Stage", "Life & career")


def _scale(first: int, last: int) -> tuple[float, int]:
    """Pixels per year (narrow enough for a long career, wide enough for one year) and tick step."""
    span = last - first + 1
    per_year = max(22.0, min(64.0, 1000.0 / span))
    step = next(s for s in (1, 2, 5, 10, 20) if s * per_year >= 40)
    return per_year, step


def timeline_svg(
    entries: Sequence[TimelineEntry],
    *,
    title: str,
    links: Mapping[str, str] | None = None,
    guide_titles: Collection[str] = (),
    source: str = "",
    honours: int = 0,
) -> str:
    """The timeline as a self-contained SVG document (no fonts, scripts or links to load).

    `source` is printed at the foot (where the data comes from, as of when); `honours` is the
    number of career honours won, named apart from the awards for the works shown."""
    links = links or {}
    if not entries:
        raise ValueError("a timeline needs at least one entry")
    first, last = min(e.year for e in entries), max(e.year for e in entries)
    per_year, step = _scale(first, last)
    left = 14 + max(text_width(name, SMALL) for name in LANE_NAMES) * 1.05 + 14

    def x_of(year: float) -> float:
        return left + (year - first + 0.5) * per_year

    films = [e for e in entries if e.is_film]
    stage = [e for e in entries if e.kind == "stage"]
    events = [e for e in entries if e.kind == "event"]
    guide = set(guide_titles)
    aggregated = len(films) > AGGREGATE_AT

    if aggregated:
        # The most honoured work of each year, then the best of those: labels spread over
        # the career instead of piling on one year.
        best: dict[int, TimelineEntry] = {}
        for entry in sorted(films, key=honour_key, reverse=True):
            if entry.awards:
                best.setdefault(entry.year, entry)
        label_entries = sorted(best.values(), key=honour_key, reverse=True)[:TOP_LABELS]
        label_entries.sort(key=lambda e: (e.year, e.title))
        by_year: dict[int, list[TimelineEntry]] = {}
        for entry in films:
            by_year.setdefault(entry.year, []).append(entry)
        busiest = max(len(group) for group in by_year.values())
        unit = BAR_HEIGHT / busiest
        stack_height = BAR_HEIGHT + 4
        tops = {year: len(group) * unit for year, group in by_year.items()}
    else:

        def labelled(entry: TimelineEntry) -> bool:
            return any(a.won for a in entry.awards) or entry.title in guide

        # Stack each year's films upward from the axis; labelled works go on top, so their
        # leader lines rise through empty space.
        by_year = {}
        for entry in films:
            by_year.setdefault(entry.year, []).append(entry)
        centres: dict[int, tuple[float, float]] = {}  # offset above the axis: centre, top
        stack_height = 0.0
        for group in by_year.values():
            group.sort(key=labelled)
            height = 0.0
            for entry in group:
                radius = BIG if entry.awards else DOT
                centres[id(entry)] = (height + radius + 2.5, height + 2 * radius + 5)
                height += 2 * radius + 3
            stack_height = max(stack_height, height)
        label_entries = [e for e in films if labelled(e)]

    label_texts = [
        (shorten(e.title, LABEL_LIMIT), award_suffix(e) if any(a.won for a in e.awards) or aggregated else "")
        for e in label_entries
    ]
    widths = [text_width(f"{t} {s}".strip(), LABEL_SIZE) for t, s in label_texts]
    rows = place_labels([(x_of(e.year), w) for e, w in zip(label_entries, widths, strict=True)])
    label_rows = max(rows, default=-1) + 1

    label_base = TOP + 30 + label_rows * LABEL_ROW  # baseline of row 0
    axis_y = label_base + 12 + stack_height
    y = axis_y + 42.0
    right = max(
        [
            x_of(last + 0.5),
            *(x_of(e.year) + LABEL_PAD + w for e, w in zip(label_entries, widths, strict=True)),
        ]
    )

    body: list[str] = []
    lanes: list[tuple[str, float]] = []  # name, top
    stage_marks: list[str] = []
    if stage and len(stage) > AGGREGATE_AT:
        stage_marks, y = count_lane(stage, "stage work", x_of, y, links)
        lanes.append(("Stage", y - 34))
    elif stage:
        # Lanes below the axis, placed first-fit so nothing overlaps.
        spans = []
        names = [shorten(e.title, 26) for e in stage]
        for e, name in zip(stage, names, strict=True):
            spans.append((x_of(e.year) - BIG, x_of(e.year) + BIG + 4 + text_width(name, LABEL_SIZE)))
        lane = lane_rows(spans)
        top = y
        for e, name, row, (_, end) in zip(stage, names, lane, spans, strict=True):
            cy = top + 10 + row * 22
            cx = x_of(e.year)
            label = tag(
                "text",
                {
                    **fill("ink"),
                    "x": cx + BIG + 4,
                    "y": cy + 4,
                    "font_size": LABEL_SIZE,
                    "class_": "bn-label bn-f-ink",
                },
                text(name),
            )
            stage_marks.append(
                wrap_link(safe_link(links.get(e.title)), "bn-work", tooltip(e), mark(e, cx, cy), label)
            )
            right = max(right, end)
        y = top + 20 + max(lane) * 22 + 12
        lanes.append(("Stage", top))
    event_marks: list[str] = []
    if events and len(events) > AGGREGATE_AT:
        event_marks, y = count_lane(events, "event", x_of, y, links)
        lanes.append(("Life & career", y - 34))
    elif events:
        lane = lane_rows([(x_of(e.year) - 5, x_of(e.year) + 5) for e in events], gap=3)
        top = y
        for e, row in zip(events, lane, strict=True):
            cy = top + 10 + row * 13
            event_marks.append(
                wrap_link(safe_link(links.get(e.title)), "bn-work", tooltip(e), mark(e, x_of(e.year), cy))
            )
        y = top + 20 + max(lane) * 13 + 4
        lanes.append(("Life & career", top))
    foot = y + 10
    height = foot + (30 if source else 10)
    width = max(720.0, right + RIGHT)

    # Decade bands behind everything, alternately shaded, named at the top.
    plot_top = TOP + 4
    for decade in range(decade_of(first), last + 1, 10):
        x0, x1 = max(x_of(decade - 0.5), x_of(first - 0.5)), min(x_of(decade + 9.5), x_of(last + 0.5))
        if (decade // 10) % 2 == 0:
            body.append(
                tag(
                    "rect", {**fill("band"), "x": x0, "y": plot_top, "width": x1 - x0, "height": y - plot_top}
                )
            )
        if x1 - x0 >= 40:
            body.append(
                tag(
                    "text",
                    {
                        **fill("muted"),
                        "x": x0 + 6,
                        "y": plot_top + 16,
                        "font_size": SMALL,
                        "font_weight": 600,
                        "letter_spacing": 0.4,
                    },
                    text(f"{decade}s"),
                )
            )

    # Axis: a tick per year, a labelled tick every `step` years.
    axis = [
        tag(
            "line",
            {
                **stroke("axis"),
                "class_": "bn-axis bn-s-axis",
                "x1": x_of(first - 0.5),
                "x2": x_of(last + 0.5),
                "y1": axis_y,
                "y2": axis_y,
                "stroke_width": 1.2,
            },
        )
    ]
    for year in range(first, last + 1):
        major = year % step == 0
        axis.append(
            tag(
                "line",
                {
                    **stroke("axis"),
                    "x1": x_of(year),
                    "x2": x_of(year),
                    "y1": axis_y,
                    "y2": axis_y + (6 if major else 3),
                },
            )
        )
        if major:
            axis.append(
                tag(
                    "text",
                    {
                        **fill("muted"),
                        "class_": "bn-tick bn-f-muted",
                        "x": x_of(year),
                        "y": axis_y + 20,
                        "font_size": SMALL,
                        "text_anchor": "middle",
                    },
                    text(year),
                )
            )
    body.append(tag("g", {"aria_hidden": "true"}, *axis))

    # Leader lines, then marks, then labels: a label is never painted under a mark.
    leaders, labels = [], []
    for entry, (name, suffix), width_, row in zip(label_entries, label_texts, widths, rows, strict=True):
        cx = x_of(entry.year)
        baseline = label_base - row * LABEL_ROW
        top_of_mark = axis_y - (tops[entry.year] + 2 if aggregated else centres[id(entry)][1] - 3)
        leaders.append(
            tag(
                "line",
                {
                    **stroke("muted"),
                    "x1": cx,
                    "x2": cx,
                    "y1": top_of_mark,
                    "y2": baseline - 3.5,
                    "stroke_width": 0.8,
                },
            )
        )
        pieces = [text(name)]
        if suffix:
            pieces.append(tag("tspan", {**fill("wontext"), "font_weight": 700}, text(NBSP + suffix)))
        label = tag(
            "text",
            {
                "class_": "bn-label bn-f-ink",
                "fill": COLOURS["ink"].light,
                "x": cx + LABEL_PAD,
                "y": baseline,
                "font_size": LABEL_SIZE,
                "data_width": round(width_, 1),
            },
            *pieces,
        )
        labels.append(wrap_link(safe_link(links.get(entry.title)), "bn-labelled", tooltip(entry), label))
    body.append(tag("g", {"aria_hidden": "true"}, *leaders))
    marks = []
    if aggregated:
        for year, group in sorted(by_year.items()):
            marks.append(year_bar(year, group, x_of(year), axis_y, tops[year], per_year))
    else:
        for entry in films:
            centre = centres[id(entry)][0]
            marks.append(
                wrap_link(
                    safe_link(links.get(entry.title)),
                    "bn-work",
                    tooltip(entry),
                    mark(entry, x_of(entry.year), axis_y - centre),
                )
            )
    body.append(tag("g", {"class_": "bn-films"}, *marks))
    body.append(tag("g", {"class_": "bn-labels"}, *labels))

    # Lane names sit above their lane, clear of any mark, left of the first year.
    for name, top in lanes:
        body.append(
            tag(
                "line",
                {
                    **stroke("rule"),
                    "x1": 14,
                    "x2": width - RIGHT / 2,
                    "y1": top - 6,
                    "y2": top - 6,
                    "stroke_dasharray": "2 3",
                },
            )
        )
        body.append(
            tag(
                "text",
                {
                    **fill("muted"),
                    "class_": "bn-lane bn-f-muted",
                    "x": 14,
                    "y": top + 14,
                    "font_size": SMALL,
                    "font_weight": 600,
                },
                text(name),
            )
        )
    body.append(
        tag(
            "text",
            {
                **fill("muted"),
                "class_": "bn-lane bn-f-muted",
                "x": 14,
                "y": axis_y - 8,
                "font_size": SMALL,
                "font_weight": 600,
            },
            text("Films"),
        )
    )
    body.append(tag("g", {"class_": "bn-stage"}, *stage_marks))
    body.append(tag("g", {"class_": "bn-events"}, *event_marks))
    if source:
        body.append(
            tag(
                "text",
                {
                    **fill("muted"),
                    "class_": "bn-source bn-f-muted",
                    "x": 14,
                    "y": foot + 16,
                    "font_size": SMALL,
                },
                text(source),
            )
        )

    summary = summary_line(films, first, last, honours)
    heading = header(
        title, summary, films, bool(stage), bool(events), aggregated, event_span(films, stage, events)
    )
    return _document(
        width,
        height,
        title,
        description(films, stage, events, first, last, honours),
        heading + "".join(body),
    )


def _document(width: float, height: float, title: str, description: str, body: str) -> str:
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": round(width),
            "height": round(height),
            "role": "img",
            "aria_labelledby": "bn-tl-title bn-tl-desc",
            "font_family": FONT_STACK,
        },
        tag("title", {"id": "bn-tl-title"}, text(title)),
        tag("desc", {"id": "bn-tl-desc"}, text(description)),
        tag("style", None, esc(svg_style())),
        tag("rect", {**fill("bg"), "width": "100%", "height": "100%"}),
        body,
    )
