"""The CI gate runs from the one test command: lint, format and strict typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKS = {
    "ruff-check": ["ruff", "check", "binoche_cli", "tests", "bench"],
    "ruff-format": ["ruff", "format", "--check", "binoche_cli", "tests", "bench"],
    "mypy-strict": ["mypy", "--strict", "binoche_cli"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_quality_gate(name: str) -> None:
    result = subprocess.run([sys.executable, "-m", *CHECKS[name]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
