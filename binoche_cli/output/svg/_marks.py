"""The timeline's marks: a shape per work with its award star, the details every mark
carries, and the per-year marks of a chart too big for one mark per work."""

from collections.abc import Callable, Mapping, Sequence

from binoche_cli.output.svg._markup import NBSP, NOMINATION, WIN, clean, tag, text
from binoche_cli.output.svg._palette import fill
from binoche_cli.output.svg._shapes import award_star, kind_shape
from binoche_cli.query.awards import award_label
from binoche_cli.query.summaries import TimelineEntry
from binoche_cli.text import plural

DOT = 5.5
BIG = 8.0  # works with awards: room for the star beside the shape


def award_counts(entry: TimelineEntry) -> tuple[int, int]:
    won = sum(a.won for a in entry.awards)
    return won, len(entry.awards) - won


def award_suffix(entry: TimelineEntry) -> str:
    """`★2 ☆1`: a count only when more than one; no space inside a marker, so it never breaks."""
    won, nominated = award_counts(entry)
    parts = []
    if won:
        parts.append(WIN + (str(won) if won > 1 else ""))
    if nominated:
        parts.append(NOMINATION + (str(nominated) if nominated > 1 else ""))
    return " ".join(parts)


def tooltip(entry: TimelineEntry) -> str:
    """Title, year, kind, director(s), role and every award, one per line."""
    lines = [f"{clean(entry.title)} ({entry.year})"]
    if entry.kind == "event":
        lines.append(f"{clean(entry.detail or 'event').capitalize()} event")
    else:
        kind = "stage work" if entry.kind == "stage" else clean(entry.kind)
        lines.append(kind + (f", {clean(entry.status)}" if entry.status != "released" else ""))
        if entry.directors:
            lines.append("Directed by " + ", ".join(clean(d) for d in entry.directors))
        if entry.role:
            lines.append(f"Role: {clean(entry.role)}")
        if entry.kind == "stage" and entry.detail:
            lines.append(clean(entry.detail))
    for award in sorted(entry.awards, key=lambda a: (not a.won, a.year)):
        mark = f"{WIN}{NBSP}Won" if award.won else f"{NOMINATION}{NBSP}Nominated"
        lines.append(
            f"{mark}: {clean(award_label(award))}, {clean(award.body)}: {clean(award.category)} ({award.year})"
        )
    return "\n".join(lines)


def wrap_link(url: str | None, cls: str, title: str, *children: str) -> str:
    # The tooltip's own line breaks survive; any in the data were made visible by `tooltip`.
    head = tag("title", None, "\n".join(text(line) for line in title.split("\n")))
    if url:
        return tag("a", {"href": url, "class_": cls}, head, *children)
    return tag("g", {"class_": cls, "tabindex": 0}, head, *children)


def mark(entry: TimelineEntry, cx: float, cy: float) -> str:
    """The kind's shape; beside it a star for awards: solid gold when won, hollow if only
    nominated. Counts are in the label and the details, not on the mark."""
    won, _ = award_counts(entry)
    if not entry.awards:
        return kind_shape(entry.kind, cx, cy, DOT if entry.kind != "event" else 4.5)
    return kind_shape(entry.kind, cx - 2, cy + 2, DOT) + award_star(cx + 3.5, cy - 3.5, 6.0, won > 0)


def honour_key(entry: TimelineEntry) -> tuple[int, int]:
    won, nominated = award_counts(entry)
    return won, nominated


def count_lane(
    entries: Sequence[TimelineEntry],
    noun: str,
    x_of: Callable[[float], float],
    y: float,
    links: Mapping[str, str],
) -> tuple[list[str], float]:
    """A lane too full for a mark each: one mark per year, its details naming the count."""
    by_year: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        by_year.setdefault(entry.year, []).append(entry)
    top = y
    marks = []
    for year, group in sorted(by_year.items()):
        names = "\n".join(clean(e.title) for e in group[:5])
        more = f"\nand {len(group) - 5} more" if len(group) > 5 else ""
        tip = f"{year}: {plural(len(group), noun)}\n{names}{more}"
        marks.append(wrap_link(None, "bn-work", tip, kind_shape(group[0].kind, x_of(year), top + 10, DOT)))
    return marks, top + 34


def year_bar(
    year: int, group: Sequence[TimelineEntry], cx: float, axis_y: float, height: float, per_year: float
) -> str:
    """One year of an aggregated chart: a bar as tall as its count of works, a star on top
    when a work of that year won."""
    won = sum(a.won for e in group for a in e.awards)
    nominated = sum(not a.won for e in group for a in e.awards)
    best = sorted((e for e in group if e.awards), key=honour_key, reverse=True)[:3]
    tip = [f"{year}: {plural(len(group), 'work')}"]
    if won or nominated:
        tip.append(f"{plural(won, 'award')} won, {plural(nominated, 'nomination')}")
    if best:
        tip.append("Most honoured: " + "; ".join(clean(e.title) for e in best))
    bar_width = max(4.0, per_year * 0.62)
    parts = [
        tag(
            "rect",
            {
                **fill("feature"),
                "class_": "bn-shape bn-f-feature",
                "x": cx - bar_width / 2,
                "y": axis_y - height,
                "width": bar_width,
                "height": max(height, 1.5),
                "rx": 1.5,
            },
        )
    ]
    if won or nominated:
        parts.append(award_star(cx, axis_y - height - 9, 6.0, won > 0))
    return wrap_link(None, "bn-work bn-year", "\n".join(tip), *parts)
