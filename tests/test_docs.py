"""The README cannot drift from the app: its command reference is the generated one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from binoche_cli.reference import END, START, command_paths, render_reference
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_reference_is_current() -> None:
    start, end = README.index(START), README.index(END) + len(END)
    assert README[start:end] == render_reference(), (
        "run: python -m binoche_cli.reference, paste into README.md"
    )


def test_every_command_is_documented() -> None:
    documented = set(re.findall(r"^### `(binoche [^`]+)`", README, flags=re.M))
    assert documented == set(command_paths())


def test_every_command_help_has_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    for path in command_paths():
        result = cli(*path.split()[1:], "--help")
        assert result.exit_code == 0, path
        assert "Example" in result.stdout, path


def test_exit_codes_documented() -> None:
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^\| `?{code}`? \|", README, flags=re.M), code


# ---- the tour shows real output ---------------------------------------------------------

TOUR_START = "```console\n"


def _tour_blocks() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each `$ ` line of the README's tour."""
    start = README.index(TOUR_START) + len(TOUR_START)
    body = README[start : README.index("\n```", start)]
    blocks: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            blocks.append((line[2:], []))
        elif blocks:
            blocks[-1][1].append(line)
    return [(command, _trim(lines)) for command, lines in blocks]


def _trim(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def run_tour_command(command: str, tmp_path: Path) -> list[str]:
    shim = tmp_path / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "binoche").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m binoche_cli "$@"\n')
    (shim / "binoche").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "90",
        "BINOCHE_HOME": str(tmp_path / "home"),
        "BINOCHE_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=60)
    return _trim((result.stderr + result.stdout).splitlines())


@pytest.mark.parametrize(("command", "expected"), _tour_blocks(), ids=[c for c, _ in _tour_blocks()])
def test_tour_is_real_output(command: str, expected: list[str], tmp_path: Path) -> None:
    assert run_tour_command(command, tmp_path) == expected
