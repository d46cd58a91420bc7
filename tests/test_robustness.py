"""Hostile input: markup in the data, random argument lists, and query properties."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from binoche_cli.cli.application import app
from binoche_cli.dataset.catalog import Catalog, load
from binoche_cli.query.films import FilmFilter, filter_films
from binoche_cli.query.values import parse_decade
from binoche_cli.text import fold
from tests.conftest import run_binoche
from tests.helpers import BEHAVIOUR


# Markup only: the loader rejects control characters (tab, newline, ESC...) in a dataset, so
# those are tested where they can still arrive, at the render level (tests/test_render.py).
@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The frozen behaviour dataset: behaviour tests never read the curated file (issue 19)."""
    return load(BEHAVIOUR)


NASTY = ["[bold]Loud[/bold]", "[/]", "[link=https://x]click[/link]", "back\\slash", "[i]tal[/i]", "a [b] c"]


def _nasty_dataset(tmp_path: Path) -> Path:
    def toml(text: str) -> str:
        return json.dumps(text)  # a JSON string is a valid TOML basic string

    films = []
    for i, text in enumerate(NASTY):
        films.append(
            f'[[film]]\nid = "f{i}"\ntitle = {toml(text + f" {i}")}\nyear = {2000 + i}\nkind = "feature"\n'
            f"directors = [{toml('Dir ' + text)}]\nrole = {toml(text)}\ncostars = [{toml(text)}]\n"
            f'sources = ["https://example.org"]\n'
        )
    path = tmp_path / "nasty.toml"
    path.write_text("schema = 1\n" + "\n".join(films), encoding="utf-8")
    return path


def test_markup_prints_literally_in_every_format(tmp_path: Path) -> None:
    data = _nasty_dataset(tmp_path)
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path)}
    expected_titles = [f"{t} {i}" for i, t in enumerate(NASTY)]

    result = run_binoche("--data", str(data), "films", "-f", "json", env=env)
    assert [r["title"] for r in json.loads(result.stdout)] == expected_titles
    assert [r["role"] for r in json.loads(result.stdout)] == NASTY

    result = run_binoche("--data", str(data), "films", "-f", "jsonl", env=env)
    assert [json.loads(line)["directors"][0] for line in result.stdout.splitlines()] == [
        f"Dir {t}" for t in NASTY
    ]

    result = run_binoche("--data", str(data), "films", "-f", "csv", "--fields", "title,role", env=env)
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["title"] for r in rows] == expected_titles and [r["role"] for r in rows] == NASTY

    result = run_binoche("--data", str(data), "films", "-f", "tsv", "--fields", "title,role", env=env)
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + len(NASTY)

    def unescape(text: str) -> str:
        return text.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")

    assert [unescape(line.split("\t")[0]) for line in lines[1:]] == expected_titles

    for args in (["films", "-f", "table"], ["timeline", "-f", "table"], ["film", "f2", "-f", "table"]):
        result = run_binoche("--data", str(data), *args, env={**env, "COLUMNS": "200"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    table = run_binoche("--data", str(data), "films", "-f", "table", env={**env, "COLUMNS": "200"}).stdout
    assert "[bold]Loud[/bold]" in table and "[link=https://x]click[/link]" in table
    assert "\x1b" not in table


def test_markup_in_search_and_card(tmp_path: Path) -> None:
    data = _nasty_dataset(tmp_path)
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path), "COLUMNS": "200"}
    card = run_binoche("--data", str(data), "film", "f0", "-f", "table", env=env)
    assert "[bold]Loud[/bold] 0" in card.stdout


# ---- fuzzing ----------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "films",
        "film",
        "decade",
        "director",
        "directors",
        "award",
        "awards",
        "search",
        "timeline",
        "stats",
        "guide",
        "next",
        "data",
        "validate",
        "path",
        "seen",
        "list",
        "export",
        "--decade",
        "--year",
        "-d",
        "--award",
        "--won",
        "--nominated",
        "--with",
        "--kind",
        "-s",
        "--sort",
        "--limit",
        "-f",
        "--fields",
        "--no-header",
        "--compact",
        "--events",
        "--min",
        "--body",
        "--film",
        "json",
        "csv",
        "table",
        "plain",
        "1990s",
        "90s",
        "'90s",
        "19x0",
        "2010-",
        "-1990",
        "kieslowski",
        "Kieślowski",
        "cesar",
        "oscar",
        "bleu",
        "year,title",
        "nope",
        "--help",
        "--color",
        "always",
        "[bold]",
        "--data",
        "",
        "-",
        "--",
    ]
)
ARGS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=ARGS)
def test_random_arguments_never_traceback(args: list[str]) -> None:
    if "seen" in args and any(a in args for a in ("add", "remove", "import")):
        return  # writes the watch list; covered by test_seen
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in {0, 1, 2, 3}, (args, result.exit_code, result.output)
    assert "Traceback" not in result.output


# ---- query properties -------------------------------------------------------------------


def test_decades_partition_the_catalogue(catalog: Catalog) -> None:
    seen: list[str] = []
    for decade in range(1980, 2040, 10):
        seen += [f.id for f in filter_films(catalog, FilmFilter(years=(parse_decade(str(decade)),)))]
    assert sorted(seen) == sorted(f.id for f in catalog.films)


@settings(max_examples=60, deadline=None)
@given(
    decade=st.sampled_from(["1980s", "1990s", "2000s", "2010s", "2020s"]),
    director=st.sampled_from(["", "kieslowski", "assayas", "denis", "techine", "haneke"]),
    award=st.sampled_from(["", "cesar", "oscar", "cannes", "european"]),
)
def test_filters_commute(catalog: Catalog, decade: str, director: str, award: str) -> None:
    years = FilmFilter(years=(parse_decade(decade),))
    others = FilmFilter(directors=(director,) if director else (), awards=(award,) if award else ())
    both = FilmFilter(years=years.years, directors=others.directors, awards=others.awards)
    one_then_other = [f for f in filter_films(catalog, years) if f in filter_films(catalog, others)]
    assert filter_films(catalog, both) == one_then_other


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_letters_that_do_not_decompose() -> None:
    assert fold("Łódź Øresund Æon Œuvre Straße Đorđe") == "lodz oresund aeon oeuvre strasse dorde"
    assert fold("KIEŚLOWSKI") == fold("Kieślowski") == "kieslowski"


@settings(max_examples=30, deadline=None)
@given(
    decade=st.sampled_from(["", "1980s", "1990s", "2000s", "2010s", "2020s"]),
    kind=st.sampled_from(["", "feature", "documentary", "tv", "segment"]),
)
def test_json_reads_back_to_the_dataset(catalog: Catalog, decade: str, kind: str) -> None:
    args = (
        ["--data", str(BEHAVIOUR), "films", "-f", "json"]
        + (["--decade", decade] if decade else [])
        + (["--kind", kind] if kind else [])
    )
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    if result.exit_code == 1:
        return  # an empty combination, reported on stderr
    rows = json.loads(result.stdout)
    for row in rows:
        film = catalog.film(row["id"])
        assert film is not None
        assert (row["title"], row["year"], tuple(row["directors"]), row["role"]) == (
            film.title,
            film.year,
            film.directors,
            film.role,
        )
        assert {(a["body"], a["category"], a["year"], a["result"]) for a in row["awards"]} == {
            (a.body, a.category, a.year, a.result) for a in catalog.awards_for(film.id)
        }
