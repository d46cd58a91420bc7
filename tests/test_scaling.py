"""Synthetic datasets of the same schema, many times the bundled one."""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from binoche_cli import text
from binoche_cli.dataset import cache, catalog
from binoche_cli.dataset.catalog import bundled_path, load
from binoche_cli.output import render
from binoche_cli.output.terminal import Terminal
from tests.conftest import ROOT, run_binoche

sys.path.insert(0, str(ROOT / "tools"))
_write: Callable[[Path, Path, int], Path] = importlib.import_module("synthetic").write_scaled_dataset


def write_scaled_dataset(target: Path, factor: int) -> Path:
    return _write(bundled_path(), target, factor)


def test_scaled_dataset_loads_and_filters(tmp_path: Path) -> None:
    data = write_scaled_dataset(tmp_path / "x10.toml", 10)
    bundled = load(bundled_path())
    assert len(load(data).films) == 10 * len(bundled.films)
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path)}
    result = run_binoche("--data", str(data), "films", "--decade", "1990s", "-f", "plain", env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 10 * sum(1990 <= f.year <= 1999 for f in bundled.films)


@pytest.mark.parametrize("fmt", ["plain", "tsv", "csv", "jsonl"])
def test_line_formats_write_each_record_as_it_comes(fmt: str) -> None:
    """A generator of records is written one by one: the first line is out before the second
    record is made, so a long listing never holds every record at once."""
    buffer = io.StringIO()
    term = Terminal(stdout=buffer, width=100)
    written_before: list[str] = []

    def records() -> Iterator[dict[str, object]]:
        for n in range(3):
            written_before.append(buffer.getvalue())
            yield {"id": f"f{n}", "year": 2000 + n}

    render.write(records(), ["id", "year"], fmt, term)
    assert [before.count("f") for before in written_before] == [0, 1, 2]
    assert buffer.getvalue().count("f") == 3


def test_scaled_warm_lookup_reads_only_the_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm path at scale: found by the file's stamp, neither read nor parsed again."""
    data = write_scaled_dataset(tmp_path / "x10.toml", 10)
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)
    cold = load(data)

    def refuse(*args: object) -> Any:
        raise AssertionError("the dataset was read on a warm lookup")

    monkeypatch.setattr(catalog, "_read_bytes", refuse)
    monkeypatch.setattr(catalog, "_parse_toml", refuse)
    assert load(data).films == cold.films


def test_a_filter_folds_each_name_at_most_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work grows with the films, not with films x query: a cold lookup on a 10x dataset folds
    no text twice (the cache's folds serve the filter, the term is folded once)."""
    from binoche_cli.query.films import FilmFilter, filter_films

    data = write_scaled_dataset(tmp_path / "x10.toml", 10)
    folded: list[str] = []
    original = text._fold

    def counting(value: str) -> str:
        folded.append(value)
        return original(value)

    monkeypatch.setattr(text, "_fold", counting)
    monkeypatch.setattr(text, "_recent", {})
    monkeypatch.setattr(text, "_PRELOADED", {})
    films = load(data)
    before = len(folded)
    found = filter_films(films, FilmFilter(directors=("kieslowski", "haneke"), search="blue"))
    assert found
    assert folded[before:] == ["kieslowski", "haneke", "blue"]


@pytest.mark.parametrize("utf8", [True, False])
def test_json_written_record_by_record_is_json_dumps_of_them_all(utf8: bool) -> None:
    import json

    samples: list[list[dict[str, object]]] = [
        [],
        [{"id": "a"}],
        [{"id": "a", "awards": [], "notes": {}}, {"id": "b", "awards": [{"body": "B", "won": True}]}],
        [{"title": "Kieślowski\n\u2028\u202e[i]", "year": 1993, "runtime": None, "list": [1, [2, []]]}] * 3,
    ]
    for records in samples:
        buffer = io.StringIO()
        render.write(
            iter(records),
            ["id"],
            "json",
            Terminal(stdout=buffer, width=100, encoding="utf-8" if utf8 else "ascii"),
            all_fields=True,
        )
        expected = text.json_escape_unsafe(json.dumps(records, ensure_ascii=not utf8, indent=2)) + "\n"
        assert buffer.getvalue() == expected
        assert json.loads(buffer.getvalue()) == records
