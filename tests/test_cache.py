"""The dataset cache (issue 16): a wrong entry is never shown, whatever happened to it.

Every test compares against the catalogue parsed without a cache: an entry may only ever
make a lookup faster, never different.
"""

from __future__ import annotations

import marshal
import os
import random
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from binoche_cli import text
from binoche_cli.dataset import cache, catalog
from binoche_cli.dataset.catalog import Catalog, Film, bundled_path, load
from tests.conftest import FIXTURES, run_binoche


def _uncached(path: Path, monkeypatch: pytest.MonkeyPatch) -> Catalog:
    with monkeypatch.context() as patch:
        patch.setenv("BINOCHE_NO_CACHE", "1")
        return load(path)


def _same(a: Catalog, b: Catalog) -> bool:
    return (a.artist, a.films, a.awards, a.stage, a.events, a.guide, a.about) == (
        b.artist,
        b.films,
        b.awards,
        b.stage,
        b.events,
        b.guide,
        b.about,
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the bundled dataset, so tests own its cache entry."""
    copy = tmp_path / "binoche.toml"
    copy.write_bytes(bundled_path().read_bytes())
    return copy


def _entry(path: Path) -> Path:
    key = cache.key_for(path.read_bytes(), catalog.cache_layout())
    entry = cache.entry_path(key)
    assert entry is not None
    return entry


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> Any:
        raise AssertionError("parsed although the cache held the file")

    monkeypatch.setattr(catalog, "_parse_toml", refuse)


def test_warm_load_uses_the_entry_and_equals_the_cold_one(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    cold = load(data_copy)
    assert _entry(data_copy).is_file()
    _no_parsing(monkeypatch)
    assert _same(load(data_copy), cold)


def test_key_is_stable_across_processes(tmp_path: Path) -> None:
    """A key that changed per process (a memory address in the layout) would never hit."""
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c")}
    data = tmp_path / "small.toml"
    data.write_bytes((FIXTURES / "small.toml").read_bytes())
    for _ in range(2):
        assert run_binoche("--data", str(data), "films", "-f", "plain", env=env).returncode == 0
    assert len(list((tmp_path / "c").glob("*.marshal"))) == 1


# ---- the layout is derived, not bumped ---------------------------------------------------


class OldFilm(NamedTuple):
    """Film as it was before `countries` was added (between languages and costars)."""

    id: str
    title: str
    year: int
    kind: str
    directors: tuple[str, ...]
    role: str
    sources: tuple[str, ...]
    original_title: str = ""
    aka: tuple[str, ...] = ()
    status: str = "released"
    languages: tuple[str, ...] = ()
    costars: tuple[str, ...] = ()
    notes: str = ""
    credit: tuple[str, ...] = ()
    runtime: int = 0
    imdb: str = ""
    wikidata: str = ""
    tmdb: int = 0
    letterboxd: str = ""


def _old_layout(monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        records = tuple(OldFilm if r is Film else r for r in catalog._RECORDS)
        patch.setattr(catalog, "_RECORDS", records)
        return catalog.cache_layout()


def test_adding_a_field_changes_the_layout_and_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    old = _old_layout(monkeypatch)
    assert old != catalog.cache_layout()
    raw = bundled_path().read_bytes()
    assert cache.key_for(raw, old) != cache.key_for(raw, catalog.cache_layout())


def _old_rows(current: Catalog) -> dict[str, Any]:
    rows = catalog._to_rows(current)
    rows["film"] = [tuple(getattr(f, name) for name in OldFilm._fields) for f in current.films]
    return rows


@pytest.mark.parametrize("claimed", ["old", "current"])
def test_entry_in_an_old_layout_is_ignored(
    claimed: str, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    """Without the check, the old rows shifted one place: notes served as co-stars, letter by
    letter. Whether the entry says its true (old) layout or claims the current one (a
    hand-bumped counter that was not bumped), it is never rebuilt into records."""
    fresh = _uncached(data_copy, monkeypatch)
    layout = _old_layout(monkeypatch) if claimed == "old" else catalog.cache_layout()
    entry = _entry(data_copy)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(cache._seal(layout, _old_rows(fresh)))
    got = load(data_copy)
    assert _same(got, fresh)
    noted = [f for f in got.films if len(f.notes) > 1]
    assert noted and all(f.costars != tuple(f.notes) for f in noted)
    assert all(len(c) > 1 for f in got.films for c in f.costars)


def test_fold_change_changes_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored folds are only reused by the same fold: new fold rules are a new key."""
    before = catalog.cache_layout()
    monkeypatch.setattr(text, "_FOLD_TABLE", {**text._FOLD_TABLE, ord("ŋ"): "n"})
    assert catalog.cache_layout() != before


# ---- the preloaded folds are exactly fold() ------------------------------------------------


def test_stored_folds_equal_fold_of_every_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load(bundled_path())
    layout = catalog.cache_layout()
    key = cache.key_for(bundled_path().read_bytes(), layout)
    rows = cache.read(key, layout)
    assert rows is not None
    folds = rows["folds"]
    names = {t for f in fresh.films for t in (*f.titles, *f.directors, *f.costars, *f.languages, f.role)}
    names |= {n for a in fresh.awards for n in (a.body, a.category)}
    names.discard("")
    assert names <= set(folds)
    wrong = {name: got for name, got in folds.items() if got != text._fold(name)}
    assert wrong == {}


def test_fold_answers_from_the_preloaded_table_only_what_it_would_compute() -> None:
    load(bundled_path())
    load(FIXTURES / "small.toml")
    assert text._PRELOADED
    assert all(text._fold(name) == folded for name, folded in text._PRELOADED.items())


def test_a_wrong_preloaded_fold_would_be_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a stale table (here one wrong entry) differs from fold()."""
    monkeypatch.setattr(text, "_PRELOADED", {"Kieślowski": "kieslowsky"})
    assert text.fold("Kieślowski") == "kieslowsky"
    assert any(text._fold(name) != folded for name, folded in text._PRELOADED.items())


def test_long_text_is_folded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = text._fold

    def counting(value: str) -> str:
        calls.append(value)
        return original(value)

    monkeypatch.setattr(text, "_fold", counting)
    query = "é" * 100_000
    assert text.fold(query) == "e" * 100_000
    assert text.fold(query) == "e" * 100_000
    assert len(calls) == 1


# ---- flipped bits: a miss, replaced, never shown ------------------------------------------


def test_flipped_bytes_are_a_miss_and_the_entry_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "small.toml"
    fresh = _uncached(path, monkeypatch)
    load(path)
    entry = _entry(path)
    good = entry.read_bytes()
    rng = random.Random(16)
    for _ in range(50):
        blob = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            blob[rng.randrange(len(blob))] ^= 1 << rng.randrange(8)
        entry.write_bytes(bytes(blob))
        assert _same(load(path), fresh)
        assert entry.read_bytes() == good  # rewritten whole by the miss


def test_flipped_bytes_never_reach_the_output(tmp_path: Path) -> None:
    path = FIXTURES / "small.toml"
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c")}
    args = ("--data", str(path), "films", "-f", "json")
    expected = run_binoche(*args, env={"BINOCHE_NO_CACHE": "1"})
    assert expected.returncode == 0
    run_binoche(*args, env=env)
    (entry,) = (tmp_path / "c").glob("*.marshal")
    good = entry.read_bytes()
    rng = random.Random(61)
    for _ in range(5):
        blob = bytearray(good)
        blob[rng.randrange(len(blob))] ^= 0xFF
        entry.write_bytes(bytes(blob))
        result = run_binoche(*args, env=env)
        assert (result.returncode, result.stdout, result.stderr) == (0, expected.stdout, "")


def test_truncated_or_foreign_entries_are_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "small.toml"
    fresh = _uncached(path, monkeypatch)
    load(path)
    entry = _entry(path)
    good = entry.read_bytes()
    for blob in (good[: len(good) // 2], b"", good[:10], marshal.dumps({"film": []}), good + b"x"):
        entry.write_bytes(blob)
        assert _same(load(path), fresh)


# ---- interrupted writes ---------------------------------------------------------------------


def test_interrupted_write_leaves_no_entry_and_no_temp(monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "small.toml"

    def crash(temp_name: str) -> None:
        assert Path(temp_name).name.startswith(".binoche-cache-") and temp_name.endswith(".tmp")
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "_before_replace", crash)
    with pytest.raises(KeyboardInterrupt):
        load(path)
    entry = _entry(path)
    assert not entry.exists()
    assert list(entry.parent.iterdir()) == []


def test_write_is_synced_before_the_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(a: str, b: str) -> None:
        events.append("replace")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    load(FIXTURES / "small.toml")
    assert events == ["fsync", "replace"]


def test_debris_of_a_crash_is_never_read_and_cleaned_after_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "small.toml"
    fresh = _uncached(path, monkeypatch)
    entry = _entry(path)
    entry.parent.mkdir(parents=True)
    # What a crash between write and rename leaves: a partial temp file, no entry.
    old = entry.parent / ".binoche-cache-crashed.tmp"
    old.write_bytes(b"partial")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    young = entry.parent / ".binoche-cache-live.tmp"
    young.write_bytes(b"another writer")
    assert _same(load(path), fresh)
    assert entry.is_file()
    assert not old.exists()  # a stale temp is removed on the next write
    assert young.exists()  # a live writer's temp is left alone


def test_cache_entries_stay_bounded(tmp_path: Path) -> None:
    for n in range(12):
        data = tmp_path / f"d{n}.toml"
        data.write_text(
            (FIXTURES / "small.toml").read_text(encoding="utf-8") + f"\n# {n}\n", encoding="utf-8"
        )
        load(data)
    assert len(list((tmp_path / "cache").glob("*.marshal"))) == cache._KEEP
