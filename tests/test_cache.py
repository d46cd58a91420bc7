"""The dataset cache (issues 16, 19, 20, 23): a wrong entry is never shown, whatever happened to it.

Every test compares against the catalogue parsed without a cache: an entry may only ever
make a lookup faster, never different. An entry is bound to its dataset (resolved path and
bytes); a file whose stamp (size, times, inode) is unchanged is not read again.
"""

from __future__ import annotations

import marshal
import os
import random
import time
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from binoche_cli import files, text
from binoche_cli.dataset import cache, catalog
from binoche_cli.dataset.catalog import Catalog, DataError, Film, bundled_path, load
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
    entry = cache.entry_path(os.path.realpath(path), catalog.cache_layout())
    assert entry is not None
    return entry


def _settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a file's stamp as soon as it is written (tests cannot age a change time)."""
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    original = catalog._read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(catalog, "_read_bytes", counting)
    return reads


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parses: list[str] = []
    original = catalog._parse_toml

    def counting(raw: bytes, shown: str) -> dict[str, Any]:
        parses.append(shown)
        return original(raw, shown)

    monkeypatch.setattr(catalog, "_parse_toml", counting)
    return parses


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
    where = str(bundled_path())
    assert cache.entry_path(where, old) != cache.entry_path(where, catalog.cache_layout())


def _old_rows(current: Catalog) -> dict[str, Any]:
    rows = cache.rows_of(current)
    rows["film"] = [tuple(getattr(f, name) for name in OldFilm._fields) for f in current.films]
    return rows


@pytest.mark.parametrize("claimed", ["old", "current"])
def test_entry_in_an_old_layout_is_ignored(
    claimed: str, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    """Without the check, the old rows shifted one place: notes served as co-stars, letter by
    letter. Whether the entry says its true (old) layout or claims the current one (a
    hand-bumped counter that was not bumped), it is never rebuilt into records."""
    _settled_at_once(monkeypatch)
    fresh = _uncached(data_copy, monkeypatch)
    layout = _old_layout(monkeypatch) if claimed == "old" else catalog.cache_layout()
    entry = _entry(data_copy)
    entry.parent.mkdir(parents=True, exist_ok=True)
    # Bound to this very file, with its current stamp: only the layout is wrong.
    dataset, stamp = cache.identity(str(data_copy))
    header = cache._header(dataset, layout, cache.digest(data_copy.read_bytes()), stamp)
    entry.write_bytes(b"".join(cache._seal(header, marshal.dumps(_old_rows(fresh)))))
    got = load(data_copy)
    assert _same(got, fresh)
    noted = [f for f in got.films if len(f.notes) > 1]
    assert noted and all(f.costars != tuple(f.notes) for f in noted)
    assert all(len(c) > 1 for f in got.films for c in f.costars)


def test_fold_version_changes_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored folds are only reused by the same fold: a new FOLD_VERSION is a new layout."""
    before = catalog.cache_layout()
    monkeypatch.setattr(catalog, "FOLD_VERSION", text.FOLD_VERSION + 1)
    assert catalog.cache_layout() != before


def test_an_entry_of_another_fold_version_is_not_used(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    _settled_at_once(monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(catalog, "FOLD_VERSION", text.FOLD_VERSION + 1)
        load(data_copy)
    parses = _count_parses(monkeypatch)
    load(data_copy)
    assert parses == [str(data_copy)]


# fold's answers in FOLD_VERSION 1. When fold's rules change, these change: bump
# text.FOLD_VERSION (so cached folds of the old rules are never used) and update this table.
FOLDS_OF_VERSION_1 = {
    "Kieślowski": "kieslowski",
    "KIEŚLOWSKI": "kieslowski",
    "L'Attesa": "l attesa",
    "Łódź": "lodz",
    "Ærø Øst": "aero ost",
    "Œuvre": "oeuvre",
    "Straße ẞ": "strasse ss",
    "Đorđe Ðuro": "dorde duro",
    "Þór þing": "thor thing",
    "Kırıkkale": "kirikkale",
    "Jules & Jim": "jules and jim",
    "ﬁlm Ｂｉｎｏｃｈｅ": "film binoche",
    "Trois Couleurs : Bleu": "trois couleurs bleu",
    "snake_case--dash": "snake case dash",
    "  ": "",
}


def test_fold_answers_are_those_of_its_version() -> None:
    assert text.FOLD_VERSION == 1, "FOLD_VERSION changed: update FOLDS_OF_VERSION_1 to the new rules"
    assert {name: text.fold(name) for name in FOLDS_OF_VERSION_1} == FOLDS_OF_VERSION_1


# ---- the preloaded folds are exactly fold() ------------------------------------------------


def test_stored_folds_equal_fold_of_every_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load(bundled_path())
    found = cache.read(os.path.realpath(bundled_path()), catalog.cache_layout())
    assert found is not None
    rows = found.rows()
    assert rows is not None
    folds = rows["folds"]
    names = {t for f in fresh.films for t in (*f.titles, *f.directors, *f.costars, *f.languages, f.role)}
    names |= {n for a in fresh.awards for n in (a.body, a.category)}
    names.discard("")
    assert names <= set(folds)
    wrong = {name: got for name, got in folds.items() if got != text._fold(name)}
    assert wrong == {}


def test_fold_answers_from_the_preloaded_table_only_what_it_would_compute() -> None:
    for _ in range(2):  # the second load of each is warm: it preloads the stored folds
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
        assert Path(temp_name).name.startswith(files.TEMP_PREFIX) and temp_name.endswith(files.TEMP_SUFFIX)
        raise KeyboardInterrupt

    # The one atomic writer (files.write_atomic) writes cache entries too.
    monkeypatch.setattr(files, "_before_replace", crash)
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
    # The entry's bytes are synced before the rename, and the rename before we leave.
    assert events == ["fsync", "replace", "fsync"]


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


# ---- found by stat, decided by the bytes (issue 20) ----------------------------------------


def test_warm_hit_reads_only_the_entry(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    _settled_at_once(monkeypatch)
    cold = load(data_copy)

    def refuse(path: Path) -> bytes:
        raise AssertionError("read the dataset although its stamp is unchanged")

    monkeypatch.setattr(catalog, "_read_bytes", refuse)
    _no_parsing(monkeypatch)
    assert _same(load(data_copy), cold)


def test_a_just_written_file_is_read_again_not_trusted_by_stat(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    """A change in the same clock tick as our read could leave the stamp as it was: such a
    file's entry holds no stamp, and its bytes are read and hashed until its times settle."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600.0)
    load(data_copy)
    reads, parses = _count_reads(monkeypatch), _count_parses(monkeypatch)
    load(data_copy)
    load(data_copy)
    assert (len(reads), parses) == (2, [])


def test_touched_file_with_the_same_bytes_still_hits(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    _settled_at_once(monkeypatch)
    cold = load(data_copy)
    data_copy.write_bytes(data_copy.read_bytes())  # new times, same bytes
    os.utime(data_copy, (1_000_000_000, 1_000_000_000))
    reads, parses = _count_reads(monkeypatch), _count_parses(monkeypatch)
    assert _same(load(data_copy), cold)
    assert (len(reads), parses) == (1, [])  # read and hashed once: the bytes decided
    assert _same(load(data_copy), cold)
    assert len(reads) == 1  # and the entry took the new stamp


def test_changed_bytes_miss_even_with_size_and_mtime_restored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An edit that keeps the size and puts the modification time back (`touch -r`) still
    changes the file's change time, so the bytes are read and the edit is seen."""
    _settled_at_once(monkeypatch)
    path = tmp_path / "small.toml"
    path.write_bytes((FIXTURES / "small.toml").read_bytes())
    before = path.stat()
    assert load(path).films[0].title == "First Film"
    path.write_bytes(path.read_bytes().replace(b'"First Film"', b'"Fifth Film"'))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert load(path).films[0].title == "Fifth Film"


def test_an_entry_bound_to_another_dataset_is_a_miss(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 23: B's entry copied over A's (same stamp fields aside) never serves B's films."""
    _settled_at_once(monkeypatch)
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_bytes((FIXTURES / "small.toml").read_bytes())
    b.write_bytes(bundled_path().read_bytes())
    fresh_a = _uncached(a, monkeypatch)
    load(a)
    load(b)
    _entry(a).write_bytes(_entry(b).read_bytes())
    parses = _count_parses(monkeypatch)
    assert _same(load(a), fresh_a)
    assert parses == [str(a)]


def test_an_entry_with_another_datasets_bytes_is_a_miss(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The same path, a stale stamp, and an entry made from other bytes: the digest decides."""
    a = tmp_path / "a.toml"
    a.write_bytes(bundled_path().read_bytes())
    load(a)  # an entry of the bundled bytes, without a stamp (the file is new)
    a.write_bytes((FIXTURES / "small.toml").read_bytes())
    assert [f.id for f in load(a).films] == ["first-film", "second-film"]


def test_entry_copied_over_another_never_prints_its_films(tmp_path: Path) -> None:
    """Through the real entry point: `binoche --data a.toml films` prints A's films."""
    env = {"BINOCHE_CACHE_DIR": str(tmp_path / "c"), "BINOCHE_HOME": str(tmp_path / "h")}
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_bytes((FIXTURES / "small.toml").read_bytes())
    b.write_bytes(bundled_path().read_bytes())
    args = ("films", "-f", "plain", "--fields", "id")
    expected = run_binoche("--data", str(a), *args, env=env)
    assert expected.returncode == 0 and expected.stdout == "first-film\nsecond-film\n"
    assert run_binoche("--data", str(b), *args, env=env).returncode == 0
    entries = {p.stat().st_size: p for p in (tmp_path / "c").glob("*.marshal")}
    assert len(entries) == 2
    small, large = sorted(entries)
    entries[small].write_bytes(entries[large].read_bytes())
    for _ in range(2):  # the miss rewrites A's entry; the next run uses it
        result = run_binoche("--data", str(a), *args, env=env)
        assert (result.returncode, result.stdout, result.stderr) == (0, expected.stdout, "")


# ---- what a stamp never vouches for ---------------------------------------------------------


def _forge_entry(target: str, layout: str) -> None:
    """An entry for `target` as if it were a regular file with its current stat."""
    info = os.stat(target)
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    rows = cache.rows_of(load(FIXTURES / "small.toml"))
    cache.write(os.path.realpath(target), layout, b"forged", stamp, rows)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_is_never_served_from_the_cache(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    _forge_entry(str(fifo), catalog.cache_layout())
    with pytest.raises(DataError, match="not a regular file"):
        load(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_never_served_from_the_cache() -> None:
    _forge_entry("/dev/null", catalog.cache_layout())
    with pytest.raises(DataError, match="not a regular file"):
        load(Path("/dev/null"))


def test_the_size_limit_holds_for_a_cached_file(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    _settled_at_once(monkeypatch)
    load(data_copy)
    monkeypatch.setenv("BINOCHE_MAX_DATASET_BYTES", "1000")
    with pytest.raises(DataError, match="limit for a dataset"):
        load(data_copy)


# ---- folding: once per term, the same answers (issue 20) ----------------------------------


def test_a_search_term_is_folded_once_per_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """`films -d kieslowski` compares the term with every film's directors: one fold of it."""
    from binoche_cli.query.films import FilmFilter, filter_films

    films = load(bundled_path())
    calls: list[str] = []
    original = text._fold

    def counting(value: str) -> str:
        calls.append(value)
        return original(value)

    monkeypatch.setattr(text, "_fold", counting)
    monkeypatch.setattr(text, "_recent", {})
    found = filter_films(films, FilmFilter(directors=("KIEŚLOWSKI",)))
    assert len(found) == 3
    assert calls.count("KIEŚLOWSKI") == 1


def test_recent_folds_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text, "_recent", {})
    for n in range(3 * text._RECENT_LIMIT):
        assert text.fold(f"Name {n}") == f"name {n}"
    assert len(text._recent) <= text._RECENT_LIMIT


def test_ascii_text_folds_as_through_nfkd() -> None:
    """The ASCII shortcut skips NFKD and the combining marks: it must not change an answer."""
    import re
    import unicodedata

    def reference(value: str) -> str:
        value = value.translate(text._FOLD_TABLE)
        decomposed = unicodedata.normalize("NFKD", value)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        return re.sub(text._NON_WORD, " ", stripped.casefold()).strip()

    rng = random.Random(20)
    samples = ["".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 16))) for _ in range(5000)]
    assert [text._fold(s) for s in samples] == [reference(s) for s in samples]
