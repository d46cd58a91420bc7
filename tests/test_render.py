"""Writers at pinned widths: nothing cut, nothing interpreted, every format parseable."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from binoche_cli.dataset.catalog import Catalog, load
from binoche_cli.output.records import film_record
from binoche_cli.output.render import cell_text, write
from binoche_cli.output.shapes import FILM_DEFAULT
from binoche_cli.output.terminal import Terminal, wants_style
from tests.helpers import BEHAVIOUR


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The frozen behaviour dataset: behaviour tests never read the curated file (issue 19)."""
    return load(BEHAVIOUR)


def _render(records: list[dict[str, object]], fields: tuple[str, ...], fmt: str, width: int = 80) -> str:
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=width)
    write(records, fields, fmt, term)
    return buffer.getvalue()


@pytest.mark.parametrize("width", [40, 80, 200])
def test_table_fits_the_width_without_ellipsis(catalog: Catalog, width: int) -> None:
    records = [film_record(catalog, f) for f in catalog.films]
    out = _render(records, FILM_DEFAULT, "table", width)
    assert max(len(line) for line in out.splitlines()) <= width
    assert "…" not in out and "..." not in out


def test_titles_fold_rather_than_vanish(catalog: Catalog) -> None:
    records = [film_record(catalog, f) for f in catalog.films]
    out = _render(records, ("title",), "table", 14)  # far narrower than most titles
    flat = "".join(out.split())
    position = 0
    for film in catalog.films:  # every character, in order
        position = flat.index("".join(film.title.split()), position)


def test_wide_terminal_uses_the_room(catalog: Catalog) -> None:
    records = [film_record(catalog, f) for f in catalog.films]
    narrow = _render(records, FILM_DEFAULT, "table", 80).count("\n")
    wide = _render(records, FILM_DEFAULT, "table", 200).count("\n")
    assert wide < narrow


def test_markup_in_values_is_literal() -> None:
    records: list[dict[str, object]] = [
        {"title": "[bold]x[/bold] [/] [link=https://x]y[/link]", "year": 2000}
    ]
    out = _render(records, ("year", "title"), "table", 120)
    assert "[bold]x[/bold] [/] [link=https://x]y[/link]" in out


def test_tsv_escapes_tabs_newlines_backslashes() -> None:
    out = _render([{"title": "a\tb\nc\\d"}], ("title",), "tsv")
    assert out == "title\na\\tb\\nc\\\\d\n"


def test_csv_is_rfc_4180() -> None:
    value = 'say "hi", then\nleave'
    out = _render([{"title": value, "year": 1}], ("year", "title"), "csv")
    assert out.endswith("\r\n")
    assert list(csv.reader(io.StringIO(out, newline="")))[1] == ["1", value]


def test_markdown_escapes_pipes() -> None:
    out = _render([{"title": "a|b"}], ("title",), "markdown")
    assert out.splitlines()[2] == "| a\\|b |"


def test_json_keeps_types(catalog: Catalog) -> None:
    record = film_record(catalog, catalog.films[0])
    (back,) = json.loads(_render([record], ("year", "title"), "json"))
    assert back == {"year": catalog.films[0].year, "title": catalog.films[0].title}


def test_lists_join_for_line_formats() -> None:
    assert cell_text(["A", "B"]) == "A; B"
    assert cell_text(
        {"body": "César Awards", "label": "César", "category": "Best Actress", "result": "won"}
    ) == ("César: Best Actress (won)")


@pytest.mark.parametrize(
    ("mode", "tty", "env", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_precedence(mode: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert wants_style(mode, tty, env) is expected


# ---- untrusted text (issue 16) ------------------------------------------------------------

HOSTILE = "A\x1b]0;pwned\x07B\x1b[2JC\x9bD\u202eE\rF"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _hostile_records() -> list[dict[str, object]]:
    return [
        {
            "year": 1999,
            "title": f"{HOSTILE} [i]x[/] [/]",
            "role": HOSTILE,
            "notes": HOSTILE,
            "directors": [HOSTILE],
            "awards": [{"label": HOSTILE, "category": "Best", "result": "won", "body": "B"}],
        }
    ]


@pytest.mark.parametrize("fmt", ["table", "plain", "tsv", "csv", "markdown"])
@pytest.mark.parametrize("width", [8, 40, 120])
def test_control_characters_never_reach_the_stream(fmt: str, width: int) -> None:
    out = _render(_hostile_records(), ("year", "title", "directors", "role", "notes", "awards"), fmt, width)
    if fmt == "csv":
        out = out.replace("\r\n", "\n")  # the record terminator is CSV's own
    for char in RAW_CONTROLS:
        assert char not in out, (fmt, repr(char))
    assert "\u241b" in out and "<U+202E>" in out  # shown, not dropped
    if fmt in ("table", "markdown"):
        assert "[i]x[/]" in out.split() and "[/]" in out.split()


def test_control_characters_in_styled_table_and_card() -> None:
    from binoche_cli.output.render import write_card

    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=100, style=True, isatty=True)
    write(_hostile_records(), ("title", "role", "awards"), "table", term, title=HOSTILE)
    write_card([("title", HOSTILE), ("sources", ["https://x.org/\x1b[2J"])], HOSTILE, term, "table")
    out = buffer.getvalue()
    # Rich's own escapes are the only ones: strip them and no control character is left.
    bare = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(\x1b\\|\x07)", "", out)
    for char in RAW_CONTROLS:
        assert char not in bare, repr(char)
    assert "[i]x[/] [/]" in bare


def test_card_and_info_lines_are_visible() -> None:
    from binoche_cli.output.render import write_card, write_info

    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=80)
    write_card([("title", HOSTILE), ("co-stars", [HOSTILE])], HOSTILE, term, "plain")
    write_info({"path": HOSTILE, "counts": {HOSTILE: 3}}, term)
    out = buffer.getvalue()
    for char in RAW_CONTROLS:
        assert char not in out
    assert out.count("\n") == 4


def test_json_keeps_the_exact_text() -> None:
    records = _hostile_records()
    assert json.loads(_render(records, ("title", "role"), "json"))[0]["role"] == HOSTILE
    assert json.loads(_render(records, ("title", "role"), "jsonl"))["role"] == HOSTILE


def test_csv_keeps_tabs_and_newlines_inside_quoted_fields() -> None:
    out = _render([{"title": "a\tb\nc\x1bd"}], ("title",), "csv")
    assert list(csv.reader(io.StringIO(out, newline="")))[1] == ["a\tb\nc\u241bd"]


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_safe_defuses_formulas(value: str) -> None:
    buffer = io.StringIO()
    write([{"title": value, "year": 1}], ("year", "title"), "csv", Terminal(stdout=buffer), csv_safe=True)
    assert list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))[1][1] == "'" + value
    plain = _render([{"title": value, "year": 1}], ("year", "title"), "csv")
    assert list(csv.reader(io.StringIO(plain, newline="")))[1][1] == value  # opt-in only


def test_csv_carriage_return_is_shown_not_kept() -> None:
    buffer = io.StringIO()
    write([{"title": "\rx"}], ("title",), "csv", Terminal(stdout=buffer), csv_safe=True)
    assert list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))[1] == ["\u240dx"]


def test_csv_safe_leaves_ordinary_text_alone() -> None:
    buffer = io.StringIO()
    write(
        [{"title": "Caché", "year": 2005}], ("year", "title"), "csv", Terminal(stdout=buffer), csv_safe=True
    )
    assert buffer.getvalue().splitlines()[1] == "2005,Caché"


def test_messages_show_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    from binoche_cli.output.render import message

    message(f"binoche: no film matches {HOSTILE!s}\n")
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1
    for char in RAW_CONTROLS:
        assert char not in err


def test_timeline_and_guide_show_control_characters_and_markup() -> None:
    from rich.console import Console

    from binoche_cli.output import charts
    from binoche_cli.query.summaries import TimelineEntry

    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=80)
    console = Console(file=buffer, width=80, color_system=None, force_terminal=False)
    entry = TimelineEntry(1999, "feature", f"{HOSTILE} [i]", (HOSTILE,), HOSTILE, (), "released", HOSTILE)
    charts.render_timeline([entry], term, console)
    rows = [
        {
            "step": 1,
            "heading": HOSTILE,
            "why": HOSTILE,
            "title": "[/] " + HOSTILE,
            "year": 1999,
            "seen": False,
        }
    ]
    charts.render_guide(rows, term, console)
    out = buffer.getvalue()
    for char in RAW_CONTROLS:
        assert char not in out
    assert "[i]" in out and "[/]" in out
