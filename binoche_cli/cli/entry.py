"""The console script's first code: it runs before Typer, Rich or the commands are imported.

Ctrl-C during those imports (the first ~100 ms) would print a KeyboardInterrupt traceback,
and a closed stdout or stderr would turn into a traceback or exit 120. Both are settled here,
with nothing but the standard library loaded.
"""

import os
import sys

try:  # the C module behind `signal`: `import signal` itself loads enum, a few ms Ctrl-C can hit
    import _signal as signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - not CPython
    import signal

EXIT_OUTPUT = 5  # app.ExitCode.OUTPUT, repeated here so this module imports nothing of ours
EXIT_INTERRUPTED = 130


def _interrupted_while_starting(signum: int, frame: object) -> None:
    os._exit(EXIT_INTERRUPTED)


def _closed(stream: object) -> bool:
    if stream is None:
        return True
    try:
        os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        return True
    return False


# Installed as this module is imported, the console script's first step: from here on a
# Ctrl-C during the imports exits 130 quietly. (Before it, the interpreter is still starting.)
_PREVIOUS_HANDLER = signal.signal(signal.SIGINT, _interrupted_while_starting)


def main() -> None:
    if _closed(sys.stderr):
        # Messages go nowhere, but the exit code stays the documented one.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if _closed(sys.stdout):
        sys.stderr.write("binoche: standard output is closed; nothing was done\n")
        sys.stderr.flush()
        os._exit(EXIT_OUTPUT)
    from binoche_cli.cli.app import main as run
    from binoche_cli.cli.commands import register

    # From here on Ctrl-C is a KeyboardInterrupt again, so locks and temp files are released.
    signal.signal(signal.SIGINT, _PREVIOUS_HANDLER)
    try:
        run(register)
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    _leave(code)


def _leave(code: int) -> None:
    """Flush, then exit without the interpreter's teardown (about a seventh of a lookup).

    Everything the command opened is closed by then (files and the watch-list lock are
    released by their `with` blocks); only the standard streams still hold data.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except OSError:
            if stream is sys.stdout and code == 0:
                code = EXIT_OUTPUT
                _say("binoche: cannot write to standard output")
    os._exit(code)


def _say(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
