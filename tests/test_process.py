"""What only a real process shows: pipes, encodings, colour variables, signals, the entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_binoche

LISTINGS = [
    ["films"],
    ["decade", "1990s"],
    ["director", "kieslowski"],
    ["award", "cesar"],
    ["awards"],
    ["directors"],
    ["search", "a"],
    ["timeline"],
    ["stats"],
    ["guide"],
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"BINOCHE_HOME": str(tmp_path / "home"), "BINOCHE_CACHE_DIR": str(tmp_path / "cache"), **extra}


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["plain", "table"])
def test_broken_pipe_is_silent(tmp_path: Path, args: list[str], fmt: str) -> None:
    # No PYTHONUNBUFFERED: block buffering is what exposes a late flush into a closed pipe.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(_env(tmp_path))
    command = " ".join([f"'{sys.executable}'", "-m", "binoche_cli", *[f"'{a}'" for a in args], "-f", fmt])
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {command} | head -1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.stderr == ""
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1


def test_ascii_output_transliterates(tmp_path: Path) -> None:
    env = _env(tmp_path, PYTHONIOENCODING="ascii")
    result = run_binoche("director", "kieslowski", "--fields", "title,directors,awards", env=env)
    assert result.returncode == 0 and result.stderr == ""
    assert "Krzysztof Kieslowski" in result.stdout
    assert "Motion Picture - Drama" in result.stdout  # an en dash spelled "-", not "?"


def test_ascii_table_and_timeline_use_ascii_markers(tmp_path: Path) -> None:
    env = _env(tmp_path, PYTHONIOENCODING="ascii", COLUMNS="200")
    timeline = run_binoche("timeline", "-f", "table", "--decade", "1990s", env=env)
    assert timeline.returncode == 0, timeline.stderr
    assert "★" not in timeline.stdout and "* Volpi Cup" in timeline.stdout
    assert "(as Michele" in timeline.stdout  # transliterated, not replaced by "?"
    table = run_binoche("director", "kieslowski", "-f", "table", env=env)
    assert table.returncode == 0 and "Three Colours: Blue" in table.stdout


def test_c_locale(tmp_path: Path) -> None:
    result = run_binoche("film", "bleu", "-f", "table", env=_env(tmp_path, LC_ALL="C", LANG="C"))
    assert result.returncode == 0 and "Three Colours: Blue" in result.stdout


@pytest.mark.parametrize("variable", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_escape_codes(tmp_path: Path, variable: dict[str, str]) -> None:
    for args in (
        ["timeline", "-f", "table"],
        ["stats", "-f", "table"],
        ["director", "haneke", "-f", "table"],
    ):
        result = run_binoche(
            *args,
            env=_env(tmp_path, FORCE_COLOR="1", **variable)
            if "NO_COLOR" in variable
            else _env(tmp_path, **variable),
        )
        assert result.returncode == 0
        assert "\x1b" not in result.stdout


def test_force_color_and_color_never(tmp_path: Path) -> None:
    forced = run_binoche("director", "haneke", "-f", "table", env=_env(tmp_path, FORCE_COLOR="1"))
    assert "\x1b[" in forced.stdout
    never = run_binoche(
        "--color", "never", "director", "haneke", "-f", "table", env=_env(tmp_path, FORCE_COLOR="1")
    )
    assert "\x1b" not in never.stdout


def test_narrow_terminal_loses_no_data(tmp_path: Path) -> None:
    env = _env(tmp_path, COLUMNS="30")
    table = run_binoche("films", "-f", "table", env=env)
    assert table.returncode == 0
    for fmt in ("csv", "json"):
        result = run_binoche("films", "-f", fmt, "--fields", "title", env=env)
        assert result.returncode == 0
        titles = (
            [r["title"] for r in json.loads(result.stdout)]
            if fmt == "json"
            else [r["title"] for r in csv.DictReader(io.StringIO(result.stdout))]
        )
        assert "Emily Brontë's Wuthering Heights" in titles and len(titles) > 60
    timeline = run_binoche("timeline", "-f", "table", env=env)
    assert timeline.returncode == 0 and "Clouds of Sils" in timeline.stdout


def test_usage_error_is_one_line(tmp_path: Path) -> None:
    result = run_binoche("films", "--decade", "19x0", env=_env(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--decade" in result.stderr


def test_unknown_command_suggests(tmp_path: Path) -> None:
    result = run_binoche("dirctor", "x", env=_env(tmp_path))
    assert result.returncode == 2 and "director" in result.stderr and "Traceback" not in result.stderr


def test_bad_dataset_files_exit_3(tmp_path: Path) -> None:
    junk = tmp_path / "junk.toml"
    junk.write_bytes(os.urandom(4096))
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    big = tmp_path / "big.toml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[film]]\nyear = \n")
    for path in (junk, empty, big, broken, tmp_path / "missing.toml", tmp_path):
        result = run_binoche("--data", str(path), "films", env=_env(tmp_path))
        assert result.returncode == 3, (path, result.stderr)
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_dataset_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text("schema = 1\n")
    path.chmod(0)
    result = run_binoche("--data", str(path), "films", env=_env(tmp_path))
    assert result.returncode == 3 and "permission denied" in result.stderr


def test_interrupt_exits_130(tmp_path: Path) -> None:
    from tests.test_scaling import write_scaled_dataset

    data = write_scaled_dataset(tmp_path / "big.toml", 40)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(_env(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "binoche_cli", "--data", str(data), "films", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    # Nobody reads stdout, so the process blocks on a full pipe: interrupt it mid-output.
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in stderr


def test_installed_entry_point_runs_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "binoche_cli", "film", "the english patient", "-f", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **_env(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["year"] == 1996


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # Display forms, matched accent- and case-blind; bash gets spaces escaped.
        ("binoche films -d kies", "Krzysztof\\ Kieślowski"),
        ("binoche director kieś", "Krzysztof\\ Kieślowski"),
        ("binoche films --decade 19", "1990s"),
        ("binoche award cés", "César\\ Awards"),
        ("binoche films --kind doc", "documentary"),
        ("binoche film bleu", "Bleu"),
        ("binoche films --fields year,ti", "year,title"),
        ("binoche films --sort ti", "title"),
    ],
)
def test_shell_completion_from_the_data(tmp_path: Path, words: str, expected: str) -> None:
    env = _env(
        tmp_path, _BINOCHE_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1)
    )
    result = run_binoche(env=env)
    assert result.returncode == 0
    assert expected in result.stdout.splitlines()


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", ["40", "8"])
def test_narrow_columns_stack_records_and_keep_every_word(tmp_path: Path, columns: str) -> None:
    env = _env(tmp_path, COLUMNS=columns)
    table = run_binoche("films", "-f", "table", env=env)
    assert table.returncode == 0 and table.stderr == ""
    records = json.loads(run_binoche("films", "-f", "json", env=env).stdout)
    words = _words(table.stdout)
    assert table.stdout.count("\n\n") == len(records) - 1  # one block per film
    for record in records:
        assert str(record["year"]) in words  # never "19" / "93"
        for word in record["title"].split() + [w for d in record["directors"] for w in d.split()]:
            assert word in words, word
    assert all(line == line.rstrip() for line in table.stdout.splitlines())


def test_table_in_a_pipe_has_no_title_line(tmp_path: Path) -> None:
    result = run_binoche("director", "kieslowski", "-f", "table", env=_env(tmp_path, COLUMNS="120"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split()[:2] == ["year", "title"]


def test_control_characters_in_messages_are_shown(tmp_path: Path) -> None:
    hostile = "zz\x1b]0;pwned\x07\x1b[2J\u202e"
    result = run_binoche("film", hostile, env=_env(tmp_path))
    assert result.returncode == 1 and result.stdout == ""
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr and "\x07" not in result.stderr
    assert "\u241b" in result.stderr  # shown as a control picture
    missing = run_binoche("--data", str(tmp_path / "no\x1b[2Jfile.toml"), "films", env=_env(tmp_path))
    assert missing.returncode == 3 and "\x1b" not in missing.stderr
    assert "\u241b[2J" in missing.stderr or "\\x1b[2J" in missing.stderr  # shown, one way or another


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C"}, {"NO_COLOR": "1"}, {"TERM": "dumb"}],
    ids=["ascii", "C", "NO_COLOR", "dumb"],
)
def test_tables_and_charts_in_hostile_environments(tmp_path: Path, env: dict[str, str]) -> None:
    for args in (["films"], ["stats"], ["guide"], ["timeline"], ["film", "bleu"]):
        result = run_binoche(*args, "-f", "table", env=_env(tmp_path, COLUMNS="60", **env))
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == "" and "\x1b" not in result.stdout
        if "PYTHONIOENCODING" in env:
            result.stdout.encode("ascii")
