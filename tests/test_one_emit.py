"""Every command's output goes through the one emit path (issue 19): `--titles` and the
unreleased marker reach `costars` as they reach `films`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.helpers import Cli


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    extra = """
[[film]]
id = "third-film"
title = "Third Film"
original_title = "Troisième film"
year = 2020
kind = "feature"
status = "completed"
directors = ["Ann Example"]
role = "Lead"
costars = ["Bob Costar"]
sources = ["https://example.org/third"]
"""
    path = tmp_path / "data.toml"
    text = SMALL.read_text(encoding="utf-8")
    head, _, awards = text.partition("[[award]]")
    path.write_text(head + extra + "\n[[award]]" + awards, encoding="utf-8")
    return path


def test_costars_follow_titles_original(cli: Cli, dataset: Path) -> None:
    result = cli("--data", str(dataset), "costars", "--titles", "original", "-f", "plain")
    assert result.exit_code == 0, result.stderr
    assert "Troisième film" in result.stdout
    assert "Third Film" not in result.stdout


def test_costars_table_marks_unreleased_works(cli: Cli, dataset: Path) -> None:
    table = cli("--data", str(dataset), "costars", "-f", "table")
    assert table.exit_code == 0, table.stderr
    assert "Third Film (completed)" in table.stdout
    plain = cli("--data", str(dataset), "costars", "-f", "plain")
    assert "(completed)" not in plain.stdout, "data formats keep the bare title"
