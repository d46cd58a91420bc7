"""The query room on its own: the pure functions of query.py and summaries.py, as units and as
hypothesis properties over small catalogues built in the test (no file, no CLI)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binoche_cli.dataset.catalog import FILM_KINDS, Award, Catalog, Film, StageWork, load
from binoche_cli.query.films import FilmFilter, explain_empty, film_matches, filter_films, sort_films
from binoche_cli.query.matching import find_film_candidates
from binoche_cli.query.summaries import compute_stats
from binoche_cli.query.values import (
    YearRange,
    decade_of,
    parse_decade,
    parse_runtime,
    parse_years,
    resolve_kinds,
)
from tests.helpers import BEHAVIOUR


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The frozen behaviour dataset: behaviour tests never read the curated file (issue 19)."""
    return load(BEHAVIOUR)


SOURCE = ("https://example.org/source",)
DIRECTORS = ("Ann Example", "Krzysztof Kieślowski", "Claire Denis", "Olivier Assayas")
COSTARS = ("Bob Costar", "Benoît Magimel", "Juliet Berto", "Ralph Fiennes")
LANGUAGES = ("French", "English", "Polish")


def _film(
    film_id: str,
    title: str,
    year: int,
    kind: str = "feature",
    directors: tuple[str, ...] = ("Ann Example",),
    **fields: Any,
) -> Film:
    return Film(
        id=film_id,
        title=title,
        year=year,
        kind=kind,
        directors=directors,
        role="Lead",
        sources=SOURCE,
        **fields,
    )


def _award(body: str, category: str, year: int, work: str, result: str = "won") -> Award:
    return Award(body=body, category=category, year=year, result=result, sources=SOURCE, work=work)


def _catalog(films: Sequence[Film], awards: Sequence[Award] = (), stage: Sequence[StageWork] = ()) -> Catalog:
    return Catalog("test.toml", "Test Artist", tuple(films), tuple(awards), tuple(stage))


# ---- strategies --------------------------------------------------------------------------

YEARS = st.integers(min_value=1983, max_value=2029)


@st.composite
def catalogues(draw: st.DrawFn) -> Catalog:
    specs = draw(
        st.lists(
            st.tuples(
                YEARS,
                st.sampled_from(FILM_KINDS),
                st.lists(st.sampled_from(DIRECTORS), min_size=1, max_size=2, unique=True),
                st.lists(st.sampled_from(COSTARS), max_size=2, unique=True),
                st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True),
                st.integers(min_value=0, max_value=200),
            ),
            min_size=1,
            max_size=12,
        )
    )
    films = [
        _film(
            f"film-{n}",
            f"Film {n}",
            year,
            kind=kind,
            directors=tuple(directors),
            costars=tuple(costars),
            languages=tuple(languages),
            runtime=runtime,
        )
        for n, (year, kind, directors, costars, languages, runtime) in enumerate(specs)
    ]
    return _catalog(films)


FILTERS = st.builds(
    FilmFilter,
    years=st.lists(st.builds(lambda y: parse_decade(str(y)), YEARS), max_size=1).map(tuple),
    directors=st.lists(st.sampled_from(["kieslowski", "denis", "ann", "assayas"]), max_size=2).map(tuple),
    costars=st.lists(st.sampled_from(["magimel", "bob", "fiennes"]), max_size=1).map(tuple),
    kinds=st.lists(st.sampled_from(FILM_KINDS), max_size=2).map(tuple),
    languages=st.lists(st.sampled_from(["french", "english", "polish"]), max_size=1).map(tuple),
    runtime=st.none() | st.sampled_from([parse_runtime("<100"), parse_runtime("90-120")]),
)


def _then(catalog: Catalog, films: Sequence[Film], film_filter: FilmFilter) -> list[Film]:
    return [f for f in films if film_matches(catalog, f, film_filter)]


# ---- properties --------------------------------------------------------------------------


@given(catalogues())
def test_decades_partition_the_catalogue(catalog: Catalog) -> None:
    first = decade_of(min(f.year for f in catalog.films))
    last = decade_of(max(f.year for f in catalog.films))
    spans = [parse_decade(f"{start}s") for start in range(first, last + 1, 10)]
    for film in catalog.films:
        assert sum(film.year in span for span in spans) == 1, film.year
    parts = [filter_films(catalog, FilmFilter(years=(span,))) for span in spans]
    ids = [f.id for part in parts for f in part]
    assert sorted(ids) == sorted(f.id for f in catalog.films)


@given(catalogues(), FILTERS, FILTERS)
def test_filters_commute(catalog: Catalog, a: FilmFilter, b: FilmFilter) -> None:
    films = list(catalog.films)
    a_then_b = _then(catalog, _then(catalog, films, a), b)
    assert a_then_b == _then(catalog, _then(catalog, films, b), a)
    # Narrowing never adds a film.
    assert set(a_then_b) <= set(filter_films(catalog, a))


@given(catalogues(), FILTERS)
def test_a_filter_is_idempotent_and_keeps_file_order(catalog: Catalog, film_filter: FilmFilter) -> None:
    once = filter_films(catalog, film_filter)
    assert _then(catalog, once, film_filter) == once
    order = [f.id for f in catalog.films]
    assert [f.id for f in once] == [i for i in order if i in {f.id for f in once}]


@given(st.integers(min_value=1930, max_value=2029))
def test_parse_years_round_trips_four_and_two_digits(year: int) -> None:
    assert parse_years(str(year)) == YearRange(year, year)
    assert parse_years(f"{year % 100:02d}") == YearRange(year, year)


@given(st.integers(min_value=1000, max_value=9999), st.integers(min_value=0, max_value=50))
def test_parse_years_ranges(first: int, length: int) -> None:
    last = min(first + length, 9999)
    assert parse_years(f"{first}-{last}") == YearRange(first, last)
    assert parse_years(f"{first}-") == YearRange(first, 9999)
    assert parse_years(f"-{last}") == YearRange(0, last)
    if first < last:
        with pytest.raises(ValueError, match="ends before it starts"):
            parse_years(f"{last}-{first}")


@given(st.integers(min_value=1930, max_value=2029))
def test_parse_decade_of_any_year_is_its_decade(year: int) -> None:
    start = year - year % 10
    expected = YearRange(start, start + 9)
    assert parse_decade(str(year)) == expected
    for spelling in (f"{start}s", str(start), f"{start % 100:02d}s", f"'{start % 100:02d}s"):
        assert parse_decade(spelling) == expected, spelling


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=300))
def test_parse_runtime_bounds(minutes: int, extra: int) -> None:
    assert parse_runtime(str(minutes)) == YearRange(minutes, minutes)
    assert parse_runtime(f"<{minutes}") == YearRange(0, minutes - 1)
    assert parse_runtime(f"<={minutes}") == YearRange(0, minutes)
    assert parse_runtime(f">{minutes}").first == minutes + 1
    assert parse_runtime(f">= {minutes} min").first == minutes
    assert parse_runtime(f"{minutes}-{minutes + extra}") == YearRange(minutes, minutes + extra)


@settings(max_examples=200)
@given(
    st.text(alphabet=st.characters(categories=["L", "P", "Zs"], exclude_characters="-'\u2019"), min_size=1)
)
def test_parsers_reject_words(text: str) -> None:
    for parse in (parse_years, parse_decade, parse_runtime):
        with pytest.raises(ValueError):
            parse(text)


# ---- parsing: units ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "abc", "19x3", "1993-1990-", "12345", "-", "1993--"])
def test_parse_years_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_years(text)


@pytest.mark.parametrize("text", ["", " ", "abc", "199", "19x0s", "1990ss", "s", "'"])
def test_parse_decade_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a decade"):
        parse_decade(text)


@pytest.mark.parametrize("text", ["", "abc", "<", "<90-100", "90-", "120-90", "=90"])
def test_parse_runtime_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_runtime(text)


def test_two_digit_years_and_decades() -> None:
    assert parse_years("93") == YearRange(1993, 1993)
    assert parse_years("05") == YearRange(2005, 2005)
    assert parse_decade("1993") == YearRange(1990, 1999)
    assert parse_decade("’90s") == YearRange(1990, 1999)
    assert parse_decade("20s") == YearRange(2020, 2029)


def test_year_range_holds_only_integers() -> None:
    span = YearRange(1990, 1999)
    text: object = "1995"
    assert 1990 in span and 1999 in span and 2000 not in span and text not in span


@pytest.mark.parametrize(
    ("given_kinds", "expected"),
    [
        (["doc"], ("documentary",)),
        (["F"], ("feature",)),
        ([" tv "], ("tv",)),
        (["sh", "seg"], ("short", "segment")),
        (["documentary"], ("documentary",)),
    ],
)
def test_resolve_kinds_by_prefix(given_kinds: list[str], expected: tuple[str, ...]) -> None:
    assert resolve_kinds(given_kinds) == expected


@pytest.mark.parametrize(
    ("kind", "reason"), [("s", "matches several"), ("opera", "is not a kind"), ("", "not a")]
)
def test_resolve_kinds_rejects(kind: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        resolve_kinds([kind])


# ---- finding and sorting -----------------------------------------------------------------

PARIS = _catalog(
    [
        _film("paris", "Paris", 2008),
        _film("paris-1999", "Paris", 1999),
        _film("a-night-in-paris", "A Night in Paris", 2008),
        _film("runner-2049", "Runner 2049", 2017),
    ]
)


@pytest.mark.parametrize(
    ("query", "ids", "span"),
    [
        ("paris 2008", ["paris"], YearRange(2008, 2008)),
        ("Paris (1999)", ["paris-1999"], YearRange(1999, 1999)),
        ("paris", ["paris", "paris-1999"], None),
        # A title that ends in a year is the title, not a year filter.
        ("runner 2049", ["runner-2049"], None),
        ("paris 1970", [], YearRange(1970, 1970)),
    ],
)
def test_find_film_candidates_with_a_trailing_year(
    query: str, ids: list[str], span: YearRange | None
) -> None:
    found, got_span = find_film_candidates(PARIS, query)
    assert [f.id for f in found] == ids
    assert got_span == span


def test_find_film_candidates_explicit_span_narrows() -> None:
    found, span = find_film_candidates(PARIS, "paris", YearRange(2000, 2010))
    assert [f.id for f in found] == ["paris"] and span == YearRange(2000, 2010)


def test_sort_by_title_ignores_leading_articles() -> None:
    films = [
        _film("d", "Le Dame", 2001),
        _film("c", "A Cherry", 2002),
        _film("b", "Banana", 2003),
        _film("a", "The Apple", 2004),
        _film("e", "Theory", 2000),
    ]
    catalog = _catalog(films)
    assert [f.id for f in sort_films(catalog, films, "title")] == ["a", "b", "c", "d", "e"]
    assert [f.id for f in sort_films(catalog, films, "title", reverse=True)] == ["e", "d", "c", "b", "a"]


def test_sort_by_title_uses_original_titles_when_asked() -> None:
    films = [_film("x", "Zebra", 2000, original_title="L'Ane"), _film("y", "Moose", 2001)]
    catalog = _catalog(films)
    assert [f.id for f in sort_films(catalog, films, "title")] == ["y", "x"]
    assert [f.id for f in sort_films(catalog, films, "title", titles="original")] == ["x", "y"]


@given(catalogues())
def test_sort_by_year_is_ordered_and_stable(catalog: Catalog) -> None:
    ordered = sort_films(catalog, catalog.films, "year")
    assert [f.year for f in ordered] == sorted(f.year for f in catalog.films)
    position = {f.id: n for n, f in enumerate(catalog.films)}
    for before, after in itertools.pairwise(ordered):
        if before.year == after.year:
            assert position[before.id] < position[after.id]


# ---- explaining an empty result ----------------------------------------------------------

STAGE = StageWork(id="the-play", title="The Play", year=2015, role="Emma", sources=SOURCE)
EXPLAIN = _catalog(
    [_film("one", "One", 1995, directors=("Ann Example",)), _film("two", "Two", 2005)],
    awards=[
        _award("Tony Awards", "Best Actress in a Play", 2015, "the-play", "nominated"),
        _award("Lumière Awards", "Best Actress", 2016, "the-play", "nominated"),
        _award("Lumière Awards", "Best Actress", 2017, "the-play", "won"),
        _award("César Awards", "Best Actress", 1996, "one"),
    ],
    stage=[STAGE],
)


def test_explain_one_filter_has_no_other_filters() -> None:
    message, hints = explain_empty(EXPLAIN, FilmFilter(years=(parse_decade("1980s"),)))
    assert message == "no work matches this filter" and hints == []
    message, _ = explain_empty(EXPLAIN, FilmFilter(search="zebra"))
    assert message == "no work matches the search 'zebra'"


def test_explain_several_filters() -> None:
    message, _ = explain_empty(EXPLAIN, FilmFilter(years=(parse_decade("1980s"),), directors=("ann",)))
    assert message == "no work matches all of these filters"
    message, _ = explain_empty(EXPLAIN, FilmFilter(years=(parse_decade("1980s"),), search="one"))
    assert message == "no work matches the search 'one' together with the other filters"


def test_explain_misspelt_director_suggests() -> None:
    message, hints = explain_empty(EXPLAIN, FilmFilter(directors=("exampel",)))
    assert message == "no director matches 'exampel'" and hints == ["Ann Example"]


def test_explain_awards_for_a_play_are_plural_correct() -> None:
    one, _ = explain_empty(EXPLAIN, FilmFilter(awards=("tony",)))
    assert "its 1 award is for The Play" in one and "binoche awards --body tony" in one
    two, _ = explain_empty(EXPLAIN, FilmFilter(awards=("lumiere",)))
    assert "its 2 awards are for The Play" in two


# ---- stats on a filtered set -------------------------------------------------------------

CROWN = _catalog(
    [
        _film("venice", "Venice Film", 1993),
        _film("berlin", "Berlin Film", 1996),
        _film("cannes", "Cannes Film", 2010),
        _film("other", "Other Film", 2010),
    ],
    awards=[
        _award("Venice Film Festival", "Volpi Cup for Best Actress", 1993, "venice"),
        _award("Berlin International Film Festival", "Silver Bear for Best Actress", 1997, "berlin"),
        _award("Cannes Film Festival", "Best Actress Award", 2010, "cannes"),
    ],
)


def test_triple_crown_only_when_all_three_wins_are_in_the_set() -> None:
    everything = compute_stats(CROWN, list(CROWN.films))
    assert everything.crown == [
        ("Venice Film Festival", 1993, "Venice Film"),
        ("Berlin International Film Festival", 1997, "Berlin Film"),
        ("Cannes Film Festival", 2010, "Cannes Film"),
    ]
    without_berlin = [f for f in CROWN.films if f.id != "berlin"]
    assert compute_stats(CROWN, without_berlin).crown is None


def test_busiest_year_needs_two_works() -> None:
    assert compute_stats(CROWN, list(CROWN.films)).busiest == (2010, ["Cannes Film", "Other Film"])
    lonely = [f for f in CROWN.films if f.id != "other"]
    stats = compute_stats(CROWN, lonely)
    assert stats.busiest is None
    assert (stats.total, stats.first_year, stats.last_year) == (3, 1993, 2010)


@given(catalogues(), FILTERS)
def test_stats_count_only_the_given_films(catalog: Catalog, film_filter: FilmFilter) -> None:
    films = filter_films(catalog, film_filter)
    if not films:
        return
    stats = compute_stats(catalog, films)
    assert stats.total == len(films) == sum(n for _, n in stats.per_decade)
    assert sum(n for _, n in stats.by_kind) == len(films)
    assert all(n >= 2 for _, n, _, _ in stats.directors)
