"""Malformed datasets: each problem is reported with its file and place, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from binoche_cli.catalog import DataError, load
from tests.conftest import FIXTURES

GOOD_FILM = """
[[film]]
id = "a"
title = "A"
year = 2001
kind = "feature"
directors = ["X"]
role = "R"
sources = ["https://example.org"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        load(_write(tmp_path, text))
    return info.value.problems


def test_wrong_type_is_located(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD_FILM.replace("year = 2001", 'year = "19x3"'))
    assert problems == [f'{tmp_path / "data.toml"}: film[0].year: expected an integer, got "19x3" (line 2)']


def test_every_problem_is_reported(tmp_path: Path) -> None:
    text = (
        GOOD_FILM
        + GOOD_FILM.replace('role = "R"', 'role = "R"\ncolour = "red"')
        + GOOD_FILM.replace('sources = ["https://example.org"]', "")
    )
    problems = _problems(tmp_path, text)
    joined = "\n".join(problems)
    assert "film[1].colour: unknown key" in joined
    assert "film[2].sources: missing required key" in joined
    assert 'film[1].id: duplicate id "a"' in joined


def test_missing_key_and_bad_kind(tmp_path: Path) -> None:
    text = GOOD_FILM.replace('title = "A"\n', "").replace('"feature"', '"movie"')
    joined = "\n".join(_problems(tmp_path, text))
    assert "film[0].title: missing required key" in joined
    assert "film[0].kind" in joined and "movie" in joined


def test_dangling_award(tmp_path: Path) -> None:
    text = (
        GOOD_FILM
        + '[[award]]\nbody = "B"\ncategory = "C"\nyear = 2001\nwork = "nope"\nresult = "won"\nsources = ["s:x"]\n'
    )
    assert any('award[0].work: "nope" is not the id' in p for p in _problems(tmp_path, text))


def test_duplicate_aka_across_films(tmp_path: Path) -> None:
    second = GOOD_FILM.replace('id = "a"', 'id = "b"').replace('title = "A"', 'title = "B"\naka = ["a"]')
    assert any(
        'film[1].aka: "a" is already a title of film[0]' in p for p in _problems(tmp_path, GOOD_FILM + second)
    )


def test_year_out_of_range(tmp_path: Path) -> None:
    assert any("year 1901 outside 1983" in p for p in _problems(tmp_path, GOOD_FILM.replace("2001", "1901")))


def test_bad_toml_names_line(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "[[film]\nid = 1")
    assert "invalid TOML" in problem and "line 1" in problem


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "no [[film]] tables"),
        (b"\x00\xff\xfe\x89PNG junk", "not UTF-8"),
        (b"film = 3\n", "expected an array of tables"),
    ],
)
def test_degenerate_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "data.toml"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        load(path)
    assert expected in info.value.problems[0]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load(tmp_path / "absent.toml")
    with pytest.raises(DataError, match="is a directory"):
        load(tmp_path)


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DataError, match="over the 20 MiB limit"):
        load(path)


def test_cache_is_never_stale(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_FILM)
    assert load(path).films[0].title == "A"
    path.write_text(GOOD_FILM.replace('title = "A"', 'title = "Changed"'), encoding="utf-8")
    assert load(path).films[0].title == "Changed"
    assert list((tmp_path / "cache").glob("*.marshal"))


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_FILM)
    load(path)
    for entry in (tmp_path / "cache").glob("*.marshal"):
        entry.write_bytes(b"garbage")
    assert load(path).films[0].id == "a"


def test_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("BINOCHE_CACHE_DIR", str(blocker / "cache"))
    assert load(_write(tmp_path, GOOD_FILM)).films[0].id == "a"


# ---- through the CLI -------------------------------------------------------------------


def test_validate_ok(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("data", "validate")
    assert result.exit_code == 0
    assert "valid" in result.stderr and result.stdout == ""


def test_validate_lists_every_problem_exit_3(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, GOOD_FILM.replace("2001", '"x"') + GOOD_FILM)
    result = cli("data", "validate", str(path))
    assert result.exit_code == 3
    assert "film[0].year: expected an integer" in result.stderr
    assert 'film[1].id: duplicate id "a"' in result.stderr


def test_other_commands_exit_3_with_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "[[film]\n")
    result = cli("--data", str(path), "films")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "invalid TOML" in result.stderr
    assert result.stdout == ""


def test_env_var_selects_dataset(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("films", "-f", "plain", env={"BINOCHE_DATA": str(FIXTURES / "small.toml")})
    assert result.exit_code == 0
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["First Film", "Second Film"]


def test_data_path_prints_bundled_file(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("data", "path")
    assert result.exit_code == 0
    assert os.path.isfile(result.stdout.strip()) and result.stdout.strip().endswith("binoche.toml")


def test_cache_entry_of_another_layout_is_ignored(tmp_path: Path) -> None:
    import marshal

    path = _write(tmp_path, GOOD_FILM)
    load(path)
    for entry in (tmp_path / "cache").glob("*.marshal"):
        entry.write_bytes(marshal.dumps({"film": [{"id": "stale"}]}))
    assert [f.id for f in load(path).films] == ["a"]
