"""The viewing log: validation at the edge, pure helpers, the file, and never losing a viewing."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binoche_cli.dataset.catalog import Award, Catalog, Film
from binoche_cli.viewing import store as wl
from binoche_cli.viewing.store import FilmLog, Viewing, ViewingLog, WatchListError

TODAY = datetime.date(2025, 6, 15)


def make_catalog() -> Catalog:
    """A small catalogue with real identifiers, an ambiguous title pair and an unreleased film."""

    def film(fid: str, title: str, year: int, directors: tuple[str, ...], **kw: Any) -> Film:
        kind = str(kw.pop("kind", "feature"))
        return Film(fid, title, year, kind, directors, "Lead", ("https://example.org",), **kw)

    films = (
        film(
            "three-colours-blue",
            "Three Colours: Blue",
            1993,
            ("Krzysztof Kieślowski",),
            original_title="Trois couleurs : Bleu",
            aka=("Three Colors: Blue",),
            imdb="tt0108394",
            tmdb=108,
            letterboxd="three-colors-blue",
        ),
        film("damage", "Damage", 1992, ("Louis Malle",), imdb="tt0104237", tmdb=11841, letterboxd="damage"),
        film(
            "the-english-patient",
            "The English Patient",
            1996,
            ("Anthony Minghella",),
            imdb="tt0116209",
            tmdb=409,
            letterboxd="the-english-patient",
        ),
        film("chocolat", "Chocolat", 2000, ("Lasse Hallström",), imdb="tt0241303", tmdb=392),
        film(
            "certified-copy",
            "Certified Copy",
            2010,
            ("Abbas Kiarostami",),
            original_title="Copie conforme",
            imdb="tt1020773",
        ),
        film("paris", "Paris", 2008, ("Cédric Klapisch",)),
        film("paris-short", "Paris", 2008, ("Somebody Else",), kind="short"),
        film("mauvais-sang", "Mauvais Sang", 1986, ("Leos Carax",), letterboxd="mauvais-sang"),
        film("future-film", "A Future Film", 2027, ("Someone",), status="announced"),
    )
    awards = (
        Award(
            "Venice Film Festival", "Volpi Cup for Best Actress", 1993, "won", ("s",), "three-colours-blue"
        ),
        Award("Academy Awards", "Best Supporting Actress", 1997, "won", ("s",), "the-english-patient"),
        Award("Cannes Film Festival", "Best Actress", 2010, "won", ("s",), "certified-copy"),
        Award("Academy Awards", "Best Actress", 2001, "nominated", ("s",), "chocolat"),
    )
    return Catalog("test", "Test Artist", films, awards)


def view(date: str | None = None, rating: float | None = None, **kw: Any) -> Viewing:
    return Viewing(date=date, rating=rating, **kw)


# ---------------------------------------------------------------------------------------
# Validation


def test_make_viewing_validates_and_normalises() -> None:
    v = wl.make_viewing("2024-02-29", "4,5", True, [" cinema ", "cinema", "with Ann"], "Loved it", TODAY)
    assert v == Viewing("2024-02-29", 4.5, True, ("cinema", "with Ann"), "Loved it")
    assert wl.make_viewing(today=TODAY) == Viewing()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "2023-02-29"}, "not a real calendar date"),
        ({"date": "2025-06-16"}, "in the future"),
        ({"date": "15/06/2025"}, "use YYYY-MM-DD"),
        ({"date": "2024-1-5"}, "use YYYY-MM-DD"),
        ({"rating": "0"}, "0.5 to 5 in halves"),
        ({"rating": "5.5"}, "0.5 to 5 in halves"),
        ({"rating": "4.25"}, "0.5 to 5 in halves"),
        ({"rating": "nan"}, "0.5 to 5 in halves"),
        ({"rating": "inf"}, "0.5 to 5 in halves"),
        ({"rating": "four"}, "not a rating"),
        ({"tags": [""]}, "cannot be empty"),
        ({"tags": ["  "]}, "cannot be empty"),
        ({"tags": ["a\x1b[31mred"]}, "control characters"),
        ({"tags": ["right\u202eleft"]}, "control characters"),
        ({"tags": ["a,b"]}, "comma"),
        ({"tags": ["x" * 51]}, "longer than 50"),
        ({"note": "x" * 501}, "longer than 500"),
        ({"note": "bell\x07"}, "control characters"),
    ],
)
def test_make_viewing_refuses(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wl.make_viewing(today=TODAY, **kwargs)


def test_limits_are_inclusive() -> None:
    v = wl.make_viewing(tags=["x" * 50], note="line one\n\tline two" + "x" * 482, today=TODAY)
    assert len(v.note) == 500 and v.tags == ("x" * 50,)
    assert wl.make_viewing(date=TODAY.isoformat(), rating=0.5, today=TODAY).rating == 0.5


# ---------------------------------------------------------------------------------------
# Pure helpers


def test_add_keeps_viewings_in_date_order_and_undated_first() -> None:
    log = wl.add_viewing(wl.EMPTY, "damage", view("2024-05-01", 4))
    log = wl.add_viewing(log, "damage", view("2020-01-01", 3))
    log = wl.add_viewing(log, "damage", view(None))
    assert [v.date for v in wl.viewings_of(log, "damage")] == [None, "2020-01-01", "2024-05-01"]
    last = wl.last_viewing(log, "damage")
    assert last is not None and last.date == "2024-05-01"
    assert wl.viewing_count(log, "damage") == 3
    assert wl.film_mean_rating(log, "damage") == 3.5
    assert wl.film_mean_rating(log, "chocolat") is None and wl.last_viewing(log, "chocolat") is None
    assert wl.EMPTY.films == {}, "the helpers never change their input"


def test_remove_one_date_or_all() -> None:
    log = wl.EMPTY
    for date in ("2020-01-01", "2021-01-01"):
        log = wl.add_viewing(log, "damage", view(date))
    log = wl.add_viewing(log, "chocolat", view("2022-01-01"))
    one = wl.remove_viewings(log, "damage", "2020-01-01")
    assert [v.date for v in wl.viewings_of(one, "damage")] == ["2021-01-01"]
    every = wl.remove_viewings(log, "damage")
    assert "damage" not in every.films and wl.seen_ids(every) == {"chocolat"}
    assert wl.remove_viewings(log, "nope") is log
    assert wl.remove_viewings(log, "damage", "1999-01-01") == log


def test_removing_all_viewings_keeps_a_film_entry_with_unknown_keys() -> None:
    log = ViewingLog(films={"damage": FilmLog((view("2020-01-01"),), {"favourite": True})})
    after = wl.remove_viewings(log, "damage")
    assert after.films["damage"] == FilmLog((), {"favourite": True})
    assert wl.seen_ids(after) == frozenset()


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        (">=4", [4, 4.5, 5], [3.5]),
        (">4", [4.5, 5], [4]),
        ("<3", [0.5, 2.5], [3, 4]),
        ("<=3", [3, 1], [3.5]),
        ("4", [4], [3.5, 4.5]),
        ("=4.5", [4.5], [4]),
        ("3-4.5", [3, 4, 4.5], [2.5, 5]),
        (" 3 – 4 ", [3, 4], [4.5]),
    ],
)
def test_rating_filters(text: str, inside: list[float], outside: list[float]) -> None:
    rng = wl.parse_rating_filter(text)
    assert all(r in rng for r in inside)
    assert not any(r in rng for r in outside)
    assert None not in rng


@pytest.mark.parametrize("text", ["", ">=", "four", "4-3", "7", "abc-4", "=x"])
def test_bad_rating_filters(text: str) -> None:
    with pytest.raises(ValueError):
        wl.parse_rating_filter(text)


def test_viewing_filters_and_film_summaries() -> None:
    log = wl.EMPTY
    log = wl.add_viewing(log, "damage", view("2024-03-01", 4.5, tags=("Cinema",)))
    log = wl.add_viewing(log, "damage", view("2023-03-01", 2))
    log = wl.add_viewing(log, "chocolat", view("2024-07-01", 3, tags=("tv",)))
    log = wl.add_viewing(log, "paris", view(None, 5))
    in_2024 = wl.filter_viewings(log, wl.ViewingFilter(year=2024))
    assert [(f, v.date) for f, v in in_2024] == [("chocolat", "2024-07-01"), ("damage", "2024-03-01")]
    good = wl.filter_viewings(log, wl.ViewingFilter(rating=wl.parse_rating_filter(">=4")))
    assert {f for f, _ in good} == {"damage", "paris"}
    tagged = wl.filter_viewings(log, wl.ViewingFilter(tags=("cinema",)))
    assert [f for f, _ in tagged] == ["damage"]
    assert (
        wl.filter_viewings(
            log, wl.ViewingFilter(year=2024, tags=("tv",), rating=wl.parse_rating_filter("<3"))
        )
        == []
    )
    rows = {s.film_id: s for s in wl.summarise_films(wl.filter_viewings(log, wl.ViewingFilter()))}
    assert rows["damage"].last.date == "2024-03-01" and rows["damage"].viewings == 2
    assert rows["damage"].mean == 3.25 and rows["paris"].mean == 5


def test_stats() -> None:
    catalog = make_catalog()
    log = wl.EMPTY
    log = wl.add_viewing(log, "three-colours-blue", view("2023-05-01", 5))
    log = wl.add_viewing(log, "three-colours-blue", view("2024-05-01", 4, rewatch=True))
    log = wl.add_viewing(log, "damage", view("2024-01-01", 3))
    log = wl.add_viewing(log, "paris-short", view(None))
    log = wl.add_viewing(log, "gone-from-dataset", view("2020-01-01", 1))
    stats = wl.compute_seen_stats(catalog, log)
    assert (stats.films_seen, stats.films_total, stats.viewings) == (3, 8, 5)
    assert ("1990s", 2, 3) in stats.by_decade and ("2020s", 0, 0) not in stats.by_decade
    assert dict((k, (s, t)) for k, s, t in stats.by_kind) == {"feature": (2, 7), "short": (1, 1)}
    assert stats.per_year == [("2020", 1), ("2023", 1), ("2024", 2), ("undated", 1)]
    # Blue counts once with its mean (4.5), not once per viewing.
    assert stats.by_director[0] == ("Krzysztof Kieślowski", 4.5, 1)
    assert ("Louis Malle", 3.0, 1) in stats.by_director
    assert [f.id for f, _ in stats.unseen_winners] == ["the-english-patient", "certified-copy"]
    assert stats.not_in_catalog == ("gone-from-dataset",)


# ---------------------------------------------------------------------------------------
# The file


def _write(path: Path, data: object) -> bytes:
    raw = json.dumps(data).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


def test_missing_file_is_an_empty_log(tmp_path: Path) -> None:
    assert wl.read(tmp_path / "seen.json") == wl.EMPTY


def test_update_writes_and_reads_back(tmp_path: Path) -> None:
    file = tmp_path / "deep" / "seen.json"
    before, after = wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-01-01", 4.5)), file)
    assert before == wl.EMPTY and wl.read(file) == after
    data = json.loads(file.read_text())
    assert data == {
        "version": 2,
        "films": {
            "damage": {
                "viewings": [{"date": "2024-01-01", "rating": 4.5, "rewatch": False, "tags": [], "note": ""}]
            }
        },
    }
    mtime = file.stat().st_mtime_ns
    wl.update(lambda log: log, file)
    assert file.stat().st_mtime_ns == mtime, "an unchanged log is not rewritten"


def test_unknown_keys_are_kept_on_rewrite(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    _write(
        file,
        {
            "version": 2,
            "synced_with": {"service": "x", "at": 3},
            "films": {
                "damage": {
                    "viewings": [{"date": "2020-01-01", "rating": None, "cinema": "Rex", "friends": ["a"]}],
                    "favourite": True,
                },
                "not-in-any-dataset": {"viewings": [{"date": None}]},
            },
        },
    )
    wl.update(lambda log: wl.add_viewing(log, "chocolat", view("2024-01-01")), file)
    data = json.loads(file.read_text())
    assert data["synced_with"] == {"service": "x", "at": 3}
    assert data["films"]["damage"]["favourite"] is True
    assert data["films"]["damage"]["viewings"][0]["cinema"] == "Rex"
    assert data["films"]["damage"]["viewings"][0]["friends"] == ["a"]
    assert "not-in-any-dataset" in data["films"] and "chocolat" in data["films"]


def test_version_1_is_read_then_upgraded_with_a_backup(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    old = _write(file, {"version": 1, "seen": {"damage": "2023-04-01", "chocolat": "2023-05-01"}})
    log = wl.read(file)
    assert log.source_version == 1
    assert wl.viewings_of(log, "damage") == (view("2023-04-01"),)
    wl.update(lambda log: log, file)
    assert file.read_bytes() == old, "reading alone never upgrades"
    (tmp_path / "seen.json.bak").write_bytes(b"an older backup")
    wl.update(lambda log: wl.add_viewing(log, "paris", view("2024-01-01")), file)
    assert (tmp_path / "seen.json.bak").read_bytes() == b"an older backup", "never overwritten"
    assert (tmp_path / "seen.json.bak.1").read_bytes() == old
    data = json.loads(file.read_text())
    assert data["version"] == 2 and set(data["films"]) == {"damage", "chocolat", "paris"}
    assert data["films"]["damage"]["viewings"][0]["date"] == "2023-04-01"
    wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-02-02")), file)
    assert not (tmp_path / "seen.json.bak.2").exists(), "only the upgrade makes a backup"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"version": 2, "films": {', "corrupt JSON at line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"version": 2, "films": {"damage": {"viewings": [{"rating": 7}]}}}', "viewings[0].rating"),
        (b'{"version": 2, "films": {"damage": {"viewings": [{"date": "2023-02-30"}]}}}', "calendar"),
        (b'{"version": 2, "films": {"damage": {"viewings": [{"tags": ["a,b"]}]}}}', "comma"),
        (b'{"version": 2, "films": {"damage": {"viewings": {}}}}', "expected a list"),
        (b'{"version": 2, "films": {"damage": {"viewings": [{"rating": NaN}]}}}', "rating"),
        (b'{"version": 3, "films": {}}', "newer binoche-cli"),
        (b'{"version": 1, "seen": ["damage"]}', "seen: expected an object"),
        (b"[]", "top level"),
    ],
)
def test_a_corrupt_file_is_never_overwritten(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "seen.json"
    file.write_bytes(content)
    with pytest.raises(WatchListError, match=re.escape(message)) as info:
        wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-01-01")), file)
    text = str(info.value)
    assert "\n" not in text
    assert "'binoche seen restore FILE'" in text and "mv " not in text
    assert file.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seen.json", "seen.json.lock"]


def test_the_hint_names_the_newest_backup_quoted_for_the_shell(tmp_path: Path) -> None:
    file = tmp_path / "my data" / "seen.json"
    (file.parent / "backups").mkdir(parents=True)
    file.write_bytes(b"{")
    older = file.parent / "backups" / "seen-20240101-000000.json"
    newer = file.parent / "backups" / "seen-20240601-000000.json"
    for age, backup in enumerate((newer, older)):
        backup.write_bytes(b'{"version": 2, "films": {}}')
        os.utime(backup, (1_700_000_000 - age * 1000, 1_700_000_000 - age * 1000))
    with pytest.raises(WatchListError) as info:
        wl.read(file)
    text = str(info.value)
    assert f"'binoche seen restore '{newer}''" in text
    assert "2 backups in" in text


def test_replace_all_keeps_an_unreadable_log_aside(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    file.write_bytes(b"{broken")
    (tmp_path / "seen.json.broken").write_bytes(b"an earlier one")
    new = wl.add_viewing(wl.EMPTY, "chocolat", view("2020-01-01"))
    replaced = wl.replace_all(new, file)
    assert replaced.broken and replaced.kept == tmp_path / "seen.json.broken.1"
    assert replaced.kept.read_bytes() == b"{broken"
    assert (tmp_path / "seen.json.broken").read_bytes() == b"an earlier one"
    assert wl.read(file) == new


def test_a_directory_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "seen.json").mkdir()
    with pytest.raises(WatchListError, match="is a directory"):
        wl.read(tmp_path / "seen.json")


def test_symlinked_log_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "seen.json"
    _write(real, {"version": 2, "films": {}})
    link = tmp_path / "home" / "seen.json"
    link.parent.mkdir()
    link.symlink_to(real)
    wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-01-01")), link)
    assert link.is_symlink()
    assert "damage" in json.loads(real.read_text())["films"]


def test_home_and_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BINOCHE_HOME", str(tmp_path))
    assert wl.path() == tmp_path / "seen.json"
    monkeypatch.delenv("BINOCHE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert wl.path() == tmp_path / "xdg" / "binoche-cli" / "seen.json"


def test_replace_all_backs_up_the_current_file(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-01-01")), file)
    current = file.read_bytes()
    new = wl.add_viewing(wl.EMPTY, "chocolat", view("2020-01-01"))
    before, kept, broken = wl.replace_all(new, file)
    assert wl.read(file) == new and "damage" in before.films
    assert kept == tmp_path / "seen.json.bak" and kept.read_bytes() == current and not broken


_CHILD = """
import sys
from binoche_cli.viewing import store as wl
from binoche_cli.viewing.store import Viewing
index = int(sys.argv[2])
sys.stdin.readline()  # wait for the start signal, so all writers race
wl.update(
    lambda log: wl.add_viewing(log, f"film-{index}", Viewing(date=f"2024-01-{index % 28 + 1:02d}", rating=4.0)),
    __import__("pathlib").Path(sys.argv[1]),
)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_fifty_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    wl.update(lambda log: wl.add_viewing(log, "already-there", view("2020-01-01")), file)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(_CHILD), str(file), str(i)],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(50)
    ]
    for child in children:
        assert child.stdin is not None
        child.stdin.write(b"go\n")
        child.stdin.flush()
    for child in children:
        assert child.stdin is not None
        child.stdin.close()
    for child in children:
        assert child.stderr is not None
        err = child.stderr.read()
        child.stderr.close()
        assert child.wait(timeout=120) == 0, err.decode()
    log = wl.read(file)
    assert set(log.films) == {"already-there"} | {f"film-{i}" for i in range(50)}
    assert wl.total_viewings(log) == 51
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".binoche-")]


# ---------------------------------------------------------------------------------------
# Properties

_dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=TODAY).map(lambda d: d.isoformat())
_ratings = st.sampled_from([None] + [x / 2 for x in range(1, 11)])
_tag = (
    st.text(st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs")), min_size=1, max_size=50)
    .map(str.strip)
    .filter(lambda t: bool(t) and "," not in t)
)
_note = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs")) | st.sampled_from("\n\t"), max_size=500
)
_json_scalar = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5)
_extra_key = st.text(min_size=1, max_size=8)


@st.composite
def viewing_logs(draw: st.DrawFn, film_ids: tuple[str, ...] | None = None) -> ViewingLog:
    """Valid logs: per film, distinct dates and at most one undated viewing (first)."""
    ids = film_ids or tuple(
        draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), max_size=5))
    )
    films: dict[str, FilmLog] = {}
    for fid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))) if ids else []:
        dates = draw(st.lists(st.none() | _dates, min_size=1, max_size=4, unique=True))
        viewings = [
            wl.make_viewing(
                date=d,
                rating=draw(_ratings),
                rewatch=draw(st.booleans()),
                tags=draw(st.lists(_tag, max_size=3, unique=True)),
                note=draw(_note),
                today=TODAY,
                extra=draw(
                    st.dictionaries(
                        _extra_key.filter(lambda k: k not in wl._VIEWING_KEYS), _json_scalar, max_size=2
                    )
                ),
            )
            for d in dates
        ]
        film_extra = draw(
            st.dictionaries(_extra_key.filter(lambda k: k != "viewings"), _json_scalar, max_size=2)
        )
        films[fid] = FilmLog(wl.order_viewings(viewings), film_extra)
    top = draw(
        st.dictionaries(_extra_key.filter(lambda k: k not in ("version", "films")), _json_scalar, max_size=2)
    )
    return ViewingLog(films=films, extra=top)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(viewing_logs())
def test_file_round_trip(log: ViewingLog) -> None:
    assert wl.loads(wl.dumps(log)) == log


@given(st.binary(max_size=300))
def test_reading_garbage_never_crashes_otherwise(raw: bytes) -> None:
    try:
        wl.loads(raw, "seen.json")
    except WatchListError as exc:
        assert "\n" not in str(exc)


def test_exact_year_filter_uses_viewing_date() -> None:
    assert not wl.viewing_matches(view(None), wl.ViewingFilter(year=2024))
    assert wl.viewing_matches(view("2024-12-31"), wl.ViewingFilter(year=2024))


def test_remove_then_stats_stay_consistent() -> None:
    log = wl.add_viewing(wl.EMPTY, "damage", view("2024-01-01"))
    stats = wl.compute_seen_stats(make_catalog(), wl.remove_viewings(log, "damage"))
    assert stats.films_seen == 0 and stats.viewings == 0


def test_lock_file_sits_beside_the_log(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    wl.update(lambda log: wl.add_viewing(log, "damage", view("2024-01-01")), file)
    assert (tmp_path / "seen.json.lock").exists()
    assert os.path.getsize(tmp_path / "seen.json.lock") == 0
