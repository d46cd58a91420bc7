"""A credit resting on one source says so (issue 21): `confidence` and its reason, in the film
card and the JSON, and the validator keeps the two together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.helpers import Cli

REASON = "Her part rests on a single listing."


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    path = tmp_path / "marked.toml"
    text = SMALL.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'role = "Herself"', f'role = "Herself"\nconfidence = "low"\nconfidence_reason = "{REASON}"', 1
        ),
        encoding="utf-8",
    )
    return path


def test_json_carries_confidence_and_reason(cli: Cli, marked: Path) -> None:
    result = cli("--data", str(marked), "films", "-f", "json")
    assert result.exit_code == 0, result.stderr
    by_id = {r["id"]: r for r in json.loads(result.stdout)}
    assert (by_id["second-film"]["confidence"], by_id["second-film"]["confidence_reason"]) == ("low", REASON)
    assert (by_id["first-film"]["confidence"], by_id["first-film"]["confidence_reason"]) == (None, None)


def test_card_shows_the_reason(cli: Cli, marked: Path) -> None:
    card = cli("--data", str(marked), "film", "second film", "-f", "plain")
    assert card.exit_code == 0, card.stderr
    assert f"confidence\tlow: {REASON}" in card.stdout
    other = cli("--data", str(marked), "film", "first film", "-f", "plain")
    assert "confidence" not in other.stdout


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ('confidence = "low"', "confidence and confidence_reason go together"),
        ('confidence = "high"\nconfidence_reason = "x"', "is not one of: low"),
    ],
)
def test_validator_checks_confidence(cli: Cli, tmp_path: Path, lines: str, problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        SMALL.read_text(encoding="utf-8").replace('role = "Herself"', f'role = "Herself"\n{lines}', 1)
    )
    result = cli("data", "validate", str(path))
    assert result.exit_code == 3
    assert "film[1].confidence" in result.stdout + result.stderr
    assert problem in result.stdout + result.stderr
