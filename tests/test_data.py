"""The shipped dataset: invariants, and the facts stated in the seed documents."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from binoche_cli.dataset.catalog import Award, Catalog, Event, Film, StageWork, bundled_path, validate
from binoche_cli.text import fold


def _film(catalog: Catalog, film_id: str) -> Film:
    film = catalog.film(film_id)
    assert film is not None, f"{film_id} missing from the dataset"
    return film


def _has_award(catalog: Catalog, work: str, body: str, category_part: str, result: str, year: int) -> bool:
    return any(
        a.work == work
        and a.body == body
        and fold(category_part) in fold(a.category)
        and a.result == result
        and a.year == year
        for a in catalog.awards
    )


# ---- invariants ------------------------------------------------------------------------


def test_bundled_file_validates_cleanly() -> None:
    from binoche_cli.dataset.catalog import _parse_toml

    raw = bundled_path().read_bytes()
    assert validate(_parse_toml(raw, "binoche.toml"), "binoche.toml", raw) == []


def test_ids_are_unique(catalog: Catalog) -> None:
    ids = [f.id for f in catalog.films] + [s.id for s in catalog.stage]
    assert len(ids) == len(set(ids))


def test_every_award_resolves_to_a_work(catalog: Catalog) -> None:
    works = {f.id for f in catalog.films} | {s.id for s in catalog.stage}
    dangling = [a for a in catalog.awards if a.work and a.work not in works]
    assert dangling == []


def test_every_record_has_a_source(catalog: Catalog) -> None:
    rows: list[Film | Award | StageWork | Event] = [
        *catalog.films,
        *catalog.awards,
        *catalog.stage,
        *catalog.events,
    ]
    assert all(r.sources and all(s.strip() for s in r.sources) for r in rows)


def test_names_are_nfc(catalog: Catalog) -> None:
    for film in catalog.films:
        for text in (film.title, film.role, *film.directors, *film.costars, *film.aka):
            assert unicodedata.normalize("NFC", text) == text


def test_years_in_range(catalog: Catalog) -> None:
    last = datetime.date.today().year + 3
    assert all(1983 <= f.year <= last for f in catalog.films)
    assert all(1983 <= a.year <= last for a in catalog.awards)


def test_guide_points_at_films(catalog: Catalog) -> None:
    assert catalog.guide
    for step in catalog.guide:
        assert step.films and all(catalog.film(i) for i in step.films)


def test_career_is_covered_decade_by_decade(catalog: Catalog) -> None:
    features = [f for f in catalog.films if f.kind == "feature"]
    assert len(features) >= 60
    for decade in (1980, 1990, 2000, 2010, 2020):
        assert any(decade <= f.year < decade + 10 for f in features), decade


# ---- facts from the seed documents (one test per fact) ---------------------------------


def test_blue_1993_kieslowski(catalog: Catalog) -> None:
    blue = _film(catalog, "three-colours-blue")
    assert blue.year == 1993
    assert blue.directors == ("Krzysztof Kieślowski",)


def test_blue_won_volpi_cup(catalog: Catalog) -> None:
    assert _has_award(catalog, "three-colours-blue", "Venice Film Festival", "Volpi Cup", "won", 1993)


def test_blue_won_cesar_best_actress(catalog: Catalog) -> None:
    assert _has_award(catalog, "three-colours-blue", "César Awards", "Best Actress", "won", 1994)


def test_english_patient_1996_minghella(catalog: Catalog) -> None:
    film = _film(catalog, "the-english-patient")
    assert (film.year, film.directors, film.role) == (1996, ("Anthony Minghella",), "Hana")


def test_english_patient_won_oscar(catalog: Catalog) -> None:
    assert _has_award(
        catalog, "the-english-patient", "Academy Awards", "Best Supporting Actress", "won", 1997
    )


def test_english_patient_won_bafta(catalog: Catalog) -> None:
    assert _has_award(catalog, "the-english-patient", "BAFTA Awards", "Supporting", "won", 1997)


def test_english_patient_won_silver_bear(catalog: Catalog) -> None:
    assert _has_award(
        catalog,
        "the-english-patient",
        "Berlin International Film Festival",
        "Silver Bear for Best Actress",
        "won",
        1997,
    )


def test_certified_copy_won_cannes_best_actress(catalog: Catalog) -> None:
    film = _film(catalog, "certified-copy")
    assert (film.year, film.directors) == (2010, ("Abbas Kiarostami",))
    assert _has_award(catalog, "certified-copy", "Cannes Film Festival", "Best Actress", "won", 2010)


def test_chocolat_oscar_nomination(catalog: Catalog) -> None:
    film = _film(catalog, "chocolat")
    assert (film.year, film.directors) == (2000, ("Lasse Hallström",))
    assert _has_award(catalog, "chocolat", "Academy Awards", "Best Actress", "nominated", 2001)


def test_children_of_the_century_stars_magimel(catalog: Catalog) -> None:
    film = _film(catalog, "children-of-the-century")
    assert (film.year, film.directors) == (1999, ("Diane Kurys",))
    assert "Benoît Magimel" in film.costars


def test_taste_of_things_stars_magimel(catalog: Catalog) -> None:
    film = _film(catalog, "the-taste-of-things")
    assert (film.year, film.directors) == (2023, ("Trần Anh Hùng",))
    assert "Benoît Magimel" in film.costars


def test_betrayal_tony_nomination(catalog: Catalog) -> None:
    assert any(s.id == "betrayal" for s in catalog.stage)
    assert any(
        a.work == "betrayal" and a.body == "Tony Awards" and a.result == "nominated" for a in catalog.awards
    )


def test_directing_debut_in_i_in_motion(catalog: Catalog) -> None:
    film = _film(catalog, "in-i-in-motion")
    assert film.year == 2025 and film.directors == ("Juliette Binoche",)
    # She directs and is on screen throughout: both credits are kept.
    assert film.credit == ("director", "herself") and film.role == "Herself"


@pytest.mark.parametrize(
    ("film_id", "director"),
    [
        ("hail-mary", "Jean-Luc Godard"),
        ("rendez-vous", "André Téchiné"),
        ("the-lovers-on-the-bridge", "Leos Carax"),
        ("cache", "Michael Haneke"),
        ("camille-claudel-1915", "Bruno Dumont"),
        ("let-the-sunshine-in", "Claire Denis"),
    ],
)
def test_seed_collaborations(catalog: Catalog, film_id: str, director: str) -> None:
    assert director in _film(catalog, film_id).directors


def test_kieslowski_directed_the_three_colours(catalog: Catalog) -> None:
    films = [f.id for f in catalog.films if "Krzysztof Kieślowski" in f.directors]
    assert sorted(films) == ["three-colours-blue", "three-colours-red", "three-colours-white"]


def test_european_triple_crown(catalog: Catalog) -> None:
    """Best actress at Venice (Blue), Berlin (The English Patient) and Cannes (Certified Copy)."""
    from binoche_cli.query.summaries import compute_stats

    crown = compute_stats(catalog, list(catalog.films)).crown
    assert crown is not None
    assert crown == [
        ("Venice Film Festival", 1993, "Three Colours: Blue"),
        ("Berlin International Film Festival", 1997, "The English Patient"),
        ("Cannes Film Festival", 2010, "Certified Copy"),
    ]


# ---- the second audit (issue 10): corrections, additions, identifiers ------------------


def test_women_and_men_2_is_a_tv_film(catalog: Catalog) -> None:
    assert _film(catalog, "women-and-men-2-in-love-there-are-no-rules").kind == "tv"


@pytest.mark.parametrize(
    ("film_id", "role"),
    [
        ("the-son-of-no-one", "Lauren Bridges"),
        ("the-lovers-on-the-bridge", "Michèle Stalens"),
        ("the-33", "María Segovia"),
    ],
)
def test_corrected_roles(catalog: Catalog, film_id: str, role: str) -> None:
    assert _film(catalog, film_id).role == role


def test_added_works(catalog: Catalog) -> None:
    the_33 = _film(catalog, "the-33")
    assert (the_33.year, the_33.directors) == (2015, ("Patricia Riggen",))
    manege = _film(catalog, "un-tour-de-manege")
    assert manege.directors == ("Pierre Pradinas",) and "François Cluzet" in manege.costars
    fort = _film(catalog, "fort-bloque")
    assert (fort.year, fort.kind) == (1984, "tv")


@pytest.mark.parametrize(
    ("film_id", "original"),
    [("a-thousand-times-good-night", "Tusen ganger god natt"), ("clouds-of-sils-maria", "Sils Maria")],
)
def test_original_titles_are_not_only_akas(catalog: Catalog, film_id: str, original: str) -> None:
    film = _film(catalog, film_id)
    assert film.original_title == original and original not in film.aka


def test_vision_is_also_voyage_a_yoshino(catalog: Catalog) -> None:
    assert "Voyage à Yoshino" in _film(catalog, "vision").titles


def test_added_awards(catalog: Catalog) -> None:
    assert _has_award(catalog, "endless-night", "Goya Awards", "Best Actress", "nominated", 2016)
    assert _has_award(catalog, "the-wait", "Nastro d'Argento", "European", "won", 2016)
    assert _has_award(catalog, "betrayal", "Theatre World Awards", "Theatre World", "won", 2001)


def test_every_work_has_languages_countries_and_a_credit(catalog: Catalog) -> None:
    from binoche_cli.dataset.catalog import CREDITS

    for film in catalog.films:
        assert film.languages and film.countries and film.credit, film.id
        assert set(film.credit) <= set(CREDITS), film.id


def test_identifier_formats(catalog: Catalog) -> None:
    import re

    for film in catalog.films:
        assert not film.imdb or re.fullmatch(r"tt\d{7,8}", film.imdb), film.id
        assert not film.wikidata or re.fullmatch(r"Q[1-9]\d*", film.wikidata), film.id
        assert not film.letterboxd or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", film.letterboxd), film.id
        assert film.tmdb >= 0
    assert catalog.about.get("artist_imdb") == "nm0000300"


@pytest.mark.parametrize(
    ("film_id", "imdb"),
    [
        ("three-colours-blue", "tt0108394"),
        ("the-english-patient", "tt0116209"),
        ("certified-copy", "tt1020773"),
        ("cache", "tt0387898"),
        ("clouds-of-sils-maria", "tt2452254"),
    ],
)
def test_known_identifiers(catalog: Catalog, film_id: str, imdb: str) -> None:
    assert _film(catalog, film_id).imdb == imdb


def test_sources_are_public_pages(catalog: Catalog) -> None:
    from binoche_cli.dataset.catalog import source_problem

    rows: list[Film | Award | StageWork | Event] = [
        *catalog.films,
        *catalog.awards,
        *catalog.stage,
        *catalog.events,
    ]
    for row in rows:
        assert row.sources
        assert [s for s in row.sources if source_problem(s)] == [], row
