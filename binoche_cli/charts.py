"""Pictures of the career: the timeline, the compact year chart, stats and the guide.

The numbers come from `query` and the record forms (for `-f plain/json/...`) from `records`;
each drawing here takes the console to draw on, so the same picture goes to the terminal or
into an SVG/HTML recorder.
"""

from collections.abc import Callable, Sequence
from typing import Any

from .catalog import Award, Catalog
from .query import Stats, TimelineEntry, award_label, decade_of
from .records import span_text
from .terminal import Terminal

PICTURE_WIDTH = 100  # SVG/HTML: wide enough for a full line, narrow enough to read


def _markers(awards: Sequence[Award], term: Terminal) -> Any:
    from rich.text import Text

    text = Text()
    for award in sorted(awards, key=lambda a: (not a.won, a.year)):
        mark = term.win_mark if award.won else term.nomination_mark
        text.append(f"  {mark} {award_label(award)}", style="bold yellow" if award.won else "dim yellow")
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
    by_decade: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        by_decade.setdefault(decade_of(entry.year), []).append(entry)
    for index, (decade, group) in enumerate(sorted(by_decade.items())):
        films = [e for e in group if e.is_film]
        wins = sum(a.won for e in films for a in e.awards)
        detail = f"{len(films)} work{'s' if len(films) != 1 else ''}" + (
            f", {wins} {term.win_mark}" if wins else ""
        )
        if index:
            console.print()
        console.print(_heading(f"{decade}s", detail, term))
        # Lines wrapped by hand with a hanging indent: a Rich grid per decade renders the
        # same picture several times slower, and timelines are on the start-up budget.
        rows: list[Text] = []
        body_width = max(10, width - 7)
        previous = 0
        for entry in group:
            line = Text()
            if entry.kind == "event":
                mark = Text(term.event_mark, style="magenta")
                line.append(entry.title, style="italic magenta")
            elif entry.kind == "stage":
                mark = Text(term.event_mark, style="blue")
                line.append("stage: ", style="blue")
                line.append(entry.title, style="bold blue")
                if entry.role and show_role:
                    line.append(f" as {entry.role}", style="blue")
                if entry.detail:
                    line.append(f" ({entry.detail})", style="dim blue")
            else:
                mark = Text(term.win_mark if any(a.won for a in entry.awards) else " ", style="bold yellow")
                line.append(entry.title, style="bold")
                if entry.directors:
                    line.append(" " + (term.encodable("·") if term.fancy_glyphs else "-") + " ", style="dim")
                    line.append(", ".join(entry.directors), style="green")
                if entry.role and show_role:
                    line.append(f" (as {entry.role})", style="dim")
                if entry.kind != "feature":
                    line.append(f" [{entry.kind}]", style="dim")
                if entry.status != "released":
                    line.append(f" [{entry.status}]", style="dim red")
            line.append_text(_markers(entry.awards, term))
            year = f"{entry.year:<4}" if entry.year != previous else "    "
            previous = entry.year
            for number, part in enumerate(line.wrap(console, body_width, overflow="fold")):
                prefix = Text(f"{year} ", style="cyan") + mark + " " if number == 0 else Text(" " * 7)
                rows.append(prefix + part)
        console.print(Text("\n").join(rows), overflow="fold", no_wrap=True)
    legend = Text(f"{term.win_mark} won  {term.nomination_mark} nominated", style="dim")
    if any(not e.is_film for e in entries):
        legend.append(f"  {term.event_mark} stage and life events", style="dim")
    console.print()
    console.print(legend)


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
                f"  {decade_of(year)}s: {decade_films} work{'s' if decade_films != 1 else ''}, {decade_wins} win{'s' if decade_wins != 1 else ''}",
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


def _bar_rows(rows: Sequence[tuple[str, int]], term: Terminal, width: int, style: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(overflow="fold", max_width=max(12, width // 3))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True, overflow="crop")
    top = max((v for _, v in rows), default=1) or 1
    room = max(5, min(40, width - width // 3 - 10))
    for label, value in rows:
        grid.add_row(
            Text(label),
            Text(str(value)),
            Text(term.bar_char * max(1, round(value * room / top)), style=style),
        )
    return grid


def render_stats(stats: Stats, term: Terminal, console: Any) -> None:
    from rich.text import Text

    width = console.width

    def section(title: str) -> None:
        console.print()
        console.print(Text(title, style="bold magenta"))

    console.print(Text(f"{stats.total} works, {stats.first_year}-{stats.last_year}", style="bold"))
    section("Films per decade")
    console.print(_bar_rows(stats.per_decade, term, width, "green"))
    section("By kind")
    console.print(_bar_rows(stats.by_kind, term, width, "cyan"))
    if stats.by_language:
        section("By language")
        console.print(_bar_rows(stats.by_language[:8], term, width, "cyan"))
    if stats.directors:
        section("Directors she worked with more than once")
        console.print(
            _bar_rows(
                [(f"{n} ({span_text(a, b)})", c) for n, c, a, b in stats.directors[:10]], term, width, "green"
            )
        )
    if stats.costars:
        section("Most frequent co-stars")
        console.print(_bar_rows(stats.costars[:8], term, width, "blue"))
    if stats.awards_by_body:
        section(f"Awards by body ({term.win_mark} won, {term.nomination_mark} nominated)")
        for body, won, nominated in stats.awards_by_body:
            line = Text(f"{body}: ")
            line.append(term.win_mark * won, style="bold yellow")
            line.append(term.nomination_mark * nominated, style="dim yellow")
            console.print(line, overflow="fold")
    if stats.busiest:
        year, titles = stats.busiest
        section("Busiest year")
        console.print(Text(f"{year}: {len(titles)} works ({'; '.join(titles)})"), overflow="fold")
    if stats.crown:
        section("European triple crown (best actress at Cannes, Venice and Berlin)")
        for body, award_year, title in stats.crown:
            console.print(
                Text(f"{term.win_mark} {award_year} {body}: {title}", style="yellow"), overflow="fold"
            )


# ---------------------------------------------------------------------------------------
# Viewing guide


def render_guide(catalog: Catalog, rows: Sequence[dict[str, Any]], term: Terminal, console: Any) -> None:
    from rich.text import Text

    check, todo = ("✓", "·") if term.fancy_glyphs else ("[x]", "[ ]")
    current = 0
    for row in rows:
        if row["step"] != current:
            current = row["step"]
            if current != rows[0]["step"]:
                console.print()
            console.print(Text(f"{current}. {row['heading']}", style="bold magenta"))
            console.print(Text(row["why"], style="dim"), overflow="fold")
        mark = Text(f"  {check if row['seen'] else todo} ", style="green" if row["seen"] else "")
        mark.append(f"{row['title']} ", style="bold" if not row["seen"] else "dim")
        mark.append(f"({row['year']})", style="cyan")
        console.print(mark, overflow="fold")
    seen = sum(r["seen"] for r in rows)
    console.print()
    console.print(Text(f"{seen} of {len(rows)} seen", style="dim"))


# ---------------------------------------------------------------------------------------
# Files


def picture_text(draw: Callable[[Any], None], kind: str) -> str:
    """Draw on a recording console and return it as SVG or HTML."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        record=True,
        width=PICTURE_WIDTH,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    draw(console)
    return console.export_svg(title="binoche") if kind == "svg" else console.export_html(inline_styles=True)
