"""`seen stats` on a terminal: how much of the career you have seen, as `stats` draws its own
numbers (bars, sections), instead of the section/key/value rows the line formats write."""

from typing import Any

from binoche_cli.output.charts import _bar_rows
from binoche_cli.output.terminal import Terminal
from binoche_cli.output.wrapping import emit, wrap_text
from binoche_cli.text import plural, visible
from binoche_cli.viewing.queries import SeenStats


def _share_rows(rows: list[tuple[str, int, int]], term: Terminal, width: int, style: str) -> list[Any]:
    """`1990s   2/12 ███░░░░░░░░░░░`: seen of total, the bar the share seen."""
    from rich.cells import cell_len
    from rich.text import Text

    labels = [visible(label) for label, _, _ in rows]
    counts = [f"{seen}/{total}" for _, seen, total in rows]
    label_width = max((cell_len(label) for label in labels), default=0)
    count_width = max((len(c) for c in counts), default=1)
    room = max(5, min(30, width - label_width - count_width - 2))
    lines: list[Any] = []
    for label, count, (_, seen, total) in zip(labels, counts, rows, strict=True):
        filled = round(seen * room / total) if total else 0
        line = Text(label + " " * (label_width - cell_len(label) + 1) + count.rjust(count_width) + " ")
        line.append(term.bar_char * filled, style=style)
        line.append("·" * (room - filled) if term.utf8 else "." * (room - filled), style="dim")
        lines.append(line)
    return lines


def render_seen_stats(stats: SeenStats, term: Terminal, console: Any) -> None:
    from rich.text import Text

    width = console.width
    lines: list[Any] = []

    def section(title: str) -> None:
        lines.append(Text())
        lines.extend(wrap_text(Text(title, style="bold magenta"), width))

    share = round(100 * stats.films_seen / stats.films_total) if stats.films_total else 0
    headline = (
        f"{stats.films_seen} of {stats.films_total} films seen ({share}%), "
        f"{plural(stats.viewings, 'viewing')}"
    )
    lines.extend(wrap_text(Text(headline, style="bold"), width))
    if not stats.viewings:
        lines.extend(wrap_text(Text("Log a film with: binoche seen add TITLE"), width))
    section("Seen per decade")
    lines.extend(_share_rows(stats.by_decade, term, width, "green"))
    section("Seen by kind")
    lines.extend(_share_rows(stats.by_kind, term, width, "cyan"))
    if stats.per_year:
        section("Viewings per year")
        lines.extend(_bar_rows(stats.per_year, term, width, "blue"))
    if stats.by_director:
        section("Your average rating by director (films rated)")
        for name, mean, rated in stats.by_director[:10]:
            lines.extend(wrap_text(Text(f"{mean:.1f}  {visible(name)} ({rated})"), width))
    if stats.unseen_winners:
        section(f"Award winners you have not seen ({len(stats.unseen_winners)})")
        for film, won in stats.unseen_winners[:10]:
            bodies = "; ".join(dict.fromkeys(visible(a.body) for a in won))
            lines.extend(
                wrap_text(Text(f"{term.win_mark} {film.year} {visible(film.title)}: {bodies}"), width)
            )
    if stats.not_in_catalog:
        section("In your log, not in this dataset")
        lines.extend(wrap_text(Text(", ".join(visible(i) for i in stats.not_in_catalog)), width))
    emit(lines, console)
