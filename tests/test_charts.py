"""Timeline, compact chart, stats and pictures, at pinned widths, on the behaviour dataset."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from binoche_cli.dataset.catalog import Catalog, load
from binoche_cli.output import charts
from binoche_cli.output.terminal import Terminal
from binoche_cli.query.films import FilmFilter, filter_films
from binoche_cli.query.summaries import compute_stats, timeline_entries
from binoche_cli.query.values import parse_decade
from tests.helpers import SMALL, Cli, json_rows

pytestmark = pytest.mark.usefixtures("behaviour_data")


def _draw(draw: Callable[[Terminal, Console], object], width: int, utf8: bool = True) -> str:
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=width, encoding="utf-8" if utf8 else "ascii")
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    draw(term, console)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 80, 200])
def test_filtered_timeline_shows_each_film_once_under_its_year(behaviour: Catalog, width: int) -> None:
    films = filter_films(behaviour, FilmFilter(directors=("assayas",)))
    entries = timeline_entries(behaviour, films)
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), width)
    flat = " ".join(out.split())
    for film in films:
        assert flat.count(film.title.split()[0]) >= 1
        assert f"{film.year} " in out
    headings = re.findall(r"^(\d{4})s", out, flags=re.M)
    assert headings == sorted({str(f.year - f.year % 10) for f in films})
    assert max(len(line) for line in out.splitlines()) <= width


def test_timeline_markers_match_award_rows(behaviour: Catalog) -> None:
    films = filter_films(behaviour, FilmFilter(years=(parse_decade("1990s"),)))
    entries = timeline_entries(behaviour, films)
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), 200)
    wins = sum(a.won for f in films for a in behaviour.awards_for(f.id))
    nominations = sum(not a.won for f in films for a in behaviour.awards_for(f.id))
    body = out.split("★ won")[0]
    assert body.count("★ ") == wins + sum(1 for f in films if any(a.won for a in behaviour.awards_for(f.id)))
    assert body.count("☆ ") == nominations
    assert "★ Volpi Cup" in out and "★ Oscar" in out


def test_timeline_ascii_markers(behaviour: Catalog) -> None:
    entries = timeline_entries(behaviour, [f for f in behaviour.films if f.id == "certified-copy"])
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), 80, utf8=False)
    assert "* Cannes" in out and "★" not in out


def test_events_are_distinct(behaviour: Catalog) -> None:
    entries = timeline_entries(behaviour, list(behaviour.films), with_events=True)
    out = _draw(lambda t, c: charts.render_timeline(entries, t, c), 120)
    assert "stage: Betrayal" in out and "◆" in out


def test_compact_has_one_line_per_year_and_subtotals(behaviour: Catalog) -> None:
    entries = timeline_entries(behaviour, list(behaviour.films))
    out = _draw(lambda t, c: charts.render_compact(entries, t, c), 80)
    years = [int(line[:4]) for line in out.splitlines() if line[:4].isdigit()]
    assert years == list(range(min(years), max(years) + 1))
    subtotal = re.search(r"1990s: (\d+) works", out)
    assert subtotal and int(subtotal.group(1)) == sum(1990 <= f.year <= 1999 for f in behaviour.films)


def test_stats_numbers_agree_with_the_data(behaviour: Catalog) -> None:
    stats = compute_stats(behaviour, list(behaviour.films))
    assert dict(stats.per_decade)["1990s"] == sum(1990 <= f.year <= 1999 for f in behaviour.films)
    assert dict(stats.by_kind)["feature"] == sum(f.kind == "feature" for f in behaviour.films)
    cesar = next(row for row in stats.awards_by_body if row[0] == "César Awards")
    assert cesar[1:] == (
        sum(a.won for a in behaviour.awards if a.body == "César Awards"),
        sum(not a.won for a in behaviour.awards if a.body == "César Awards"),
    )
    assert stats.busiest is not None
    _year, titles = stats.busiest
    assert len(titles) == max(
        sum(f.year == y for f in behaviour.films) for y in {f.year for f in behaviour.films}
    )


def test_triple_crown_found_when_all_three_wins_are_there(behaviour: Catalog) -> None:
    stats = compute_stats(behaviour, list(behaviour.films))
    assert stats.crown is not None
    assert [(body, year) for body, year, _ in stats.crown] == [
        ("Venice Film Festival", 1993),
        ("Berlin International Film Festival", 1997),
        ("Cannes Film Festival", 2010),
    ]


def test_triple_crown_absent_from_small_fixture() -> None:
    small = load(SMALL)
    assert compute_stats(small, list(small.films)).crown is None


def test_stats_machine_format(cli: Cli, behaviour: Catalog) -> None:
    rows = json_rows(cli("stats", "-f", "json").stdout)
    decades = {r["key"]: r["value"] for r in rows if r["section"] == "decade"}
    assert decades["2000s"] == sum(2000 <= f.year <= 2009 for f in behaviour.films)
    assert {r["key"] for r in rows if r["section"] == "triple_crown"} == {
        "Venice Film Festival",
        "Berlin International Film Festival",
        "Cannes Film Festival",
    }


def test_timeline_machine_format(cli: Cli, behaviour: Catalog) -> None:
    rows = json_rows(cli("timeline", "--director", "kieslowski", "-f", "json").stdout)
    assert [r["title"] for r in rows] == ["Three Colours: Blue", "Three Colours: Red", "Three Colours: White"]
    assert {a["label"] for a in rows[0]["awards"] if a["result"] == "won"} == {"Volpi Cup", "César"}


@pytest.mark.parametrize("option", ["--svg", "--html"])
@pytest.mark.parametrize("command", ["timeline", "stats"])
def test_picture_files(cli: Cli, tmp_path: Path, option: str, command: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"picture.{option[2:]}"
    result = cli(command, option, str(target), "-f", "json")
    # The picture does not take stdout's place: the records still come out for a pipe.
    assert result.exit_code == 0 and json_rows(result.stdout)
    text = target.read_text(encoding="utf-8")
    if option == "--svg":
        ET.fromstring(text)
    assert "Certified" in text or "Cannes" in text
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left


def test_picture_refuses_a_directory(cli: Cli, tmp_path: Path) -> None:
    result = cli("timeline", "--svg", str(tmp_path))
    assert result.exit_code == 2 and tmp_path.is_dir()


def _figures(html: str) -> dict[str, int]:
    """The numbers each picture of a page states: the timeline's summary line and the stats
    panel's headline figures."""
    summary = re.search(r'class="bn-summary[^>]*>([^<]*)<', html)
    assert summary
    line = summary.group(1)
    works = re.search(r"(\d+) works?,", line)
    assert works, line
    found = {"timeline works": int(works.group(1))}
    won = re.search(r"(\d+) awards? won and (\d+) nominations? for these works", line)
    found["timeline won"], found["timeline nominated"] = (int(won[1]), int(won[2])) if won else (0, 0)
    for value, name in re.findall(r'class="bn-figure[^>]*>([^<]*)</text><text[^>]*>([^<]*)<', html):
        found[f"stats {name}"] = int(value) if value.isdigit() else 0
    return found


@pytest.mark.parametrize(
    "filters",
    [(), ("--director", "assayas"), ("--year", "1983-1986"), ("--award", "cesar"), ("--won",)],
    ids=["all", "director", "years", "award", "won"],
)
def test_every_picture_counts_awards_the_same_way(
    cli: Cli, tmp_path: Path, behaviour: Catalog, filters: tuple[str, ...]
) -> None:
    """The timeline, the stats panel and `binoche stats -f json` agree, filtered or not; career
    honours never count as awards for the works shown (issue 22: "9 awards won" for three
    Assayas films that won nothing)."""
    page = tmp_path / "page.html"
    result = cli("timeline", *filters, "--html", str(page))
    assert result.exit_code == 0, result.stderr
    numbers = _figures(page.read_text(encoding="utf-8"))
    records = json_rows(cli("timeline", *filters, "-f", "json").stdout)
    won = sum(a["result"] == "won" for r in records for a in r["awards"])
    nominated = sum(a["result"] != "won" for r in records for a in r["awards"])
    assert numbers["timeline works"] == numbers["stats works"] == len(records)
    assert numbers["timeline won"] == numbers["stats awards won for works"] == won
    assert numbers["timeline nominated"] == numbers["stats nominations for works"] == nominated
    honours = sum(a.won for a in behaviour.awards if not a.work)
    assert honours > 0
    if not filters:
        assert numbers["stats career honours won"] == honours
        stats = json_rows(cli("stats", "-f", "json").stdout)
        assert sum(int(r["detail"].split()[0]) for r in stats if r["section"] == "awards") == won
        assert sum(int(r["detail"].split()[0]) for r in stats if r["section"] == "honours") == honours
    else:
        assert "stats career honours won" not in numbers
    if filters[:1] in (("--director",), ("--year",)):
        stats = json_rows(cli("stats", *filters, "-f", "json").stdout)
        assert sum(int(r["detail"].split()[0]) for r in stats if r["section"] == "awards") == won
        assert not any(r["section"] == "honours" for r in stats)


def test_events_keep_to_the_years_of_the_works_shown(cli: Cli, tmp_path: Path, behaviour: Catalog) -> None:
    svg = tmp_path / "t.svg"
    assert cli("timeline", "--director", "kieslowski", "--events", "--svg", str(svg)).exit_code == 0
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    ticks = [
        int(t.text or 0)
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if "bn-tick" in (t.get("class") or "")
    ]
    years = [f.year for f in behaviour.films if any("Kieślowski" in d for d in f.directors)]
    assert min(ticks) >= min(years) - 1 and max(ticks) <= max(years) + 1
    words = "".join(root.itertext())
    assert f"life events shown: {min(years)}–{max(years)}" in words


def test_picture_to_stdout_with_records_is_refused(cli: Cli) -> None:
    """`--svg - -f json` used to drop the JSON silently (issue 23)."""
    result = cli("timeline", "--svg", "-", "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'--svg -'" in result.stderr and "-f json" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 4  # one message, in Click's usage frame
    alone = cli("timeline", "--svg", "-")
    assert alone.exit_code == 0 and alone.stdout.startswith("<svg")


def test_png_needs_rsvg_convert(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--svg t.png` wrote SVG into a .png file (issue 23): convert, or refuse."""
    import shutil

    target = tmp_path / "t.png"
    if shutil.which("rsvg-convert"):
        result = cli("timeline", "--svg", str(target))
        assert result.exit_code == 0, result.stderr
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        target.unlink()
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("timeline", "--svg", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert "rsvg-convert" in result.stderr and ".png" in result.stderr
