"""The commands through CliRunner: exit codes, stdout and stderr asserted apart. They run on
the frozen behaviour dataset (tests/fixtures/behaviour.toml), not on the bundled file."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from binoche_cli.dataset.catalog import Catalog
from tests.helpers import SMALL, Cli, parse_json

pytestmark = pytest.mark.usefixtures("behaviour_data")


def _json(text: str) -> Any:
    return parse_json(text)


def test_no_args_shows_help_with_exit_codes(cli: Cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout and "130 interrupted" in result.stdout


@pytest.mark.parametrize("spelling", ["kieslowski", "KIEŚLOWSKI", "Kieślowski", "krzysztof kieslowski"])
def test_director_accent_and_case_blind(cli: Cli, behaviour: Catalog, spelling: str) -> None:
    result = cli("director", spelling, "-f", "json")
    assert result.exit_code == 0, result.stderr
    got = {r["id"] for r in _json(result.stdout)}
    expected = {f.id for f in behaviour.films if "Krzysztof Kieślowski" in f.directors}
    assert got == expected and "three-colours-blue" in got


def test_director_part_of_name(cli: Cli) -> None:
    rows = _json(cli("director", "denis", "-f", "json").stdout)
    assert rows and all("Claire Denis" in r["directors"] for r in rows)


def test_director_tran_anh_hung(cli: Cli) -> None:
    rows = _json(cli("director", "tran anh hung", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["the-taste-of-things"]


def test_unknown_director_suggests(cli: Cli) -> None:
    result = cli("director", "kieslowsky")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean Krzysztof Kieślowski?" in result.stderr


@pytest.mark.parametrize("spelling", ["1990s", "1990", "90s", "'90s"])
def test_decade_spellings(cli: Cli, behaviour: Catalog, spelling: str) -> None:
    rows = _json(cli("films", "--decade", spelling, "-f", "json").stdout)
    assert len(rows) == sum(1990 <= f.year <= 1999 for f in behaviour.films)
    assert all(1990 <= r["year"] <= 1999 for r in rows)


@pytest.mark.parametrize("bad", ["19x0s", "abc", "199", "", " "])
def test_bad_decade_is_usage_error(cli: Cli, bad: str) -> None:
    for args in (["films", "--decade", bad], ["decade", bad]):
        result = cli(*args)
        assert result.exit_code == 2
        assert result.stdout == ""


def test_decade_subcommand_matches_option(cli: Cli) -> None:
    assert (
        cli("decade", "1980s", "-f", "plain").stdout == cli("films", "--decade", "80s", "-f", "plain").stdout
    )


@pytest.mark.parametrize(
    ("spec", "low", "high"),
    [("1993", 1993, 1993), ("1990-1999", 1990, 1999), ("2010-", 2010, 9999), ("-1990", 0, 1990)],
)
def test_year_ranges(cli: Cli, spec: str, low: int, high: int) -> None:
    rows = _json(cli("films", "--year", spec, "-f", "json").stdout)
    assert rows and all(low <= r["year"] <= high for r in rows)


def test_filters_combine_with_and(cli: Cli, behaviour: Catalog) -> None:
    rows = _json(cli("films", "--decade", "2010s", "-d", "assayas", "-f", "json").stdout)
    assert {r["id"] for r in rows} == {"clouds-of-sils-maria", "non-fiction"}


def test_directors_repeat_with_or(cli: Cli) -> None:
    rows = _json(cli("films", "-d", "kieslowski", "-d", "haneke", "-f", "json").stdout)
    names = {d for r in rows for d in r["directors"]}
    assert names == {"Krzysztof Kieślowski", "Michael Haneke"}


def test_award_lookup_shows_which_award(cli: Cli) -> None:
    result = cli("award", "cesar", "--won", "-f", "json")
    rows = _json(result.stdout)
    assert [r["id"] for r in rows] == ["three-colours-blue"]
    assert rows[0]["awards"] == [
        {"year": 1994, "body": "César Awards", "category": "Best Actress", "result": "won", "label": "César"}
    ]


@pytest.mark.parametrize(
    ("query", "film_id"),
    [
        ("oscar", "the-english-patient"),
        ("academy", "chocolat"),
        ("volpi", "three-colours-blue"),
        ("silver bear", "the-english-patient"),
        ("cannes", "certified-copy"),
    ],
)
def test_award_aliases(cli: Cli, query: str, film_id: str) -> None:
    rows = _json(cli("films", "--award", query, "-f", "json").stdout)
    assert film_id in {r["id"] for r in rows}


def test_won_and_nominated(cli: Cli) -> None:
    won = _json(cli("films", "-a", "oscar", "--won", "-f", "json").stdout)
    nominated = _json(cli("films", "-a", "oscar", "--nominated", "-f", "json").stdout)
    assert [r["id"] for r in won] == ["the-english-patient"]
    assert [r["id"] for r in nominated] == ["chocolat"]
    assert cli("films", "--won", "--nominated").exit_code == 2


def test_costar(cli: Cli) -> None:
    rows = _json(cli("films", "--with", "magimel", "-f", "json").stdout)
    assert {"children-of-the-century", "the-taste-of-things"} <= {r["id"] for r in rows}


def test_kind_and_bad_kind(cli: Cli) -> None:
    rows = _json(cli("films", "--kind", "documentary", "-f", "json").stdout)
    assert rows and all(r["kind"] == "documentary" for r in rows)
    assert cli("films", "--kind", "opera").exit_code == 2


def test_search_option_matches_aka(cli: Cli) -> None:
    rows = _json(cli("films", "-s", "bleu", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["three-colours-blue"]


def test_sort_reverse_limit(cli: Cli) -> None:
    rows = _json(cli("films", "--sort", "year", "--reverse", "--limit", "3", "-f", "json").stdout)
    years = [r["year"] for r in rows]
    assert len(rows) == 3 and years == sorted(years, reverse=True)
    titles = [r["title"] for r in _json(cli("films", "--sort", "title", "-f", "json").stdout)]
    # Leading articles are ignored: The English Patient files under E.
    assert titles.index("Damage") < titles.index("The English Patient") < titles.index("Godzilla")
    top = _json(cli("films", "--sort", "awards", "-n", "1", "-f", "json").stdout)
    assert top[0]["id"] == "the-english-patient"
    assert cli("films", "--sort", "colour").exit_code == 2


def test_nothing_matches_exit_1(cli: Cli) -> None:
    result = cli("films", "--decade", "1980s", "-d", "kiarostami")
    assert result.exit_code == 1 and result.stdout == ""
    assert "no work matches all of these filters" in result.stderr
    as_json = cli("films", "--decade", "1980s", "-d", "kiarostami", "-f", "json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout) == []


@pytest.mark.parametrize(
    "query", ["three colors blue", "Three Colours: Blue", "bleu", "three-colours-blue", "TROIS COULEURS BLEU"]
)
def test_film_card_matches_any_title(cli: Cli, query: str) -> None:
    result = cli("film", query, "-f", "json")
    assert result.exit_code == 0, result.stderr
    record = _json(result.stdout)
    assert record["id"] == "three-colours-blue"
    assert any(a["body"] == "Venice Film Festival" and a["result"] == "won" for a in record["awards"])


def test_film_ambiguous_lists_candidates(cli: Cli) -> None:
    result = cli("film", "three colours")
    assert result.exit_code == 4 and result.stdout == ""
    assert "three-colours-blue" in result.stderr and "three-colours-red" in result.stderr


def test_film_unknown_suggests(cli: Cli) -> None:
    result = cli("film", "the english pateint")
    assert result.exit_code == 1
    assert "The English Patient" in result.stderr


def test_film_card_plain_has_every_field(cli: Cli) -> None:
    out = cli("film", "damage", "-f", "plain").stdout
    keys = {line.split("\t")[0] for line in out.splitlines()}
    assert {"title", "year", "directors", "role", "sources", "id"} <= keys


def test_directors_aggregate(cli: Cli, behaviour: Catalog) -> None:
    rows = _json(cli("directors", "--min", "2", "-f", "json").stdout)
    assert rows and all(r["films"] >= 2 for r in rows)
    counts = [r["films"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    kieslowski = next(r for r in rows if r["director"] == "Krzysztof Kieślowski")
    assert kieslowski["films"] == sum("Krzysztof Kieślowski" in f.directors for f in behaviour.films)
    assert kieslowski["first_year"] == 1993 and kieslowski["wins"] >= 2


def test_awards_filters(cli: Cli, behaviour: Catalog) -> None:
    rows = _json(cli("awards", "--won", "-f", "json").stdout)
    assert len(rows) == sum(a.won for a in behaviour.awards)
    cesar = _json(cli("awards", "--body", "cesar", "--decade", "1990s", "-f", "json").stdout)
    assert cesar and all(r["body"] == "César Awards" and 1990 <= r["year"] <= 1999 for r in cesar)
    patient = _json(cli("awards", "--film", "english patient", "-f", "json").stdout)
    assert {r["work"] for r in patient} == {"the-english-patient"}


def test_awards_won_cut_f2_is_the_body(cli: Cli) -> None:
    out = cli("awards", "--won", "-f", "plain").stdout
    bodies = {line.split("\t")[1] for line in out.splitlines()}
    assert "Venice Film Festival" in bodies and "Academy Awards" in bodies


def test_search_everything(cli: Cli) -> None:
    rows = _json(cli("search", "magimel", "-f", "json").stdout)
    assert {r["field"] for r in rows} == {"costar"}
    assert {"The Taste of Things", "Children of the Century"} <= {r["title"] for r in rows}
    assert cli("search", "zzzzqqq").exit_code == 1


# ---- formats ----------------------------------------------------------------------------


def test_default_off_terminal_is_plain(cli: Cli) -> None:
    out = cli("director", "kieslowski").stdout
    assert out.splitlines()[0].split("\t")[:2] == ["1993", "Three Colours: Blue"]
    assert "\x1b[" not in out


def test_csv_round_trip(cli: Cli) -> None:
    out = cli("films", "-f", "csv", "--fields", "year,title,directors").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(rows[0]) == {"year", "title", "directors"}
    blue = next(r for r in rows if r["title"] == "Three Colours: Blue")
    assert blue["directors"] == "Krzysztof Kieślowski"


def test_tsv_header_and_no_header(cli: Cli) -> None:
    with_header = cli("films", "-f", "tsv", "--fields", "year,title").stdout.splitlines()
    without = cli("films", "-f", "tsv", "--fields", "year,title", "--no-header").stdout.splitlines()
    assert with_header[0] == "year\ttitle" and with_header[1:] == without


def test_jsonl_one_object_per_line(cli: Cli) -> None:
    lines = cli("decade", "2020s", "-f", "jsonl").stdout.splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects and all(2020 <= o["year"] <= 2029 for o in objects)


def test_json_keys_are_stable(cli: Cli) -> None:
    rows = _json(cli("films", "-f", "json").stdout)
    expected = {
        "id",
        "year",
        "title",
        "original_title",
        "aka",
        "kind",
        "status",
        "directors",
        "role",
        "languages",
        "countries",
        "costars",
        "credit",
        "runtime",
        "awards",
        "notes",
        "imdb",
        "wikidata",
        "tmdb",
        "letterboxd",
        "confidence",
        "confidence_reason",
        "sources",
    }
    assert all(set(r) == expected for r in rows)
    assert all(isinstance(r["year"], int) and isinstance(r["directors"], list) for r in rows)


def test_fields_pick_and_order(cli: Cli) -> None:
    rows = _json(cli("films", "--fields", "title,year", "-n", "1", "-f", "json").stdout)
    assert list(rows[0]) == ["title", "year"]
    bad = cli("films", "--fields", "title,colour")
    assert bad.exit_code == 2 and "valid fields" in bad.stderr


def test_markdown_table(cli: Cli) -> None:
    lines = cli("director", "haneke", "-f", "markdown", "--fields", "year,title").stdout.splitlines()
    assert lines[0] == "| year | title |" and lines[1] == "|---|---|"
    assert "| 2005 | Caché |" in lines


def test_table_format_with_forced_colour(cli: Cli) -> None:
    out = cli("--color", "always", "director", "kieslowski", "-f", "table").stdout
    assert "\x1b[" in out and "Three Colours" in out
    plain = cli("--color", "never", "director", "kieslowski", "-f", "table").stdout
    assert "\x1b[" not in plain and "Three Colours" in plain


def test_unknown_format_is_usage_error(cli: Cli) -> None:
    result = cli("films", "-f", "xml")
    assert result.exit_code == 2 and "xml" in result.stderr and result.stdout == ""


def test_other_dataset_via_option(cli: Cli) -> None:
    result = cli("--data", str(SMALL), "director", "zulawski", "-f", "json")
    assert result.exit_code == 0
    assert [r["id"] for r in _json(result.stdout)] == ["second-film"]


@pytest.mark.parametrize(
    ("query", "film_id"), [("red", "three-colours-red"), ("white", "three-colours-white")]
)
def test_film_part_after_colon_wins(cli: Cli, query: str, film_id: str) -> None:
    assert _json(cli("film", query, "-f", "json").stdout)["id"] == film_id


def test_award_misspelling_suggests_common_name(cli: Cli) -> None:
    result = cli("award", "oskar")
    assert result.exit_code == 1 and "did you mean oscar" in result.stderr


def test_plural_award_names(cli: Cli) -> None:
    rows = _json(cli("award", "golden globes", "-f", "json").stdout)
    assert {r["id"] for r in rows} == {"three-colours-blue", "the-english-patient", "chocolat"}
