"""`binoche open` never fails for a work with a page (issue 21): the best page without --site,
the pages it has named when --site asks for one it lacks, every page with --all."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.helpers import Cli, run_binoche

pytestmark = pytest.mark.usefixtures("behaviour_data")


def test_best_page_without_site_prefers_imdb(cli: Cli) -> None:
    result = cli("open", "three colours blue", "--print")
    assert (result.exit_code, result.stdout) == (0, "https://www.imdb.com/title/tt0108394/\n"), result.stderr


def test_a_work_without_identifiers_opens_its_first_source(cli: Cli) -> None:
    result = cli("--data", str(SMALL), "open", "first film", "--print")
    assert (result.exit_code, result.stdout) == (0, "https://example.org/first\n"), result.stderr


def test_letterboxd_comes_before_tmdb_when_imdb_is_missing(cli: Cli, tmp_path: Path) -> None:
    data = tmp_path / "ids.toml"
    text = SMALL.read_text(encoding="utf-8")
    data.write_text(
        text.replace('kind = "feature"', 'kind = "feature"\ntmdb = 42\nletterboxd = "first-film"', 1)
    )
    result = cli("--data", str(data), "open", "first film", "--print")
    assert result.stdout == "https://letterboxd.com/film/first-film/\n", result.stderr


def test_a_site_the_work_lacks_names_the_sites_it_has(cli: Cli) -> None:
    result = cli("open", "damage", "--site", "letterboxd", "--print")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no letterboxd page is known for Damage (1992); it has: imdb, wikipedia" in result.stderr


def test_all_lists_every_known_page_once(cli: Cli) -> None:
    result = cli("open", "three colours blue", "--all", "--print")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [site for site, _ in rows[:4]] == ["imdb", "letterboxd", "tmdb", "wikipedia"]
    urls = [url for _, url in rows]
    assert len(urls) == len(set(urls))
    assert "https://lumiere.nl/en/movies/trois-couleurs-bleu-re-release" in urls
    assert {site for site, _ in rows[4:]} == {"source"}


def test_unknown_site_is_a_usage_error(cli: Cli) -> None:
    result = cli("open", "damage", "--site", "myspace")
    assert result.exit_code == 2
    assert "choose from imdb, letterboxd, tmdb, wikidata, wikipedia" in result.stderr


def _help_examples() -> list[list[str]]:
    from binoche_cli.cli.application import command_tree

    text = command_tree().commands["open"].help or ""
    lines = [line.strip() for line in text.split("Examples:", 1)[1].splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("binoche ")]


@pytest.mark.parametrize("example", _help_examples(), ids=" ".join)
def test_every_help_example_works_on_the_shipped_data(
    example: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples promise the shipped dataset, so they run on it (not the fixture)."""
    monkeypatch.delenv("BINOCHE_DATA")
    args = example if "--print" in example else [*example, "--print"]
    result = run_binoche(*args)
    assert result.returncode == 0, result.stderr
    urls = [line.rpartition("\t")[2] for line in result.stdout.splitlines()]
    assert urls and all(url.startswith("https://") for url in urls), result.stdout
