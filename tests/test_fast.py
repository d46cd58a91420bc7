"""The fast lane (cli/fast/) answers exactly as the Typer app would, or not at all.

The differential test draws command lines from a grammar of the commands, their declared
options and values (valid, misspelled, ambiguous, unicode, empty, repeated, root options before
and after the command) and runs each through `entry.main` twice, with the lane and without
(BINOCHE_FAST=0): stdout, stderr and exit code must be identical. The seed is fixed; the
everyday count is small, BINOCHE_FUZZ_LARGE=1 runs thousands.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
import typer

from binoche_cli.cli import fast
from binoche_cli.cli.application import app
from binoche_cli.cli.declarations import FILTERS, ROOT, every_option
from binoche_cli.cli.fast import lane
from tests.helpers import BEHAVIOUR, SMALL, Cli, Result

pytestmark = pytest.mark.usefixtures("behaviour_data")

COUNT = 4000 if os.environ.get("BINOCHE_FUZZ_LARGE") == "1" else 300
SEED = 20

# Values per declared option: good ones, near misses, empty, unicode, a leading dash.
VALUES: dict[str, list[str]] = {
    "decade": ["1990s", "90s", "'90s", "2000", "1970s", "x", "", "２０００s"],
    "year": ["1993", "93", "1990-1999", "2010-", "-1990", "1999-1990", "", "abc"],
    "director": ["kieslowski", "KIEŚLOWSKI", "assayas", "haneke", "denis", "zzz", ""],
    "award": ["cesar", "oscar", "volpi", "césar", "bafta", "silver bear", ""],
    "costar": ["magimel", "Benoît Magimel", "x", ""],
    "kind": ["feature", "doc", "short", "s", "tv", "bogus", ""],
    "credit": ["lead", "LEAD", "supporting", "cameo", "x"],
    "runtime": ["<100", "90-120", ">150", "abc", "", "120-90"],
    "language": ["English", "French", "french", "klingon", ""],
    "search": ["bleu", "rouge", "é", "hana", "", "[i]"],
    "out_format": ["plain", "tsv", "csv", "json", "jsonl", "table", "markdown", "JSON", " json", "bogus", ""],
    "fields": ["year,title", "Year,TITLE", "title", "id,imdb", "bogus", "", ",,", "title,title", "awards"],
    "sort": ["year", "title", "director", "awards", "bogus", ""],
    "limit": ["1", "2", "0", "-1", "x", "99999999999", "05"],
    "data": [str(SMALL), str(BEHAVIOUR), "", "/nonexistent.toml"],
    "color": ["auto", "never", "always", "NEVER", "purple", ""],
    "titles": ["english", "original", "both", "o", "b", "x", ""],
}
WORDS = [
    "kieslowski",
    "Kieślowski",
    "haneke",
    "assayas",
    "magimel",
    "juliette binoche",
    "bleu",
    "certified copy",
    "paris",
    "damage",
    "three colours",
    "caché",
    "cesar",
    "oscar",
    "1990s",
    "90s",
    "2020s",
    "zzz",
    "",
    "-",
    "é",
]
GOOD_WORDS = {
    "decade": ["1990s", "90s", "2000", "'80s"],
    "director": ["kieslowski", "Kieślowski", "haneke", "assayas", "denis"],
    "award": ["cesar", "oscar", "volpi", "bafta"],
    "film": ["bleu", "certified copy", "damage", "caché", "the english patient"],
    "search": ["magimel", "bleu", "hana", "volpi"],
    "together": ["magimel", "kieslowski", "assayas", "juliette binoche"],
}
COMMANDS = [
    *lane.COMMANDS,
    *lane.COMMANDS,
    "timeline",
    "stats",
    "graph",
    "open",
    "flims",
    "directr",
    "Films",
    "help",
]
NOISE = [
    "--help",
    "-h",
    "--version",
    "--",
    "--bogus",
    "-x",
    "--decad",
    "--fields",
    "-fjson",
    "--format=json",
    "-n1",
]


def _option_names(dest: str) -> list[str]:
    spec = every_option()[dest]
    return [*spec.names, *spec.off_names]


def _one_option(rng: random.Random, dests: list[str]) -> list[str]:
    dest = rng.choice(dests)
    spec = every_option()[dest]
    name = rng.choice(_option_names(dest))
    if spec.arity in ("flag", "switch"):
        return [name]
    values = VALUES[dest]
    value = rng.choice(values[:3] if rng.random() < 0.6 else values)  # the first three are valid
    if name.startswith("--") and rng.random() < 0.2:
        return [f"{name}={value}"]
    return [name, value]


def command_line(rng: random.Random) -> list[str]:
    """One argv from the grammar."""
    root = list(ROOT)
    argv: list[str] = []
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        argv += _one_option(rng, root)
    command = rng.choice(COMMANDS)
    argv.append(command)
    taken = sorted(lane.COMMANDS[command].options) if command in lane.COMMANDS else list(FILTERS)
    body: list[list[str]] = []
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        body.append(_one_option(rng, taken if rng.random() < 0.85 else list(every_option())))
    positional = lane.COMMANDS[command].positional if command in lane.COMMANDS else "many"
    wanted = {"": (0, 0, 0, 0, 1), "one": (1, 1, 1, 1, 2), "many": (1, 1, 1, 2, 0)}[positional]
    for _ in range(rng.choice(wanted)):
        body.append([rng.choice(GOOD_WORDS.get(command, WORDS) if rng.random() < 0.7 else WORDS)])
    if rng.random() < 0.4 and "out_format" in taken:
        body.append(_one_option(rng, ["out_format"]))
    if rng.random() < 0.15:
        body.append(_one_option(rng, root))
    if rng.random() < 0.1:
        body.append([rng.choice(NOISE)])
    if rng.random() < 0.1 and body:
        body.append(rng.choice(body))  # repeated
    rng.shuffle(body)
    return argv + [word for part in body for word in part]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the runs the lane answered."""
    answered: list[int] = []
    real: Callable[[list[str]], int | None] = fast.answer

    def answer(argv: list[str]) -> int | None:
        code = real(argv)
        if code is not None:
            answered.append(code)
        return code

    monkeypatch.setattr(fast, "answer", answer)
    return answered


def _both(cli: Cli, argv: list[str]) -> tuple[Result, Result]:
    return cli(*argv, env={"BINOCHE_FAST": "1"}), cli(*argv, env={"BINOCHE_FAST": "0"})


def test_the_lane_answers_as_the_framework_does(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    answered = _counting(monkeypatch)
    rng = random.Random(SEED)
    for _ in range(COUNT):
        argv = command_line(rng)
        lane, framework = _both(cli, argv)
        assert lane == framework, argv
    # The grammar reaches the lane often enough for the comparison to mean something.
    assert len(answered) > COUNT // 10


@pytest.mark.parametrize(
    "argv",
    [
        ["director", "kieslowski"],
        ["films", "--decade", "1990s"],
        ["award", "oscar", "-f", "json"],
        ["film", "certified copy", "-f", "json"],
        ["search", "magimel"],
        ["--titles", "both", "decade", "90s", "-f", "csv", "--csv-safe"],
        ["together", "magimel", "--fields", "title"],
        ["costars", "-d", "assayas", "-f", "jsonl"],
        ["directors", "--won", "-n", "2"],
        ["awards", "--won", "--decade", "1990s", "--no-header", "-f", "tsv"],
        ["film", "bleu", "--titles", "original"],
    ],
)
def test_common_lookups_take_the_lane(cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    answered = _counting(monkeypatch)
    lane, framework = _both(cli, argv)
    assert answered == [0] and lane.exit_code == 0 and lane.stdout
    assert lane == framework


@pytest.mark.parametrize(
    "argv",
    [
        ["director", "kieslowski", "--help"],
        ["director", "zzz"],  # nothing matched: the command words it
        ["film", "three colours"],  # ambiguous: exit 4 and the candidates
        ["films", "-f", "table"],
        ["films", "--fields"],
        ["films", "--decade", "x"],
        ["films", "--colour", "never"],
        ["--color", "purple", "films", "--color", "never"],
    ],
)
def test_the_lane_passes_on_what_it_is_not_sure_of(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    answered = _counting(monkeypatch)
    lane, framework = _both(cli, argv)
    assert answered == []
    assert lane == framework


def _typer_command(name: str) -> typer.core.TyperCommand:
    group: Any = typer.main.get_command(app)
    command = group.commands[name]
    assert isinstance(command, typer.core.TyperCommand)
    return command


@pytest.mark.parametrize("name", sorted(lane.COMMANDS))
def test_the_lane_takes_the_declared_options_of_each_command(name: str) -> None:
    """The lane's table of commands agrees with the Typer commands: the declared options each
    takes (options declared inline, as `--min`, are the framework's alone) and its arguments."""
    command = _typer_command(name)
    declared = set(every_option())
    typer_options = {p.name for p in command.params if p.param_type_name == "option"} & declared
    assert set(lane.COMMANDS[name].options) | set(ROOT) == typer_options
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    many = {"": None, "one": False, "many": True}[lane.COMMANDS[name].positional]
    if many is None:
        assert arguments == []
    else:
        assert len(arguments) == 1 and (arguments[0].nargs == -1) == many


def test_every_listing_command_takes_every_filter() -> None:
    """Adding a filter to FilterOptions gives it to every command that lists or counts films."""
    for name, excluded in {
        "films": set(),
        "decade": {"decade"},
        "director": {"director"},
        "award": {"award"},
        "directors": set(),
        "costars": set(),
        "together": set(),
        "timeline": set(),
        "stats": {"seen"},  # --seen is the viewing log there
        "graph": set(),
    }.items():
        names = {p.name for p in _typer_command(name).params}
        assert set(FILTERS) - excluded <= names, name


def _child(argv: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "binoche_cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=full,
        timeout=60,
    )


def _imported(stderr: str) -> set[str]:
    return {
        line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["director", "kieslowski"],
        ["films", "--decade", "1990s", "-f", "csv"],
        ["film", "certified copy", "-f", "json"],
    ],
)
def test_a_piped_lookup_never_imports_typer(argv: list[str]) -> None:
    lane = _child(argv)
    framework = _child(argv, BINOCHE_FAST="0")
    assert "typer" not in _imported(lane.stderr) and "rich" not in _imported(lane.stderr)
    assert "typer" in _imported(framework.stderr)
    assert lane.returncode == framework.returncode == 0
    assert lane.stdout == framework.stdout and lane.stdout


def test_the_lane_on_an_ascii_stream_matches_the_framework() -> None:
    argv = ["films", "-d", "kieslowski", "--titles", "both", "-f", "tsv"]
    lane = _child(argv, PYTHONIOENCODING="ascii")
    framework = _child(argv, PYTHONIOENCODING="ascii", BINOCHE_FAST="0")
    assert lane.returncode == framework.returncode == 0
    assert "typer" not in _imported(lane.stderr)
    assert lane.stdout == framework.stdout and "Kie" in lane.stdout and lane.stdout.isascii()


def test_the_gate_names_exactly_the_lane_commands() -> None:
    assert set(lane.COMMANDS) == fast.LANE_COMMANDS


@pytest.mark.parametrize("args", [["seen", "path"], ["help"], ["stats", "-f", "json"], ["--help"]])
def test_commands_the_lane_never_answers_do_not_import_it(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from binoche_cli.cli import entry\n"
        f"entry.main({args!r})\n"
        "print('LANE', 'binoche_cli.cli.fast.lane' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LANE False" in result.stderr, result.stderr
