"""Shared test helpers: paths, the result of one CLI run, and ways to read its output.

Fixtures live in conftest.py; these are plain functions and types, imported by the tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A frozen copy of part of the real data: behaviour tests run on it, so a film added to
# data/binoche.toml cannot change what they see. Facts of the bundled file: tests/test_data.py.
BEHAVIOUR = FIXTURES / "behaviour.toml"
# Two films and one award, for tests that need a dataset other than the usual one.
SMALL = FIXTURES / "small.toml"


@dataclass(frozen=True)
class Result:
    """One CliRunner invocation: the exit code and the two streams, kept apart."""

    exit_code: int
    stdout: str
    stderr: str


class Cli(Protocol):
    """The `cli` fixture: `cli("films", "-f", "json")` runs the app in-process."""

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result: ...


def run_binoche(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (python -m binoche_cli)."""
    # No PYTHONUNBUFFERED: block buffering is what exposes a late flush into a closed pipe.
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "binoche_cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        input=input,
        encoding="utf-8",
        errors="replace",
    )


def parse_json(text: str) -> Any:
    """The JSON a command wrote; fails the test with the text when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:  # pragma: no cover - the message is the point
        raise AssertionError(f"not JSON ({error}): {text[:500]!r}") from error


def json_rows(text: str) -> list[dict[str, Any]]:
    """A JSON list of records."""
    rows = parse_json(text)
    assert isinstance(rows, list), f"expected a JSON list, got {type(rows).__name__}"
    assert all(isinstance(r, dict) for r in rows)
    return rows


def json_ids(text: str) -> list[str]:
    """The `id` of each record in a JSON list, in order."""
    return [str(r["id"]) for r in json_rows(text)]
