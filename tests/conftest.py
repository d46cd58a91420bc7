"""Shared fixtures. Colour and width variables are scrubbed before the app is imported, so
every test starts from a plain, predictable terminal. Helpers and types: tests/helpers.py."""

from __future__ import annotations

import os
import sys
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

from binoche_cli.cli.application import app  # noqa: E402, F401 (every command registered)
from binoche_cli.cli.entry import main  # noqa: E402
from binoche_cli.dataset.catalog import Catalog, bundled_path, load  # noqa: E402
from tests.helpers import BEHAVIOUR, FIXTURES, ROOT, SMALL, Cli, Result, run_binoche  # noqa: E402

# Re-exported for the test files that import them from here.
__all__ = ["BEHAVIOUR", "FIXTURES", "ROOT", "SMALL", "Result", "run_binoche"]


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real watch list or cache."""
    monkeypatch.setenv("BINOCHE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BINOCHE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled dataset: for tests about the data itself (tests/test_data.py)."""
    return load(bundled_path())


@pytest.fixture(scope="session")
def behaviour() -> Catalog:
    """The frozen behaviour dataset, the one `behaviour_data` points the CLI at."""
    return load(BEHAVIOUR)


@pytest.fixture
def behaviour_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every run (in-process and child processes) at the behaviour dataset. Modules opt
    in with `pytestmark = pytest.mark.usefixtures("behaviour_data")`."""
    monkeypatch.setenv("BINOCHE_DATA", str(BEHAVIOUR))
    return BEHAVIOUR


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner) -> Cli:
    """Invoke the app like a user would; stdout and stderr are kept apart."""

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        # Through the console script's own `main(argv)` (its argument pre-processing and the
        # fast lane included), inside CliRunner's isolated streams and environment.
        with runner.isolation(input=input, env=env) as (stdout, stderr, _):
            code = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            out, err = stdout.getvalue(), stderr.getvalue()
        return Result(code, _text(out, runner.charset), _text(err, runner.charset))

    return invoke


def _text(data: bytes, charset: str) -> str:
    """As CliRunner's Result reads its streams."""
    return data.decode(charset, "replace").replace("\r\n", "\n")
