"""Malformed datasets: each problem is reported with its file and place, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from binoche_cli.dataset import bulk, catalog
from binoche_cli.dataset import validate as validator
from binoche_cli.dataset.catalog import MAX_DATASET_BYTES, DataError, load
from tests.conftest import BEHAVIOUR, FIXTURES, run_binoche
from tests.helpers import Cli

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
        handle.truncate(MAX_DATASET_BYTES + 1)
    with pytest.raises(DataError, match=f"over the {MAX_DATASET_BYTES // 2**20} MiB limit"):
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


def test_validate_ok(cli: Cli) -> None:
    result = cli("data", "validate")
    assert result.exit_code == 0
    assert "valid" in result.stderr and result.stdout == ""


def test_validate_lists_every_problem_exit_3(cli: Cli, tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_FILM.replace("2001", '"x"') + GOOD_FILM)
    result = cli("data", "validate", str(path))
    assert result.exit_code == 3
    assert "film[0].year: expected an integer" in result.stderr
    assert 'film[1].id: duplicate id "a"' in result.stderr


def test_other_commands_exit_3_with_one_line(cli: Cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "[[film]\n")
    result = cli("--data", str(path), "films")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "invalid TOML" in result.stderr
    assert result.stdout == ""


def test_env_var_selects_dataset(cli: Cli) -> None:
    result = cli("films", "-f", "plain", env={"BINOCHE_DATA": str(FIXTURES / "small.toml")})
    assert result.exit_code == 0
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["First Film", "Second Film"]


def test_data_path_prints_bundled_file(cli: Cli) -> None:
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


def test_source_with_a_broken_ipv6_host_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    text = GOOD_FILM.replace('"https://example.org"', '"http://[example.org/x"')
    assert any("sources[0]" in p and "not a valid URL" in p for p in _problems(tmp_path, text))


# ---- reading what is not a dataset, through the real entry point (issue 15) -------------


def _refused(target: str, tmp_path: Path) -> str:
    """Run `binoche --data TARGET films`: exit 3 with one line on stderr. A hang (a read that
    never ends, an open that blocks) fails through the timeout; no elapsed time is asserted."""
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path / "h")}
    result = run_binoche("--data", target, "films", env=env, timeout=30)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_is_refused(device: str, tmp_path: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    assert "not a regular file" in _refused(device, tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_fifo_without_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused(str(fifo), tmp_path)


def test_directory_is_refused(tmp_path: Path) -> None:
    assert "is a directory" in _refused(str(tmp_path), tmp_path)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(4 * 1024**3)  # sparse: 4 GB on paper, nothing on disk
    assert "limit for a dataset" in _refused(str(path), tmp_path)


def test_dataset_from_a_pipe_the_shell_handed_over(tmp_path: Path) -> None:
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path / "h")}
    small = (FIXTURES / "small.toml").read_text(encoding="utf-8")
    result = run_binoche("--data", "-", "films", "-f", "plain", env=env, input=small, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "First Film" in result.stdout


# ---- line numbers: linear, and only when there is a problem (issue 15) ------------------


def _many_films(count: int, bad_every: int = 0) -> str:
    parts = []
    for i in range(count):
        year = '"bad"' if bad_every and i % bad_every == 0 else "2001"
        parts.append(GOOD_FILM.replace('"a"', f'"f{i}"').replace('"A"', f'"T{i}"').replace("2001", year))
    return "".join(parts)


def test_valid_file_counts_no_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> dict[str, list[int]]:
        raise AssertionError("line numbers computed for a valid file")

    monkeypatch.setattr(validator, "header_lines", refuse)
    assert len(load(_write(tmp_path, _many_films(200))).films) == 200


@pytest.mark.parametrize("count", [100, 1000])
def test_line_numbers_scan_each_byte_once(
    count: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every film has a problem; the bytes scanned for line numbers stay the file's size."""
    scanned = []
    original = validator._count_newlines

    def counting(raw: bytes, start: int, end: int) -> int:
        scanned.append(end - start)
        return original(raw, start, end)

    monkeypatch.setattr(validator, "_count_newlines", counting)
    text = _many_films(count, bad_every=1)
    problems = _problems(tmp_path, text)
    assert len(problems) == count
    assert sum(scanned) <= len(text.encode())
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line == "[[film]]"]
    assert problems[-1].endswith(f"(line {lines[-1]})")
    assert problems[count // 2].startswith(f"{tmp_path / 'data.toml'}: film[{count // 2}].year")
    assert problems[count // 2].endswith(f"(line {lines[count // 2]})")


# ---- completion reads the dataset the command would (issue 16) ---------------------------


def _complete(monkeypatch: pytest.MonkeyPatch, words: str, name: str, incomplete: str) -> list[str]:
    from binoche_cli.cli import completion

    monkeypatch.delenv("_TYPER_COMPLETE_ARGS", raising=False)
    monkeypatch.setenv("COMP_WORDS", words)
    result: list[str] = getattr(completion, name)(incomplete)
    return result


SMALL = FIXTURES / "small.toml"


@pytest.mark.parametrize(
    "words",
    [
        f"binoche --data {SMALL} films -d ",
        f"binoche films --data={SMALL} -d ",
        f"binoche films -d x --data {SMALL}",
    ],
)
def test_completion_honours_data_option(monkeypatch: pytest.MonkeyPatch, words: str) -> None:
    assert _complete(monkeypatch, words, "complete_directors", "") == ["Ann Example", "Łukasz Żuławski"]


def test_completion_honours_data_in_zsh_and_fish(monkeypatch: pytest.MonkeyPatch) -> None:
    from binoche_cli.cli.completion import complete_costars

    monkeypatch.delenv("COMP_WORDS", raising=False)
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", f"binoche films --data '{SMALL}' --with b")
    assert complete_costars("b") == ["Bob Costar"]


def test_completion_with_unreadable_data_offers_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete(monkeypatch, "binoche --data /dev/zero films -d ", "complete_directors", "") == []


def test_completion_matches_accents_and_words_once(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "binoche films -d "
    for typed in ("kieś", "KIES", "kies", "krzysztof k"):
        assert _complete(monkeypatch, line, "complete_directors", typed) == ["Krzysztof Kieślowski"]
    assert _complete(monkeypatch, line, "complete_bodies", "cés") == ["César Awards"]
    assert _complete(monkeypatch, f"binoche --data {SMALL} films -d ", "complete_directors", "zul") == [
        "Łukasz Żuławski"
    ]


def test_completion_offers_alternative_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    found = _complete(monkeypatch, "binoche film ", "complete_titles", "bleu")
    assert found == ["Trois Couleurs : Bleu", "Bleu"]
    assert _complete(monkeypatch, f"binoche --data {SMALL} film ", "complete_titles", "prem") == [
        "Premier Film"
    ]


def test_completion_never_offers_control_characters() -> None:
    from binoche_cli.cli.completion import _complete as complete

    assert complete(["Evil\x1b[2J Name", "Good Name", "Bad\nName", "Bidi\u202e"], "") == ["Good Name"]


@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [
        ("complete_decades", "199", ["1990s"]),
        ("complete_decades", "9", ["90s"]),
        ("complete_decades", "'8", ["'80s"]),
        ("complete_sort_keys", "", ["year", "title", "director", "awards"]),
        ("complete_sort_keys", "ti", ["title"]),
        ("complete_credits", "s", ["supporting"]),
        ("complete_sites", "w", ["wikidata", "wikipedia"]),
        ("complete_kinds", "DOC", ["documentary"]),
    ],
)
def test_completion_of_fixed_values(
    monkeypatch: pytest.MonkeyPatch, name: str, typed: str, expected: list[str]
) -> None:
    assert _complete(monkeypatch, "binoche films --x ", name, typed) == expected


def test_completion_of_fields_after_a_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete(monkeypatch, "binoche films --fields ", "complete_fields", "year,ti") == ["year,title"]
    assert "year,body" in _complete(monkeypatch, "binoche awards --fields ", "complete_fields", "year,b")
    assert _complete(monkeypatch, "binoche films --fields ", "complete_fields", "year,ye") == []
    assert "title" in _complete(monkeypatch, "binoche films --fields ", "complete_fields", "")


def test_completion_of_seen_titles_offers_only_the_watch_list(monkeypatch: pytest.MonkeyPatch) -> None:
    words = f"binoche --data {SMALL} seen remove "
    assert _complete(monkeypatch, words, "complete_seen_titles", "") == []
    result = run_binoche("--data", str(SMALL), "seen", "add", "second film", env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert _complete(monkeypatch, words, "complete_seen_titles", "") == ["Second Film"]


def test_completion_through_the_real_entry_point(tmp_path: Path) -> None:
    env = {
        "_BINOCHE_COMPLETE": "complete_bash",
        "COMP_WORDS": f"binoche --data {SMALL} films -d ",
        "COMP_CWORD": "5",
        "BINOCHE_CACHE_DIR": str(tmp_path / "c"),
    }
    result = run_binoche(env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["Ann\\ Example", "Łukasz\\ Żuławski"]
    assert not any(c < " " and c != "\n" for c in result.stdout)


def test_bash_gets_names_escaped_as_one_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_BINOCHE_COMPLETE", "complete_bash")
    found = _complete(monkeypatch, "binoche films -d ", "complete_directors", "kies")
    assert found == ["Krzysztof\\ Kieślowski"]


# ---- large files are parsed in slices, with the whole file's meaning (issue 20) -----------------

_FILM = '[[film]]\nid = "{n}"\ntitle = "T{n}"\nsources = ["https://example.org/same"]\n'
_AWARD = '[[award]]\nbody = "B"\nyear = {n}\n'
SLICED_CASES = {
    "tables": 'schema = 1\nartist = "A"\n'
    + "".join(_FILM.format(n=n) + _AWARD.format(n=n) for n in range(9)),
    "with a BOM": "\ufeffschema = 1\n" + "".join(_FILM.format(n=n) for n in range(9)),
    "header inside a multi-line string": _FILM.format(n=0)
    + 'notes = """\n'
    + "".join(_FILM.format(n=n) for n in range(1, 6))
    + '"""\n'
    + "".join(_FILM.format(n=n) for n in range(6, 9)),
    "header inside a literal string": _FILM.format(n=0)
    + "notes = '''\n"
    + "".join(_FILM.format(n=n) for n in range(1, 6))
    + "'''\n"
    + _FILM.format(n=9),
    "arrays inside a multi-line array": _FILM.format(n=0)
    + "grid = [\n"
    + "[[1, 2], [3]],\n" * 8
    + "]\n"
    + "".join(_FILM.format(n=n) for n in range(1, 6)),
    "subtable of an earlier slice's table": "".join(_FILM.format(n=n) for n in range(6))
    + "".join(_AWARD.format(n=n) for n in range(6))
    + '[film.extra]\nnote = "x"\n',
    "static array extended by headers": 'film = [{id = "s"}]\n'
    + "".join(_FILM.format(n=n) for n in range(6)),
    "table defined twice": "".join(_FILM.format(n=n) + "[meta]\nx = 1\n" for n in range(6)),
    "duplicate key": "".join(_FILM.format(n=n) for n in range(6)) + 'id = "again"\n',
    "bad UTF-8 late": "".join(_FILM.format(n=n) for n in range(6)),
    "indented headers in the preamble": '  [[film]]\nid = "x"\n'
    + "".join(_FILM.format(n=n) for n in range(6)),
}


def _parsed(raw: bytes) -> dict[str, Any] | list[str]:
    try:
        return catalog._parse_toml(raw, "data.toml")
    except DataError as exc:
        return exc.problems


@pytest.mark.parametrize("case", list(SLICED_CASES))
def test_slices_parse_as_the_whole_file(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SLICED_CASES[case].encode()
    if case == "bad UTF-8 late":
        raw += b'[[film]]\nid = "\xff"\n'
    whole = _parsed(raw)
    monkeypatch.setattr(bulk, "SLICE_BYTES", 60)
    assert bulk.parse_in_slices(raw) is None or len(raw) > 60
    assert _parsed(raw) == whole


def test_slices_are_used_and_share_their_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = SLICED_CASES["tables"].encode()
    monkeypatch.setattr(bulk, "SLICE_BYTES", 60)
    sliced = bulk.parse_in_slices(raw)
    assert sliced is not None and sliced == bulk.toml_module().loads(raw.decode())
    first, last = sliced["film"][0], sliced["film"][-1]
    assert first["sources"][0] is last["sources"][0]
    assert next(iter(first)) is next(iter(last))  # keys too


def test_a_real_dataset_parses_alike_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = BEHAVIOUR.read_bytes()
    whole = bulk.toml_module().loads(raw.decode())
    monkeypatch.setattr(bulk, "SLICE_BYTES", 4096)
    assert bulk.parse_in_slices(raw) == whole


def test_problems_in_a_large_file_keep_their_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes are let go before validating, and read again only to locate problems."""
    monkeypatch.setattr(bulk, "SLICE_BYTES", 200)
    text = _many_films(40, bad_every=20)
    problems = _problems(tmp_path, text)
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line == "[[film]]"]
    assert problems == [
        f'{tmp_path / "data.toml"}: film[{n}].year: expected an integer, got "bad" (line {lines[n]})'
        for n in (0, 20)
    ]
