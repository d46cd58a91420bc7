"""Shell completion as each shell asks for it, and the scripts that ask (issue 23).

Candidates are requested the way the installed scripts request them: bash with COMP_WORDS and
COMP_CWORD, our zsh script in bash's protocol with _BINOCHE_COMPLETE_SHELL=zsh, fish with
_TYPER_COMPLETE_ARGS. When zsh or fish is installed, a real shell completes too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Cli, run_binoche

pytestmark = pytest.mark.usefixtures("behaviour_data")

SHELLS = "bash, zsh, fish, powershell, pwsh"


def _bash(words: str, cword: int | str | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"_BINOCHE_COMPLETE": "complete_bash", "COMP_WORDS": words, **extra}
    if cword is not None:
        env["COMP_CWORD"] = str(cword)
    return run_binoche(env=env)


# ---- installing and showing the scripts --------------------------------------------------


@pytest.mark.parametrize("args", [["--install-completion", "tcsh"], ["--install-completion=made-up"]])
def test_an_unknown_shell_is_a_usage_error_and_nothing_is_written(
    cli: Cli, tmp_path: Path, args: list[str]
) -> None:
    result = cli(*args, env={"HOME": str(tmp_path)})
    assert result.exit_code == 2
    assert f"supported: {SHELLS}" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell", ["powershell", "pwsh"])
def test_powershell_without_powershell_says_what_to_do(cli: Cli, tmp_path: Path, shell: str) -> None:
    result = cli("--install-completion", shell, env={"HOME": str(tmp_path), "PATH": str(tmp_path)})
    assert result.exit_code == 2, result.stderr
    assert f"binoche --show-completion {shell}" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_powershell_script_is_shown(cli: Cli) -> None:
    result = cli("--show-completion", "pwsh")
    assert result.exit_code == 0 and "Register-ArgumentCompleter" in result.stdout


def test_install_zsh_and_fish_write_their_files(cli: Cli, tmp_path: Path) -> None:
    zsh = cli("--install-completion", "zsh", env={"HOME": str(tmp_path)})
    assert zsh.exit_code == 0, zsh.stderr
    assert (tmp_path / ".zfunc" / "_binoche").read_text().startswith("#compdef binoche")
    assert "fpath+=~/.zfunc" in (tmp_path / ".zshrc").read_text()
    again = cli("--install-completion", "zsh", env={"HOME": str(tmp_path)})
    assert again.exit_code == 0 and (tmp_path / ".zshrc").read_text().count("fpath+=~/.zfunc") == 1
    fish = cli("--install-completion=fish", env={"HOME": str(tmp_path)})
    assert fish.exit_code == 0 and (tmp_path / ".config/fish/completions/binoche.fish").is_file()


def test_the_zsh_script_completes_on_its_first_tab_and_without_a_prefix_filter(cli: Cli) -> None:
    script = cli("--show-completion", "zsh").stdout
    assert "compadd -U" in script, "zsh's prefix filter would drop Kieślowski for kies"
    assert "loadautofunc" in script, "autoloaded from fpath, the first Tab must complete"
    assert "_BINOCHE_COMPLETE_SHELL=zsh" in script


# ---- what each shell is offered ----------------------------------------------------------


def test_a_malformed_comp_cword_is_no_traceback() -> None:
    for env in (
        {"COMP_CWORD": "x"},
        {"COMP_CWORD": "x", "COMP_WORDS": "binoche dir"},
        {"COMP_CWORD": "9" * 5000},
    ):
        done = run_binoche(env={"_BINOCHE_COMPLETE": "complete_bash", **env})
        assert done.returncode == 0 and "Traceback" not in done.stderr, (env, done.stderr)
    assert _bash("binoche director kies", "x").stdout == "Krzysztof\\ Kieślowski\n"


def test_bash_zsh_and_fish_each_get_kieslowski_for_kies() -> None:
    assert _bash("binoche director kies", 2).stdout == "Krzysztof\\ Kieślowski\n"
    zsh = _bash("binoche director kies", 2, _BINOCHE_COMPLETE_SHELL="zsh")
    assert zsh.stdout == "Krzysztof Kieślowski\n", "zsh quotes it itself"
    fish = run_binoche(
        env={
            "_BINOCHE_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "binoche director kies",
        }
    )
    # fish keeps only candidates holding the typed text: the name without its accents.
    assert fish.stdout.strip() == "Krzysztof Kieslowski"
    fish_accented = run_binoche(
        env={
            "_BINOCHE_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "binoche director kieś",
        }
    )
    assert fish_accented.stdout.strip() == "Krzysztof Kieślowski"


@pytest.mark.parametrize(
    ("words", "cword", "offered"),
    [
        ("binoche help ex", 2, ["exit-codes"]),
        (
            "binoche help seen ",
            3,
            ["add", "backup", "export", "import", "list", "path", "remove", "restore", "stats"],
        ),
        ("binoche schema seen ", 3, ["list", "stats"]),
        ("binoche schema da", 2, ["data"]),
        ("binoche --titles ", 2, ["english", "original", "both"]),
        ("binoche films --titles o", 3, ["original"]),
        ("binoche seen export -f l", 4, ["letterboxd"]),
        ("binoche graph -f ", 3, ["dot", "mermaid", "json", "graphml"]),
        ("binoche seen list --fields ra", 4, ["rating"]),
    ],
)
def test_values_are_offered(words: str, cword: int, offered: list[str]) -> None:
    done = _bash(words, cword)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:-1] == offered


# ---- a real shell, when there is one -------------------------------------------------------


def _fake_home_with_binoche(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "binoche"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m binoche_cli "$@"\n')
    program.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_offers_kieslowski_for_kies(tmp_path: Path) -> None:
    env = _fake_home_with_binoche(tmp_path)
    subprocess.run(["binoche", "--install-completion", "fish"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        ["fish", "-c", "complete -C 'binoche director kies'"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "Krzysztof Kieslowski", done.stderr


_ZPTY = r"""
zmodload zsh/zpty
zpty -b z 'TERM=dumb zsh -i'
sleep 2
zpty -n -w z $'binoche director kies\t'
sleep 6
zpty -n -w z $'\x01echo LINE:\x05\n'
sleep 2
local all="" chunk
while zpty -r -t z chunk; do all+=$chunk; done
print -r -- "$all" | tr -d '\r' | grep -a '^LINE:' | tail -1
zpty -d z
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_first_tab_in_a_new_shell_completes_accent_blind(tmp_path: Path) -> None:
    env = _fake_home_with_binoche(tmp_path)
    subprocess.run(["binoche", "--install-completion", "zsh"], env=env, check=True, capture_output=True)
    done = subprocess.run(["zsh", "-f", "-c", _ZPTY], env=env, capture_output=True, text=True, timeout=120)
    assert "LINE:binoche director Krzysztof Kieślowski" in done.stdout, done.stdout + done.stderr
