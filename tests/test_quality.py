"""The CI gate runs from the one test command: lint, format and strict typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT

CHECKS = {
    "ruff-check": ["ruff", "check", "binoche_cli", "tests", "tools"],
    "ruff-format": ["ruff", "format", "--check", "binoche_cli", "tests", "tools"],
    "mypy-strict": ["mypy", "--strict", "binoche_cli"],
    # Apart from the package: `tests` has no __init__.py, so its files are mapped from the root.
    "mypy-strict-tests": ["mypy", "--strict", "--explicit-package-bases", "tests"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_quality_gate(name: str) -> None:
    result = subprocess.run([sys.executable, "-m", *CHECKS[name]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
