"""Closed, full and interrupted standard streams, through the real entry point.

The entry point leaves with `os._exit` after flushing; these tests also prove that nothing
is lost that way: large outputs arrive whole, and files are complete.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_binoche

ENTRY = [sys.executable, "-m", "binoche_cli"]


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result: subprocess.CompletedProcess[bytes] = subprocess.run(
        [*ENTRY, *args], capture_output=True, env=env, timeout=60, **kwargs
    )
    return result


@pytest.mark.parametrize("args", [["films"], ["--help"], ["films", "--help"], ["seen", "add", "damage"]])
def test_closed_stdout_is_one_line_and_exit_5(args: list[str], tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "BINOCHE_HOME": str(home)}
    env.pop("PYTHONUNBUFFERED", None)
    result = subprocess.run(
        [*ENTRY, *args],
        stdout=None,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 5
    assert result.stderr.decode().count("\n") == 1 and b"Traceback" not in result.stderr
    assert not home.exists()  # `seen add` did not write its mark first


def test_full_stdout_is_one_line_and_exit_5() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*ENTRY, "films", "-f", "json"], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert result.returncode == 5
    assert (
        result.stderr.decode().strip() == "binoche: cannot write to standard output: No space left on device"
    )


@pytest.mark.parametrize(
    ("args", "code"), [(["films", "--decade", "x"], 2), (["films", "--decade", "1970s"], 1)]
)
def test_closed_stderr_keeps_the_documented_exit_code(args: list[str], code: int) -> None:
    result = subprocess.run(
        [*ENTRY, *args],
        capture_output=False,
        stdout=subprocess.DEVNULL,
        timeout=60,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == code


def test_closed_stderr_on_success_is_zero(tmp_path: Path) -> None:
    env = {**os.environ, "BINOCHE_HOME": str(tmp_path)}
    result = subprocess.run(
        [*ENTRY, "seen", "add", "damage"],
        stdout=subprocess.DEVNULL,
        env=env,
        timeout=60,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 0


def test_quick_exit_loses_no_output() -> None:
    """A large JSON document through a pipe arrives whole and parses."""
    whole = _run(["films", "-f", "json"])
    assert whole.returncode == 0
    rows = json.loads(whole.stdout)
    assert len(rows) == len(json.loads(run_binoche("films", "-f", "json").stdout))
    lines = _run(["films", "-f", "jsonl"]).stdout.decode().splitlines()
    assert len(lines) == len(rows) and all(json.loads(line) for line in lines)


def test_quick_exit_leaves_complete_files(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = _run(["timeline", "--html", str(target), "-f", "json"])
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_pipe_closed_early_is_silent() -> None:
    result = subprocess.run(
        f"{sys.executable} -m binoche_cli films -f jsonl | head -1",
        shell=True,
        capture_output=True,
        timeout=60,
    )
    assert result.stderr == b"" and result.stdout.count(b"\n") == 1


# The delay before the signal is the point of this test (Ctrl-C at different moments of the
# start-up), so it is a sleep; but it is counted from an event, the moment our entry module is
# imported (`-X importtime` reports it on stderr), not from the spawn. A SIGINT during the
# interpreter's own start-up (runpy, site) is before any code of ours and cannot be handled; on a
# loaded machine that window lasts longer than any fixed delay from the spawn.
@pytest.mark.parametrize("delay", [0.0, 0.02, 0.04, 0.08, 0.12, 0.25])
def test_early_ctrl_c_exits_130_without_a_traceback(delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "binoche_cli", "films", "-f", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    early: list[bytes] = []
    while not early or b"binoche_cli.cli.entry" not in early[-1]:
        line = process.stderr.readline()
        assert line, b"".join(early).decode(errors="replace")  # exited before importing the entry
        early.append(line)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=60)
    err = b"".join(early) + rest
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert process.returncode in (0, 130)


def test_entry_exit_codes_match_the_documented_ones() -> None:
    """entry.py and streams.py repeat codes so that they import nothing of ours early."""
    from binoche_cli.cli import entry, streams
    from binoche_cli.cli.app import ExitCode

    assert entry.EXIT_OUTPUT == streams.EXIT_OUTPUT == ExitCode.OUTPUT
    assert entry.EXIT_INTERRUPTED == ExitCode.INTERRUPTED


def test_importing_the_entry_changes_no_process_state() -> None:
    """Imported off the main thread, in a fresh interpreter: no error, the Ctrl-C handler is
    Python's own, and main() gives it back when it returns."""
    script = (
        "import signal, threading, sys\n"
        "before = signal.getsignal(signal.SIGINT)\n"
        "errors = []\n"
        "def load():\n"
        "    try:\n"
        "        import binoche_cli.cli.entry, binoche_cli.cli.application\n"
        "    except BaseException as exc:\n"
        "        errors.append(repr(exc))\n"
        "t = threading.Thread(target=load); t.start(); t.join()\n"
        "assert not errors, errors\n"
        "assert signal.getsignal(signal.SIGINT) is before\n"
        "from binoche_cli.cli.entry import main\n"
        "code = main(['films', '-n', '1'])\n"
        "assert signal.getsignal(signal.SIGINT) is before\n"
        "print('code', code)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("code 0")


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["--version"], ["--show-completion", "bash"]])
def test_help_to_a_full_stdout_is_one_line_and_exit_5(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*ENTRY, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 5
    assert result.stderr.decode() == "binoche: cannot write to standard output: No space left on device\n"
