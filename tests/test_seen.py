"""The watch list: round trips, Letterboxd import, and never losing a mark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from binoche_cli import seen as watchlist
from tests.conftest import FIXTURES


def _marks(home: Path) -> dict[str, str]:
    return json.loads((home / "seen.json").read_text())["seen"]


def test_add_list_remove_round_trip(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    added = cli("seen", "add", "three colors blue", "damage")
    assert added.exit_code == 0, added.stderr
    assert set(_marks(tmp_path / "home")) == {"three-colours-blue", "damage"}
    listed = json.loads(cli("seen", "list", "-f", "json").stdout)
    assert [r["id"] for r in listed] == ["damage", "three-colours-blue"]
    assert all(len(r["marked"]) == 10 for r in listed)
    assert cli("seen", "remove", "bleu").exit_code == 0
    assert set(_marks(tmp_path / "home")) == {"damage"}


def test_ambiguous_title_refused_and_nothing_changed(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("seen", "add", "damage", "three colours")
    assert result.exit_code == 1
    assert "three-colours-red" in result.stderr and "nothing was changed" in result.stderr
    assert not (tmp_path / "home" / "seen.json").exists()


def test_seen_filters_on_films_and_guide(cli) -> None:  # type: ignore[no-untyped-def]
    cli("seen", "add", "certified copy")
    seen = json.loads(cli("films", "--seen", "-f", "json").stdout)
    assert [r["id"] for r in seen] == ["certified-copy"]
    unseen = json.loads(cli("films", "--unseen", "-f", "json").stdout)
    assert "certified-copy" not in {r["id"] for r in unseen} and unseen
    guide = json.loads(cli("guide", "-f", "json").stdout)
    assert next(r for r in guide if r["id"] == "certified-copy")["seen"] is True
    left = json.loads(cli("guide", "--unseen", "-f", "json").stdout)
    assert "certified-copy" not in {r["id"] for r in left}


def test_next_follows_guide_order(cli) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(cli("next", "-f", "json").stdout)[0]["id"]
    assert first == "three-colours-blue"
    cli("seen", "add", first)
    assert json.loads(cli("next", "-f", "json").stdout)[0]["id"] == "the-english-patient"
    pick = json.loads(cli("next", "--random", "--decade", "2000s", "-f", "json").stdout)[0]
    assert 2000 <= pick["year"] <= 2009


def test_letterboxd_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "watched.csv"
    export.write_text(
        "Date,Name,Year,Letterboxd URI\n"
        "2024-01-02,Caché,2005,https://boxd.it/a\n"
        "2024-01-03,Cache,2005,https://boxd.it/b\n"
        "2024-01-04,Trois couleurs : Bleu,1993,https://boxd.it/c\n"
        "2024-01-05,Jurassic Park,1993,https://boxd.it/d\n"
        "2024-01-06,Damage,1971,https://boxd.it/e\n"
        "2024-01-07,Blue,1993,https://boxd.it/f\n",
        encoding="utf-8",
    )
    result = cli("seen", "import", str(export))
    assert result.exit_code == 0
    assert set(_marks(tmp_path / "home")) == {"cache", "three-colours-blue"}
    assert "duplicate" in result.stderr
    assert "Jurassic Park (1993): not a film in the dataset" in result.stderr
    assert "Damage (1971): not a film" in result.stderr
    assert "Blue (1993): not a film" in result.stderr  # Jarman's Blue is not Three Colours: Blue


def test_export_csv_and_json(cli) -> None:  # type: ignore[no-untyped-def]
    cli("seen", "add", "damage")
    assert "Damage,1992," in cli("seen", "export").stdout
    assert json.loads(cli("seen", "export", "-f", "json").stdout)[0]["id"] == "damage"


def test_marks_survive_a_dataset_change(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("seen", "add", "damage")
    other = cli("--data", str(FIXTURES / "small.toml"), "seen", "add", "first film")
    assert other.exit_code == 0
    assert set(_marks(tmp_path / "home")) == {"damage", "first-film"}
    listed = cli("seen", "list", "-f", "json")
    assert [r["id"] for r in json.loads(listed.stdout)] == ["damage"]
    assert "first-film" in listed.stderr  # kept, and said so


def test_corrupt_file_left_untouched(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir()
    corrupt = b'{"version": 1, "seen": {"damage": '
    (home / "seen.json").write_bytes(corrupt)
    for args in (["seen", "add", "chocolat"], ["seen", "list"], ["films", "--seen"], ["guide"]):
        result = cli(*args)
        assert result.exit_code == 3, args
        assert "seen.json" in result.stderr and "untouched" in result.stderr
        assert result.stderr.count("\n") == 1
    assert (home / "seen.json").read_bytes() == corrupt


def test_interrupted_write_keeps_previous_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "seen.json"
    watchlist.update(lambda m: {**m, "damage": "2026-01-01"}, file)
    before = file.read_bytes()

    def crash(temp_name: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(watchlist, "_before_replace", crash)
    with pytest.raises(watchlist.WatchListError, match="No space left"):
        watchlist.update(lambda m: {**m, "chocolat": "2026-01-02"}, file)
    assert file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_unwritable_directory_is_a_clear_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    result = cli("seen", "add", "damage", env={"BINOCHE_HOME": str(blocker / "home")})
    assert result.exit_code == 3
    assert "the watch list: Not a directory" in result.stderr and result.stderr.count("\n") == 1


def test_twenty_concurrent_adds_keep_every_mark(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    ids = [f.id for f in catalog.films][:20]
    env = {**os.environ, "BINOCHE_HOME": str(tmp_path / "home"), "BINOCHE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-m", "binoche_cli", "data", "validate"], env=env, check=True, capture_output=True
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "binoche_cli", "seen", "add", film_id],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for film_id in ids
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0
    assert set(_marks(tmp_path / "home")) == set(ids)


def test_seen_path_honours_binoche_home(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("seen", "path").stdout.strip() == str(tmp_path / "home" / "seen.json")
