"""Pictures of the career: the timeline, the compact year chart, stats and the guide.

The numbers come from `query` and the record forms (for `-f plain/json/...`) from `records`;
each drawing here takes the console to draw on, so the same picture goes to the terminal or
into an SVG/HTML recorder.
"""

import re
from collections.abc import Sequence
from typing import Any

from binoche_cli.dataset.catalog import Award
from binoche_cli.output.records import span_text
from binoche_cli.output.terminal import Terminal
from binoche_cli.output.wrapping import GLUE, emit, longest_word, wrap_text, wrap_words
from binoche_cli.query.awards import award_label
from binoche_cli.query.summaries import Stats, TimelineEntry
from binoche_cli.query.values import decade_of
from binoche_cli.text import plural, visible

PICTURE_WIDTH = 100  # SVG/HTML: wide enough for a full line, narrow enough to read


def award_names(awards: Sequence[Award]) -> list[str]:
    """A short name per award; where one name repeats (two SAG nominations), each names its
    category too, so that "SAG SAG" says which two."""
    labels = [award_label(a) for a in awards]
    return [
        f"{label} ({_SHORT_CATEGORY.sub('', a.category)})"
        if labels.count(label) > 1 and a.category
        else label
        for label, a in zip(labels, awards, strict=True)
    ]


# "Outstanding Performance by a Cast in a Motion Picture" says "Cast in a Motion Picture".
_SHORT_CATEGORY = re.compile(r"^(Outstanding Performance by an? |Best )", re.IGNORECASE)


def _markers(awards: Sequence[Award], term: Terminal) -> Any:
    """`★ Volpi Cup` per award. The spaces inside a short name are no-break, so a narrow
    terminal wraps between awards, never inside a name ("Cabourg / Film Festival"); only a
    repeated name's category, in brackets, may wrap."""
    from rich.text import Text

    text = Text()
    ordered = sorted(awards, key=lambda a: (not a.won, a.year))
    for award, name in zip(ordered, award_names(ordered), strict=True):
        mark = term.win_mark if award.won else term.nomination_mark
        label = visible(award_label(award))
        rest = visible(name)[len(label) :].replace(" (", GLUE + "(", 1)
        glued = label.replace(" ", GLUE)
        text.append(f"  {mark}{GLUE}{glued}{rest}", style="bold yellow" if award.won else "dim yellow")
    return text


def _heading(label: str, detail: str, term: Terminal) -> Any:
    from rich.text import Text

    text = Text(label, style="bold magenta")
    text.append(f"  {detail}", style="dim")
    return text


def render_timeline(entries: Sequence[TimelineEntry], term: Terminal, console: Any) -> None:
    """Decade headings, then one line per work: year, title, director, role, award markers."""
    from rich.text import Text

    width = console.width
    show_role = width >= 70
    lines: list[Text] = []
    by_decade: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        by_decade.setdefault(decade_of(entry.year), []).append(entry)
    for index, (decade, group) in enumerate(sorted(by_decade.items())):
        films = [e for e in group if e.is_film]
        wins = sum(a.won for e in films for a in e.awards)
        detail = f"{plural(len(films), 'work')}" + (f", {wins}{GLUE}{term.win_mark}" if wins else "")
        if index:
            lines.append(Text())
        lines.append(_heading(f"{decade}s", detail, term))
        # Lines wrapped by hand, at spaces only, with a hanging indent: a Rich grid per decade
        # renders the same picture several times slower and folds words in the middle.
        body_width = max(10, width - 7)
        previous = 0
        for entry in group:
            line = Text()
            if entry.kind == "event":
                mark = Text(term.event_mark, style="magenta")
                line.append(visible(entry.title), style="italic magenta")
            elif entry.kind == "stage":
                mark = Text(term.event_mark, style="blue")
                line.append("stage: ", style="blue")
                line.append(visible(entry.title), style="bold blue")
                if entry.role and show_role:
                    line.append(f" as {visible(entry.role)}", style="blue")
                if entry.detail:
                    line.append(f" ({visible(entry.detail)})", style="dim blue")
            else:
                mark = Text(term.win_mark if any(a.won for a in entry.awards) else " ", style="bold yellow")
                line.append(visible(entry.title), style="bold")
                if entry.directors:
                    line.append(" " + (term.encodable("·") if term.fancy_glyphs else "-") + " ", style="dim")
                    line.append(visible(", ".join(entry.directors)), style="green")
                if entry.role and show_role:
                    line.append(f" (as {visible(entry.role)})", style="dim")
                if entry.kind != "feature":
                    line.append(f" [{visible(entry.kind)}]", style="dim")
                if entry.status != "released":
                    line.append(f" [{visible(entry.status)}]", style="dim red")
            line.append_text(_markers(entry.awards, term))
            year = f"{entry.year:<4}" if entry.year != previous else "    "
            previous = entry.year
            for number, part in enumerate(wrap_text(line, body_width)):
                prefix = Text(f"{year} ", style="cyan") + mark + " " if number == 0 else Text(" " * 7)
                lines.append(prefix + part)
    legend = Text(f"{term.win_mark}{GLUE}won  {term.nomination_mark}{GLUE}nominated", style="dim")
    if any(not e.is_film for e in entries):
        legend.append(f"  {term.event_mark}{GLUE}stage and life events", style="dim")
    lines.append(Text())
    lines.extend(wrap_text(legend, width))
    emit(lines, console)


def render_compact(entries: Sequence[TimelineEntry], term: Terminal, console: Any) -> None:
    """One line per year: a block per work, a star per win; decade subtotals."""
    from rich.text import Text

    films = [e for e in entries if e.is_film]
    if not films:
        return
    first, last = min(e.year for e in entries), max(e.year for e in entries)
    per_year: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        per_year.setdefault(entry.year, []).append(entry)
    decade_films = decade_wins = 0
    for year in range(first, last + 1):
        group = per_year.get(year, [])
        works = [e for e in group if e.is_film]
        wins = sum(a.won for e in works for a in e.awards)
        noms = sum(not a.won for e in works for a in e.awards)
        others = [e for e in group if not e.is_film]
        line = Text(f"{year} ", style="cyan")
        line.append(term.bar_char * len(works), style="green")
        if wins:
            line.append(" " + term.win_mark * wins, style="bold yellow")
        if noms:
            line.append(" " + term.nomination_mark * noms, style="dim yellow")
        if others:
            line.append(" " + term.event_mark * len(others), style="magenta")
        console.print(line, overflow="fold")
        decade_films += len(works)
        decade_wins += wins
        if year % 10 == 9 or year == last:
            summary = Text(
                f"  {decade_of(year)}s: {plural(decade_films, 'work')}, {plural(decade_wins, 'win')}",
                style="bold magenta",
            )
            console.print(summary)
            decade_films = decade_wins = 0
    console.print(
        Text(
            f"{term.bar_char} a work  {term.win_mark} a win  {term.nomination_mark} a nomination", style="dim"
        )
    )


# ---------------------------------------------------------------------------------------
# Stats


def _bar_rows(rows: Sequence[tuple[str, int]], term: Terminal, width: int, style: str) -> list[Any]:
    """Label, count and bar, one line each; the label column is as wide as its longest label,
    unless the screen is too narrow, when long labels wrap at spaces under themselves."""
    from rich.cells import cell_len
    from rich.text import Text

    labels = [visible(label) for label, _ in rows]
    counts = [str(value) for _, value in rows]
    count_width = max((len(c) for c in counts), default=1)
    label_width = max((cell_len(label) for label in labels), default=0)
    if label_width + count_width + 2 + 5 > width:  # keep at least 5 cells for the bars
        label_width = max(max((longest_word(label) for label in labels), default=0), width - count_width - 7)
    room = max(5, min(40, width - label_width - count_width - 2))
    top = max((v for _, v in rows), default=1) or 1
    lines: list[Any] = []
    for label, count, (_, value) in zip(labels, counts, rows, strict=True):
        parts = wrap_words(label, label_width)
        first = Text(parts[0].ljust(label_width + len(parts[0]) - cell_len(parts[0])) + " ")
        first.append(count.rjust(count_width) + " ")
        first.append(term.bar_char * max(1, round(value * room / top)), style=style)
        lines.append(first)
        lines.extend(Text(part) for part in parts[1:])
    return lines


def render_stats(stats: Stats, term: Terminal, console: Any) -> None:
    from rich.text import Text

    width = console.width
    lines: list[Any] = []

    def section(title: str) -> None:
        lines.append(Text())
        lines.extend(wrap_text(Text(title, style="bold magenta"), width))

    def wrapped(text: Any) -> None:
        lines.extend(wrap_text(text, width))

    wrapped(Text(f"{stats.total} works, {stats.first_year}-{stats.last_year}", style="bold"))
    section("Films per decade")
    lines.extend(_bar_rows(stats.per_decade, term, width, "green"))
    section("By kind")
    lines.extend(_bar_rows(stats.by_kind, term, width, "cyan"))
    if stats.by_language:
        section("By language")
        lines.extend(_bar_rows(stats.by_language[:8], term, width, "cyan"))
    if stats.directors:
        section("Directors she worked with more than once")
        lines.extend(
            _bar_rows(
                [(f"{n} ({span_text(a, b)})", c) for n, c, a, b in stats.directors[:10]], term, width, "green"
            )
        )
    if stats.costars:
        section("Most frequent co-stars")
        lines.extend(_bar_rows(stats.costars[:8], term, width, "blue"))
    for heading, bodies in (
        ("Awards for her works, by body", stats.awards_by_body),
        ("Career honours (for no single work)", stats.honours_by_body),
    ):
        if not bodies:
            continue
        section(f"{heading} ({term.win_mark}{GLUE}won, {term.nomination_mark}{GLUE}nominated)")
        tallies = [
            (visible(body) + ":", term.win_mark * won, term.nomination_mark * nominated)
            for body, won, nominated in bodies
        ]
        tally_width = max(len(w) + len(n) for _, w, n in tallies)
        label_width = max(cell_len_of(name) for name, _, _ in tallies)
        if label_width + 1 + tally_width > width:  # narrow: names wrap at spaces, tallies stay whole
            label_width = max(max(longest_word(name) for name, _, _ in tallies), width - tally_width - 1)
        for name, won_marks, nominated_marks in tallies:
            parts = wrap_words(name, label_width)
            line = Text(parts[0] + " " * (label_width - cell_len_of(parts[0]) + 1))
            line.append(won_marks, style="bold yellow")
            line.append(nominated_marks, style="dim yellow")
            lines.append(line)
            lines.extend(Text(part) for part in parts[1:])
    if stats.busiest:
        year, titles = stats.busiest
        section("Busiest year")
        wrapped(Text(f"{year}: {len(titles)} works ({'; '.join(visible(t) for t in titles)})"))
    if stats.crown:
        section("European triple crown (best actress at Cannes, Venice and Berlin)")
        for body, award_year, title in stats.crown:
            wrapped(
                Text(f"{term.win_mark}{GLUE}{award_year} {visible(body)}: {visible(title)}", style="yellow")
            )
    emit(lines, console)


def cell_len_of(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


# ---------------------------------------------------------------------------------------
# Viewing guide


def render_guide(rows: Sequence[dict[str, Any]], term: Terminal, console: Any) -> None:
    from rich.text import Text

    width = console.width
    check, todo = ("✓", "·") if term.fancy_glyphs else ("[x]", "[ ]")
    lines: list[Any] = []
    current = 0
    for row in rows:
        if row["step"] != current:
            current = row["step"]
            if current != rows[0]["step"]:
                lines.append(Text())
            lines.extend(
                wrap_text(Text(f"{current}. {visible(str(row['heading']))}", style="bold magenta"), width)
            )
            lines.extend(wrap_text(Text(visible(str(row["why"])), style="dim"), width))
        mark = Text(f"  {check if row['seen'] else todo}{GLUE}", style="green" if row["seen"] else "")
        mark.append(f"{visible(str(row['title']))} ", style="bold" if not row["seen"] else "dim")
        mark.append(f"({row['year']})", style="cyan")
        indent = 3 + len(check)
        for number, part in enumerate(wrap_text(mark, width)):
            lines.append(part if number == 0 else Text(" " * indent) + part)
    seen = sum(r["seen"] for r in rows)
    lines.append(Text())
    lines.append(Text(f"{seen} of {len(rows)} seen", style="dim"))
    emit(lines, console)


# ---------------------------------------------------------------------------------------
# Files
