"""The README cannot drift from the app: its command reference is the generated one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from binoche_cli.about.walk import command_paths
from tests.helpers import ROOT, Cli
from tools.reference import END, START, render_reference, run_tour_command, tour_blocks

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_reference_is_current() -> None:
    start, end = README.index(START), README.index(END) + len(END)
    assert README[start:end] == render_reference(), "run: python -m tools.reference --write README.md"


def test_every_command_is_documented() -> None:
    documented = set(re.findall(r"^### `(binoche [^`]+)`", README, flags=re.M))
    assert documented == set(command_paths())


def test_every_command_help_has_an_example(cli: Cli) -> None:
    for path in command_paths():
        result = cli(*path.split()[1:], "--help")
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


def test_exit_codes_documented() -> None:
    for code in ("0", "1", "2", "3", "4", "5", "130"):
        assert re.search(rf"^\| `?{code}`? \|", README, flags=re.M), code


# ---- the tour shows real output ---------------------------------------------------------

TOUR = tour_blocks(README)


@pytest.mark.parametrize(("command", "expected"), TOUR, ids=[c for c, _ in TOUR])
def test_tour_is_real_output(command: str, expected: list[str], tmp_path: Path) -> None:
    assert run_tour_command(command, tmp_path) == expected
