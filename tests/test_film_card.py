"""`binoche film --fields` (issue 23: every listing takes the same options): only the keys
asked for, in every format, through the lane and through Typer alike."""

from __future__ import annotations

import json

import pytest

from tests.helpers import Cli

pytestmark = pytest.mark.usefixtures("behaviour_data")


def test_fields_in_json_keep_only_those_keys(cli: Cli) -> None:
    result = cli("film", "damage", "--fields", "imdb,year", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"imdb": "tt0104237", "year": 1992}


@pytest.mark.parametrize("fmt", ["plain", "tsv", "csv"])
def test_fields_in_line_formats_are_one_row(cli: Cli, fmt: str) -> None:
    result = cli("film", "damage", "--fields", "year,title", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    sep = "," if fmt == "csv" else "\t"
    assert result.stdout.splitlines()[-1] == f"1992{sep}Damage"


def test_unknown_field_is_a_usage_error(cli: Cli) -> None:
    result = cli("film", "damage", "--fields", "colour")
    assert result.exit_code == 2
    assert "unknown field 'colour'" in result.stderr


def test_without_fields_the_card_is_unchanged(cli: Cli) -> None:
    result = cli("film", "damage", "-f", "plain")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "title\tDamage"
