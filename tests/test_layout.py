"""Layouts at pinned widths (issue 9, 15): columns line up, no word is split, nothing is lost."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from binoche_cli.dataset.catalog import Catalog, load
from binoche_cli.output import charts
from binoche_cli.output.cards import film_card_rows
from binoche_cli.output.records import film_record
from binoche_cli.output.render import write, write_card
from binoche_cli.output.shapes import FILM_DEFAULT
from binoche_cli.output.terminal import Terminal
from binoche_cli.query.awards import award_label
from binoche_cli.query.summaries import Stats, TimelineEntry, compute_stats, timeline_entries
from tests.helpers import BEHAVIOUR


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The frozen behaviour dataset: behaviour tests never read the curated file (issue 19)."""
    return load(BEHAVIOUR)


WIDTHS = [8, 10, 20, 40, 59, 60, 80, 120, 200]
ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def _table(records: list[dict[str, object]], fields: tuple[str, ...], width: int, **kw: Any) -> str:
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=width, **kw)
    write(records, fields, "table", term, title="Heading")
    return buffer.getvalue()


def _films(catalog: Catalog) -> list[dict[str, object]]:
    return [film_record(catalog, f) for f in catalog.films]


def _tokens(out: str) -> list[str]:
    return out.split()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_is_split_and_nothing_is_lost(catalog: Catalog, width: int) -> None:
    out = _table(_films(catalog), FILM_DEFAULT, width)
    tokens = _tokens(out)
    position = 0
    for film in catalog.films:
        # Every word of the title and of each director, whole and in order.
        for word in film.title.split():
            position = tokens.index(word, position)
        for director in film.directors:
            for word in director.split():
                assert word in tokens, (width, director)
    years = [t for t in tokens if re.fullmatch(r"\d{4}", t)]
    assert sorted({int(y) for y in years} & {f.year for f in catalog.films}) == sorted(
        {f.year for f in catalog.films}
    )
    assert not re.search(r"(?m)^\s*19\s*$", out)  # a year cut to two digits


@pytest.mark.parametrize("width", [40, 59, 60, 80, 120, 200])
def test_lines_fit_and_never_end_in_spaces(catalog: Catalog, width: int) -> None:
    out = _table(_films(catalog), FILM_DEFAULT, width)
    for line in out.splitlines():
        assert cell_len(line) <= width, line
        assert line == line.rstrip(), repr(line)


def _column_spans(rule: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[─-]+", rule)]


def _cells(line: str) -> str:
    """The line with each double-width character doubled, so string offsets are cell offsets."""
    return "".join(c * cell_len(c) for c in line)


def _assert_aligned(out: str, width: int) -> None:
    lines = out.splitlines()
    assert lines[1].strip(" ─-") == "", "the second line is the rule under the header"
    spans = _column_spans(lines[1])
    assert spans[0][0] == 0 and spans[-1][1] <= width
    for line in lines[2:]:
        cells = _cells(line)
        assert cell_len(line) <= width
        for (_, end), (start, _) in itertools.pairwise(spans):
            gap = cells[end:start]
            assert gap.strip() == "", (line, end, start)  # nothing runs into the gutter


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_columns_line_up(catalog: Catalog, width: int) -> None:
    _assert_aligned(_table(_films(catalog), FILM_DEFAULT, width), width)


WIDE = [
    {"year": 2000, "title": "花樣年華 In the Mood for Love", "directors": ["王家衛"], "role": "Su Li-zhen"},
    {"year": 1993, "title": "Trois couleurs : Bleu", "directors": ["Krzysztof Kieślowski"], "role": "Julie"},
    {"year": 2005, "title": "Caché", "directors": ["Michael Haneke"], "role": "Anne Laurent"},
    {"year": 2019, "title": "真実 La Vérité", "directors": ["是枝裕和"], "role": "Lumir"},
]


@pytest.mark.parametrize("width", [60, 64, 72, 90])
def test_wide_characters_and_accents_line_up(width: int) -> None:
    out = _table(WIDE, ("year", "title", "directors", "role"), width)
    _assert_aligned(out, width)
    for record in WIDE:
        for word in str(record["title"]).split():
            assert word in _tokens(out)


@pytest.mark.parametrize("width", [8, 20, 40])
def test_narrow_screens_stack_records(catalog: Catalog, width: int) -> None:
    records = [r for r in _films(catalog) if r["id"] in ("cache", "three-colours-blue")]
    out = _table(records, FILM_DEFAULT, width)
    blocks = out.strip("\n").split("\n\n")
    assert len(blocks) == 2  # one key/value block per record
    for block, record in zip(blocks, records, strict=True):
        assert str(record["year"]) in block.split()
        assert " ".join(block.split()).count(str(record["title"])) <= 1
        for word in str(record["title"]).split():
            assert word in block.split()
    assert "Michael" in out.split() and "Haneke" in out.split()  # never "Micha" / "el"


def test_tiny_widths_keep_the_year_and_title(catalog: Catalog) -> None:
    records = _films(catalog)
    for width in (1, 5, 8, 10):
        out = _table(records, ("year", "title"), width)
        tokens = _tokens(out)
        for film in catalog.films:
            assert tokens.count(str(film.year)) >= sum(f.year == film.year for f in catalog.films)
            assert all(word in tokens for word in film.title.split())


def test_title_only_on_a_terminal(catalog: Catalog) -> None:
    records = _films(catalog)[:2]
    assert "Heading" not in _table(records, FILM_DEFAULT, 120)
    assert _table(records, FILM_DEFAULT, 120, isatty=True).splitlines()[0] == "Heading"


def test_colour_does_not_move_anything(catalog: Catalog) -> None:
    records = _films(catalog)[:12]
    plain = _table(records, FILM_DEFAULT, 100)
    styled = _table(records, FILM_DEFAULT, 100, style=True, isatty=False)
    assert "\x1b[1m" in styled  # headers bold
    assert ANSI.sub("", styled) == plain


def test_ascii_stream_gets_ascii_rules_and_markers(catalog: Catalog) -> None:
    out = _table(_films(catalog), FILM_DEFAULT, 120, encoding="ascii")
    out.encode("ascii")
    assert "* Volpi Cup" in out and "---" in out


MARKS = "★☆*+"


def _marker_never_alone(out: str) -> None:
    for line in out.splitlines():
        stripped = line.rstrip()
        # A marker ends a line only in a count ("12 works, 9 ★"), never cut from its label.
        assert not stripped.endswith(("★", "☆")) or re.search(r"\d [★☆]$", stripped), repr(line)
    assert re.search(r"[★☆] [A-ZÉ]", out)


@pytest.mark.parametrize("width", [20, 30, 40, 44, 52, 61, 67, 80])
def test_award_markers_keep_their_label(catalog: Catalog, width: int) -> None:
    records = [r for r in _films(catalog) if r["awards"]]
    _marker_never_alone(_table(records, FILM_DEFAULT, width))
    entries = timeline_entries(catalog, list(catalog.films))
    _marker_never_alone(_draw(lambda t, c: charts.render_timeline(entries, t, c), width))
    stats = _draw(lambda t, c: charts.render_stats(compute_stats(catalog, list(catalog.films)), t, c), width)
    assert not re.search(r"[★☆]\n\s*(won|nominated|\d{4})", stats)
    assert all(f"★ {year} " in stats for year in (1993, 1997, 2010))  # the triple crown lines
    for line in stats.splitlines():  # a tally is never alone on a line, cut from its festival
        assert line.strip(" ★☆") or not line.strip(), repr(line)


@pytest.mark.parametrize("width", [24, 30, 36, 44, 52, 80])
def test_timeline_award_names_never_wrap_inside(catalog: Catalog, width: int) -> None:
    """ "Cabourg / Film Festival" was split across lines at narrow widths (issue 23)."""
    entries = timeline_entries(catalog, list(catalog.films))
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), width)
    names = {award_label(a) for a in catalog.awards if a.work}
    assert any(" " in name for name in names)
    flat = " ".join(line.strip() for line in out.splitlines())
    for name in names:
        if len(name) + 9 > width:  # a name wider than the text column must be cut somewhere
            continue
        if name in flat:
            assert any(name in line for line in out.splitlines()), f"{name!r} wraps at {width}"


def test_repeated_award_names_name_their_category(catalog: Catalog) -> None:
    """Two SAG nominations read "☆ SAG (Cast in a Motion Picture)", not "☆ SAG ☆ SAG"."""
    entries = timeline_entries(catalog, list(catalog.films))
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), 200)
    assert "SAG (" in out
    assert not re.search(r"([★☆] ([\w' ]+?))  [★☆] \2(  |$)", out, re.MULTILINE)
    both = [e for e in entries if [award_label(a) for a in e.awards].count("SAG") > 1]
    assert both
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if both[0].title in line)
    block = " ".join(lines[start : start + 3])  # the work's line and its continuation
    assert block.count("SAG (") == 2


def _draw(draw: Callable[..., Any], width: int) -> str:
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=width)
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    draw(term, console)
    return buffer.getvalue()


def test_stats_label_column_is_its_longest_label() -> None:
    stats = Stats(
        total=3,
        first_year=1990,
        last_year=1999,
        per_decade=[("1990s", 3)],
        by_kind=[("feature", 2), ("documentary", 12)],
        by_language=[],
        directors=[],
        costars=[],
        awards_by_body=[],
        busiest=None,
        crown=None,
    )
    out = _draw(lambda t, c: charts.render_stats(stats, t, c), 80)
    rows = [line for line in out.splitlines() if line.startswith(("feature", "documentary"))]
    bars = [line.index("█") for line in rows]
    assert len(bars) == 2 and bars[0] == bars[1]
    assert rows[0].startswith("feature     ") and rows[1].startswith("documentary ")


@pytest.mark.parametrize("width", [8, 40, 80])
def test_timeline_words_whole_and_lines_fit(catalog: Catalog, width: int) -> None:
    entries = [e for e in timeline_entries(catalog, list(catalog.films)) if e.directors]
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), width)
    tokens = _tokens(out)
    for entry in entries:
        for name in entry.directors:
            for word in name.split():
                assert word.rstrip(",") in [t.rstrip(",") for t in tokens]
    if width >= 40:
        assert max(cell_len(line) for line in out.splitlines()) <= width


def _card(catalog: Catalog, width: int, fmt: str = "table", **kw: Any) -> str:
    buffer = io.StringIO()
    record = film_record(catalog, next(f for f in catalog.films if f.id == "three-colours-blue"))
    term = Terminal(stdout=buffer, width=width, **kw)
    write_card(film_card_rows(record), f"{record['title']} ({record['year']})", term, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [20, 40, 80])
def test_card_sources_are_whole_urls(catalog: Catalog, width: int) -> None:
    film = next(f for f in catalog.films if f.id == "three-colours-blue")
    lines = [line.strip() for line in _card(catalog, width).splitlines()]
    for url in film.sources:
        assert any(line.endswith(url) for line in lines), url
    assert "\x1b" not in _card(catalog, width)


def test_card_links_only_on_a_styled_terminal(catalog: Catalog) -> None:
    film = next(f for f in catalog.films if f.id == "three-colours-blue")
    linked = _card(catalog, 80, isatty=True, style=True)
    assert "\x1b]8;id=" in linked or f"\x1b]8;;{film.sources[0]}" in linked
    assert film.sources[0] in ANSI.sub("", linked)
    assert "\x1b]8" not in _card(catalog, 80, style=True)
    assert "\x1b]8" not in _card(catalog, 80, isatty=True)
    plain = _card(catalog, 80, fmt="plain")
    assert "\x1b" not in plain and f"sources\t{film.sources[0]}" in plain


def test_long_tables_do_not_use_rich_table() -> None:
    # Rich's Table costs about a millisecond a row; the table writer lays out lines itself.
    code = (
        "import io, sys\n"
        "from pathlib import Path\n"
        "from binoche_cli.dataset.catalog import load\n"
        "from binoche_cli.output.records import film_record\n"
        "from binoche_cli.output.shapes import FILM_DEFAULT\n"
        "from binoche_cli.output.render import write\n"
        "from binoche_cli.output.terminal import Terminal\n"
        f"c = load(Path({str(BEHAVIOUR)!r}))\n"
        "for style in (False, True):\n"
        "    write([film_record(c, f) for f in c.films], FILM_DEFAULT, 'table',\n"
        "          Terminal(stdout=io.StringIO(), width=100, style=style))\n"
        "print('rich.table' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_empty_entries_timeline_is_quiet() -> None:
    out = _draw(lambda t, c: charts.render_timeline([TimelineEntry(2000, "feature", "X")], t, c), 40)
    assert out.startswith("2000s") and "X" in out
