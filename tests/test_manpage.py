"""Man pages: generated from the commands' help, committed in man/man1, never stale."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from binoche_cli.about.manpage import _roff_text, _split_help, all_pages, page_name
from binoche_cli.about.walk import command_paths
from binoche_cli.cli.app import ExitCode
from tests.helpers import ROOT, Cli, run_binoche

MAN_DIR = ROOT / "man" / "man1"
REGENERATE = "run: python -m binoche_cli.about.manpage man/man1"
PAGES = all_pages()
# The requests and macros the generator writes; anything else at a line start is data.
REQUESTS = {".TH", ".SH", ".TP", ".PP", ".B", ".nf", ".fi", ".RS", ".RE", '.\\"'}


def test_committed_pages_are_current() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in MAN_DIR.glob("*.1")}
    assert set(committed) == set(PAGES), REGENERATE
    stale = [name for name, text in PAGES.items() if committed[name] != text]
    assert not stale, f"{REGENERATE} (stale: {', '.join(stale)})"


def test_one_page_per_command() -> None:
    expected = {"binoche.1"} | {f"{page_name(p)}.1" for p in command_paths()}
    assert set(PAGES) == expected


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_structure(name: str) -> None:
    text = PAGES[name]
    title = name.removesuffix(".1").upper()
    assert f'.TH "{title}" 1 ' in text
    sections = re.findall(r"^\.SH (.+)$", text, flags=re.M)
    assert sections[:3] == ["NAME", "SYNOPSIS", "DESCRIPTION"]
    assert {"OPTIONS", "EXAMPLES", "EXIT STATUS", "SEE ALSO"} <= set(sections)
    assert text.isascii()
    for line in text.splitlines():
        if line[:1] in (".", "'"):
            assert line.split(" ")[0] in REQUESTS, line


def test_options_and_examples_come_from_help() -> None:
    import typer

    from binoche_cli.cli.application import app

    root: Any = typer.main.get_command(app)
    costars = root.commands["costars"]
    page = PAGES["binoche-costars.1"]
    assert ".TP\n\\fB\\-\\-min\\fR \\fIN\\fR\nOnly people with at least N works together." in page
    _, _, examples = _split_help(costars)
    assert examples and all(_roff_text(e, code=True) in page for e in examples)
    assert "binoche costars \\-\\-min 2" in page


def test_exit_status_lists_every_code() -> None:
    page = PAGES["binoche.1"]
    for code in ExitCode:
        assert f".TP\n\\fB{int(code)}\\fR\n" in page
    assert "binoche\\-together" in page and "binoche\\-seen\\-list" in page


def test_roff_escaping() -> None:
    assert _roff_text(".TH evil") == "\\&.TH evil"
    assert _roff_text("'also") == "\\&'also"
    assert _roff_text("two\n.SH lines") == "two\\[u240A].SH lines"
    assert _roff_text("a\\b") == "a\\eb"
    assert _roff_text("Kieślowski") == "Kie\\[u015B]lowski"
    assert _roff_text("--with", code=True) == "\\-\\-with"
    assert "\x1b" not in _roff_text("bell\x07 esc\x1b")


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
@pytest.mark.parametrize(
    "name", ["binoche.1", "binoche-costars.1", "binoche-timeline.1", "binoche-seen-list.1"]
)
def test_groff_reads_pages_without_warnings(name: str) -> None:
    done = subprocess.run(
        ["groff", "-man", "-ww", "-Tutf8"], input=PAGES[name], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "EXIT STATUS" in re.sub(".\b", "", done.stdout)  # without the overstrike bold


def test_man_command_prints_roff_in_a_pipe(cli: Cli) -> None:
    result = cli("man")
    assert result.exit_code == 0 and result.stdout == PAGES["binoche.1"]
    assert cli("man", "seen", "list").stdout == PAGES["binoche-seen-list.1"]
    assert cli("man", "seen list").stdout == PAGES["binoche-seen-list.1"]
    unknown = cli("man", "nope")
    assert unknown.exit_code == 2 and unknown.stdout == "" and "no command 'nope'" in unknown.stderr


def test_man_in_a_real_pipe() -> None:
    done = run_binoche("man", "together")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == PAGES["binoche-together.1"]


def test_regeneration_command(tmp_path: Path) -> None:
    (tmp_path / "binoche-gone.1").write_text("stale")
    (tmp_path / "other.1").write_text("not ours")
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "binoche_cli.about.manpage", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert names == set(PAGES) | {"other.1"}
