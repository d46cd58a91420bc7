"""Writers at pinned widths: nothing cut, nothing interpreted, every format parseable."""

from __future__ import annotations

import csv
import io
import json

import pytest

from binoche_cli.catalog import Catalog
from binoche_cli.records import FILM_DEFAULT, film_record
from binoche_cli.render import cell_text, write
from binoche_cli.terminal import Terminal, wants_style


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
