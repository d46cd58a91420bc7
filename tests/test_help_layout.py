"""The root help as a newcomer reads it (issue 23): grouped commands, whole summaries, the exit
codes wrapped; and messages that blame the right thing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

import pytest
import typer

from binoche_cli.cli.application import app
from binoche_cli.cli.help_layout import COMMAND_GROUPS
from tests.helpers import Cli, run_binoche

pytestmark = pytest.mark.usefixtures("behaviour_data")


def _help(columns: int) -> str:
    done = run_binoche("--help", env={"COLUMNS": str(columns)})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_command_is_in_a_group_once() -> None:
    grouped = [name for _, rows in COMMAND_GROUPS for name, _ in rows]
    root: Any = typer.main.get_command(app)
    registered = set(root.commands)
    assert sorted(grouped) == sorted(registered)


@pytest.mark.parametrize("columns", [80, 200])
def test_root_help_groups_and_summaries_fit(columns: int) -> None:
    text = _help(columns)
    assert "..." not in text[text.index("\nLook up films:") :]  # the usage line has its own
    assert all(len(line) <= max(columns, 80) for line in text.splitlines())
    titles = [title for title, _ in COMMAND_GROUPS]
    positions = [text.index(f"\n{title}:\n") for title in titles]
    assert positions == sorted(positions)
    for _, rows in COMMAND_GROUPS:
        for name, summary in rows:
            assert f"  {name}" in text and summary in text, name


def test_exit_codes_are_wrapped_not_cut() -> None:
    text = _help(80)
    start = text.index("Exit codes:")
    paragraph = text[start : text.index("\n\n", start)]
    assert "130 interrupted." in paragraph
    assert all(len(line) <= 80 for line in paragraph.splitlines())
    assert "viewing log" in paragraph and "watch list" not in text


@pytest.mark.parametrize("group", ["seen", "data"])
def test_sub_group_summaries_are_whole_sentences(group: str) -> None:
    done = run_binoche(group, "--help", env={"COLUMNS": "80"})
    commands = done.stdout[done.stdout.index("Commands:") :]
    assert "..." not in commands
    for line in commands.splitlines()[1:]:
        assert line.rstrip().endswith((".", ")")), line  # one line each, not wrapped


@pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")
def test_root_help_in_a_real_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command = f"stty cols 80; {sys.executable} -m binoche_cli --help"
    done = subprocess.run(["script", "-qc", command, "/dev/null"], capture_output=True, text=True, env=env)
    assert "..." not in done.stdout[done.stdout.index("Look up films:") :]


def test_bad_titles_option_blames_the_option(cli: Cli) -> None:
    for args in (("--titles", "french", "films"), ("films", "--titles", "french")):
        result = cli(*args, env={"BINOCHE_TITLES": ""})
        assert result.exit_code == 2
        assert "'--titles'" in result.stderr and "BINOCHE_TITLES" not in result.stderr, args


def test_bad_titles_variable_blames_the_variable_only_when_it_is_the_source(cli: Cli) -> None:
    bad = cli("films", env={"BINOCHE_TITLES": "french"})
    assert bad.exit_code == 2 and "BINOCHE_TITLES" in bad.stderr
    overridden = cli("--titles", "original", "films", env={"BINOCHE_TITLES": "french"})
    assert overridden.exit_code == 0, overridden.stderr


def test_seen_unseen_help_says_viewing_log(cli: Cli) -> None:
    text = cli("films", "--help").stdout
    assert "viewing log" in text and "watch list" not in text
