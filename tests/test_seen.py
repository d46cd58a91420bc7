"""`binoche seen ...`: the commands over the viewing log, as a user runs them.

The log itself (validation, locking, upgrade) is tested in test_watchlist.py and the formats in
test_exchange.py; here: options, messages, exit codes, and the file each command leaves.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from binoche_cli.dataset.catalog import Catalog
from binoche_cli.viewing import store as watchlist
from tests.helpers import FIXTURES, Cli, run_binoche

pytestmark = pytest.mark.usefixtures("behaviour_data")

EXCHANGE = FIXTURES / "exchange"


def _log(home: Path) -> dict[str, list[dict[str, object]]]:
    data = json.loads((home / "seen.json").read_text())
    assert data["version"] == 2
    return {fid: entry["viewings"] for fid, entry in data["films"].items()}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# ---------------------------------------------------------------------------------------
# add / remove


def test_add_with_every_option(cli: Cli, home: Path) -> None:
    result = cli(
        "seen", "add", "three colors blue", "--date", "2024-03-01", "--rating", "4.5",
        "--tag", "cinema", "-t", "35mm", "--note", "Restored print",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        "binoche: logged Three Colours: Blue (1993) on 2024-03-01, rated 4.5, tags cinema, 35mm; "
        "viewing 1 of this film\n"
    )
    assert _log(home) == {
        "three-colours-blue": [
            {
                "date": "2024-03-01",
                "rating": 4.5,
                "rewatch": False,
                "tags": ["cinema", "35mm"],
                "note": "Restored print",
            }
        ]
    }


def test_second_viewing_is_a_rewatch_unless_told(cli: Cli, home: Path) -> None:
    import datetime

    cli("seen", "add", "damage", "--date", "2020-01-01")
    second = cli("seen", "add", "damage")
    assert second.exit_code == 0 and "rewatch; viewing 2" in second.stderr
    cli("seen", "add", "damage", "--date", "2021-01-01", "--first-time")
    viewings = _log(home)["damage"]
    assert [v["date"] for v in viewings] == ["2020-01-01", "2021-01-01", datetime.date.today().isoformat()]
    assert [v["rewatch"] for v in viewings] == [False, False, True]


def test_same_day_twice_changes_nothing(cli: Cli, home: Path) -> None:
    cli("seen", "add", "damage", "--date", "2020-01-01", "--rating", "3")
    before = (home / "seen.json").read_bytes()
    again = cli("seen", "add", "damage", "--date", "2020-01-01", "--rating", "5")
    assert again.exit_code == 0
    assert "already logged on 2020-01-01 (on 2020-01-01, rated 3)" in again.stderr
    assert "binoche seen remove damage --date 2020-01-01" in again.stderr
    assert (home / "seen.json").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--date", "2023-02-30"], "'--date': '2023-02-30' is not a real calendar date"),
        (["--date", "2999-01-01"], "in the future"),
        (["--date", "yesterday"], "use YYYY-MM-DD"),
        (["--rating", "4.2"], "'--rating'"),
        (["--rating", "0"], "'--rating'"),
        (["--tag", ""], "'--tag': a tag cannot be empty"),
        (["--tag", "a\x1bb"], "control characters"),
        (["--tag", "x" * 51], "longer than 50"),
        (["--note", "n" * 501], "longer than 500"),
    ],
)
def test_bad_values_are_usage_errors_and_nothing_is_written(
    cli: Cli, home: Path, args: list[str], hint: str
) -> None:
    result = cli("seen", "add", "damage", *args)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert "\x1b" not in result.stderr
    assert not (home / "seen.json").exists()


def test_unknown_and_ambiguous_titles(cli: Cli, home: Path) -> None:
    unknown = cli("seen", "add", "jurassic park")
    assert unknown.exit_code == 1 and "no film matches 'jurassic park'" in unknown.stderr
    ambiguous = cli("seen", "add", "three colours")
    assert ambiguous.exit_code == 4 and "three-colours-red" in ambiguous.stderr
    assert not (home / "seen.json").exists()


def test_remove_one_day_or_all(cli: Cli, home: Path) -> None:
    for day in ("2020-01-01", "2021-01-01", "2022-01-01"):
        cli("seen", "add", "damage", "--date", day)
    one = cli("seen", "remove", "damage", "--date", "2021-01-01")
    assert one.exit_code == 0 and "removed 1 viewing of Damage (1992); 2 left" in one.stderr
    missing = cli("seen", "remove", "damage", "--date", "2021-01-01")
    assert missing.exit_code == 1 and "no viewing of Damage (1992) on 2021-01-01" in missing.stderr
    every = cli("seen", "remove", "damage")
    assert every.exit_code == 0 and "removed 2 viewings" in every.stderr
    assert _log(home) == {}
    assert cli("seen", "remove", "damage").exit_code == 1


# ---------------------------------------------------------------------------------------
# list / stats


def _fill(cli: Cli) -> None:
    cli("seen", "add", "three colors blue", "--date", "2023-05-01", "--rating", "5", "--tag", "cinema")
    cli("seen", "add", "three colors blue", "--date", "2024-05-01", "--rating", "4")
    cli("seen", "add", "damage", "--date", "2024-01-10", "--rating", "3", "--tag", "tv")
    cli("seen", "add", "chocolat", "--date", "2022-07-01")


def test_list_one_row_per_film_in_the_order_watched(cli: Cli) -> None:
    _fill(cli)
    rows = json.loads(cli("seen", "list", "-f", "json").stdout)
    assert [(r["id"], r["date"], r["rating"], r["viewings"], r["mean_rating"]) for r in rows] == [
        ("chocolat", "2022-07-01", None, 1, None),
        ("damage", "2024-01-10", 3.0, 1, 3.0),
        ("three-colours-blue", "2024-05-01", 4.0, 2, 4.5),
    ]
    plain = cli("seen", "list", "-f", "tsv", "--no-header").stdout.splitlines()
    assert plain[1] == "2024-01-10\t1992\tDamage\t3.0\t1"


def test_list_all_and_filters(cli: Cli) -> None:
    _fill(cli)
    every = json.loads(cli("seen", "list", "--all", "-f", "json").stdout)
    assert [(r["id"], r["date"]) for r in every][:2] == [
        ("chocolat", "2022-07-01"),
        ("three-colours-blue", "2023-05-01"),
    ]
    assert len(every) == 4
    in_2024 = json.loads(cli("seen", "list", "--all", "--year", "2024", "-f", "json").stdout)
    assert [r["id"] for r in in_2024] == ["damage", "three-colours-blue"]
    good = json.loads(cli("seen", "list", "--rating", ">=4", "-f", "json").stdout)
    # Blue's latest viewing that passes the filter is listed, with the film's own count.
    assert [(r["id"], r["date"], r["viewings"]) for r in good] == [("three-colours-blue", "2024-05-01", 2)]
    ranged = json.loads(cli("seen", "list", "--all", "--rating", "3-4.5", "-f", "json").stdout)
    assert [(r["id"], r["rating"]) for r in ranged] == [("damage", 3.0), ("three-colours-blue", 4.0)]
    tagged = cli("seen", "list", "--tag", "Cinema", "--fields", "title,tags", "-f", "csv").stdout
    assert tagged.splitlines() == ["title,tags", "Three Colours: Blue,cinema"]
    nothing = cli("seen", "list", "--year", "1999")
    assert nothing.exit_code == 1 and "no viewing matches the filters" in nothing.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--rating", "great"], "'--rating'"),
        (["--rating", "5-3"], "ends before it starts"),
        (["--year", "24"], "'--year'"),
        (["--tag", ""], "'--tag'"),
        (["-f", "xml"], "'--format'"),
        (["--fields", "nope"], "unknown field 'nope'"),
    ],
)
def test_list_bad_options(cli: Cli, args: list[str], hint: str) -> None:
    result = cli("seen", "list", *args)
    assert result.exit_code == 2 and hint in result.stderr


def test_list_of_an_empty_log(cli: Cli) -> None:
    result = cli("seen", "list", "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    assert "the viewing log is empty" in result.stderr


def test_list_mentions_films_this_dataset_lacks(cli: Cli, home: Path) -> None:
    cli("seen", "add", "damage", "--date", "2020-01-01")
    other = cli("--data", str(FIXTURES / "small.toml"), "seen", "add", "first film", "--date", "2021-01-01")
    assert other.exit_code == 0, other.stderr
    assert set(_log(home)) == {"damage", "first-film"}
    listed = cli("seen", "list", "-f", "json")
    assert [r["id"] for r in json.loads(listed.stdout)] == ["damage"]
    assert "first-film" in listed.stderr


def test_titles_in_data_are_shown_not_obeyed(cli: Cli, home: Path) -> None:
    cli("seen", "add", "damage", "--date", "2020-01-01", "--note", "[bold]x[/] and \x1b is refused")
    assert not (home / "seen.json").exists()
    cli("seen", "add", "damage", "--date", "2020-01-01", "--note", "[bold]x[/]")
    table = cli("seen", "list", "--all", "--fields", "title,note", "-f", "table", env={"COLUMNS": "100"})
    assert "[bold]x[/]" in table.stdout


def test_stats(cli: Cli, behaviour: Catalog) -> None:
    _fill(cli)
    rows = json.loads(cli("seen", "stats", "-f", "json").stdout)
    total = rows[0]
    assert total["section"] == "total" and total["value"] == 3 and total["total"] == len(behaviour.films)
    assert total["detail"] == "4 viewings"
    sections = {r["section"] for r in rows}
    assert {"decade", "kind", "year", "director", "unseen_winner"} <= sections
    years = {r["key"]: r["value"] for r in rows if r["section"] == "year"}
    assert years == {"2022": 1, "2023": 1, "2024": 2}
    directors = {r["key"]: r["rating"] for r in rows if r["section"] == "director"}
    assert directors["Krzysztof Kieślowski"] == 4.5 and directors["Louis Malle"] == 3.0
    winners = [r["key"] for r in rows if r["section"] == "unseen_winner"]
    assert "Three Colours: Blue" not in winners and "The English Patient" in winners


def test_stats_of_an_empty_log(cli: Cli) -> None:
    result = cli("seen", "stats", "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)[0]["value"] == 0
    chart = cli("seen", "stats", "-f", "table", env={"COLUMNS": "80"})
    assert chart.exit_code == 1, "documented: the numbers are shown, and nothing is logged"
    assert chart.stdout.startswith("0 of ") and "binoche seen add TITLE" in chart.stdout


def test_stats_on_a_terminal_is_a_chart(cli: Cli, behaviour: Catalog) -> None:
    _fill(cli)
    chart = cli("seen", "stats", "-f", "table", env={"COLUMNS": "80"})
    assert chart.exit_code == 0, chart.stderr
    lines = chart.stdout.splitlines()
    released = sum(1 for f in behaviour.films if f.status == "released")
    assert lines[0].startswith(f"3 of {released} films seen") and "4 viewings" in lines[0]
    assert "Seen per decade" in lines and "section" not in chart.stdout
    assert any(line.startswith("1990s") and "█" in line for line in lines)
    assert all(len(line) <= 80 for line in lines)
    assert "4.5  Krzysztof Kieślowski" in chart.stdout


def test_seen_filters_on_films_and_guide(cli: Cli) -> None:
    cli("seen", "add", "certified copy")
    seen = json.loads(cli("films", "--seen", "-f", "json").stdout)
    assert [r["id"] for r in seen] == ["certified-copy"]
    unseen = json.loads(cli("films", "--unseen", "-f", "json").stdout)
    assert "certified-copy" not in {r["id"] for r in unseen} and unseen
    guide = json.loads(cli("guide", "-f", "json").stdout)
    assert next(r for r in guide if r["id"] == "certified-copy")["seen"] is True


# ---------------------------------------------------------------------------------------
# import


def _letterboxd_zip(tmp_path: Path) -> Path:
    target = tmp_path / "letterboxd-someuser-2024-06-01-10-00-utc.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name in ("diary.csv", "watched.csv", "ratings.csv", "watchlist.csv"):
            archive.write(EXCHANGE / "letterboxd" / name, name)
    return target


def test_import_letterboxd_zip_then_again(cli: Cli, home: Path, tmp_path: Path) -> None:
    export = _letterboxd_zip(tmp_path)
    first = cli("seen", "import", str(export))
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    lines = first.stderr.splitlines()
    assert lines[0].endswith(".zip: 8 rows, read as Letterboxd export ZIP")
    assert lines[1].startswith("binoche: 7 new viewings of 6 films; 0 already in the log; 0 conflicts; 1 row")
    log = _log(home)
    assert [v["date"] for v in log["three-colours-blue"]] == ["2024-03-01", "2024-05-10"]
    assert log["three-colours-blue"][0]["tags"] == ["cinema", "restoration"]
    assert log["the-english-patient"] == [
        {"date": "2021-08-14", "rating": 4.0, "rewatch": False, "tags": [], "note": ""}
    ]
    again = cli("seen", "import", str(export))
    assert again.exit_code == 0
    assert "0 new viewings of 0 films; 7 already in the log" in again.stderr


def test_import_dry_run_writes_nothing(cli: Cli, home: Path, tmp_path: Path) -> None:
    cli("seen", "add", "damage", "--date", "2023-11-19", "--rating", "2")
    before = (home / "seen.json").read_bytes()
    result = cli("seen", "import", "--dry-run", str(_letterboxd_zip(tmp_path)))
    assert result.exit_code == 0
    assert "6 new viewings" in result.stderr and "1 conflict" in result.stderr
    assert "Damage (1992) on 2023-11-19: the log says 2, the file 3.5; kept the log's rating" in result.stderr
    assert result.stderr.rstrip().endswith("binoche: dry run: nothing was written")
    assert (home / "seen.json").read_bytes() == before


def test_import_other_formats(cli: Cli, home: Path) -> None:
    for name in ("imdb-ratings.csv", "trakt-history.json", "letterboxd-diary-utf16.csv", "binoche.json"):
        result = cli("seen", "import", str(EXCHANGE / name))
        assert result.exit_code == 0, (name, result.stderr)
    log = _log(home)
    assert log["three-colours-blue"][0]["rating"] == 4.5  # IMDb's 9 out of 10
    assert "chocolat" in log and "damage" in log


def test_import_from_stdin(cli: Cli, home: Path) -> None:
    text = (EXCHANGE / "letterboxd" / "diary.csv").read_text()
    result = cli("seen", "import", "-", input=text)
    assert result.exit_code == 0, result.stderr
    assert "binoche: stdin: 5 rows, read as Letterboxd diary CSV" in result.stderr
    assert "1 row of other films ignored" in result.stderr and "Heat" not in result.stderr


def test_a_whole_imdb_history_is_summarised_and_the_write_confirmed(
    cli: Cli, home: Path, tmp_path: Path
) -> None:
    mine = (EXCHANGE / "imdb-ratings.csv").read_text().splitlines()
    header, ours = mine[0], mine[1:]
    others = [
        f"tt9{n:06d},7,2020-01-{n % 28 + 1:02d},Someone Else's Film {n},,https://www.imdb.com/title/tt9{n:06d}/,"
        f"Movie,6.5,100,{1950 + n % 70},Drama,100,2000-01-01,Another Director"
        for n in range(1_501 - len(ours))
    ]
    export = tmp_path / "ratings.csv"
    export.write_text("\n".join([header, *ours, *others]) + "\n")
    dry = cli("seen", "import", "--dry-run", str(export))
    assert dry.exit_code == 0, dry.stderr
    ignored = re.search(r"; ([\d,]+) rows of other films ignored;", dry.stderr)
    assert ignored and int(ignored[1].replace(",", "")) >= len(others) > 1000, dry.stderr
    assert "Someone Else" not in dry.stderr and dry.stderr.count("\n") <= 5  # 2 rows with problems
    assert "dry run: nothing was written" in dry.stderr and "added" not in dry.stderr
    real = cli("seen", "import", str(export))
    logged = _log(home)
    viewings = sum(len(v) for v in logged.values())
    assert f"binoche: added {viewings} viewings of {len(logged)} films to {home / 'seen.json'}" in real.stderr
    again = cli("seen", "import", str(export))
    assert "nothing new; the viewing log is unchanged" in again.stderr


def test_import_verbose_lists_every_unmatched_row(cli: Cli, tmp_path: Path) -> None:
    rows = "".join(f"2020-01-01,Unknown Film {n},2000,x\n" for n in range(30))
    export = tmp_path / "watched.csv"
    export.write_text("Date,Name,Year,Letterboxd URI\n" + rows)
    short = cli("seen", "import", str(export))
    assert short.exit_code == 1, "nothing matched"
    assert "30 rows of other films ignored" in short.stderr and "Unknown Film" not in short.stderr
    full = cli("seen", "import", "--verbose", str(export))
    assert "Unknown Film 0 (2000)" in full.stderr and "Unknown Film 29 (2000)" in full.stderr


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        (b"Foo,Bar\n1,2\n", "columns not recognised (Foo, Bar)"),
        ("Date,Name,Year\n2020-01-01,Caché,2005\n".encode("latin-1"), "not UTF-8 or UTF-16 text"),
        (b"", "the file is empty"),
    ],
)
def test_import_unreadable_files(cli: Cli, home: Path, tmp_path: Path, content: bytes, hint: str) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    result = cli("seen", "import", str(export))
    assert result.exit_code == 3 and hint in result.stderr and result.stderr.count("\n") == 1
    assert not (home / "seen.json").exists()


def test_import_refuses_devices_and_missing_files(cli: Cli, tmp_path: Path) -> None:
    missing = cli("seen", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 3 and "nope.csv: no such file" in missing.stderr
    device = cli("seen", "import", "/dev/zero")
    assert device.exit_code == 3 and "/dev/zero: not a regular file" in device.stderr
    folder = cli("seen", "import", str(tmp_path))
    assert folder.exit_code == 3 and "is a directory" in folder.stderr


def test_import_keeps_a_concurrent_add(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is made under the lock, against the log as it is then."""
    from binoche_cli.viewing import exchange

    real_plan = exchange.plan_import

    def plan_after_someone_else_wrote(
        catalog: Catalog,
        log: watchlist.ViewingLog,
        rows: Iterable[exchange.ImportRow],
        keep_unmatched: int | None = None,
    ) -> exchange.ImportPlan:
        assert "chocolat" in log.films, "planned against the locked, current log"
        return real_plan(catalog, log, rows, keep_unmatched)

    cli("seen", "add", "chocolat", "--date", "2019-01-01")
    monkeypatch.setattr(exchange, "plan_import", plan_after_someone_else_wrote)
    assert cli("seen", "import", str(_letterboxd_zip(tmp_path))).exit_code == 0
    assert "chocolat" in _log(home) and "damage" in _log(home)


# ---------------------------------------------------------------------------------------
# export / backup / restore / path


def test_export_formats(cli: Cli, tmp_path: Path) -> None:
    _fill(cli)
    ours = cli("seen", "export").stdout
    assert ours.splitlines()[0] == "id,title,year,date,rating,rewatch,tags,note"
    assert "damage,Damage,1992,2024-01-10,3,false,tv," in ours
    letterboxd = cli("seen", "export", "-f", "letterboxd").stdout
    assert letterboxd.splitlines()[0] == "Title,Year,imdbID,WatchedDate,Rating,Rewatch,Tags,Review"
    assert "Damage,1992,tt0104237,2024-01-10,3,false,tv," in letterboxd
    imdb = cli("seen", "export", "-f", "imdb").stdout
    assert imdb.splitlines()[0].startswith("Position,Const,Created")
    full = json.loads(cli("seen", "export", "-f", "json").stdout)
    assert full["version"] == 2 and set(full["films"]) == {"three-colours-blue", "damage", "chocolat"}
    bad = cli("seen", "export", "-f", "xml")
    assert bad.exit_code == 2 and "letterboxd" in bad.stderr


def test_export_to_a_file_and_back(cli: Cli, home: Path, tmp_path: Path) -> None:
    _fill(cli)
    target = tmp_path / "out.csv"
    result = cli("seen", "export", "-f", "letterboxd", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == "" and f"wrote {target}" in result.stderr
    original = _log(home)
    (home / "seen.json").unlink()
    back = cli("seen", "import", str(target))
    assert back.exit_code == 0, back.stderr
    assert _log(home) == original
    bad = cli("seen", "export", "-o", str(tmp_path / "missing" / "out.csv"))
    assert bad.exit_code == 2 and "does not exist" in bad.stderr


def test_backup_and_restore(cli: Cli, home: Path, tmp_path: Path) -> None:
    assert cli("seen", "backup").exit_code == 1, "nothing to back up yet"
    _fill(cli)
    target = tmp_path / "backup.json"
    made = cli("seen", "backup", str(target))
    assert made.exit_code == 0 and "backed up 4 viewings of 3 films" in made.stderr
    assert target.read_bytes() == (home / "seen.json").read_bytes()
    exists = cli("seen", "backup", str(target))
    assert exists.exit_code == 2 and "already exists" in exists.stderr
    default = cli("seen", "backup")
    assert default.exit_code == 0 and len(list((home / "backups").glob("seen-*.json"))) == 1

    cli("seen", "remove", "damage")
    before_restore = (home / "seen.json").read_bytes()
    restored = cli("seen", "restore", str(target))
    assert restored.exit_code == 0, restored.stderr
    assert "restored 4 viewings of 3 films" in restored.stderr
    assert "previous log is kept as" in restored.stderr
    assert "damage" in _log(home)
    assert (home / "seen.json.bak").read_bytes() == before_restore


def test_restore_refuses_a_bad_file_and_keeps_the_log(cli: Cli, home: Path, tmp_path: Path) -> None:
    cli("seen", "add", "damage")
    before = (home / "seen.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 2, "films": {"damage": {"viewings": [{"rating": 9}]}}}')
    result = cli("seen", "restore", str(bad))
    assert result.exit_code == 3 and "films.damage.viewings[0].rating" in result.stderr
    assert (home / "seen.json").read_bytes() == before


def test_restore_over_a_corrupt_log_keeps_it_aside(cli: Cli, home: Path) -> None:
    _fill(cli)
    assert cli("seen", "backup").exit_code == 0
    (backup,) = (home / "backups").glob("seen-*.json")
    corrupt = b'{"version": 2, "films": {"damage": '
    (home / "seen.json").write_bytes(corrupt)
    refused = cli("seen", "list")
    assert refused.exit_code == 3
    assert f"'binoche seen restore {backup}'" in refused.stderr and "mv " not in refused.stderr
    restored = cli("seen", "restore", str(backup))
    assert restored.exit_code == 0, restored.stderr
    assert "restored 4 viewings of 3 films" in restored.stderr
    assert f"the unreadable log it replaced is kept as {home / 'seen.json.broken'}" in restored.stderr
    assert (home / "seen.json.broken").read_bytes() == corrupt
    assert (home / "seen.json").read_bytes() == backup.read_bytes()
    assert cli("seen", "list").exit_code == 0


def test_restore_a_version_1_file(cli: Cli, home: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"version": 1, "seen": {"damage": "2020-02-02"}}')
    assert cli("seen", "restore", str(old)).exit_code == 0
    assert _log(home) == {
        "damage": [{"date": "2020-02-02", "rating": None, "rewatch": False, "tags": [], "note": ""}]
    }


def test_seen_path_honours_binoche_home(cli: Cli, home: Path) -> None:
    assert cli("seen", "path").stdout.strip() == str(home / "seen.json")


# ---------------------------------------------------------------------------------------
# The file as the commands leave it


def test_version_1_log_is_upgraded_by_the_first_change(cli: Cli, home: Path) -> None:
    home.mkdir()
    old = b'{"version": 1, "seen": {"damage": "2023-04-01"}}'
    (home / "seen.json").write_bytes(old)
    listed = json.loads(cli("seen", "list", "-f", "json").stdout)
    assert [(r["id"], r["date"]) for r in listed] == [("damage", "2023-04-01")]
    assert (home / "seen.json").read_bytes() == old, "reading does not upgrade"
    assert cli("seen", "add", "chocolat", "--date", "2024-01-01").exit_code == 0
    assert (home / "seen.json.bak").read_bytes() == old
    assert set(_log(home)) == {"damage", "chocolat"}


def test_corrupt_log_left_untouched_with_the_command_to_move_it(cli: Cli, home: Path) -> None:
    home.mkdir()
    corrupt = b'{"version": 2, "films": {"damage": '
    (home / "seen.json").write_bytes(corrupt)
    for args in (
        ["seen", "add", "chocolat"],
        ["seen", "list"],
        ["seen", "stats"],
        ["seen", "export"],
        ["seen", "backup"],
        ["seen", "import", str(EXCHANGE / "binoche.json")],
        ["films", "--seen"],
        ["guide"],
    ):
        result = cli(*args)
        assert result.exit_code == 3, args
        assert "'binoche seen restore FILE'" in result.stderr, args
        assert result.stderr.count("\n") == 1, args
    assert (home / "seen.json").read_bytes() == corrupt


def test_unwritable_home_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    result = cli("seen", "add", "damage", env={"BINOCHE_HOME": str(blocker / "home")})
    assert result.exit_code == 3
    assert "Not a directory" in result.stderr and result.stderr.count("\n") == 1


def test_twenty_concurrent_adds_keep_every_viewing(tmp_path: Path, behaviour: Catalog) -> None:
    ids = [f.id for f in behaviour.films if f.status == "released"][:20]
    assert len(ids) == 20
    env = {**os.environ, "BINOCHE_HOME": str(tmp_path / "home"), "BINOCHE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-m", "binoche_cli", "data", "validate"], env=env, check=True, capture_output=True
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "binoche_cli", "seen", "add", film_id, "--date", "2024-01-01"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for film_id in ids
    ]
    for process in processes:
        assert process.stderr is not None
        err = process.stderr.read()
        process.stderr.close()
        assert process.wait(timeout=120) == 0, err.decode()
    assert set(watchlist.read(tmp_path / "home" / "seen.json").films) == set(ids)


def test_import_through_a_real_pipe(tmp_path: Path) -> None:
    """`unzip -p export.zip diary.csv | binoche seen import -` in a real process."""
    data = io.BytesIO((EXCHANGE / "letterboxd" / "diary.csv").read_bytes())
    result = run_binoche(
        "seen", "import", "-", env={"BINOCHE_HOME": str(tmp_path / "home")}, input=data.getvalue().decode()
    )
    assert result.returncode == 0, result.stderr
    assert "5 new viewings" not in result.stderr and "4 new viewings of 3 films" in result.stderr


def test_next_with_no_film_in_the_filters_does_not_say_all_seen(cli: Cli, home: Path) -> None:
    empty = cli("next", "--decade", "1970s")
    assert empty.exit_code == 1
    assert "no film matches the filters" in empty.stderr and "seen them all" not in empty.stderr
    assert cli("seen", "add", "damage").exit_code == 0
    done = cli("next", "--year", "1992")
    assert done.exit_code == 1 and "you have seen them all" in done.stderr
