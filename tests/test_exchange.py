"""exchange.py: reading Letterboxd, IMDb, Trakt and our own exports, planning, and writing them back."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binoche_cli.viewing import exchange
from binoche_cli.viewing import store as wl
from binoche_cli.viewing.exchange import ExchangeError, ImportRow, detect_and_parse, parse_file, plan_import
from binoche_cli.viewing.store import Viewing, ViewingLog
from tests.test_watchlist import make_catalog, viewing_logs

pytestmark = pytest.mark.usefixtures("behaviour_data")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "exchange"
LETTERBOXD = FIXTURES / "letterboxd"
CATALOG = make_catalog()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _letterboxd_zip() -> bytes:
    """The layout of a real Letterboxd export, including folders that are not viewings."""
    return _zip(
        {
            "diary.csv": (LETTERBOXD / "diary.csv").read_bytes(),
            "watched.csv": (LETTERBOXD / "watched.csv").read_bytes(),
            "ratings.csv": (LETTERBOXD / "ratings.csv").read_bytes(),
            "watchlist.csv": (LETTERBOXD / "watchlist.csv").read_bytes(),
            "profile.csv": b"Date Joined,Username\n2019-01-01,someuser\n",
            "deleted/diary.csv": b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
            b"2020-01-01,Chocolat,2000,https://boxd.it/zz,1,,,2020-01-01\n",
            "likes/films.csv": b"Date,Name,Year,Letterboxd URI\n2020-01-01,Damage,1992,https://boxd.it/29Qa\n",
        }
    )


def _by_film(plan: exchange.ImportPlan) -> dict[str, list[tuple[str | None, float | None]]]:
    found: dict[str, list[tuple[str | None, float | None]]] = {}
    for item in plan.new:
        found.setdefault(item.film_id, []).append((item.viewing.date, item.viewing.rating))
    return found


# ---------------------------------------------------------------------------------------
# Formats


def test_letterboxd_zip() -> None:
    parsed = parse_file("letterboxd-someuser-2024.zip", _letterboxd_zip())
    assert parsed.format == "Letterboxd export ZIP"
    plan = plan_import(CATALOG, wl.EMPTY, parsed.rows)
    assert _by_film(plan) == {
        "three-colours-blue": [("2024-03-01", 4.5), ("2024-05-10", 5.0)],
        "damage": [("2023-11-19", 3.5)],  # matched by the film slug in a long diary URI
        "certified-copy": [("2024-06-30", None)],  # by its original title
        "the-english-patient": [("2021-08-14", 4.0)],  # watched.csv joined with ratings.csv
        "mauvais-sang": [("2020-02-02", None)],
        "chocolat": [("2018-01-01", 3.0)],  # rated, never logged: its rating row stands alone
    }
    blue = [p.viewing for p in plan.new if p.film_id == "three-colours-blue"]
    assert blue[0].tags == ("cinema", "restoration") and not blue[0].rewatch
    assert blue[1].rewatch
    assert [(m.source, m.line, m.title, m.year) for m in plan.unmatched] == [
        ("letterboxd-someuser-2024.zip/diary.csv", 5, "Heat", 1995),  # once: watched.csv repeats it
    ]
    assert plan.unmatched[0].reason == "not a film in the dataset"


def test_letterboxd_zip_in_a_folder_and_without_members() -> None:
    nested = _zip({"export/diary.csv": (LETTERBOXD / "diary.csv").read_bytes()})
    assert len(detect_and_parse("x.zip", nested)) == 5
    with pytest.raises(ExchangeError, match=r"x\.zip: no diary\.csv, watched\.csv or ratings\.csv"):
        detect_and_parse("x.zip", _zip({"profile.csv": b"a\n"}))
    with pytest.raises(ExchangeError, match="not a readable ZIP"):
        detect_and_parse("x.zip", b"PK\x03\x04 truncated")


def test_zip_member_inflating_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange, "MAX_MEMBER_BYTES", 1000)
    bomb = _zip({"diary.csv": b"Date,Name,Year\n" + b"2020-01-01,x,2000\n" * 1000})
    assert len(bomb) < 1000
    with pytest.raises(ExchangeError, match=r"diary\.csv: over the"):
        detect_and_parse("bomb.zip", bomb)


@pytest.mark.parametrize("name", ["diary.csv", "watched.csv", "ratings.csv"])
def test_each_letterboxd_csv_alone(name: str) -> None:
    parsed = parse_file(name, (LETTERBOXD / name).read_bytes())
    assert parsed.format.startswith("Letterboxd")
    assert all(r.source == name for r in parsed.rows)
    assert [r.line for r in parsed.rows] == list(range(2, 2 + len(parsed.rows)))


def test_watched_csv_uses_its_date_and_ratings_csv_its_rating() -> None:
    watched = detect_and_parse("watched.csv", (LETTERBOXD / "watched.csv").read_bytes())
    assert watched[2].title == "The English Patient" and watched[2].date == "2021-08-14"
    ratings = detect_and_parse("ratings.csv", (LETTERBOXD / "ratings.csv").read_bytes())
    assert (ratings[0].title, ratings[0].rating) == ("The English Patient", 4.0)


def test_a_watchlist_is_not_a_history() -> None:
    with pytest.raises(ExchangeError, match="watchlist holds films you want to see"):
        detect_and_parse("watchlist.csv", (LETTERBOXD / "watchlist.csv").read_bytes())


def test_utf16_diary_with_problems_located() -> None:
    raw = (FIXTURES / "letterboxd-diary-utf16.csv").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    rows = detect_and_parse("diary.csv", raw)
    assert [(r.line, r.title) for r in rows] == [
        (2, "Trois Couleurs : Bleu"),
        (3, "Damage"),  # its Tags cell spans lines 3-4
        (5, "Chocolat"),
        (6, "Chocolat"),
        (7, "Les Amants du Pont-Neuf"),
    ]
    assert rows[1].tags == ("late", "night")
    assert "calendar" in rows[2].problem and "rating '6'" in rows[3].problem
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    assert _by_film(plan) == {"three-colours-blue": [("2024-03-01", 4.5)], "damage": [("2024-03-03", 3.0)]}
    assert [(m.line, m.reason.split(":")[0]) for m in plan.unmatched] == [
        (5, "date '2023-02-30' is not a real calendar date"),
        (6, "rating '6' is not 0.5 to 5 in halves"),
        (7, "not a film in the dataset"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_encodings(encoding: str) -> None:
    text = (LETTERBOXD / "diary.csv").read_text(encoding="utf-8")
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        bom = b"\xff\xfe" if codec == "utf-16-le" else b"\xfe\xff"
        raw = bom + text.encode(codec)
    else:
        raw = text.encode(encoding)
    rows = detect_and_parse("diary.csv", raw)
    assert [r.title for r in rows][:2] == ["Three Colors: Blue", "Three Colors: Blue"]


def test_latin1_is_refused_with_a_hint() -> None:
    raw = "Date,Name,Year,Letterboxd URI\n2020-01-01,Chocolat à Paris,2000,x\n".encode("latin-1")
    with pytest.raises(ExchangeError, match=r"diary\.csv: not UTF-8 or UTF-16 text .*save it as UTF-8"):
        detect_and_parse("diary.csv", raw)


def test_imdb_ratings_are_halved_and_ids_win() -> None:
    parsed = parse_file("ratings.csv", (FIXTURES / "imdb-ratings.csv").read_bytes())
    assert parsed.format == "IMDb ratings CSV"
    plan = plan_import(CATALOG, wl.EMPTY, parsed.rows)
    assert _by_film(plan) == {
        "three-colours-blue": [("2024-03-01", 4.5)],
        "the-english-patient": [("2021-08-15", 4.0)],
    }
    reasons = {m.title: m.reason for m in plan.unmatched}
    assert reasons["Heat"] == "not a film in the dataset"
    # Titled "Damage" (1992), but its IMDb id is another film's: not our Damage.
    assert reasons["Damage"] == "same title as Damage (1992), but another film's id"
    assert reasons["Chocolat"] == "rating '11' is not 1 to 10"


def test_imdb_list() -> None:
    parsed = parse_file("list.csv", (FIXTURES / "imdb-list.csv").read_bytes())
    assert parsed.format == "IMDb list CSV"
    plan = plan_import(CATALOG, wl.EMPTY, parsed.rows)
    assert _by_film(plan) == {"chocolat": [(None, None)], "certified-copy": [("2023-02-02", 4.0)]}


def test_trakt_history() -> None:
    parsed = parse_file("history.json", (FIXTURES / "trakt-history.json").read_bytes())
    assert parsed.format == "Trakt JSON"
    plan = plan_import(CATALOG, wl.EMPTY, parsed.rows)
    assert _by_film(plan) == {
        "three-colours-blue": [("2024-03-01", None)],  # by IMDb id
        "chocolat": [("2023-05-05", None)],  # by TMDb id (no IMDb id given)
        "mauvais-sang": [("2022-02-02", None)],  # by title: ids we do not hold
    }
    assert [(m.line, m.title, m.reason) for m in plan.unmatched] == [
        (3, "The Affair", "a Trakt episode, not a film")
    ]


def test_trakt_ratings_export() -> None:
    data = json.dumps(
        [
            {
                "rated_at": "2024-01-02T10:00:00.000Z",
                "rating": 7,
                "type": "movie",
                "movie": {"title": "Damage", "year": 1992, "ids": {"imdb": "tt0104237", "tmdb": 11841}},
            }
        ]
    ).encode()
    plan = plan_import(CATALOG, wl.EMPTY, detect_and_parse("ratings.json", data))
    assert _by_film(plan) == {"damage": [("2024-01-02", 3.5)]}


def test_our_csv_and_json() -> None:
    rows = detect_and_parse("binoche.csv", (FIXTURES / "binoche.csv").read_bytes())
    assert rows[1].note == "The score, again.\nSecond line." and rows[1].line == 3
    assert rows[2].rewatch and rows[2].line == 5
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    assert _by_film(plan) == {
        "damage": [("2023-11-19", 3.5)],
        "three-colours-blue": [("2024-03-01", 4.5), ("2024-05-10", 5.0)],
    }
    assert [(m.title, m.reason) for m in plan.unmatched] == [
        ("gone-film", "no film with id 'gone-film' in this dataset")
    ]

    rows = detect_and_parse("binoche.json", (FIXTURES / "binoche.json").read_bytes())
    log = exchange.apply_plan(wl.EMPTY, plan_import(CATALOG, wl.EMPTY, rows))
    assert log.films["chocolat"].extra == {"favourite": True}
    assert log.films["chocolat"].viewings[0].extra == {"cinema": "Rex"}
    assert log.films["damage"].viewings == (Viewing("2023-11-19", 3.5, False, ("tv",), "late"),)


def test_our_json_version_1_is_read() -> None:
    data = json.dumps({"version": 1, "seen": {"damage": "2020-01-01"}}).encode()
    assert [(r.film_id, r.date) for r in detect_and_parse("seen.json", data)] == [("damage", "2020-01-01")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"Foo,Bar\n1,2\n", r"columns not recognised \(Foo, Bar\)"),
        (b'{"hello": 1}', "not a binoche log or a Trakt export"),
        (b'[{"title": "x"}]', "not a Trakt"),
        (b"[" * 50_000, "nested too deeply|not valid JSON"),
        (b'{"version": 2, "films": []}', "not a valid binoche viewing log"),
        (b'{"version": 2, "films": {', r"x:1: not valid JSON"),
    ],
)
def test_unreadable_files(data: bytes, message: str) -> None:
    with pytest.raises(ExchangeError, match=message):
        detect_and_parse("x", data)


def test_future_dates_are_refused() -> None:
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    rows = detect_and_parse("d.csv", f"Date,Name,Year,Letterboxd URI\n{tomorrow},Damage,1992,x\n".encode())
    assert "in the future" in rows[0].problem


def test_letterboxd_slugs() -> None:
    assert exchange.letterboxd_slug("https://letterboxd.com/film/three-colors-blue/") == "three-colors-blue"
    assert exchange.letterboxd_slug("https://letterboxd.com/someuser/film/damage/1/") == "damage"
    assert exchange.letterboxd_slug("mauvais-sang") == "mauvais-sang"
    assert exchange.letterboxd_slug("https://boxd.it/29Qa") == ""


def test_ambiguous_titles_and_the_year_window() -> None:
    rows = [
        ImportRow("f", 2, title="Paris", year=2008),
        ImportRow("f", 3, title="Damage", year=1993),  # festival against release: one year off is fine
        ImportRow("f", 4, title="Damage", year=1995),
        ImportRow("f", 5, title="Blue"),  # a part of a title is not enough
    ]
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    assert [(m.line, m.reason) for m in plan.unmatched] == [
        (2, "ambiguous: matches 2 films"),
        (4, "not a film in the dataset"),
        (5, "not a film in the dataset"),
    ]
    assert [p.film_id for p in plan.new] == ["damage"]


# ---------------------------------------------------------------------------------------
# Planning


def test_known_conflicts_and_duplicates() -> None:
    log = wl.add_viewing(wl.EMPTY, "three-colours-blue", Viewing("2024-03-01", 4.0))
    log = wl.add_viewing(log, "damage", Viewing("2023-11-19", 3.5))
    log = wl.add_viewing(log, "chocolat", Viewing("2010-01-01"))
    rows = [
        ImportRow("f", 2, title="Three Colours: Blue", year=1993, date="2024-03-01", rating=4.5),  # conflict
        ImportRow("f", 3, title="Damage", year=1992, date="2023-11-19", rating=3.5),  # known
        ImportRow("f", 4, title="Damage", year=1992, date="2023-11-19"),  # known: no rating to disagree
        ImportRow("f", 5, title="Chocolat", year=2000, date=None, rating=4.0),  # undated: known
        ImportRow("f", 6, title="Chocolat", year=2000, date="2011-01-01"),  # new
        ImportRow("f", 7, title="Chocolat", year=2000, date="2011-01-01"),  # repeated row: once
    ]
    plan = plan_import(CATALOG, log, rows)
    assert [(c.film_id, c.date, c.existing, c.incoming) for c in plan.conflicts] == [
        ("three-colours-blue", "2024-03-01", 4.0, 4.5)
    ]
    assert [p.row.line for p in plan.known] == [3, 4, 5, 7]
    assert [p.row.line for p in plan.new] == [6]
    after = exchange.apply_plan(log, plan)
    assert wl.viewings_of(after, "three-colours-blue") == (Viewing("2024-03-01", 4.0),), "the log wins"
    assert [v.date for v in wl.viewings_of(after, "chocolat")] == ["2010-01-01", "2011-01-01"]
    assert plan_import(CATALOG, after, rows).new == (), "importing twice adds nothing"


def test_planning_is_a_dry_run() -> None:
    log = wl.add_viewing(wl.EMPTY, "damage", Viewing("2023-11-19", 3.5))
    snapshot = wl.dumps(log)
    plan = plan_import(CATALOG, log, detect_and_parse("diary.csv", (LETTERBOXD / "diary.csv").read_bytes()))
    assert plan.new and wl.dumps(log) == snapshot


def test_applying_inside_one_locked_update_is_all_or_nothing(tmp_path: Path) -> None:
    file = tmp_path / "seen.json"
    wl.update(lambda log: wl.add_viewing(log, "damage", Viewing("2020-01-01")), file)
    before = file.read_bytes()
    rows = detect_and_parse("diary.csv", (LETTERBOXD / "diary.csv").read_bytes())

    def apply_then_fail(log: ViewingLog) -> ViewingLog:
        exchange.apply_plan(log, plan_import(CATALOG, log, rows))
        raise KeyboardInterrupt  # the user pressed ^C halfway

    with pytest.raises(KeyboardInterrupt):
        wl.update(apply_then_fail, file)
    assert file.read_bytes() == before
    _, after = wl.update(lambda log: exchange.apply_plan(log, plan_import(CATALOG, log, rows)), file)
    assert wl.read(file) == after and set(after.films) == {"damage", "three-colours-blue", "certified-copy"}


def test_summary_caps_the_unmatched_list() -> None:
    rows = [ImportRow("big.csv", n, title=f"Unknown {n}", year=2000) for n in range(2, 27)]
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    lines = exchange.summary_lines(plan, CATALOG)
    assert lines == [
        "0 new viewings of 0 films; 0 already in the log; 0 conflicts; "
        "25 rows of other films ignored; 0 rows not matched"
    ], "rows about other films are counted, not listed"
    verbose = exchange.summary_lines(plan, CATALOG, verbose=True)
    assert len(verbose) == 26 and verbose[1] == "big.csv:2: Unknown 2 (2000): not a film in the dataset"
    problems = [ImportRow("bad.csv", n, title="", year=2000) for n in range(2, 27)]
    capped = exchange.summary_lines(plan_import(CATALOG, wl.EMPTY, problems), CATALOG)
    assert len(capped) == 22 and capped[-1] == "... and 5 more unmatched rows (--verbose lists them all)"


def test_summary_names_conflicts() -> None:
    log = wl.add_viewing(wl.EMPTY, "damage", Viewing("2023-11-19", 3.0))
    plan = plan_import(
        CATALOG, log, [ImportRow("d.csv", 4, title="Damage", year=1992, date="2023-11-19", rating=4.5)]
    )
    assert exchange.summary_lines(plan, CATALOG)[1] == (
        "d.csv:4: Damage (1992) on 2023-11-19: the log says 3, the file 4.5; kept the log's rating"
    )


def test_fifty_thousand_rows_fold_each_title_once(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date"]
    start = datetime.date(1950, 1, 1)
    for n in range(50_000):
        day = (start + datetime.timedelta(days=n % 20_000)).isoformat()
        title = ("Damage", "Three Colors: Blue", f"Some Other Film {n % 5000}", "Chocolat")[n % 4]
        lines.append(
            f"{day},{title},{1992 if title == 'Damage' else 1993 if 'Blue' in title else 2000},https://boxd.it/{n},4,,,{day}"
        )
    raw = ("\n".join(lines) + "\n").encode()
    calls = 0
    real_fold: Callable[[str], str] = vars(exchange)["fold"]

    def counting_fold(text: str) -> str:
        nonlocal calls
        calls += 1
        return real_fold(text)

    monkeypatch.setattr(exchange, "fold", counting_fold)
    rows = detect_and_parse("diary.csv", raw)
    calls = 0  # count the matching alone
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    log = exchange.apply_plan(wl.EMPTY, plan)
    titles = sum(len(f.titles) for f in CATALOG.films)
    distinct = len({r.title for r in rows})
    assert calls <= titles + distinct, f"{calls} folds: titles folded per row"
    assert len(rows) == 50_000 and wl.total_viewings(log) == len(plan.new) > 10_000


# ---------------------------------------------------------------------------------------
# Exports


def _sample_log() -> ViewingLog:
    log = wl.EMPTY
    log = wl.add_viewing(
        log, "three-colours-blue", Viewing("2024-03-01", 4.5, False, ("cinema", "restoration"), "Again.")
    )
    log = wl.add_viewing(log, "three-colours-blue", Viewing("2024-05-10", 5.0, True))
    log = wl.add_viewing(log, "mauvais-sang", Viewing(None, 3.0))
    log = wl.add_viewing(log, "gone-film", Viewing("2020-01-01"))
    return log


def test_letterboxd_export_layout() -> None:
    result = exchange.export(CATALOG, _sample_log(), "letterboxd", csv_safe=False)
    rows = list(csv.reader(io.StringIO(result.text)))
    assert rows[0] == ["Title", "Year", "imdbID", "WatchedDate", "Rating", "Rewatch", "Tags", "Review"]
    assert rows[1:] == [
        ["Mauvais Sang", "1986", "", "", "3", "false", "", ""],
        [
            "Three Colours: Blue",
            "1993",
            "tt0108394",
            "2024-03-01",
            "4.5",
            "false",
            "cinema, restoration",
            "Again.",
        ],
        ["Three Colours: Blue", "1993", "tt0108394", "2024-05-10", "5", "true", "", ""],
    ]
    assert result.skipped == ("gone-film",)


def test_imdb_export_layout() -> None:
    result = exchange.export(CATALOG, _sample_log(), "imdb", csv_safe=False)
    rows = list(csv.DictReader(io.StringIO(result.text)))
    assert [(r["Const"], r["Title"], r["Year"], r["Your Rating"], r["Date Rated"]) for r in rows] == [
        ("tt0108394", "Three Colours: Blue", "1993", "10", "2024-05-10")
    ]
    assert result.skipped == ("gone-film", "mauvais-sang")
    back = plan_import(CATALOG, wl.EMPTY, detect_and_parse("imdb.csv", result.text.encode()))
    assert _by_film(back) == {"three-colours-blue": [("2024-05-10", 5.0)]}


def test_json_and_csv_exports() -> None:
    log = _sample_log()
    assert exchange.export(CATALOG, log, "json", csv_safe=False).text.encode() == wl.dumps(log)
    text = exchange.export(CATALOG, log, "csv", csv_safe=False).text
    assert text.splitlines()[0] == "id,title,year,date,rating,rewatch,tags,note"
    assert "gone-film,,,2020-01-01,,false,," in text
    with pytest.raises(ValueError, match="not an export format"):
        exchange.export(CATALOG, log, "xml", csv_safe=False)


_CATALOG_IDS = tuple(f.id for f in CATALOG.films)
_IMDB_IDS = tuple(f.id for f in CATALOG.films if f.imdb)


def _round_trip(log: ViewingLog, fmt: str) -> ViewingLog:
    text = exchange.export(CATALOG, log, fmt, csv_safe=False).text
    rows = detect_and_parse(f"export.{fmt}", text.encode("utf-8"))
    plan = plan_import(CATALOG, wl.EMPTY, rows)
    assert not plan.unmatched and not plan.conflicts and not plan.known
    return exchange.apply_plan(wl.EMPTY, plan)


def _without_extras(log: ViewingLog) -> dict[str, tuple[Viewing, ...]]:
    from dataclasses import replace

    return {
        fid: tuple(replace(v, extra={}) for v in entry.viewings)
        for fid, entry in log.films.items()
        if entry.viewings
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(viewing_logs(_CATALOG_IDS))
def test_json_round_trip_loses_nothing(log: ViewingLog) -> None:
    back = _round_trip(log, "json")
    assert {k: v for k, v in back.films.items()} == {k: v for k, v in log.films.items() if v.viewings}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(viewing_logs(_CATALOG_IDS))
def test_csv_round_trip_loses_nothing_it_carries(log: ViewingLog) -> None:
    assert _without_extras(_round_trip(log, "csv")) == _without_extras(log)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(viewing_logs(_IMDB_IDS))
def test_letterboxd_round_trip_loses_nothing_it_carries(log: ViewingLog) -> None:
    assert _without_extras(_round_trip(log, "letterboxd")) == _without_extras(log)


@given(st.binary(max_size=400))
def test_garbage_never_crashes_the_parser(data: bytes) -> None:
    try:
        rows = detect_and_parse("x", data)
    except ExchangeError as exc:
        assert "\n" not in str(exc)
    else:
        plan_import(CATALOG, wl.EMPTY, rows)


# ---- scale: a large CSV streams (issue 23) ---------------------------------------------------


def _many_rows_csv(others: int) -> bytes:
    lines = ["Title,Year,imdbID,WatchedDate"]
    lines += [f"Other Film {i},{1950 + i % 70},,2020-01-{1 + i % 28:02d}" for i in range(others)]
    return ("\n".join(lines) + "\n").encode()


def test_a_csv_import_streams_its_rows() -> None:
    parsed = exchange.parse_file("big.csv", _many_rows_csv(3_000))
    assert not isinstance(parsed.rows, list), "a plain CSV's rows are read on demand, not held"
    assert len(parsed.rows) == 3_000
    first = iter(parsed.rows)
    assert next(first) == next(iter(parsed.rows)), "each iteration reads the text again"
    assert sum(1 for _ in parsed.rows) == 3_000


def test_a_csv_error_is_found_before_any_row_is_planned() -> None:
    data = _many_rows_csv(10) + b"x" * 200_000 + b",1999,,2020-01-01\n"  # over csv's field limit
    with pytest.raises(exchange.ExchangeError, match=r"bad\.csv:12: not a readable CSV"):
        exchange.parse_file("bad.csv", data)


def test_planning_keeps_only_the_unmatched_rows_it_shows() -> None:
    parsed = exchange.parse_file("big.csv", _many_rows_csv(3_000))
    plan = exchange.plan_import(CATALOG, wl.EMPTY, parsed.rows, keep_unmatched=exchange.UNMATCHED_SHOWN)
    assert len(plan.unmatched) == 0, "rows about other films are counted, not kept"
    assert plan.unmatched_count == plan.rows == plan.other_films == 3_000
    lines = exchange.summary_lines(plan)
    assert lines == [
        "0 new viewings of 0 films; 0 already in the log; 0 conflicts; "
        "3,000 rows of other films ignored; 0 rows not matched"
    ]
    everything = exchange.plan_import(CATALOG, wl.EMPTY, parsed.rows)
    assert len(everything.unmatched) == 3_000 and everything.more_unmatched == 0
