"""Facts decided in the third data audit (issue 21), read straight from data/binoche.toml.

No import of binoche_cli: these tests pin the data, whatever shape the code has.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).resolve().parent.parent / "data" / "binoche.toml"

# Hosts whose URLs this audit moved to https: none of them may come back as http.
UPGRADED_HOSTS = (
    "variety.com",
    "de.wikipedia.org",
    "www.spiegel.de",
    "www.smh.com.au",
    "www.rtl.fr",
    "www.purepeople.com",
    "www.indiewire.com",
    "www.bbc.co.uk",
    "www.playbill.com",
    "www.radiotimes.com",
    "www.standard.co.uk",
    "www.mtv.com",
    "www.whatsonstage.com",
    "allocine.fr",
    "20minutes.fr",
    "collider.com",
    "culturebox.francetvinfo.fr",
    "francesoir.fr",
    "www.fresnobee.com",
    "www.senscritique.com",
    "m.livejournal.com",
)

# Sources this audit removed as weak or off-topic.
REMOVED_URLS = (
    "http://www.imdb.de/review/rw0239167/",
    "https://films.winbb.ru/viewtopic.php?id=66",
    "https://simple.m.wikipedia.org/wiki/Chocolat",
    "https://www.orcasound.com/2020/08/03/la-bonne-epouse-with-juliette-binoche-and-yolande-moreau-in-theaters-august-21/",
    "https://offguardmagazine.com/conversations2/lance-hammer-winner-of-silver-bear",
)

LOW_CONFIDENCE = (
    "dorothee-danseuse-de-corde",
    "fort-bloque",
    "le-meilleur-de-la-vie",
    "un-tour-de-manege",
    "76-minutes-and-15-seconds-with-abbas-kiarostami",
)

# TMDb ids checked by hand against MovieLens links.csv (IMDb id -> TMDb id) and its movies.csv title.
SPOT_TMDB = {
    "the-english-patient": 409,
    "chocolat": 392,
    "three-colours-blue": 108,
    "three-colours-red": 110,
    "three-colours-white": 109,
    "certified-copy": 48303,
    "cache": 445,
    "the-unbearable-lightness-of-being": 10644,
    "godzilla": 124905,
}


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(scope="module")
def films(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {film["id"]: film for film in data["film"]}


def all_urls(data: dict[str, Any]) -> list[str]:
    urls: list[str] = []
    for table in ("film", "award", "stage", "event"):
        for record in data.get(table, []):
            urls.extend(record.get("sources", []))
    return urls


def test_as_of_is_this_audit(data: dict[str, Any]) -> None:
    assert data["as_of"] == "2026-12-06"


def test_un_tour_de_manege_is_dated_by_release(films: dict[str, dict[str, Any]]) -> None:
    film = films["un-tour-de-manege"]
    assert film["year"] == 1989
    assert not any("imdb.de/review" in url for url in film["sources"])
    assert any("filmreference.com" in url for url in film["sources"])


def test_tony_category_is_named_as_the_tonys_name_it(data: dict[str, Any]) -> None:
    tonys = [award for award in data["award"] if award["body"] == "Tony Awards"]
    assert len(tonys) == 1
    assert tonys[0]["category"] == "Best Performance by a Leading Actress in a Play"
    assert tonys[0]["work"] == "betrayal"


def test_blue_is_an_aka_of_three_colours_blue_only(films: dict[str, dict[str, Any]]) -> None:
    assert "Blue" in films["three-colours-blue"]["aka"]
    others = [
        film["id"]
        for film in films.values()
        if film["id"] != "three-colours-blue"
        and "blue"
        in {t.casefold() for t in [film["title"], film.get("original_title", ""), *film.get("aka", [])]}
    ]
    assert others == []


@pytest.mark.parametrize(
    ("film_id", "language"),
    [
        ("code-unknown", "Sign language"),
        ("code-unknown", "Bambara"),
        ("code-unknown", "Romanian"),
        ("clouds-of-sils-maria", "French"),
        ("clouds-of-sils-maria", "German"),
        ("paris", "English"),
        ("a-thousand-times-good-night", "Norwegian"),
    ],
)
def test_language_added(films: dict[str, dict[str, Any]], film_id: str, language: str) -> None:
    assert language in films[film_id]["languages"]


def test_main_language_still_first(films: dict[str, dict[str, Any]]) -> None:
    assert films["clouds-of-sils-maria"]["languages"][0] == "English"
    assert films["paris"]["languages"][0] == "French"
    assert films["a-thousand-times-good-night"]["languages"][0] == "English"


@pytest.mark.parametrize("host", UPGRADED_HOSTS)
def test_no_http_left_for_upgraded_host(data: dict[str, Any], host: str) -> None:
    assert not [url for url in all_urls(data) if url.startswith(f"http://{host}/")]


@pytest.mark.parametrize("url", REMOVED_URLS)
def test_weak_source_is_gone(data: dict[str, Any], url: str) -> None:
    assert url not in all_urls(data)


def test_seagull_cites_pages_about_the_seagull(data: dict[str, Any]) -> None:
    seagull = next(stage for stage in data["stage"] if stage["id"] == "the-seagull")
    assert not any("betrayal" in url or "mademoiselle-julie" in url for url in seagull["sources"])
    assert seagull["sources"]


def test_efa_2017_nomination_cites_the_nominations(data: dict[str, Any]) -> None:
    efa = [
        award for award in data["award"] if award["body"] == "European Film Awards" and award["year"] == 2017
    ]
    assert len(efa) == 1
    assert not any("goteborg" in url for url in efa[0]["sources"])
    assert any("european-film-awards-nominations-2017" in url for url in efa[0]["sources"])


def test_every_record_keeps_a_source(data: dict[str, Any]) -> None:
    for table in ("film", "award", "stage", "event"):
        for record in data[table]:
            assert record["sources"], record


def test_no_seed_in_user_facing_text(data: dict[str, Any]) -> None:
    texts: list[str] = []
    for table in ("film", "award", "stage", "event", "guide"):
        for record in data.get(table, []):
            texts.extend(
                record[key] for key in ("notes", "text", "why", "confidence_reason") if key in record
            )
    assert texts
    assert not [text for text in texts if "seed" in text.casefold()]


@pytest.mark.parametrize("film_id", LOW_CONFIDENCE)
def test_single_source_credit_is_marked_low(films: dict[str, dict[str, Any]], film_id: str) -> None:
    film = films[film_id]
    assert film["confidence"] == "low"
    reason = film["confidence_reason"]
    assert isinstance(reason, str)
    assert len(reason.split()) >= 5


def test_confidence_only_where_decided(films: dict[str, dict[str, Any]]) -> None:
    marked = {film_id for film_id, film in films.items() if "confidence" in film}
    assert marked == set(LOW_CONFIDENCE)
    for film in films.values():
        assert ("confidence" in film) == ("confidence_reason" in film)


def test_queen_at_sea_prize_rests_on_result_lists(films: dict[str, dict[str, Any]]) -> None:
    film = films["queen-at-sea"]
    assert "Silver Bear Jury Prize" in film["notes"]
    assert any("stern.de" in url for url in film["sources"])
    assert any("filmneweurope.com" in url for url in film["sources"])


def test_tmdb_covers_three_quarters_of_features(films: dict[str, dict[str, Any]]) -> None:
    features = [film for film in films.values() if film["kind"] == "feature"]
    with_tmdb = [film for film in features if "tmdb" in film]
    assert len(features) >= 60
    assert len(with_tmdb) * 4 >= len(features) * 3


def test_tmdb_ids_are_unique_positive_integers(films: dict[str, dict[str, Any]]) -> None:
    ids = [film["tmdb"] for film in films.values() if "tmdb" in film]
    assert all(type(tmdb) is int and tmdb > 0 for tmdb in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("film_id", "tmdb"), sorted(SPOT_TMDB.items()))
def test_tmdb_spot_check(films: dict[str, dict[str, Any]], film_id: str, tmdb: int) -> None:
    assert films[film_id]["tmdb"] == tmdb


def test_tmdb_left_out_where_movielens_year_disagrees(films: dict[str, dict[str, Any]]) -> None:
    for film_id in ("a-thousand-times-good-night", "polina", "between-two-worlds"):
        assert "tmdb" not in films[film_id]
