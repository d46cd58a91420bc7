"""files.py: bounded reads that refuse devices and never hang, atomic writes that never tear."""

from __future__ import annotations

import fcntl
import os
import random
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from binoche_cli import files
from binoche_cli.files import FileProblem, check_writable, is_stdout_path, read_bounded, write_atomic

MIB = 1024 * 1024
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")


def _run_python(code: str, timeout: float = 20, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """A child interpreter: a hang fails the test by timeout instead of hanging the suite."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


# ---------------------------------------------------------------------------------------
# read_bounded


def test_reads_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"Name,Year\n")
    assert read_bounded(target, 100, "an import file") == b"Name,Year\n"
    assert read_bounded(str(target), 10, "an import file") == b"Name,Year\n"  # exactly the limit


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "big.csv"
    target.write_bytes(b"x" * (2 * MIB + 1))
    with pytest.raises(FileProblem, match=r"big\.csv: over the 2 MiB limit for an import file") as info:
        read_bounded(target, 2 * MIB, "an import file")
    assert info.value.reason == "too-large"


@pytest.mark.parametrize(
    ("make", "pattern", "reason"),
    [
        (lambda p: p, r"nothing: no such file", "missing"),
        (lambda p: (p.mkdir(), p)[1], r"nothing: is a directory, not a log", "directory"),
    ],
)
def test_missing_and_directory(
    tmp_path: Path, make: Callable[[Path], Path], pattern: str, reason: str
) -> None:
    path = make(tmp_path / "nothing")
    with pytest.raises(FileProblem, match=pattern) as info:
        read_bounded(path, 100, "a log")
    assert info.value.reason == reason
    assert "\n" not in str(info.value)


@posix_only
def test_dev_zero_is_refused_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused from its stat alone: the device is never opened, let alone read."""

    def refuse(*args: object) -> int:
        raise AssertionError("opened a device that stat already refused")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(FileProblem, match="/dev/zero: not a regular file"):
        read_bounded("/dev/zero", 50 * MIB, "a log")


@posix_only
def test_dev_zero_handed_over_as_a_descriptor_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """`binoche seen import /dev/fd/3 3</dev/zero`: allowed to open, but bounded."""
    fd = os.open("/dev/zero", os.O_RDONLY)
    asked: list[int] = []
    real_read = os.read

    def counting(descriptor: int, size: int) -> bytes:
        asked.append(size)
        return real_read(descriptor, size)

    try:
        with monkeypatch.context() as patch:
            patch.setattr(os, "read", counting)
            with pytest.raises(FileProblem, match="over the 1 MiB limit"):
                read_bounded(f"/dev/fd/{fd}", MIB, "an import file")
        assert sum(asked) <= MIB + 1  # one byte past the limit, never more
    finally:
        os.close(fd)


@posix_only
def test_named_fifo_without_writer_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _run_python(
        f"""
        from binoche_cli.files import read_bounded, FileProblem
        try:
            read_bounded({str(fifo)!r}, 1000, "an import file")
        except FileProblem as exc:
            print("refused:", exc)
        """,
        timeout=15,
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "not a regular file" in result.stdout


@posix_only
def test_fifo_via_dev_fd_without_writer_does_not_hang(tmp_path: Path) -> None:
    """A FIFO the user handed over whose writer never comes: an empty read, not a hang."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _run_python(
        f"""
        import os
        from binoche_cli.files import read_bounded
        fd = os.open({str(fifo)!r}, os.O_RDONLY | os.O_NONBLOCK)
        print(repr(read_bounded(f"/dev/fd/{{fd}}", 1000, "an import file")))
        """,
        timeout=15,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b''"


@posix_only
def test_pipe_handed_over_by_the_shell_is_read(tmp_path: Path) -> None:
    """`binoche seen import <(unzip -p export.zip diary.csv)` passes /dev/fd/63, a pipe."""
    script = (
        "from binoche_cli.files import read_bounded; import sys; print(read_bounded(sys.argv[1], 1000, 'x'))"
    )
    result = subprocess.run(
        ["bash", "-c", f"{sys.executable} -c \"{script}\" <(printf 'Name,Year\\nBlue,1993\\n')"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 0, result.stderr
    assert "Name,Year\\nBlue,1993\\n" in result.stdout


@posix_only
def test_pipe_via_dev_fd_in_process() -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"hello")
    os.close(write_end)
    try:
        assert read_bounded(f"/dev/fd/{read_end}", 100, "x") == b"hello"
    finally:
        os.close(read_end)


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"from stdin")))
    assert read_bounded("-", 100, "x") == b"from stdin"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(FileProblem, match="stdin: over the 100 byte limit"):
        read_bounded("-", 100, "x")


@posix_only
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.json"
    target.write_text("{}")
    target.chmod(0o000)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def refuse(path: str, *args: Any) -> int:
            if str(path) == str(target):
                raise PermissionError(13, "Permission denied", path)
            return real_open(path, *args)

        monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(FileProblem, match=r"secret\.json: permission denied") as info:
        read_bounded(target, 100, "a log")
    assert info.value.reason == "permission"


def test_control_characters_in_names_stay_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(FileProblem) as info:
        read_bounded(tmp_path / "bad\nname", 100, "x")
    assert "\n" not in str(info.value) and "bad\\nname" in str(info.value)


# ---------------------------------------------------------------------------------------
# write_atomic


@posix_only
def test_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
        os.umask(0o077)
        write_atomic(tmp_path / "private.json", b"{}")
        assert stat.S_IMODE((tmp_path / "private.json").stat().st_mode) == 0o600
    finally:
        os.umask(old)


@posix_only
def test_replacing_keeps_the_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "seen.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "dotfiles"
    real_dir.mkdir()
    real = real_dir / "seen.json"
    real.write_bytes(b"old")
    link = tmp_path / "seen.json"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink(), "the link itself must survive"
    assert real.read_bytes() == b"new"
    # The temporary file lived beside the target, not beside the link.
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".binoche-")]


@posix_only
def test_chain_of_symlinks_and_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "final.json"
    middle = tmp_path / "middle.json"
    middle.symlink_to(target)  # dangling for now
    first = tmp_path / "first.json"
    first.symlink_to(middle)
    write_atomic(first, b"created")
    assert target.read_bytes() == b"created" and first.is_symlink() and middle.is_symlink()


@posix_only
def test_never_replaces_a_non_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(FileProblem, match="not a regular file"):
        write_atomic("/dev/null", b"x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    (tmp_path / "dir").mkdir()
    with pytest.raises(FileProblem, match="is a directory"):
        write_atomic(tmp_path / "dir", b"x")


def test_check_writable(tmp_path: Path) -> None:
    check_writable(tmp_path / "new.png")
    check_writable("-")
    with pytest.raises(FileProblem, match="does not exist"):
        check_writable(tmp_path / "missing" / "out.png")
    with pytest.raises(FileProblem, match="is a directory"):
        check_writable(tmp_path)


@posix_only
def test_check_writable_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    readonly = tmp_path / "readonly.csv"
    readonly.write_text("x")
    readonly.chmod(0o444)
    if os.geteuid() == 0:  # root may write anywhere: answer os.access as for a user
        real_access = os.access
        denied = {str(locked), str(readonly)}
        monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) in denied else real_access(p, mode))
    with pytest.raises(FileProblem, match="cannot create files in") as info:
        check_writable(locked / "out.png")
    assert info.value.reason == "permission"
    with pytest.raises(FileProblem, match="read-only"):
        check_writable(readonly)
    with pytest.raises(FileProblem, match="read-only"):
        write_atomic(readonly, b"new")
    assert readonly.read_text() == "x"


def test_stdout_paths() -> None:
    assert is_stdout_path("-") and is_stdout_path("/dev/stdout") and is_stdout_path(Path("-"))
    assert not is_stdout_path("out.csv")


def test_write_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_atomic("-", b"to stdout\n")
    assert capfdbinary.readouterr().out == b"to stdout\n"


@posix_only
def test_stale_temp_files_are_removed_but_live_ones_kept(tmp_path: Path) -> None:
    old = time.time() - 3600
    stale = tmp_path / ".binoche-stale.tmp"
    stale.write_bytes(b"debris")
    os.utime(stale, (old, old))
    young = tmp_path / ".binoche-young.tmp"
    young.write_bytes(b"being written")
    live = tmp_path / ".binoche-live.tmp"
    live.write_bytes(b"slow writer")
    os.utime(live, (old, old))
    other = tmp_path / ".other-old.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (old, old))
    with open(live, "rb") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)  # a writer that is still alive
        write_atomic(tmp_path / "seen.json", b"{}")
    assert not stale.exists()
    assert young.exists() and live.exists() and other.exists()


@posix_only
def test_a_failed_write_leaves_the_old_file_and_no_debris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "seen.json"
    target.write_bytes(b"old")

    def crash(temp_name: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_before_replace", crash)
    with pytest.raises(FileProblem, match="No space left on device"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["seen.json"]


_WRITER = """
import sys
from binoche_cli.files import write_atomic
target = sys.argv[1]
payloads = [b"A" * 300_000 + b"\\n", b"B" * 200_000 + b"\\n"]
i = 0
while True:
    write_atomic(target, payloads[i % 2])
    if i == 0:
        print("ready", flush=True)  # at least one write landed: the loop is running
    i += 1
"""


@posix_only
def test_kill_9_mid_write_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    target = tmp_path / "seen.json"
    initial = b"initial\n"
    target.write_bytes(initial)
    allowed = {initial, b"A" * 300_000 + b"\n", b"B" * 200_000 + b"\n"}
    rng = random.Random(1234)
    for _ in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            # The random moment of the crash is the point of the test, not a wait for an event.
            time.sleep(rng.uniform(0, 0.05))
            child.kill()
        finally:
            child.wait(timeout=10)
            if child.stdout:
                child.stdout.close()
        content = target.read_bytes()
        assert content in allowed
        assert content != initial  # the child wrote before it was killed
    debris = [p for p in tmp_path.iterdir() if p.name != "seen.json"]
    assert all(p.name.startswith(".binoche-") and p.name.endswith(".tmp") for p in debris)
