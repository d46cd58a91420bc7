"""Issue 23, against a hostile user: formula cells, odd paths, huge and odd numbers, write
failures. Every test goes through the real entry point (CliRunner or a child process)."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path

import pytest
import typer

from binoche_cli import files
from binoche_cli.cli.application import app
from binoche_cli.files import FORMULA_START
from tests.helpers import BEHAVIOUR, SMALL, Cli, run_binoche

# ---------------------------------------------------------------------------------------
# --csv-safe in every CSV writer

FORMULA_DATASET = """\
schema = 1
artist = "Test Artist"

[[film]]
id = "evil"
title = "=HYPERLINK(\\"http://x\\",\\"evil\\")"
year = 2001
kind = "feature"
directors = ["@Evil Director"]
role = "-2+3"
languages = ["French"]
costars = ["+Evil Costar"]
sources = ["https://example.org/evil"]

[[film]]
id = "tabbed"
title = "+Tabbed =1+1"
year = 2003
kind = "feature"
directors = ["@Evil Director"]
role = "Lead"
costars = ["+Evil Costar"]
imdb = "tt0000001"
sources = ["https://example.org/tabbed"]

[[award]]
body = "Cannes Film Festival"
category = "=cmd|' /C calc'!A0"
year = 2001
work = "evil"
result = "won"
sources = ["https://example.org/award"]
"""

# The positional argument each command needs, chosen so the formula records match.
_ARGUMENTS = {
    "film": ["HYPERLINK"],
    "decade": ["2000s"],
    "director": ["evil director"],
    "award": ["cannes"],
    "search": ["evil"],
    "together": ["evil costar"],
}


def _csv_commands() -> list[tuple[str, ...]]:
    """Every command whose --format offers csv (read off the app: a new one is covered)."""
    found: list[tuple[str, ...]] = []

    def walk(group: object, path: tuple[str, ...]) -> None:
        for name, sub in getattr(group, "commands", {}).items():
            if hasattr(sub, "commands"):
                walk(sub, (*path, name))
                continue
            for param in sub.params:
                if "--format" in getattr(param, "opts", ()) and "csv" in (param.help or ""):
                    found.append((*path, name))

    walk(typer.main.get_command(app), ())
    return found


def _formula_cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [cell for row in rows[1:] for cell in row if cell.startswith(FORMULA_START)]


@pytest.fixture
def formula_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    data = tmp_path / "formula.toml"
    data.write_text(FORMULA_DATASET, encoding="utf-8")
    monkeypatch.setenv("BINOCHE_DATA", str(data))
    # A note may hold a tab (a dataset value may not): the tab-led cell comes from the log.
    for film, note in (("HYPERLINK", "=1+1"), ("tabbed", "\t=1+1")):
        added = cli("seen", "add", film, "--date", "2024-01-02", "--note", note, "--tag", "@home")
        assert added.exit_code == 0, added.stderr
    return data


def test_every_csv_writer_honours_csv_safe(formula_data: Path, cli: Cli) -> None:
    commands = _csv_commands()
    assert {("films",), ("costars",), ("seen", "export"), ("seen", "list")} <= set(commands)
    reached = []
    for path in commands:
        args = [*path, *_ARGUMENTS.get(path[-1], []), "-f", "csv"]
        raw = cli(*args)
        safe = cli("--csv-safe", *args)
        assert safe.exit_code == raw.exit_code, (path, safe.stderr)
        if _formula_cells(raw.stdout):
            reached.append(path)
        assert _formula_cells(safe.stdout) == [], (path, safe.stdout)
        raw_rows = list(csv.reader(io.StringIO(raw.stdout, newline="")))
        assert len(list(csv.reader(io.StringIO(safe.stdout, newline="")))) == len(raw_rows), path
    # The data reaches these as cells at all, so the assertion above is not vacuous for them.
    assert {("films",), ("costars",), ("together",), ("director",), ("seen", "list")} <= set(reached)


@pytest.mark.parametrize("fmt", ["csv", "letterboxd", "imdb"])
def test_seen_export_csv_formats_honour_csv_safe(formula_data: Path, cli: Cli, fmt: str) -> None:
    raw = cli("seen", "export", "-f", fmt)
    assert raw.exit_code == 0, raw.stderr
    assert _formula_cells(raw.stdout), "the formula titles should reach the export"
    for args in (("--csv-safe", "seen", "export", "-f", fmt), ("seen", "export", "-f", fmt, "--csv-safe")):
        safe = cli(*args)
        assert safe.exit_code == 0, safe.stderr
        assert _formula_cells(safe.stdout) == []
        assert "'+Tabbed =1+1" in safe.stdout


def test_csv_safe_neutralises_tab_and_carriage_return_led_cells(formula_data: Path, cli: Cli) -> None:
    raw = cli("seen", "export", "-f", "csv")
    assert "\t=1+1" in [row[-1] for row in csv.reader(io.StringIO(raw.stdout, newline=""))]
    safe = cli("--csv-safe", "seen", "export", "-f", "csv")
    assert "'\t=1+1" in [row[-1] for row in csv.reader(io.StringIO(safe.stdout, newline=""))]
    films = cli("--csv-safe", "films", "-f", "csv", "--fields", "title")
    assert ["'+Tabbed =1+1"] in list(csv.reader(io.StringIO(films.stdout, newline="")))


def test_csv_safe_export_to_a_file(formula_data: Path, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = cli("--csv-safe", "seen", "export", "-f", "letterboxd", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert _formula_cells(target.read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------------------------------
# Paths


def test_a_device_reached_through_proc_is_refused_like_the_device(cli: Cli) -> None:
    direct = cli("--data", "/dev/zero", "films")
    roundabout = cli("--data", "/proc/self/fd/../../../dev/zero", "films")
    assert direct.exit_code == roundabout.exit_code == 3
    assert "not a regular file" in direct.stderr and "not a regular file" in roundabout.stderr


def test_handed_over_descriptors_still_read(tmp_path: Path) -> None:
    """`--data <(cat file)` is /dev/fd/N: still allowed after the device check tightened."""
    result = run_binoche("--data", "/dev/stdin", "films", "-f", "plain", input=SMALL.read_text())
    assert result.returncode == 0, result.stderr
    assert "First Film" in result.stdout


def test_a_trailing_slash_on_the_dataset_path_is_refused(cli: Cli, tmp_path: Path) -> None:
    data = tmp_path / "file.toml"
    data.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("--data", str(data), "films").exit_code == 0
    result = cli("--data", f"{data}/", "films")
    assert result.exit_code == 3
    assert "cannot end in '/'" in result.stderr and len(result.stderr.splitlines()) == 1
    env = cli("films", env={"BINOCHE_DATA": f"{data}/"})
    assert env.exit_code == 3 and "cannot end in '/'" in env.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--svg", "new.svg/"],
        ["timeline", "--html", "new.html/"],
        ["seen", "export", "-o", "new.csv/"],
        ["seen", "backup", "new.json/"],
    ],
    ids=["svg", "html", "export", "backup"],
)
def test_a_trailing_slash_on_an_output_path_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    assert cli("seen", "add", "first film", "--date", "2024-01-02").exit_code == 0
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert "cannot end in '/'" in result.stderr
    assert not list(tmp_path.glob("new.*")), "nothing may be written under the slash-less name"


def test_an_empty_output_path_says_it_is_empty(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    result = cli("seen", "export", "-o", "")
    assert result.exit_code == 2
    assert "empty" in result.stderr and "is a directory" not in result.stderr


# ---------------------------------------------------------------------------------------
# One exit code for "cannot write a file": 5, whatever writes it


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--svg", "out.svg"],
        ["timeline", "--html", "out.html"],
        ["seen", "export", "-o", "out.csv"],
        ["seen", "backup", "out.json"],
    ],
    ids=["svg", "html", "export", "backup"],
)
def test_a_full_disk_is_exit_5_for_every_file_writer(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    assert cli("seen", "add", "first film", "--date", "2024-01-02").exit_code == 0

    def disk_full(temp_name: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_before_replace", disk_full)
    result = cli(*args)
    assert result.exit_code == 5, result.stderr
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / args[-1]).exists()


# ---------------------------------------------------------------------------------------
# Huge and odd numbers


HUGE = "1" + "0" * 400


def _log_with_rating(rating_literal: str) -> str:
    return (
        '{"version": 2, "films": {"first-film": {"viewings": '
        f'[{{"date": "2024-01-02", "rating": {rating_literal}}}]}}}}}}'
    )


@pytest.mark.parametrize("literal", [HUGE, "1e400", "-1e400", HUGE + ".5"])
@pytest.mark.parametrize(
    "args",
    [
        ["seen", "list"],
        ["seen", "stats"],
        ["next"],
        ["guide"],
        ["films", "--seen"],
        ["seen", "add", "mauvais sang"],
    ],
    ids=["seen-list", "seen-stats", "next", "guide", "films-seen", "seen-add"],
)
def test_a_huge_rating_in_the_log_is_exit_3_in_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, literal: str, args: list[str]
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(BEHAVIOUR))  # it has guide steps
    log = tmp_path / "home" / "seen.json"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(_log_with_rating(literal), encoding="utf-8")
    assert cli("seen", "path").stdout.strip() == str(log)
    result = cli(*args)
    assert result.exit_code == 3, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "rating" in lines[0], result.stderr
    assert len(lines[0]) < 400, "the 401-digit number is not echoed whole"


def test_seen_restore_refuses_a_huge_rating(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    backup = tmp_path / "backup.json"
    backup.write_text(_log_with_rating(HUGE), encoding="utf-8")
    result = cli("seen", "restore", str(backup))
    assert result.exit_code == 3
    assert "rating" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("literal", [HUGE, "1e400", "NaN", "Infinity"])
def test_importing_our_json_with_a_huge_rating_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, literal: str
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    source = tmp_path / "ours.json"
    source.write_text(_log_with_rating(literal), encoding="utf-8")
    result = cli("seen", "import", str(source))
    assert result.exit_code == 3, result.stderr
    assert "rating" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("literal", [HUGE, "1e400", "-" + HUGE])
def test_a_trakt_rating_too_big_for_a_float_is_a_row_problem(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, literal: str
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    source = tmp_path / "trakt.json"
    source.write_text(
        '[{"rated_at": "2024-01-02T10:00:00.000Z", "rating": ' + literal + ", "
        '"type": "movie", "movie": {"title": "First Film", "year": 2001, "ids": {}}}]',
        encoding="utf-8",
    )
    result = cli("seen", "import", str(source))
    assert result.exit_code == 1, result.stderr
    assert "is not 1 to 10" in result.stderr
    assert all(len(line) < 300 for line in result.stderr.splitlines())


_LETTERBOXD_HEADER = "Title,Year,imdbID,tmdbID,WatchedDate,Rating\n"


@pytest.mark.parametrize(
    "year,tmdb",
    [
        ("¹⁹⁹²", "1"),
        ("2001", "²"),
        ("9" * 5000, "1"),
        ("2001", "9" * 5000),
        ("２００１", "١٢"),
        ("𝟚𝟘𝟘𝟙", "Ⅻ"),
    ],
    ids=["superscript-year", "superscript-tmdb", "long-year", "long-tmdb", "fullwidth", "math-digits"],
)
def test_odd_digits_in_a_csv_import_never_crash(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, year: str, tmdb: str
) -> None:
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    source = tmp_path / "import.csv"
    source.write_text(_LETTERBOXD_HEADER + f"First Film,{year},,{tmdb},2024-01-02,4\n", encoding="utf-8")
    result = cli("seen", "import", str(source), "--dry-run")
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    # An odd year is no year: the title alone still finds the film.
    assert "1 new viewing" in result.stderr


@pytest.mark.parametrize("value", ["²", "abc", "-5", "0", "1e9", "9" * 5000, "１０００"])
def test_a_junk_dataset_size_limit_is_a_clear_error(cli: Cli, value: str, tmp_path: Path) -> None:
    data = tmp_path / "small.toml"  # a copy, so no cache entry answers before the limit is read
    data.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(
        "--data", str(data), "films", env={"BINOCHE_MAX_DATASET_BYTES": value, "BINOCHE_NO_CACHE": "1"}
    )
    assert result.exit_code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and lines[0].startswith("binoche: BINOCHE_MAX_DATASET_BYTES=") and "bytes" in lines[0]
    )
    assert len(lines[0]) < 200


def test_a_good_dataset_size_limit_applies(cli: Cli, tmp_path: Path) -> None:
    data = tmp_path / "small.toml"
    data.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"BINOCHE_NO_CACHE": "1"}
    assert (
        cli("--data", str(data), "films", env={**env, "BINOCHE_MAX_DATASET_BYTES": "100000"}).exit_code == 0
    )
    assert cli("--data", str(data), "films", env={**env, "BINOCHE_MAX_DATASET_BYTES": ""}).exit_code == 0
    small = cli("--data", str(data), "films", env={**env, "BINOCHE_MAX_DATASET_BYTES": "10"})
    assert small.exit_code == 3 and "limit" in small.stderr


def test_json_output_of_a_rating_round_trips(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard against huge numbers keeps ordinary ratings exact."""
    monkeypatch.setenv("BINOCHE_DATA", str(SMALL))
    assert cli("seen", "add", "first film", "--date", "2024-01-02", "--rating", "4,5").exit_code == 0
    rows = json.loads(cli("seen", "list", "-f", "json").stdout)
    assert rows[0]["rating"] == 4.5
