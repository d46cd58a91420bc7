"""Shared fixtures. Colour and width variables are scrubbed before the app is imported, so
every test starts from a plain, predictable terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

for _name in (
    "FORCE_COLOR",
    "PY_COLORS",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "GITHUB_ACTIONS",
    "NO_COLOR",
    "COLUMNS",
    "LINES",
    "BINOCHE_DATA",
    "BINOCHE_HOME",
    "BINOCHE_CACHE_DIR",
    "BINOCHE_NO_CACHE",
    "TERM",
):
    os.environ.pop(_name, None)

import pytest  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from binoche_cli.catalog import Catalog, bundled_path, load  # noqa: E402
from binoche_cli.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real watch list or cache."""
    monkeypatch.setenv("BINOCHE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BINOCHE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load(bundled_path())


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture
def cli(runner: CliRunner) -> Iterator[object]:
    """Invoke the app like a user would; stdout and stderr are kept apart."""

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    yield invoke


def run_binoche(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process (python -m binoche_cli)."""
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
