"""What the timeline says in words: its summary line, its description for screen
readers, and the heading with the legend (what each shape, star and label means)."""

from collections.abc import Sequence

from binoche_cli.output.svg._markup import NOMINATION, WIN, clean, tag, text, text_width
from binoche_cli.output.svg._palette import KIND_ORDER, fill
from binoche_cli.output.svg._shapes import award_star, kind_shape
from binoche_cli.query.summaries import TimelineEntry
from binoche_cli.text import plural

SMALL = 11.0
TOP_LABELS = 30  # labelled works in the aggregated chart


def event_span(
    films: Sequence[TimelineEntry], stage: Sequence[TimelineEntry], events: Sequence[TimelineEntry]
) -> str:
    """The films' span when every stage work and event falls inside it (the CLI keeps them to
    the years of the works a filter shows), so the picture can say what it shows."""
    years = [e.year for e in (*stage, *events)]
    if not years or not films:
        return ""
    first, last = min(e.year for e in films), max(e.year for e in films)
    if not all(first <= y <= last for y in years):
        return ""
    return str(first) if first == last else f"{first}–{last}"


def summary_line(films: Sequence[TimelineEntry], first: int, last: int, honours: int = 0) -> str:
    """Counts of the works shown, over the years they span; awards are those for these works
    (the same count as `binoche stats`), career honours named apart."""
    won = sum(a.won for e in films for a in e.awards)
    nominated = sum(not a.won for e in films for a in e.awards)
    if films:
        first, last = min(e.year for e in films), max(e.year for e in films)
    span = str(first) if first == last else f"{first}–{last}"
    parts = [f"{plural(len(films), 'work')}, {span}"]
    if won or nominated:
        parts.append(f"{plural(won, 'award')} won and {plural(nominated, 'nomination')} for these works")
    if honours:
        parts.append(f"{plural(honours, 'career honour')} won besides")
    return " · ".join(parts)


def description(
    films: Sequence[TimelineEntry],
    stage: Sequence[TimelineEntry],
    events: Sequence[TimelineEntry],
    first: int,
    last: int,
    honours: int,
) -> str:
    honoured = sorted(films, key=lambda e: -sum(a.won for a in e.awards))[:3]
    names = [f"{clean(e.title)} ({e.year})" for e in honoured if any(a.won for a in e.awards)]
    text_ = f"A timeline from {first} to {last}: {summary_line(films, first, last, honours)}."
    if stage:
        text_ += f" {len(stage)} stage works."
    if events:
        text_ += f" {len(events)} life and career events."
    if names:
        text_ += " Most honoured: " + "; ".join(names) + "."
    return text_


def header(
    title: str,
    summary: str,
    films: Sequence[TimelineEntry],
    stage: bool,
    events: bool,
    aggregated: bool,
    event_span: str,
) -> str:
    parts = [
        tag("text", {**fill("ink"), "x": 14, "y": 34, "font_size": 21, "font_weight": 700}, text(title)),
        tag(
            "text",
            {**fill("muted"), "class_": "bn-summary bn-f-muted", "x": 14, "y": 56, "font_size": 12.5},
            text(summary),
        ),
    ]
    x, y = 20.0, 84.0
    items: list[tuple[str, str]]
    if aggregated:
        items = [("bar", "works per year (bar height)")]
    else:
        present = {e.kind for e in films}
        kinds = [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))
        items = [(k, k) for k in kinds]
    items += [("won", "won"), ("nominated", "nominated only")]
    items += [("stage", "stage")] if stage else []
    items += [("event", "life & career")] if events else []
    for key, name in items:
        if key in ("won", "nominated"):
            glyph = award_star(x, y - 4, 7, key == "won")
        elif key == "bar":
            glyph = tag(
                "rect", {**fill("feature"), "x": x - 3, "y": y - 12, "width": 6, "height": 14, "rx": 1.5}
            )
        else:
            glyph = kind_shape(key, x, y - 4, 5.5 if key != "event" else 4.5)
        parts.append(glyph)
        parts.append(tag("text", {**fill("ink"), "x": x + 10, "y": y, "font_size": 11.5}, text(name)))
        x += 10 + text_width(name, 11.5) + 22
    if aggregated:
        meaning = (
            f"Labelled: each year's most honoured work (at most {TOP_LABELS}). {WIN}2 after a title: 2 awards won; "
            f"{NOMINATION}1: 1 nomination. Select a bar for its year."
        )
    else:
        meaning = (
            f"Labelled: works that won an award, and the viewing guide's picks. {WIN}2 after a title: "
            f"2 awards won; {NOMINATION}1: 1 nomination. Select a mark for its details."
        )
    parts.append(tag("text", {**fill("muted"), "x": 14, "y": y + 24, "font_size": SMALL}, text(meaning)))
    if event_span:
        parts.append(
            tag(
                "text",
                {**fill("muted"), "x": 14, "y": y + 40, "font_size": SMALL},
                text(f"Stage work and life events shown: {event_span}, the years of the works shown."),
            )
        )
    return tag("g", {"class_": "bn-header"}, *parts)
