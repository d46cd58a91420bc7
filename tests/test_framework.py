"""What cli/framework.py relies on in Typer, each checked by behaviour: a Typer release that
changes one underneath fails here, by name."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
import typer

from binoche_cli.cli import framework
from binoche_cli.cli.application import app
from tests.helpers import Cli


def test_a_bare_group_raises_the_no_args_help_error() -> None:
    with pytest.raises(typer.TyperException) as raised:
        typer.main.get_command(app).main(args=[], prog_name="binoche", standalone_mode=False)
    assert framework.is_help_for_no_args(raised.value)
    error: Any = raised.value
    assert "Usage: binoche" in error.ctx.get_help()


def test_a_usage_error_is_not_taken_for_help() -> None:
    with pytest.raises(typer.TyperException) as raised:
        typer.main.get_command(app).main(args=["--bogus"], prog_name="binoche", standalone_mode=False)
    assert not framework.is_help_for_no_args(raised.value)


def test_a_named_shell_beats_detection_and_the_environment_is_restored(cli: Cli) -> None:
    assert "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION" not in os.environ
    result = cli("--show-completion", "fish", env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0 and "complete --command binoche" in result.stdout
    assert "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION" not in os.environ


def test_a_narrowed_app_builds_only_its_command() -> None:
    films = [c for c in app.registered_commands if framework.command_name(c) == "films"]
    narrowed = framework.narrowed(app, films, [])
    group: Any = typer.main.get_command(narrowed)
    whole: Any = typer.main.get_command(app)
    assert list(group.commands) == ["films"]
    assert len(whole.commands) > 10


def test_command_names_are_typers() -> None:
    names = {framework.command_name(c) for c in app.registered_commands}
    assert {"films", "open", "next"} <= names and "open_page" not in names


@pytest.mark.parametrize(
    "words", ["binoche director kieś", "binoche films --director kieś", "binoche films -d kieś"]
)
def test_completion_is_unfiltered(words: str) -> None:
    """Typer would drop "Krzysztof Kieślowski" for `kieś`; the replaced shell_complete keeps it,
    for an argument and for an option the filter decorator gives a command."""
    env = {
        **os.environ,
        "_BINOCHE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = subprocess.run(
        [sys.executable, "-m", "binoche_cli"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Kieślowski" in result.stdout, result.stderr
